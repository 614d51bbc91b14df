//! The JSON Schemas of the format: the committed copies in `schema/` equal `dojo schema`'s
//! output, every key is described for editors, and every shipped and fixture scenario file
//! conforms (checked by a small validator of the keywords schemars emits, `schema_validate.rs`).

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{dojo_in_repo, stdout_of};
use crate::schema_validate as validate;
use serde_json::Value;

/// Each kind `dojo schema` takes, and the committed file that holds its output.
const KINDS: &[(&str, &str)] = &[
    ("manifest", "scenario.schema.json"),
    ("scenes", "scenes.schema.json"),
    ("map", "map.schema.json"),
];

/// Scenario folders whose files must conform: every shipped one, and the fixtures that are
/// meant to be valid.
const SCENARIO_ROOTS: &[&str] = &[
    "scenarios",
    "tests/fixtures/scenarios/code-review",
    "tests/fixtures/scenarios/workbench",
    "tests/fixtures/scenarios/workbench-fill",
];

fn printed(kind: &str) -> String {
    let output = dojo_in_repo().args(["schema", kind]).output().unwrap();
    assert!(output.status.success(), "dojo schema {kind} fails");
    stdout_of(&output)
}

fn committed(file: &str) -> Value {
    let path = Path::new("schema").join(file);
    let text = fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing {}", path.display()));
    serde_json::from_str(&text).expect("a committed schema is JSON")
}

#[test]
fn committed_schemas_equal_what_dojo_schema_prints() {
    for (kind, file) in KINDS {
        let path = Path::new("schema").join(file);
        let committed = fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == printed(kind),
            "{} is out of date: run `dojo schema {kind} --out schema/{file}`",
            path.display()
        );
    }
}

#[test]
fn out_writes_what_would_be_printed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.json");
    dojo_in_repo()
        .args(["schema", "map", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    assert_eq!(fs::read_to_string(&out).unwrap(), printed("map"));
}

#[test]
fn every_key_has_a_description_and_every_table_refuses_unknown_keys() {
    for (_, file) in KINDS {
        let schema = committed(file);
        let mut tables = vec![("(top level)".to_string(), &schema)];
        for (name, definition) in schema["definitions"].as_object().into_iter().flatten() {
            if definition.get("properties").is_some() {
                tables.push((name.clone(), definition));
            }
        }
        for (name, table) in tables {
            assert_eq!(
                table["additionalProperties"],
                Value::Bool(false),
                "{file}: {name} must refuse unknown keys"
            );
            for (key, property) in table["properties"].as_object().unwrap() {
                let described = property["description"]
                    .as_str()
                    .is_some_and(|d| !d.trim().is_empty());
                assert!(described, "{file}: `{key}` of {name} has no description");
            }
        }
    }
}

/// Every file of every scenario under `root`, with the schema it must meet, found through the
/// manifests (a folder may hold other TOML, such as playtest answers).
fn scenario_files(root: &Path) -> Vec<(PathBuf, &'static str)> {
    let mut found = Vec::new();
    let manifest = root.join("scenario.toml");
    if manifest.is_file() {
        let text = fs::read_to_string(&manifest).unwrap();
        let value: Value = toml::from_str(&text).expect("a manifest is TOML");
        for scene in value["scenes"].as_array().into_iter().flatten() {
            found.push((root.join(scene.as_str().unwrap()), "scenes.schema.json"));
        }
        for map in value["map"].as_array().into_iter().flatten() {
            found.push((root.join(map["file"].as_str().unwrap()), "map.schema.json"));
        }
        found.push((manifest, "scenario.schema.json"));
        return found;
    }
    for entry in fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(scenario_files(&path));
        }
    }
    found
}

#[test]
fn shipped_and_fixture_scenario_files_conform_to_their_schema() {
    let mut checked = 0;
    for root in SCENARIO_ROOTS {
        for (path, file) in scenario_files(Path::new(root)) {
            let text = fs::read_to_string(&path).unwrap();
            let relative = format!("schema/{file}");
            let depth = path.components().count() - 1;
            let directive = format!("#:schema {}{relative}", "../".repeat(depth));
            assert!(
                text.starts_with(&format!("{directive}\n")),
                "{} should start with `{directive}`",
                path.display()
            );
            let value: Value = toml::from_str(&text).expect("scenario files are TOML");
            let problems = validate::validate(&committed(file), &value);
            assert!(
                problems.is_empty(),
                "{} does not meet {relative}:\n{}",
                path.display(),
                problems.join("\n")
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} files were checked");
}

#[test]
fn the_worked_factory_example_conforms_to_the_map_schema() {
    let path = "docs/examples/garden-benches.vsm.toml";
    let text = fs::read_to_string(path).unwrap();
    assert!(text.starts_with("#:schema ../../schema/map.schema.json\n"));
    let value: Value = toml::from_str(&text).expect("TOML");
    let problems = validate::validate(&committed("map.schema.json"), &value);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_validator_catches_what_the_loader_refuses() {
    let cases = [
        (
            "scenes.schema.json",
            "[[scene]]\nid = \"a\"\n[[scene.route]]\nwhen = \"true\"\ngoto = \"b\"\nnext = \"c\"\n",
            "scene[0].route[0]: unknown key `next`",
        ),
        (
            "scenes.schema.json",
            "[[scene]]\nid = \"a\"\n[scene.question]\nkind = \"essay\"\nprompt = \"?\"\n",
            "scene[0].question.kind: \"essay\" matches 0 of the oneOf choices",
        ),
        (
            "scenario.schema.json",
            "id = \"x\"\ntitle = \"X\"\nscenes = []\n",
            "top level: missing key `start`",
        ),
        (
            "map.schema.json",
            "id = \"m\"\ntitle = \"M\"\n[[step]]\nid = \"a\"\nname = \"A\"\nlt = \"1d\"\npt = \"1h\"\nca = 120\n",
            "step[0].ca: 120 matches 0 of the anyOf choices",
        ),
        (
            "scenes.schema.json",
            "[[scene]]\nid = \"The End\"\nending = true\n",
            "scene[0].id: \"The End\" does not match ^[a-z][a-z0-9_-]*$",
        ),
        (
            "scenario.schema.json",
            "id = \"x\"\ntitle = \"X\"\nstart = \"a\"\nscenes = []\n[[character]]\nid = \"ana\"\nname = \"Ana\"\ncolour = \"teal\"\n",
            "character[0].colour: \"teal\" matches 0 of the anyOf choices",
        ),
        (
            "scenes.schema.json",
            "[[scene]]\nid = \"a\"\nnext = \"b\"\n[scene.question]\nkind = \"number\"\nprompt = \"?\"\n[[scene.question.option]]\nid = \"x\"\ntext = \"X\"\n",
            "scene[0].question.option: nothing is allowed here",
        ),
        (
            "scenes.schema.json",
            "[[scene]]\nid = \"a\"\nnext = \"b\"\n[scene.question]\nkind = \"number\"\nprompt = \"?\"\n",
            "scene[0].question: missing key `answer`",
        ),
        (
            "scenes.schema.json",
            "[[scene]]\nid = \"a\"\nnext = \"b\"\n[scene.question]\nkind = \"single\"\nprompt = \"?\"\nanswer = 3\n[[scene.question.option]]\nid = \"x\"\ntext = \"X\"\n",
            "scene[0].question.option: fewer than 2 items",
        ),
    ];
    for (file, toml_text, expected) in cases {
        let value: Value = toml::from_str(toml_text).unwrap();
        let problems = validate::validate(&committed(file), &value);
        assert!(
            problems.iter().any(|p| p == expected),
            "expected `{expected}` among {problems:?}"
        );
    }
}
