//! The index against the compiled flagship: the text walk finds what the compiler found.

use std::collections::HashMap;
use std::path::Path;

use crate::scenario::{FLAGSHIP, load};

use super::index::{Index, Kind, Role};

fn flagship() -> Index {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/pet-clinic-vsm");
    Index::build(&root, &HashMap::new())
}

#[test]
fn every_id_the_compiler_knows_is_defined_once_and_every_use_resolves() {
    let index = flagship();
    let scenario = load(&FLAGSHIP)
        .ok()
        .and_then(|loaded| loaded.scenario)
        .expect("the flagship loads");
    let mut scenes: Vec<String> = scenario.scenes.iter().map(|s| s.id.to_string()).collect();
    scenes.sort();
    assert_eq!(index.names(Kind::Scene), scenes);
    let mut characters: Vec<String> = scenario
        .characters
        .iter()
        .map(|c| c.id.to_string())
        .collect();
    characters.sort();
    assert_eq!(index.names(Kind::Character), characters);
    for o in &index.occurrences {
        let defined = index.definitions(o.kind, &o.name).len();
        // A flag is "defined" wherever it is set, which may be in several places.
        let fits = defined == 1 || (o.kind == Kind::Flag && defined > 1);
        assert!(
            fits,
            "{} `{}` at {}:{:?} has {defined} definitions",
            o.kind.noun(),
            o.name,
            o.file.display(),
            o.span
        );
        let text = &index.texts[&o.file];
        assert_eq!(&text[o.span.clone()], o.name, "span of {}", o.name);
    }
    let uses = |kind| {
        index
            .occurrences
            .iter()
            .filter(|o| o.kind == kind && o.role == Role::Use)
            .count()
    };
    // The flagship names scenes, speakers, competencies and maps many times over.
    assert!(uses(Kind::Scene) > scenes.len());
    assert!(uses(Kind::Character) > 50);
    assert!(uses(Kind::Competency) > 10);
    assert!(uses(Kind::Map) > 10);
}

#[test]
fn unsaved_text_stands_in_for_the_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lsp/clinic");
    let scenes = std::fs::read_to_string(root.join("scenes.toml")).unwrap_or_default();
    let unsaved = HashMap::from([(
        "scenes.toml".to_string(),
        scenes.replace("id = \"middle\"", "id = \"hallway\""),
    )]);
    let index = Index::build(&root, &unsaved);
    assert!(index.scene("hallway").is_some() && index.scene("middle").is_none());
    assert_eq!(index.definitions(Kind::Scene, "middle").len(), 0);
    assert_eq!(index.all_of(Kind::Scene, "middle").len(), 3);
}
