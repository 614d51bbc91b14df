//! `dojo schema`: the JSON Schema of `scenario.toml`, a scene file or a map file, for editors,
//! and of results files, for whoever reads them.
//!
//! The schemas are derived from the serde models of scenario files and map files, so they
//! cannot drift from what `dojo` reads; `schema/*.schema.json` are copies committed for
//! `#:schema` lines, kept equal to this output by `tests/schema.rs`.

use std::io::Write;
use std::process::ExitCode;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::Value;

use crate::cli::{SchemaArgs, SchemaKind};
use dojo::progress::ResultsFile;
use dojo::scenario::model::{Manifest, Scene};
use dojo::vsm::MapTable;

use super::Error;

// For the schema only: the loader reads each `[[scene]]` table on its own.
/// A scene file of a dojo scenario: `[[scene]]` tables and nothing else.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, title = "dojo scene file")]
struct SceneFile {
    /// A scene: narration, dialogue, then a question, a `next` or an ending; one `[[scene]]` table each.
    #[expect(
        dead_code,
        reason = "describes the file for the schema; no value is ever made"
    )]
    #[schemars(default)]
    scene: Vec<Scene>,
}

pub fn run(args: &SchemaArgs) -> Result<ExitCode, Error> {
    let text = render(args.kind);
    match &args.out {
        Some(path) => std::fs::write(path, text).map_err(|source| Error::WriteFile {
            path: path.display().to_string(),
            source,
        })?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The schema of one kind of file as pretty-printed JSON, ending in a newline.
pub fn render(kind: SchemaKind) -> String {
    let mut schema = match kind {
        SchemaKind::Manifest => root::<Manifest>(),
        SchemaKind::Scenes => root::<SceneFile>(),
        SchemaKind::Map => root::<MapTable>(),
        SchemaKind::Results => root::<ResultsFile>(),
    }
    .to_value();
    drop_null_defaults(&mut schema);
    // Keys in one order whatever serde_json's features, so the committed files stay equal.
    schema.sort_all_objects();
    format!("{schema:#}\n")
}

/// Draft 7: the version TOML editors (taplo, Even Better TOML) validate best.
fn root<T: JsonSchema>() -> Schema {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// TOML has no null: an optional key's default is that it is absent, which needs no saying.
fn drop_null_defaults(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("default").is_some_and(Value::is_null) {
                map.remove("default");
            }
            map.values_mut().for_each(drop_null_defaults);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null_defaults),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::{SchemaKind, render};
    use dojo::scenario::model::TABLE_KEYS;

    /// The table at `path` (dotted, as in `TABLE_KEYS`), through properties, arrays and `$ref`s.
    fn table<'v>(root: &'v Value, path: &str) -> &'v Value {
        let mut at = root;
        for key in path.split('.').filter(|k| !k.is_empty()) {
            at = follow(root, &at["properties"][key]);
            if let Some(items) = at.get("items") {
                at = follow(root, items);
            }
        }
        at
    }

    /// A `$ref`, or a description beside one (draft 7 wraps it in `allOf`), resolved.
    fn follow<'v>(root: &'v Value, value: &'v Value) -> &'v Value {
        let inner = value
            .get("allOf")
            .and_then(|all| all.get(0))
            .unwrap_or(value);
        match inner.get("$ref").and_then(Value::as_str) {
            Some(reference) => root
                .pointer(reference.trim_start_matches('#'))
                .expect("references resolve"),
            None => inner,
        }
    }

    fn keys(table: &Value) -> Vec<String> {
        let mut keys: Vec<String> = table["properties"]
            .as_object()
            .expect("a table has properties")
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn every_table_has_exactly_the_keys_the_loader_accepts() {
        let manifest: Value = serde_json::from_str(&render(SchemaKind::Manifest)).unwrap();
        let scenes: Value = serde_json::from_str(&render(SchemaKind::Scenes)).unwrap();
        for (path, expected) in TABLE_KEYS {
            let actual = match path.split('.').next() {
                Some("scene") => keys(table(&scenes, path)),
                _ => keys(table(&manifest, path)),
            };
            let mut expected: Vec<String> = expected.iter().map(ToString::to_string).collect();
            expected.sort();
            assert_eq!(actual, expected, "keys of `{path}`");
            let denies = table(
                if path.starts_with("scene") {
                    &scenes
                } else {
                    &manifest
                },
                path,
            );
            assert_eq!(
                denies["additionalProperties"],
                Value::Bool(false),
                "`{path}` rejects unknown keys"
            );
        }
    }
}
