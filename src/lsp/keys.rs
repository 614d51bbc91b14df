//! The keys a table may hold and the words a value may be, read from the committed JSON
//! Schemas (the same ones taplo checks against), so completion never drifts from the format.

use serde_json::Value;

const MANIFEST: &str = include_str!("../../schema/scenario.schema.json");
const SCENES: &str = include_str!("../../schema/scenes.schema.json");
const MAP: &str = include_str!("../../schema/map.schema.json");

/// Which schema a file follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    Manifest,
    Scenes,
    Map,
}

/// A key or a value word, with what the schema says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub(crate) name: String,
    pub(crate) description: Option<String>,
}

/// The keys that may be written below the table header `path` (`["scene", "question"]`),
/// sub-tables left out: they get headers of their own.
pub(crate) fn keys(kind: FileKind, path: &[&str]) -> Vec<Word> {
    let Some(root) = schema(kind) else {
        return Vec::new();
    };
    let Some(table) = table_at(&root, path) else {
        return Vec::new();
    };
    let Some(Value::Object(properties)) = table.get("properties") else {
        return Vec::new();
    };
    properties
        .iter()
        .filter(|(_, property)| !is_table(&root, property))
        .map(|(name, property)| Word {
            name: name.clone(),
            description: description(property),
        })
        .collect()
}

/// The words a key's value may be (`kind = "single"`), when the schema lists them.
pub(crate) fn values(kind: FileKind, path: &[&str], key: &str) -> Vec<Word> {
    let Some(root) = schema(kind) else {
        return Vec::new();
    };
    let Some(property) = table_at(&root, path)
        .and_then(|table| table.get("properties")?.get(key))
        .map(|p| resolve(&root, p))
    else {
        return Vec::new();
    };
    let Some(Value::Array(choices)) = property.get("oneOf") else {
        return Vec::new();
    };
    choices
        .iter()
        .filter_map(|choice| {
            Some(Word {
                name: choice.get("const")?.as_str()?.to_string(),
                description: description(choice),
            })
        })
        .collect()
}

fn schema(kind: FileKind) -> Option<Value> {
    let text = match kind {
        FileKind::Manifest => MANIFEST,
        FileKind::Scenes => SCENES,
        FileKind::Map => MAP,
    };
    serde_json::from_str(text).ok()
}

/// The object schema of the table at `path`, through arrays of tables.
fn table_at<'a>(root: &'a Value, path: &[&str]) -> Option<&'a Value> {
    let mut at = root;
    for part in path {
        let property = resolve(root, at.get("properties")?.get(*part)?);
        at = match property.get("items") {
            Some(items) => resolve(root, items),
            None => property,
        };
    }
    Some(at)
}

/// Follows `$ref`, and an `allOf` or `anyOf` around one, to the schema itself.
fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    if let Some(name) = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/definitions/"))
        && let Some(found) = root.get("definitions").and_then(|d| d.get(name))
    {
        return resolve(root, found);
    }
    for wrapper in ["allOf", "anyOf"] {
        if let Some(Value::Array(parts)) = schema.get(wrapper)
            && let Some(inner) = parts.iter().find(|p| p.get("$ref").is_some())
        {
            return resolve(root, inner);
        }
    }
    schema
}

/// Whether a property is a table or an array of tables: written as a header, not a key.
fn is_table(root: &Value, property: &Value) -> bool {
    let resolved = resolve(root, property);
    let target = resolved
        .get("items")
        .map_or(resolved, |items| resolve(root, items));
    target.get("properties").is_some()
}

fn description(schema: &Value) -> Option<String> {
    schema
        .get("description")
        .and_then(Value::as_str)
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(words: Vec<Word>) -> Vec<String> {
        words.into_iter().map(|w| w.name).collect()
    }

    #[test]
    fn keys_follow_the_table_path() {
        assert_eq!(
            names(keys(FileKind::Scenes, &["scene", "question", "right"])),
            ["feedback", "goto", "score", "set"]
        );
        let scene = names(keys(FileKind::Scenes, &["scene"]));
        assert!(scene.contains(&"next".to_string()) && !scene.contains(&"question".into()));
        assert_eq!(
            names(keys(FileKind::Map, &["step", "queue"])),
            ["items", "name"]
        );
        assert_eq!(
            names(values(FileKind::Scenes, &["scene", "question"], "kind")),
            ["single", "multiple", "number", "order", "text"]
        );
    }
}
