//! Reads a scenario's files into the serde model, collecting every parse problem on the way.

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::diagnostic::{Diagnostic, FileId, Sources};

use super::model::{Character, Competency, Grade, Manifest, Scene};
use super::origin::{ScenarioFiles, is_contained};
use super::toml_error::toml_diagnostic;

/// The manifest file every scenario folder has.
pub const MANIFEST: &str = "scenario.toml";

/// Everything read from a scenario's files, before semantic checks.
pub struct Parsed {
    pub manifest: Option<(FileId, Manifest)>,
    pub scenes: Vec<(FileId, Scene)>,
}

/// Why a scenario could not be read at all (as opposed to read with problems in it).
#[derive(Debug, thiserror::Error)]
#[error("cannot read {path}: {source}")]
pub struct Unreadable {
    pub path: String,
    pub source: std::io::Error,
}

pub fn parse_files(
    files: &dyn ScenarioFiles,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Parsed, Unreadable> {
    let text = files.read(MANIFEST).map_err(|source| Unreadable {
        path: files.display_name(MANIFEST),
        source,
    })?;
    let manifest_file = sources.add(files.display_name(MANIFEST), text);
    let manifest = parse_manifest(sources, manifest_file, diagnostics);
    let mut scenes = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    if let Some(manifest) = &manifest {
        for name in &manifest.scenes {
            let span = name.span();
            let name = name.get_ref().as_str();
            if !is_contained(name) || name == MANIFEST {
                diagnostics.push(
                    Diagnostic::error("bad-path", format!("`{name}` is not a scene file inside the scenario folder"))
                        .at(manifest_file, span, "must be a relative path inside this folder")
                        .hint("scene files are named relative to scenario.toml, without `..` or a leading `/`"),
                );
                continue;
            }
            if seen.contains(&name) {
                diagnostics.push(
                    Diagnostic::error("duplicate-file", format!("`{name}` is listed twice")).at(
                        manifest_file,
                        span,
                        "listed again here",
                    ),
                );
                continue;
            }
            seen.push(name);
            match files.read(name) {
                Ok(text) => {
                    let file = sources.add(files.display_name(name), text);
                    scenes.extend(
                        parse_scene_file(sources, file, diagnostics)
                            .into_iter()
                            .map(|s| (file, s)),
                    );
                }
                Err(error) => diagnostics.push(
                    Diagnostic::error(
                        "missing-file",
                        format!("cannot read scene file `{name}`: {error}"),
                    )
                    .at(manifest_file, span, "listed here"),
                ),
            }
        }
    }
    Ok(Parsed {
        manifest: manifest.map(|m| (manifest_file, m)),
        scenes,
    })
}

/// Parses a file into a table, reporting every syntax error the parser can recover from.
fn parse_table<'a>(
    sources: &'a Sources,
    file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Spanned<DeTable<'a>>> {
    let (table, errors) = DeTable::parse_recoverable(sources.text(file));
    if errors.is_empty() {
        return Some(table);
    }
    let end = sources.text(file).len();
    for error in &errors {
        diagnostics.push(toml_diagnostic(error, file, table.get_ref(), end..end));
    }
    None
}

fn parse_manifest(
    sources: &Sources,
    file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Manifest> {
    let table = parse_table(sources, file, diagnostics)?;
    let span = table.span();
    let root = table.get_ref();
    let mut head = DeTable::new();
    let mut characters = Vec::new();
    let mut competencies = Vec::new();
    let mut grades = Vec::new();
    for (key, value) in root.iter() {
        match key.get_ref().as_ref() {
            "character" => characters = each::<Character>(value, file, root, diagnostics),
            "competency" => competencies = each::<Competency>(value, file, root, diagnostics),
            "grade" => grades = each::<Grade>(value, file, root, diagnostics),
            _ => {
                head.insert(key.clone(), value.clone());
            }
        }
    }
    let deserializer = toml::de::Deserializer::from(Spanned::new(span.clone(), head));
    match Manifest::deserialize(deserializer) {
        Ok(mut manifest) => {
            manifest.characters = characters;
            manifest.competencies = competencies;
            manifest.grades = grades;
            Some(manifest)
        }
        Err(error) => {
            diagnostics.push(toml_diagnostic(&error, file, root, 0..0));
            None
        }
    }
}

/// Deserialises each table of an array of tables on its own, so one bad entry hides no other.
fn each<T: for<'de> Deserialize<'de>>(
    value: &Spanned<DeValue<'_>>,
    file: FileId,
    root: &DeTable<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<T> {
    let items: Vec<Spanned<DeValue<'_>>> = match value.get_ref() {
        DeValue::Array(items) => items.iter().cloned().collect(),
        _ => vec![value.clone()],
    };
    let mut parsed = Vec::new();
    for item in items {
        let span = item.span();
        match T::deserialize(ValueDeserializer::from(item)) {
            Ok(value) => parsed.push(value),
            Err(error) => diagnostics.push(toml_diagnostic(&error, file, root, span)),
        }
    }
    parsed
}

fn parse_scene_file(
    sources: &Sources,
    file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Scene> {
    let Some(table) = parse_table(sources, file, diagnostics) else {
        return Vec::new();
    };
    let root = table.get_ref();
    let mut scenes = Vec::new();
    for (key, value) in root.iter() {
        if key.get_ref().as_ref() == "scene" {
            scenes.extend(each::<Scene>(value, file, root, diagnostics));
        } else {
            diagnostics.push(
                Diagnostic::error("unknown-key", format!("unknown key `{}` in a scene file", key.get_ref()))
                    .at(file, key.span(), "not a key of a scene file")
                    .hint("a scene file holds only `[[scene]]` tables; scenario settings belong in scenario.toml"),
            );
        }
    }
    scenes
}
