//! Parsing the tables of `scenario.toml` and of scene files into the serde model, each table
//! on its own.

use std::cell::OnceCell;
use std::collections::HashSet;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::diagnostic::{Diagnostic, FileId, Sources};
use crate::toml_doc::{self, Doc, Format, each, lenient, table_id};

use super::super::model::{
    Character, Competency, Grade, Manifest, MapFile, Scene, TABLE_KEYS, Workbench, keys_of,
};
use super::Broken;

/// Scenario files for the diagnostics of [`toml_doc`].
static SCENARIO: Format = Format {
    tables: TABLE_KEYS,
    entries: "another scene or option",
    headers_twice: &[(
        "[scene.question]",
        "a scene has one question; to ask another, start a new scene with a `[[scene]]` header first",
    )],
    examples: &[
        ("kind", "\"single\""),
        ("min", "0"),
        ("when", "\"flag.<name>\""),
        ("goto", "\"<scene id>\""),
        ("id", "\"<id>\""),
    ],
    untagged: &[
        (
            "NumberSource",
            "a number, or an expression in quotes",
            "write `answer = 14.6`, or `answer = \"2 / 8 * 100\"` to compute it",
        ),
        (
            "FlagValue",
            "`true`, `false`, a whole number or text in quotes",
            "a flag holds one value, such as `set = { mood = \"calm\" }`",
        ),
    ],
    range_hints: &[(
        "min",
        "`min` is a percentage of the attainable score, from 0 to 100",
    )],
};

pub(super) fn parse_manifest(
    sources: &Sources,
    file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
    broken: &mut Broken,
) -> Manifest {
    let (table, syntax_errors) = toml_doc::parse(&SCENARIO, sources, file, diagnostics);
    let span = table.span();
    let root = table.get_ref();
    let doc = Doc::new(
        &SCENARIO,
        file,
        sources.name(file),
        sources.text(file),
        root,
    );
    let mut head = DeTable::new();
    let mut characters = Vec::new();
    let mut competencies = Vec::new();
    let mut grades = Vec::new();
    let mut maps = Vec::new();
    let mut workbenches = Vec::new();
    for (key, value) in root.iter() {
        match key.get_ref().as_ref() {
            "character" => {
                characters = each::<Character>(&doc, value, diagnostics, &mut broken.characters)
            }
            "competency" => {
                competencies =
                    each::<Competency>(&doc, value, diagnostics, &mut broken.competencies)
            }
            "map" => {
                maps = each::<MapFile>(&doc, value, diagnostics, &mut broken.maps);
            }
            "workbench" => {
                workbenches = each::<Workbench>(&doc, value, diagnostics, &mut broken.maps);
            }
            "grade" => {
                let mut lost = HashSet::new();
                grades = each::<Grade>(&doc, value, diagnostics, &mut lost);
                broken.grades = grades.len() < value.get_ref().as_array().map_or(1, |a| a.len());
            }
            _ => {
                head.insert(key.clone(), value.clone());
            }
        }
    }
    let head = Spanned::new(span, DeValue::Table(head));
    let mut manifest = lenient::<Manifest>(&doc, &head, diagnostics)
        .map(|(m, _)| m)
        .unwrap_or_default();
    for (key, example) in [
        ("id", "\"my-scenario\""),
        ("title", "\"...\""),
        ("start", "\"<first scene id>\""),
        ("scenes", "[\"scenes.toml\"]"),
    ] {
        // A key may be missing only because a syntax error hid it.
        if !root.contains_key(key) && !syntax_errors {
            diagnostics.push(doc.missing_top_key(key, example));
        }
    }
    manifest.characters = characters.into_iter().map(|(c, _)| c).collect();
    manifest.competencies = competencies.into_iter().map(|(c, _)| c).collect();
    manifest.grades = grades.into_iter().map(|(g, _)| g).collect();
    manifest.maps = maps.into_iter().map(|(m, _)| m).collect();
    manifest.workbenches = workbenches.into_iter().map(|(w, _)| w).collect();
    manifest
}

/// What one scene file holds, and what is wrong with it.
pub(super) struct SceneFile {
    pub(super) scenes: Vec<Scene>,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Ids of the `[[scene]]` tables that could not be read.
    pub(super) broken: HashSet<String>,
}

pub(super) fn parse_scene_file(sources: &Sources, file: FileId) -> SceneFile {
    let mut diagnostics = Vec::new();
    let mut broken = HashSet::new();
    let text = sources.text(file);
    let (table, _) = toml_doc::parse(&SCENARIO, sources, file, &mut diagnostics);
    // Deserialising consumes the tree, which saves copying every table. A table that fails is
    // read again, reporting each of its problems, from a second parse of the same text (which
    // gives the same tree): only files with mistakes pay for it.
    let second = OnceCell::new();
    let again = || second.get_or_init(|| DeTable::parse_recoverable(text).0);
    let doc = OnceCell::new();
    let mut scenes = Vec::new();
    for (key, value) in table.into_inner() {
        let name = key.get_ref();
        if name == "scene" {
            let span = value.span();
            let items = match value.into_inner() {
                DeValue::Array(items) => items,
                single => [Spanned::new(span, single)].into_iter().collect(),
            };
            for (index, item) in items.into_iter().enumerate() {
                if let Ok(scene) = Scene::deserialize(ValueDeserializer::from(item)) {
                    scenes.push(scene);
                    continue;
                }
                let root = again().get_ref();
                let Some(item) = root.get("scene").and_then(|value| match value.get_ref() {
                    DeValue::Array(items) => items.get(index),
                    _ => Some(value),
                }) else {
                    continue;
                };
                let doc =
                    doc.get_or_init(|| Doc::new(&SCENARIO, file, sources.name(file), text, root));
                match lenient::<Scene>(doc, item, &mut diagnostics) {
                    Some((scene, damaged)) => scenes.push(Scene { damaged, ..scene }),
                    None => {
                        broken.insert(table_id(item));
                    }
                }
            }
            continue;
        }
        let hint = if keys_of("scene").is_some_and(|keys| keys.contains(&name.as_ref())) {
            format!("`{name}` is a key of a scene: write it below a `[[scene]]` header")
        } else {
            "a scene file holds only `[[scene]]` tables; scenario settings belong in scenario.toml"
                .to_string()
        };
        diagnostics.push(
            Diagnostic::error(
                "unknown-key",
                format!("unknown key `{name}` at the top level of a scene file"),
            )
            .at(file, key.span(), "outside any `[[scene]]`")
            .hint(hint),
        );
    }
    SceneFile {
        scenes,
        diagnostics,
        broken,
    }
}
