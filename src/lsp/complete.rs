//! Completion: the ids a value may name, the names an expression may read, and the keys and
//! words the table under the cursor may hold.

use std::path::Path;

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, Documentation,
};

use crate::lint::LINTS;
use crate::scenario::MANIFEST;
use crate::vsm::{self, Metrics};

use super::collect::is_name_char;
use super::documents::{Documents, is_map_file};
use super::index::Kind;
use super::keys::{self, FileKind, Word};
use super::navigate::Here;

/// Keys whose value is an id, and the kind of id.
const ID_KEYS: &[(&str, Kind)] = &[
    ("start", Kind::Scene),
    ("next", Kind::Scene),
    ("goto", Kind::Scene),
    ("show_map", Kind::Map),
    ("reference", Kind::Map),
    ("build", Kind::Map),
];

/// The expression roots followed by an id.
const ROOTS: &[(&str, Kind)] = &[
    ("visits", Kind::Scene),
    ("answer", Kind::Scene),
    ("correct", Kind::Scene),
    ("score", Kind::Competency),
    ("flag", Kind::Flag),
    ("vsm", Kind::Map),
];

pub(crate) fn complete(
    documents: &Documents,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>, String> {
    let at = params.text_document_position;
    let here = Here::find(documents, &at.text_document.uri, at.position)?;
    let before = &here.text[..here.offset];
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let items = in_expression(&here, line)
        .or_else(|| in_value(&here, line))
        .or_else(|| in_dialogue(&here, before, line))
        .or_else(|| in_inline_table(&here, line))
        .or_else(|| as_key(&here, before, line))
        .unwrap_or_default();
    Ok(Some(CompletionResponse::Array(items)))
}

/// After `visits.`, `flag.`, `vsm.team.` and the like.
fn in_expression(here: &Here, line: &str) -> Option<Vec<CompletionItem>> {
    let typed = line
        .rsplit(|c: char| !(is_name_char(c) || c == '.'))
        .next()
        .unwrap_or_default();
    let (path, _partial) = typed.rsplit_once('.')?;
    if let Some((_, kind)) = ROOTS.iter().find(|(root, _)| *root == path) {
        return Some(ids(here, *kind));
    }
    // `vsm.team.` offers `lead_time_days`; `vsm.team.step.` offers `code.lead_time_days`.
    let rest = path.strip_prefix("vsm.")?;
    let (map, within) = match rest.split_once('.') {
        Some((map, within)) => (map, format!("{within}.")),
        None => (rest, String::new()),
    };
    let file = here.index.map_files.get(map)?;
    let text = here.index.texts.get(file)?;
    let metrics = Metrics::compute(&vsm::load(&file.display().to_string(), text).map?);
    Some(
        metrics
            .entries()
            .into_iter()
            .filter_map(|(name, value)| {
                let label = name.strip_prefix(&within)?;
                Some(item(
                    label,
                    Some(value.display()),
                    CompletionItemKind::VALUE,
                ))
            })
            .collect(),
    )
}

/// Inside the quotes of `next = "`, `show_map = "`, `kind = "`, or an `allow` list.
fn in_value(here: &Here, line: &str) -> Option<Vec<CompletionItem>> {
    let (key, value) = line.split_once('=')?;
    let key = key.trim();
    let value = value.trim_start();
    if key == "allow" {
        let inside = value.matches('"').count() % 2 == 1;
        return inside.then(|| {
            LINTS
                .iter()
                .map(|lint| {
                    item(
                        lint.code,
                        Some(lint.meaning.into()),
                        CompletionItemKind::ENUM_MEMBER,
                    )
                })
                .collect()
        });
    }
    let partial = value.strip_prefix(['"', '\''])?;
    if partial.contains(['"', '\'']) {
        return None;
    }
    if let Some((_, kind)) = ID_KEYS.iter().find(|(name, _)| *name == key) {
        return Some(ids(here, *kind));
    }
    let (file, path) = table_of(here, line_start(here));
    let words = keys::values(
        file,
        &path.iter().map(String::as_str).collect::<Vec<_>>(),
        key,
    );
    (!words.is_empty()).then(|| words_to_items(words, CompletionItemKind::ENUM_MEMBER))
}

/// At the start of a line of a `dialogue` script: the speakers.
fn in_dialogue(here: &Here, before: &str, line: &str) -> Option<Vec<CompletionItem>> {
    let opened = before.rfind("\"\"\"")?;
    let inside = before.matches("\"\"\"").count() % 2 == 1;
    let opening_line = &before[before[..opened].rfind('\n').map_or(0, |i| i + 1)..opened];
    let is_dialogue = opening_line
        .split('=')
        .next()
        .is_some_and(|k| k.trim() == "dialogue");
    let at_speaker = line.chars().all(is_name_char);
    (inside && is_dialogue && at_speaker).then(|| ids(here, Kind::Character))
}

/// In `score = { ` or `set = { `: competencies and flags.
fn in_inline_table(here: &Here, line: &str) -> Option<Vec<CompletionItem>> {
    let open = line.rfind('{')?;
    if line[open..].contains('}') {
        return None;
    }
    let key = line[..open].trim_end().strip_suffix('=')?.trim();
    let tail = line[open + 1..]
        .rsplit(',')
        .next()
        .unwrap_or_default()
        .trim_start();
    if !tail.chars().all(is_name_char) {
        return None;
    }
    match key {
        "score" => Some(ids(here, Kind::Competency)),
        "set" => Some(ids(here, Kind::Flag)),
        _ => None,
    }
}

/// At the start of a line: the keys of the table the line is in, less those already there.
fn as_key(here: &Here, before: &str, line: &str) -> Option<Vec<CompletionItem>> {
    let typed = line.trim_start();
    if !typed.chars().all(is_name_char) || before.matches("\"\"\"").count() % 2 == 1 {
        return None;
    }
    let start = line_start(here);
    let (file, path) = table_of(here, start);
    let header_end = header_before(&here.text, start).map_or(0, |(at, _)| at);
    let next_header = next_header(&here.text, here.offset);
    let table = &here.text[header_end..next_header];
    let present: Vec<&str> = table
        .lines()
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim()))
        .collect();
    let words = keys::keys(file, &path.iter().map(String::as_str).collect::<Vec<_>>())
        .into_iter()
        .filter(|w| !present.contains(&w.name.as_str()))
        .collect();
    Some(words_to_items(words, CompletionItemKind::PROPERTY))
}

fn ids(here: &Here, kind: Kind) -> Vec<CompletionItem> {
    let item_kind = match kind {
        Kind::Scene => CompletionItemKind::CLASS,
        Kind::Character => CompletionItemKind::CONSTRUCTOR,
        Kind::Flag => CompletionItemKind::VARIABLE,
        _ => CompletionItemKind::ENUM_MEMBER,
    };
    here.index
        .names(kind)
        .into_iter()
        .map(|name| {
            let detail = match kind {
                Kind::Scene => here.index.scene(&name).and_then(|s| s.title.clone()),
                _ => Some(kind.noun().to_string()),
            };
            item(&name, detail, item_kind)
        })
        .collect()
}

fn words_to_items(words: Vec<Word>, kind: CompletionItemKind) -> Vec<CompletionItem> {
    words
        .into_iter()
        .map(|word| CompletionItem {
            documentation: word.description.map(Documentation::String),
            ..item(&word.name, None, kind)
        })
        .collect()
}

fn item(label: &str, detail: Option<String>, kind: CompletionItemKind) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        ..CompletionItem::default()
    }
}

fn line_start(here: &Here) -> usize {
    here.text[..here.offset].rfind('\n').map_or(0, |i| i + 1)
}

/// Which schema the file follows and the table path of the header above `offset`.
fn table_of(here: &Here, offset: usize) -> (FileKind, Vec<String>) {
    let file = file_kind(&here.path);
    let path = header_before(&here.text, offset)
        .map(|(_, path)| path.split('.').map(|p| p.trim().to_string()).collect())
        .unwrap_or_default();
    (file, path)
}

fn file_kind(path: &Path) -> FileKind {
    if is_map_file(path) {
        FileKind::Map
    } else if path.file_name().is_some_and(|name| name == MANIFEST) {
        FileKind::Manifest
    } else {
        FileKind::Scenes
    }
}

/// The last table header before `offset`: where its line ends and its dotted name.
fn header_before(text: &str, offset: usize) -> Option<(usize, String)> {
    let mut found = None;
    let mut at = 0;
    for line in text[..offset].split_inclusive('\n') {
        at += line.len();
        if let Some(name) = header_name(line) {
            found = Some((at, name));
        }
    }
    found
}

fn next_header(text: &str, offset: usize) -> usize {
    let mut at = offset;
    for line in text[offset..].split_inclusive('\n') {
        if header_name(line).is_some() {
            return at;
        }
        at += line.len();
    }
    text.len()
}

fn header_name(line: &str) -> Option<String> {
    let line = line.trim();
    let inner = line
        .strip_prefix("[[")
        .and_then(|l| l.split("]]").next())
        .or_else(|| line.strip_prefix('[').and_then(|l| l.split(']').next()))?;
    Some(inner.trim().to_string())
}
