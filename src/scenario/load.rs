//! Reads a scenario's files into the serde model, collecting every parse problem on the way.
//!
//! A file with syntax errors is still read as far as the TOML parser could recover, and a table
//! with a bad key loses only that key: each problem is reported once and the rest is still
//! checked. Tables that cannot be read at all leave their ids behind in [`Broken`], so that
//! references to them are not reported as a second, misleading problem.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::diagnostic::{Diagnostic, FileId, Sources};

use super::model::{Character, Competency, Grade, Manifest, MapFile, Scene, Workbench, keys_of};
use super::origin::{ScenarioFiles, is_contained};
use super::toml_error::Doc;
use crate::suggest::{edit_distance, is_near};

/// The manifest file every scenario folder has.
pub const MANIFEST: &str = "scenario.toml";

/// Everything read from a scenario's files, before semantic checks.
pub(super) struct Parsed {
    pub manifest_file: FileId,
    pub manifest: Manifest,
    pub scenes: Vec<(FileId, Scene)>,
    /// Each `[[map]]` with its map, when its file could be read without errors.
    pub maps: Vec<(MapFile, Option<crate::vsm::Map>)>,
    /// Portrait text by character id, for the characters whose portrait could be read.
    pub portraits: HashMap<String, String>,
    pub broken: Broken,
}

/// Ids defined by tables that could not be read (their problem is already reported).
#[derive(Debug, Default)]
pub(super) struct Broken {
    pub scenes: HashSet<String>,
    pub characters: HashSet<String>,
    pub competencies: HashSet<String>,
    /// Maps and workbenches whose table or file could not be read.
    pub maps: HashSet<String>,
    /// Whether a `[[grade]]` could not be read, so the bands cannot be judged as a whole.
    pub grades: bool,
    /// Whether some scenes could not be read at all (a scene file is missing or refused, or a
    /// `[[scene]]` has no readable id): then any unknown scene id may be one of theirs.
    pub unread_scenes: bool,
}

impl Broken {
    /// Whether `id` may name a scene that exists but could not be read.
    pub(super) fn may_be_scene(&self, id: &str) -> bool {
        self.unread_scenes || self.scenes.contains(id)
    }
}

/// Why a scenario could not be read at all (as opposed to read with problems in it).
#[derive(Debug, thiserror::Error)]
#[error("cannot read {path}: {source}")]
pub struct Unreadable {
    pub path: String,
    pub source: std::io::Error,
}

pub(super) fn parse_files(
    files: &dyn ScenarioFiles,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Parsed, Unreadable> {
    let text = files.read(MANIFEST).map_err(|source| Unreadable {
        path: files.display_name(MANIFEST),
        source,
    })?;
    let manifest_file = sources.add(files.display_name(MANIFEST), text);
    let mut broken = Broken::default();
    let manifest = parse_manifest(sources, manifest_file, diagnostics, &mut broken);
    let mut scenes = Vec::new();
    let mut scene_files = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for name in manifest.scenes.iter().flatten() {
        let span = name.span();
        let name = name.get_ref().as_str();
        if name == MANIFEST {
            broken.unread_scenes = true;
            diagnostics.push(
                Diagnostic::error("bad-path", "scenario.toml is not a scene file")
                    .at(manifest_file, span, "the manifest itself")
                    .hint("list only the files that hold `[[scene]]` tables"),
            );
            continue;
        }
        if !is_contained(name) {
            broken.unread_scenes = true;
            diagnostics.push(
                Diagnostic::error("bad-path", format!("`{name}` is outside the scenario folder"))
                    .at(manifest_file, span, "not a path inside this folder")
                    .hint("scene files are named relative to scenario.toml, without `..` or a leading `/`"),
            );
            continue;
        }
        if seen.contains(&name) {
            let first = manifest
                .scenes
                .iter()
                .flatten()
                .find(|n| n.get_ref() == name);
            diagnostics.push(
                Diagnostic::error("duplicate-file", format!("`{name}` is listed twice"))
                    .at(manifest_file, span, "listed again here")
                    .also(
                        manifest_file,
                        first.map_or(0..0, Spanned::span),
                        "first listed here",
                    )
                    .hint("list each scene file once"),
            );
            continue;
        }
        seen.insert(name);
        match files.read(name) {
            Ok(text) => scene_files.push(sources.add(files.display_name(name), text)),
            Err(error) => {
                broken.unread_scenes = true;
                diagnostics.push(
                    Diagnostic::error(
                        "missing-file",
                        format!("cannot read scene file `{name}`: {}", io_reason(&error)),
                    )
                    .at(manifest_file, span, "listed here")
                    .hint(format!(
                        "create `{}`, or remove it from `scenes`",
                        files.display_name(name)
                    )),
                );
            }
        }
    }
    // Parsing is most of the work of loading, and every file parses on its own.
    let parsed = crate::parallel::map(&scene_files, |&file| parse_scene_file(sources, file));
    for (&file, read) in scene_files.iter().zip(parsed) {
        scenes.extend(read.scenes.into_iter().map(|s| (file, s)));
        diagnostics.extend(read.diagnostics);
        broken.scenes.extend(read.broken);
    }
    let maps = read_maps(
        files,
        sources,
        &manifest,
        manifest_file,
        diagnostics,
        &mut broken,
    );
    let portraits = read_portraits(files, &manifest, manifest_file, diagnostics);
    broken.unread_scenes |= broken.scenes.remove("") || manifest.scenes.is_none();
    broken.characters.remove("");
    broken.competencies.remove("");
    Ok(Parsed {
        manifest_file,
        manifest,
        scenes,
        maps,
        portraits,
        broken,
    })
}

/// Portraits larger than this crowd the story off a small terminal.
const PORTRAIT_LINES: usize = 16;
const PORTRAIT_COLUMNS: usize = 40;

/// Reads each character's portrait file; a portrait is decoration, so a problem with one is
/// reported and the rest of the scenario is still checked.
fn read_portraits(
    files: &dyn ScenarioFiles,
    manifest: &Manifest,
    manifest_file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
) -> HashMap<String, String> {
    let mut portraits = HashMap::new();
    for character in &manifest.characters {
        let Some(path) = &character.portrait else {
            continue;
        };
        let name = path.get_ref().as_str();
        if !is_contained(name) {
            diagnostics.push(
                Diagnostic::error(
                    "bad-path",
                    format!("`{name}` is outside the scenario folder"),
                )
                .at(manifest_file, path.span(), "not a path inside this folder")
                .hint(
                    "portraits are named relative to scenario.toml, without `..` or a leading `/`",
                ),
            );
            continue;
        }
        let text = match files.read(name) {
            Ok(text) => super::sanitize::sanitize(&text).0,
            Err(error) => {
                diagnostics.push(
                    Diagnostic::error(
                        "missing-file",
                        format!("cannot read portrait `{name}`: {}", io_reason(&error)),
                    )
                    .at(manifest_file, path.span(), "listed here")
                    .hint(format!(
                        "create `{}`, or remove `portrait`",
                        files.display_name(name)
                    )),
                );
                continue;
            }
        };
        let lines: Vec<&str> = text.trim_end().lines().collect();
        let widest = lines
            .iter()
            .map(|line| unicode_width::UnicodeWidthStr::width(*line))
            .max()
            .unwrap_or(0);
        if lines.len() > PORTRAIT_LINES || widest > PORTRAIT_COLUMNS {
            diagnostics.push(
                Diagnostic::warning("portrait-too-large", format!("`{name}` is {widest} columns by {} lines", lines.len()))
                    .at(manifest_file, path.span(), "this portrait")
                    .hint(format!("keep portraits within {PORTRAIT_COLUMNS} columns and {PORTRAIT_LINES} lines, so they fit on a small terminal")),
            );
        }
        portraits.insert(character.id.get_ref().clone(), lines.join("\n"));
    }
    portraits
}

/// Reads every `[[map]]` file with the value-stream reader, so a broken map gets the same
/// `file:line:col` diagnostics as a broken scene.
fn read_maps(
    files: &dyn ScenarioFiles,
    sources: &mut Sources,
    manifest: &Manifest,
    manifest_file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
    broken: &mut Broken,
) -> Vec<(MapFile, Option<crate::vsm::Map>)> {
    let mut maps = Vec::new();
    for entry in &manifest.maps {
        let name = entry.file.get_ref().as_str();
        let span = entry.file.span();
        let map = if !is_contained(name) || name == MANIFEST {
            diagnostics.push(
                Diagnostic::error(
                    "bad-path",
                    format!("`{name}` is not a map file inside the scenario folder"),
                )
                .at(manifest_file, span, "not a path inside this folder")
                .hint(
                    "map files are named relative to scenario.toml, without `..` or a leading `/`",
                ),
            );
            None
        } else {
            match files.read(name) {
                Ok(text) => {
                    let file = sources.add(files.display_name(name), text);
                    crate::vsm::read(sources, file, diagnostics)
                }
                Err(error) => {
                    diagnostics.push(
                        Diagnostic::error(
                            "missing-file",
                            format!("cannot read map file `{name}`: {}", io_reason(&error)),
                        )
                        .at(manifest_file, span, "listed here")
                        .hint(format!(
                            "create `{}`, or remove this [[map]]",
                            files.display_name(name)
                        )),
                    );
                    None
                }
            }
        };
        if map.is_none() {
            broken.maps.insert(entry.id.get_ref().clone());
        }
        maps.push((entry.clone(), map));
    }
    maps
}

/// An I/O error without the OS error number: "no such file or directory".
fn io_reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text).to_string();
    let mut chars = text.chars();
    chars.next().map_or(text.clone(), |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// Parses a file as far as the parser can recover, reporting each syntax error (the first on
/// each line: one mistake often confuses the parser for the rest of its line). Also says
/// whether there was any.
fn parse_table<'a>(
    sources: &'a Sources,
    file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Spanned<DeTable<'a>>, bool) {
    let text = sources.text(file);
    let (table, mut errors) = DeTable::parse_recoverable(text);
    errors.sort_by_key(|e| e.span().map_or(usize::MAX, |s| s.start));
    let doc = Doc::new(file, sources.name(file), text, table.get_ref());
    let mut lines = HashSet::new();
    let mut repeated: Vec<std::ops::Range<usize>> = Vec::new();
    for error in &errors {
        let at = error.span().map(|s| s.start);
        // Errors come in order and so do the bodies they repeat: only the last can hold this.
        if at.is_some_and(|at| repeated.last().is_some_and(|body| body.contains(&at))) {
            continue;
        }
        repeated.extend(doc.repeated_body(error));
        if lines.insert(at.map(|at| sources.line_col(file, at).0)) {
            diagnostics.push(doc.syntax(error));
        }
    }
    (table, !errors.is_empty())
}

fn parse_manifest(
    sources: &Sources,
    file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
    broken: &mut Broken,
) -> Manifest {
    let (table, syntax_errors) = parse_table(sources, file, diagnostics);
    let span = table.span();
    let root = table.get_ref();
    let doc = Doc::new(file, sources.name(file), sources.text(file), root);
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
            diagnostics.push(
                Diagnostic::error("missing-key", format!("missing key `{key}` in scenario.toml"))
                    .at(file, 0..0, format!("`{key}` is required in this file"))
                    .hint(format!("add `{key} = {example}` at the top of scenario.toml, above the first `[[...]]` header")),
            );
        }
    }
    manifest.characters = characters.into_iter().map(|(c, _)| c).collect();
    manifest.competencies = competencies.into_iter().map(|(c, _)| c).collect();
    manifest.grades = grades.into_iter().map(|(g, _)| g).collect();
    manifest.maps = maps.into_iter().map(|(m, _)| m).collect();
    manifest.workbenches = workbenches.into_iter().map(|(w, _)| w).collect();
    manifest
}

/// Deserialises each table of an array of tables on its own, so one bad entry hides no other.
/// The ids of entries that cannot be read go to `broken` (an empty one if an entry has none).
/// With each entry comes whether parts of it had to be dropped (see [`lenient`]).
fn each<T: for<'de> Deserialize<'de>>(
    doc: &Doc<'_>,
    value: &Spanned<DeValue<'_>>,
    diagnostics: &mut Vec<Diagnostic>,
    broken: &mut HashSet<String>,
) -> Vec<(T, bool)> {
    let items: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
        DeValue::Array(items) => items.iter().collect(),
        _ => vec![value],
    };
    let mut parsed = Vec::new();
    for item in items {
        match lenient::<T>(doc, item, diagnostics) {
            Some(value) => parsed.push(value),
            None => {
                broken.insert(table_id(item));
            }
        }
    }
    parsed
}

/// The `id` of a table, or an empty string when it has none.
fn table_id(item: &Spanned<DeValue<'_>>) -> String {
    match item.get_ref() {
        DeValue::Table(table) => match table.get("id").map(Spanned::get_ref) {
            Some(DeValue::String(id)) => id.to_string(),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

/// Deserialises `item`, reporting each problem and retrying without the bad key (or the inner
/// table missing a required key), so that one mistake hides no other. Returns the value and
/// whether anything was dropped; `None` when `item` itself lacks a required key.
/// How many problems of one table are reported before the rest are left for the next check.
const MOST_PROBLEMS_PER_TABLE: usize = 50;

fn lenient<T: for<'de> Deserialize<'de>>(
    doc: &Doc<'_>,
    item: &Spanned<DeValue<'_>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(T, bool)> {
    // The deserialiser consumes what it reads, so each attempt gets a copy; a working copy to
    // cut bad keys out of is made only once the first attempt has failed.
    let mut error = match T::deserialize(ValueDeserializer::from(item.clone())) {
        Ok(value) => return Some((value, false)),
        Err(error) => error,
    };
    let mut item = item.clone();
    let mut removed: Vec<String> = Vec::new();
    loop {
        let span = error.span();
        let missing = error
            .message()
            .strip_prefix("missing field `")
            .map(|rest| rest.split('`').next().unwrap_or_default());
        // A required key dropped a moment ago for a bad value, or misspelt (`feedbak` for
        // `feedback`), is already reported.
        let reported = |key: &str| {
            removed
                .iter()
                .any(|r| r == key || is_near(edit_distance(r, key), key))
        };
        if !missing.is_some_and(reported) {
            diagnostics.push(doc.shape(&error, item.span()));
        }
        let span = span.filter(|span| *span != item.span())?;
        if removed.len() == MOST_PROBLEMS_PER_TABLE {
            // Each retry copies the table: thousands of bad keys would be quadratic, and no
            // author reads past the first screenful anyway.
            diagnostics.push(
                Diagnostic::error(
                    "too-many-problems",
                    format!("more than {MOST_PROBLEMS_PER_TABLE} problems in one table; the rest are not reported"),
                )
                .at(doc.file, item.span(), "this table")
                .hint("fix the problems above and check again"),
            );
            return None;
        }
        let key = remove_at(item.get_mut(), &span)?;
        removed.push(key);
        error = match T::deserialize(ValueDeserializer::from(item.clone())) {
            Ok(value) => return Some((value, true)),
            Err(error) => error,
        };
    }
}

/// Removes the innermost key whose name or value is at `span`, or the table of an array of
/// tables whose header is; returns the key's name (empty for a table of an array).
fn remove_at(value: &mut DeValue<'_>, span: &std::ops::Range<usize>) -> Option<String> {
    match value {
        DeValue::Table(table) => {
            let mut hit = None;
            for (key, item) in table.iter_mut() {
                if let Some(found) = remove_at(item.get_mut(), span) {
                    return Some(found);
                }
                let value_span = item.span();
                if key.span() == *span
                    || (value_span.start <= span.start && span.end <= value_span.end)
                {
                    hit = Some(key.clone());
                    break;
                }
            }
            let key = hit?;
            table.remove(&key);
            Some(key.get_ref().to_string())
        }
        DeValue::Array(items) => {
            if let Some(found) = items
                .iter_mut()
                .find_map(|item| remove_at(item.get_mut(), span))
            {
                return Some(found);
            }
            let at = items.iter().position(|item| {
                item.span() == *span && matches!(item.get_ref(), DeValue::Table(_))
            })?;
            let kept = items
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != at)
                .map(|(_, item)| item.clone())
                .collect();
            *items = kept;
            Some(String::new())
        }
        _ => None,
    }
}

/// What one scene file holds, and what is wrong with it.
struct SceneFile {
    scenes: Vec<Scene>,
    diagnostics: Vec<Diagnostic>,
    /// Ids of the `[[scene]]` tables that could not be read.
    broken: HashSet<String>,
}

fn parse_scene_file(sources: &Sources, file: FileId) -> SceneFile {
    let mut diagnostics = Vec::new();
    let mut broken = HashSet::new();
    let text = sources.text(file);
    let (table, _) = parse_table(sources, file, &mut diagnostics);
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
                let doc = doc.get_or_init(|| Doc::new(file, sources.name(file), text, root));
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
