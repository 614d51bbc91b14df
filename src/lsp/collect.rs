//! Walks the TOML of a manifest or a scene file and records each id it defines or uses.

use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::scenario::dialogue::parse_script;

use super::index::{Index, Kind, Occurrence, Role, SceneEntry};

/// The files a manifest names.
#[derive(Default)]
pub(crate) struct Named {
    pub(crate) scene_files: Vec<String>,
    /// `(map id, file name)` of each `[[map]]`.
    pub(crate) map_files: Vec<(String, String)>,
}

/// The expression roots that name an id, and the kind of id they name.
const ROOTS: &[(&str, Kind)] = &[
    ("visits.", Kind::Scene),
    ("answer.", Kind::Scene),
    ("correct.", Kind::Scene),
    ("score.", Kind::Competency),
    ("flag.", Kind::Flag),
    ("vsm.", Kind::Map),
];

struct Walk<'a> {
    file: &'a Path,
    text: &'a str,
    index: &'a mut Index,
}

pub(crate) fn manifest(file: &Path, text: &str, index: &mut Index) -> Named {
    let (root, _) = DeTable::parse_recoverable(text);
    let mut walk = Walk { file, text, index };
    let mut named = Named::default();
    let root = root.get_ref();
    walk.id_value(root.get("start"), Kind::Scene, Role::Use);
    if let Some(DeValue::Array(items)) = root.get("scenes").map(Spanned::get_ref) {
        named.scene_files = items.iter().filter_map(string).collect();
        for item in items {
            walk.link(item);
        }
    }
    for table in tables(root.get("character")) {
        walk.id_value(table.get("id"), Kind::Character, Role::Definition);
        walk.about(table, Kind::Character, "name", "role");
        if let Some(portrait) = table.get("portrait") {
            walk.link(portrait);
        }
    }
    for table in tables(root.get("competency")) {
        walk.id_value(table.get("id"), Kind::Competency, Role::Definition);
        walk.about(table, Kind::Competency, "name", "description");
    }
    for table in tables(root.get("map")) {
        walk.id_value(table.get("id"), Kind::Map, Role::Definition);
        if let Some(file) = table.get("file") {
            walk.link(file);
        }
        if let (Some(id), Some(name)) = (
            table.get("id").and_then(string),
            table.get("file").and_then(string),
        ) {
            named.map_files.push((id, name));
        }
    }
    for table in tables(root.get("workbench")) {
        walk.id_value(table.get("id"), Kind::Map, Role::Definition);
        walk.about(table, Kind::Map, "title", "reference");
        walk.id_value(table.get("reference"), Kind::Map, Role::Use);
        walk.id_value(table.get("fill_from"), Kind::Map, Role::Use);
    }
    named
}

pub(crate) fn scene_file(file: &Path, text: &str, index: &mut Index) {
    let (root, _) = DeTable::parse_recoverable(text);
    let mut walk = Walk { file, text, index };
    let scenes = tables(root.get_ref().get("scene"));
    let starts: Vec<usize> = scenes.iter().map(|t| header_start(text, t)).collect();
    for (i, scene) in scenes.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        walk.scene(scene, starts[i]..end);
    }
}

impl Walk<'_> {
    fn scene(&mut self, scene: &DeTable<'_>, span: Range<usize>) {
        if let Some(id) = scene.get("id") {
            let inner = self.inner(id);
            if let Some(name) = string(id) {
                self.index.scenes.push(SceneEntry {
                    id: name,
                    file: self.file.to_path_buf(),
                    id_span: inner,
                    span: trim_end(self.text, span),
                    title: scene.get("title").and_then(string),
                    first_line: ["narration", "dialogue"]
                        .iter()
                        .filter_map(|key| scene.get(*key).and_then(string))
                        .find_map(|text| first_line(&text)),
                });
            }
        }
        self.id_value(scene.get("id"), Kind::Scene, Role::Definition);
        self.id_value(scene.get("next"), Kind::Scene, Role::Use);
        self.id_value(scene.get("show_map"), Kind::Map, Role::Use);
        for key in ["title", "narration", "dialogue"] {
            self.template(scene.get(key));
        }
        if let Some(dialogue) = scene.get("dialogue") {
            self.speakers(dialogue);
        }
        for route in tables(scene.get("route")) {
            self.expression(route.get("when"));
            self.id_value(route.get("goto"), Kind::Scene, Role::Use);
        }
        if let Some(DeValue::Table(question)) = scene.get("question").map(Spanned::get_ref) {
            self.question(question);
        }
    }

    fn question(&mut self, question: &DeTable<'_>) {
        self.template(question.get("prompt"));
        if let Some(build) = question.get("build") {
            // `yours.code.lt`: the workbench is the first part.
            let inner = self.inner(build);
            if let Some(text) = string(build) {
                let id = text.split('.').next().unwrap_or_default();
                self.push(
                    Kind::Map,
                    id,
                    inner.start..inner.start + id.len(),
                    Role::Use,
                );
            }
        }
        if let Some(answer) = question.get("answer")
            && matches!(answer.get_ref(), DeValue::String(_))
        {
            self.expression(Some(answer));
        }
        for option in tables(question.get("option")) {
            self.template(option.get("text"));
            self.template(option.get("feedback"));
            self.expression(option.get("when"));
            self.effects(option);
        }
        for key in ["right", "wrong"] {
            if let Some(DeValue::Table(outcome)) = question.get(key).map(Spanned::get_ref) {
                self.template(outcome.get("feedback"));
                self.effects(outcome);
            }
        }
    }

    /// An option's or outcome's `score`, `set` and `goto`.
    fn effects(&mut self, table: &DeTable<'_>) {
        self.id_value(table.get("goto"), Kind::Scene, Role::Use);
        for (key, kind, role) in [
            ("score", Kind::Competency, Role::Use),
            ("set", Kind::Flag, Role::Definition),
        ] {
            if let Some(DeValue::Table(entries)) = table.get(key).map(Spanned::get_ref) {
                for name in entries.keys() {
                    let span = self.key_span(name.span());
                    self.push(kind, name.get_ref(), span, role);
                }
            }
        }
    }

    /// What a hover says about a character, competency or workbench: its name in bold, then a
    /// second key (a role, a description).
    fn about(&mut self, table: &DeTable<'_>, kind: Kind, name: &str, more: &str) {
        let Some(id) = table.get("id").and_then(string) else {
            return;
        };
        let mut text = format!("{} `{id}`", kind.noun());
        if let Some(name) = table.get(name).and_then(string) {
            text.push_str(&format!(": **{name}**"));
        }
        if let Some(more_text) = table.get(more).and_then(string) {
            text.push_str(&format!("\n\n{more}: {more_text}"));
        }
        self.index.about.insert((kind, id), text);
    }

    /// A file name in the manifest, which names a file next to it.
    fn link(&mut self, value: &Spanned<DeValue<'_>>) {
        let (Some(name), Some(folder)) = (string(value), self.file.parent()) else {
            return;
        };
        let span = self.inner(value);
        let target = folder.join(name);
        self.index
            .links
            .push((self.file.to_path_buf(), span, target));
    }

    /// A value that is an id as a whole: `next = "the-end"`.
    fn id_value(&mut self, value: Option<&Spanned<DeValue<'_>>>, kind: Kind, role: Role) {
        let Some(value) = value else { return };
        if let Some(name) = string(value) {
            let span = self.inner(value);
            self.push(kind, &name, span, role);
        }
    }

    fn push(&mut self, kind: Kind, name: &str, span: Range<usize>, role: Role) {
        if name.is_empty() {
            return;
        }
        self.index.occurrences.push(Occurrence {
            kind,
            name: name.to_string(),
            file: self.file.to_path_buf(),
            span,
            role,
        });
    }

    /// A condition or a number answer: names anywhere in the string.
    fn expression(&mut self, value: Option<&Spanned<DeValue<'_>>>) {
        let Some(value) = value else { return };
        let span = self.inner(value);
        self.names_in(span);
    }

    /// Text with `{...}` holes: names only inside the holes.
    fn template(&mut self, value: Option<&Spanned<DeValue<'_>>>) {
        let Some(value) = value else { return };
        let span = self.inner(value);
        let Some(raw) = self.text.get(span.clone()) else {
            return;
        };
        for hole in holes(raw) {
            self.names_in(span.start + hole.start..span.start + hole.end);
        }
    }

    /// `visits.war-room`, `flag.x`, `vsm.team.lead_time_days` in a span of the text.
    fn names_in(&mut self, span: Range<usize>) {
        let Some(raw) = self.text.get(span.clone()) else {
            return;
        };
        for (root, kind) in ROOTS {
            for (at, _) in raw.match_indices(root) {
                let before = raw[..at].chars().next_back();
                if before.is_some_and(|c| is_name_char(c) || c == '.') {
                    continue;
                }
                let start = at + root.len();
                let len = name_len(&raw[start..]);
                let name = &raw[start..start + len];
                self.push(
                    *kind,
                    name,
                    span.start + start..span.start + start + len,
                    Role::Use,
                );
            }
        }
    }

    /// The speakers of a dialogue script.
    fn speakers(&mut self, value: &Spanned<DeValue<'_>>) {
        let span = self.inner(value);
        let Some(raw) = self.text.get(span.clone()) else {
            return;
        };
        for line in parse_script(raw) {
            if let Some((who, at)) = line.speaker {
                self.push(
                    Kind::Character,
                    &who,
                    span.start + at.start..span.start + at.end,
                    Role::Use,
                );
            }
        }
    }

    /// The span of a string value without its quotes (and without the newline that TOML drops
    /// right after opening triple quotes).
    fn inner(&self, value: &Spanned<DeValue<'_>>) -> Range<usize> {
        let span = value.span();
        let raw = self.text.get(span.clone()).unwrap_or_default();
        let quote = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
            3
        } else if raw.starts_with(['"', '\'']) {
            1
        } else {
            return span;
        };
        let mut start = span.start + quote;
        let body = self.text.get(start..span.end).unwrap_or_default();
        if quote == 3 {
            start += body
                .strip_prefix("\r\n")
                .map(|_| 2)
                .or_else(|| body.strip_prefix('\n').map(|_| 1))
                .unwrap_or(0);
        }
        start..span.end.saturating_sub(quote).max(start)
    }

    /// A key's span without quotes, if it was quoted.
    fn key_span(&self, span: Range<usize>) -> Range<usize> {
        let raw = self.text.get(span.clone()).unwrap_or_default();
        if raw.len() >= 2 && raw.starts_with(['"', '\'']) {
            span.start + 1..span.end - 1
        } else {
            span
        }
    }
}

/// The tables of an array of tables (or a lone table).
fn tables<'v, 'i>(value: Option<&'v Spanned<DeValue<'i>>>) -> Vec<&'v DeTable<'i>> {
    match value.map(Spanned::get_ref) {
        Some(DeValue::Array(items)) => items
            .iter()
            .filter_map(|item| match item.get_ref() {
                DeValue::Table(table) => Some(table),
                _ => None,
            })
            .collect(),
        Some(DeValue::Table(table)) => vec![table],
        _ => Vec::new(),
    }
}

fn string(value: &Spanned<DeValue<'_>>) -> Option<String> {
    match value.get_ref() {
        DeValue::String(text) => Some(text.to_string()),
        _ => None,
    }
}

/// Where the `[[scene]]` header of a table starts: the last one before its first key.
fn header_start(text: &str, table: &DeTable<'_>) -> usize {
    let first = table
        .iter()
        .map(|(key, _)| key.span().start)
        .min()
        .unwrap_or(0);
    text[..first.min(text.len())]
        .rfind("[[scene]]")
        .unwrap_or(first)
}

fn trim_end(text: &str, span: Range<usize>) -> Range<usize> {
    let kept = text.get(span.clone()).unwrap_or_default().trim_end().len();
    span.start..span.start + kept
}

fn first_line(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .map(str::to_string)
}

/// The `{...}` holes of a template, as byte ranges of their insides; `{{` is a literal brace.
pub(crate) fn holes(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => i += 2,
            b'{' => {
                let end = text[i + 1..].find('}').map_or(text.len(), |e| i + 1 + e);
                found.push(i + 1..end);
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    found
}

pub(crate) fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// The length of the name at the start of `text`: a hyphen counts only between two letters
/// or digits, as the expression language reads it.
pub(crate) fn name_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut len = 0;
    while len < bytes.len() {
        let b = bytes[len];
        let inside = b.is_ascii_alphanumeric() || b == b'_';
        let hyphen = b == b'-'
            && len > 0
            && bytes[len - 1].is_ascii_alphanumeric()
            && bytes.get(len + 1).is_some_and(u8::is_ascii_alphanumeric);
        if !(inside || hyphen) {
            break;
        }
        len += 1;
    }
    len
}
