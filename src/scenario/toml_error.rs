//! Turns TOML syntax and shape errors into diagnostics that name the key, the table it landed
//! in and, for the TOML trap (a key written below a sub-table header), the table it belongs to.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, FileId};

use super::inline_tables::InlineTables;
use super::model::keys_of;

/// A file's parsed table and text, for finding which table and key an error points into.
pub(super) struct Doc<'a> {
    pub(super) file: FileId,
    /// The file's own name, such as `scenario.toml`.
    name: String,
    source: &'a str,
    root: &'a DeTable<'a>,
    headers: std::cell::OnceCell<Vec<Header>>,
    inline: std::cell::OnceCell<InlineTables>,
}

/// A `[table]` or `[[array-of-tables]]` header and where it is written.
struct Header {
    start: usize,
    path: Vec<String>,
    array: bool,
}

impl Header {
    fn name(&self) -> String {
        let path = self.path.join(".");
        if self.array {
            format!("[[{path}]]")
        } else {
            format!("[{path}]")
        }
    }
}

impl<'a> Doc<'a> {
    pub(super) fn new(file: FileId, path: &str, source: &'a str, root: &'a DeTable<'a>) -> Doc<'a> {
        let name = std::path::Path::new(path)
            .file_name()
            .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned());
        Doc {
            file,
            name,
            source,
            root,
            headers: std::cell::OnceCell::new(),
            inline: std::cell::OnceCell::new(),
        }
    }

    /// Every header of the file, found on the first diagnostic that needs one: a file with
    /// no problem never pays for it.
    fn headers(&self) -> &[Header] {
        self.headers.get_or_init(|| {
            let mut headers = Vec::new();
            collect_headers(self.source, self.root, &mut Vec::new(), &mut headers);
            headers.sort_by_key(|h| (h.start, h.path.len()));
            headers
        })
    }

    /// The inline tables of the file, indexed on the first diagnostic that needs them.
    fn inline(&self) -> &InlineTables {
        self.inline
            .get_or_init(|| InlineTables::new(self.source, self.root))
    }

    /// The header of the table a key written at `offset` lands in; `None` at the top level.
    fn header_at(&self, offset: usize) -> Option<&Header> {
        let after = self.headers().partition_point(|h| h.start <= offset);
        self.headers().get(after.checked_sub(1)?)
    }

    /// The path of the table a key written at `offset` lands in, and how to name it: the
    /// header above it, extended into any inline table (`right = { ... }`) around it.
    fn table_at(&self, offset: usize) -> (Vec<String>, String) {
        let header = self.header_at(offset);
        let inline = self.inline().around(offset);
        let mut path = header.map(|h| h.path.clone()).unwrap_or_default();
        path.extend(inline.iter().cloned());
        let name = match header {
            Some(header) if inline.is_empty() => header.name(),
            _ if path.is_empty() => format!("the top level of {}", self.name),
            _ => format!("[{}]", path.join(".")),
        };
        (path, name)
    }

    /// "in [[scene]]", or "at the top level of scenario.toml".
    fn place(&self, offset: usize) -> String {
        let (path, name) = self.table_at(offset);
        if path.is_empty() {
            format!("at {name}")
        } else {
            format!("in {name}")
        }
    }

    /// A diagnostic for an error `DeTable::parse_recoverable` reported.
    pub(super) fn syntax(&self, error: &toml::de::Error) -> Diagnostic {
        let end = self.source.len();
        let span = error.span().unwrap_or(end..end);
        let message = error.message().trim_end_matches('\n');
        let (what, expected) = match message.split_once(", expected ") {
            Some((what, expected)) => (what, Some(expected)),
            None => (message, None),
        };
        if what == "duplicate key" {
            return self.duplicate_key(span);
        }
        let raw = self
            .source
            .get(span.start..)
            .and_then(|rest| rest.chars().next());
        if let Some(c) = raw.filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
            return Diagnostic::error("toml-syntax", "a raw control character in the file")
                .at(self.file, span.start..span.start + c.len_utf8(), format!("U+{:04X}", u32::from(c)))
                .hint("TOML allows no control characters but tabs and newlines; remove it (dojo would not show it anyway)");
        }
        let label = if what.starts_with("string values must be quoted") {
            "not in quotes".to_string()
        } else {
            expected.map_or_else(|| "here".to_string(), |e| format!("expected {e}"))
        };
        let hint = if what.starts_with("invalid basic string")
            || what.starts_with("invalid literal string")
        {
            Some(
                "a quoted string ends on the line it starts; use `\"\"\"` quotes for text over several lines",
            )
        } else if what.starts_with("string values must be quoted") {
            Some("put text in quotes: `key = \"text\"`")
        } else if what.starts_with("unexpected key or value") {
            Some("write one `key = value` per line")
        } else if what.starts_with("missing comma") || what.starts_with("unclosed") {
            Some("lists are written `[\"a\", \"b\"]` and inline tables `{ a = 1, b = 2 }`")
        } else {
            None
        };
        let diagnostic = Diagnostic::error("toml-syntax", what).at(self.file, span, label);
        match hint {
            Some(hint) => diagnostic.hint(hint),
            None => diagnostic,
        }
    }

    fn duplicate_key(&self, span: Range<usize>) -> Diagnostic {
        let key = self.source.get(span.clone()).unwrap_or_default().trim();
        if let Some(header) = self.header_line(span.start) {
            let mut diagnostic = Diagnostic::error(
                "toml-syntax",
                format!("`{header}` is written twice for the same table"),
            )
            .at(self.file, span.clone(), "written again here");
            // The first one is below the latest `[[...]]` header that encloses this table.
            let path = header.trim_matches(['[', ']']);
            let from = self.source[..span.start]
                .match_indices("[[")
                .filter(|(at, _)| {
                    self.header_line(*at).is_some_and(|h| {
                        path.starts_with(&format!("{}.", h.trim_matches(['[', ']'])))
                    })
                })
                .last()
                .map_or(0, |(at, _)| at);
            let first = self.source[from..span.start]
                .match_indices(header)
                .map(|(at, text)| (from + at, text))
                .find(|(at, _)| self.header_line(*at) == Some(header));
            if let Some((at, _)) = first {
                diagnostic =
                    diagnostic.also(self.file, at..at + header.len(), "first written here");
            }
            return diagnostic.hint(if header == "[scene.question]" {
                "a scene has one question; to ask another, start a new scene with a `[[scene]]` header first"
            } else {
                "a `[table]` header names one table, written once; each `[[table]]` header starts a new entry"
            });
        }
        let table = self.header_at(span.start);
        let mut diagnostic = Diagnostic::error(
            "toml-syntax",
            format!("`{key}` is set twice {}", self.place(span.start)),
        )
        .at(self.file, span.clone(), "set again here");
        if let Some(first) = self.first_key_named(table, key, span.start) {
            diagnostic = diagnostic.also(self.file, first, "first set here");
        }
        diagnostic.hint("a key appears once per table; for another scene or option, start a new `[[...]]` header")
    }

    /// The header written on the line of `offset`, such as `[scene.question]`, if it is one.
    fn header_line(&self, offset: usize) -> Option<&'a str> {
        let start = self.source[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line = self.source[start..].lines().next().unwrap_or_default();
        let line = line.split('#').next().unwrap_or_default().trim();
        line.starts_with('[').then_some(line)
    }

    /// For an error that a table's header is written twice: the body below that header, up
    /// to the next header. Keys there all repeat keys of the first table and say nothing new.
    pub(super) fn repeated_body(&self, error: &toml::de::Error) -> Option<Range<usize>> {
        let span = error.span()?;
        if !error.message().starts_with("duplicate key") {
            return None;
        }
        self.header_line(span.start)?;
        let body = self.source[span.start..]
            .find('\n')
            .map_or(self.source.len(), |i| span.start + i + 1);
        let mut end = body;
        for line in self.source[body..].split_inclusive('\n') {
            if line.trim_start().starts_with('[') {
                break;
            }
            end += line.len();
        }
        Some(body..end)
    }

    /// Where `key` is first set in the table whose header is `table` (before `before`).
    fn first_key_named(
        &self,
        table: Option<&Header>,
        key: &str,
        before: usize,
    ) -> Option<Range<usize>> {
        let mut found = None;
        visit_keys(self.root, &mut |k, _| {
            if k.get_ref() == key && k.span().start < before {
                let same_table = match (self.header_at(k.span().start), table) {
                    (Some(a), Some(b)) => a.start == b.start,
                    (None, None) => true,
                    _ => false,
                };
                if same_table && found.is_none() {
                    found = Some(k.span());
                }
            }
        });
        found
    }

    /// A diagnostic for an error from deserialising part of this document into the model.
    pub(super) fn shape(&self, error: &toml::de::Error, fallback: Range<usize>) -> Diagnostic {
        let span = error.span().unwrap_or(fallback);
        let message = error.message().trim_end_matches('\n').to_string();
        if let Some(rest) = message.strip_prefix("unknown field `") {
            let key = rest.split('`').next().unwrap_or_default();
            return self.unknown_key(key, span);
        }
        if let Some(rest) = message.strip_prefix("missing field `") {
            let key = rest.split('`').next().unwrap_or_default();
            return Diagnostic::error(
                "missing-key",
                format!("missing key `{key}` {}", self.place(span.start)),
            )
            .at(self.file, span, format!("this table has no `{key}`"))
            .hint(format!("add `{key} = {}` below this header", example(key)));
        }
        let key = key_at(self.root, &span).unwrap_or_else(|| "this value".to_string());
        if let Some(rest) = message.strip_prefix("invalid type: ")
            && let Some((found, expected)) = rest.split_once(", expected ")
        {
            let expected = describe_expected(expected, false);
            let found = describe_found(found);
            let diagnostic = Diagnostic::error(
                "invalid-value",
                format!("`{key}` should be {expected}, not {found}"),
            )
            .at(self.file, span, format!("expected {expected}"));
            return match type_hint(&expected, &found) {
                Some(hint) => diagnostic.hint(hint),
                None => diagnostic,
            };
        }
        if let Some(rest) = message.strip_prefix("unknown variant `") {
            let (value, choices) = rest.split_once('`').unwrap_or((rest, ""));
            let choices = choices
                .trim_start_matches(", expected ")
                .trim_start_matches("one of ");
            let names: Vec<&str> = choices.split('`').skip(1).step_by(2).collect();
            let hint = match closest_key(value, &names) {
                Some(close) => format!("did you mean `{close}`? `{key}` is one of {choices}"),
                None => format!("`{key}` is one of {choices}"),
            };
            return Diagnostic::error("invalid-value", format!("`{value}` is not a valid `{key}`"))
                .at(self.file, span, "unknown value")
                .hint(hint);
        }
        if let Some(rest) = message.strip_prefix("data did not match any variant of untagged enum ")
        {
            let (expected, hint) = match rest.trim() {
                "NumberSource" => (
                    "a number, or an expression in quotes",
                    "write `answer = 14.6`, or `answer = \"2 / 8 * 100\"` to compute it",
                ),
                "FlagValue" => (
                    "`true`, `false`, a whole number or text in quotes",
                    "a flag holds one value, such as `set = { mood = \"calm\" }`",
                ),
                other => (other, ""),
            };
            let diagnostic = Diagnostic::error(
                "invalid-value",
                format!("`{key}` should be {expected}"),
            )
            .at(self.file, span, format!("expected {expected}"));
            return if hint.is_empty() {
                diagnostic
            } else {
                diagnostic.hint(hint)
            };
        }
        if let Some(rest) = message.strip_prefix("invalid value: ")
            && let Some((found, expected)) = rest.split_once(", expected ")
        {
            let expected = describe_expected(expected, true);
            let diagnostic = Diagnostic::error(
                "invalid-value",
                format!("`{key}` should be {expected}, not {}", strip_kind(found)),
            )
            .at(self.file, span, format!("expected {expected}"));
            return if key == "min" {
                diagnostic.hint("`min` is a percentage of the attainable score, from 0 to 100")
            } else {
                diagnostic
            };
        }
        Diagnostic::error("invalid-value", message).at(self.file, span, "here")
    }

    fn unknown_key(&self, key: &str, span: Range<usize>) -> Diagnostic {
        let header = self.header_at(span.start);
        let inline = self.inline().around(span.start);
        let (path, table) = self.table_at(span.start);
        let place = self.place(span.start);
        let allowed = keys_of(&path.join(".")).unwrap_or_default();
        let label = if path.is_empty() {
            "unknown key".to_string()
        } else {
            format!("not a key of {table}")
        };
        let diagnostic = Diagnostic::error("unknown-key", format!("unknown key `{key}` {place}"))
            .at(self.file, span, label);
        // The TOML trap: a key of an enclosing table written below a sub-table's header.
        let mut ancestor = header.map(|h| h.path.clone()).unwrap_or_default();
        while inline.is_empty() && ancestor.pop().is_some() && !ancestor.is_empty() {
            let name = ancestor.join(".");
            if keys_of(&name).is_some_and(|keys| keys.contains(&key)) {
                let owner = if self.headers().iter().any(|h| h.path == ancestor && h.array) {
                    format!("[[{name}]]")
                } else {
                    format!("[{name}]")
                };
                return diagnostic.hint(format!(
                    "`{key}` is a key of {owner}, but every key written after a {table} header lands in that table: move `{key}` above the first `[{name}.…]` header"
                ));
            }
        }
        let list = allowed
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        match closest_key(key, allowed) {
            Some(close) => diagnostic.hint(format!("did you mean `{close}`?")),
            None if !list.is_empty() => diagnostic.hint(format!("keys allowed {place}: {list}")),
            None => diagnostic,
        }
    }
}

fn collect_headers(
    source: &str,
    table: &DeTable<'_>,
    path: &mut Vec<String>,
    out: &mut Vec<Header>,
) {
    let is_header = |span: Range<usize>| source.get(span).is_some_and(|text| text.starts_with('['));
    for (key, value) in table.iter() {
        path.push(key.get_ref().to_string());
        match value.get_ref() {
            DeValue::Table(inner) => {
                if is_header(value.span()) {
                    out.push(Header {
                        start: value.span().start,
                        path: path.clone(),
                        array: false,
                    });
                }
                collect_headers(source, inner, path, out);
            }
            DeValue::Array(items) => {
                for item in items.iter() {
                    if let DeValue::Table(inner) = item.get_ref() {
                        if is_header(item.span()) {
                            out.push(Header {
                                start: item.span().start,
                                path: path.clone(),
                                array: true,
                            });
                        }
                        collect_headers(source, inner, path, out);
                    }
                }
            }
            _ => {}
        }
        path.pop();
    }
}

/// Calls `f` on every key of every table, depth first.
fn visit_keys<'a>(
    table: &'a DeTable<'a>,
    f: &mut dyn FnMut(&'a toml::Spanned<std::borrow::Cow<'a, str>>, &'a toml::Spanned<DeValue<'a>>),
) {
    for (key, value) in table.iter() {
        f(key, value);
        match value.get_ref() {
            DeValue::Table(inner) => visit_keys(inner, f),
            DeValue::Array(items) => {
                for item in items.iter() {
                    if let DeValue::Table(inner) = item.get_ref() {
                        visit_keys(inner, f);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The name of the innermost key whose name or value is at `span`, dotted from its nearest
/// header table (`score.flow` for a value inside `score = { flow = ... }`).
fn key_at(root: &DeTable<'_>, span: &Range<usize>) -> Option<String> {
    fn search(
        table: &DeTable<'_>,
        span: &Range<usize>,
        inline: &mut Vec<String>,
    ) -> Option<String> {
        for (key, value) in table.iter() {
            let name = key.get_ref().to_string();
            let value_span = value.span();
            let inside = value_span.start <= span.start && span.end <= value_span.end;
            match value.get_ref() {
                // An inline table's span covers its body; a header table's only its header.
                DeValue::Table(inner) if inside => {
                    inline.push(name.clone());
                    if let Some(found) = search(inner, span, inline) {
                        return Some(found);
                    }
                    inline.pop();
                }
                DeValue::Table(inner) => {
                    if let Some(found) = search(inner, span, &mut Vec::new()) {
                        return Some(found);
                    }
                }
                DeValue::Array(items) => {
                    for item in items.iter() {
                        if let DeValue::Table(inner) = item.get_ref()
                            && let Some(found) = search(inner, span, &mut Vec::new())
                        {
                            return Some(found);
                        }
                    }
                }
                _ => {}
            }
            if key.span() == *span || inside {
                let mut path = inline.clone();
                path.push(name);
                return Some(path.join("."));
            }
        }
        None
    }
    search(root, span, &mut Vec::new())
}

/// What serde expected, in an author's words; `range` when the value had the right type but
/// not an allowed value (a negative number for a count).
fn describe_expected(expected: &str, range: bool) -> String {
    match expected.trim() {
        "u8" | "u16" | "u32" | "u64" | "usize" if range => "a whole number, 0 or more".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number".into(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "a boolean" => "`true` or `false`".into(),
        "a string" => "text in quotes".into(),
        "a sequence" => "a list `[...]`".into(),
        "a map" => "a table".into(),
        other if other.starts_with("struct ") => "a table".into(),
        other => other.to_string(),
    }
}

fn describe_found(found: &str) -> String {
    let found = found.trim();
    if found.starts_with("string") {
        format!("text {}", strip_kind(found))
    } else if found.starts_with("integer") || found.starts_with("floating point") {
        format!("the number {}", strip_kind(found).trim_matches('`'))
    } else if found.starts_with("boolean") {
        strip_kind(found).to_string()
    } else if found == "sequence" {
        "a list".into()
    } else if found == "map" {
        "a table".into()
    } else {
        found.to_string()
    }
}

/// `string "ten"` -> `"ten"`, `integer `5`` -> `` `5` ``.
fn strip_kind(found: &str) -> &str {
    found
        .trim()
        .split_once([' '])
        .map_or(found, |(_, value)| value.trim_start_matches("point "))
}

fn type_hint(expected: &str, found: &str) -> Option<&'static str> {
    let found_text = found.starts_with("text");
    if found_text && (expected.contains("number") || expected.contains("`true`")) {
        Some("write the value without quotes")
    } else if found_text && expected.starts_with("a list") {
        Some("write a list in brackets, even for one item: `[\"...\"]`")
    } else if expected.starts_with("text") && found == "a list" {
        Some("give one value in quotes, not a list")
    } else if expected.starts_with("text") {
        Some("put the value in quotes")
    } else {
        None
    }
}

fn example(key: &str) -> &'static str {
    match key {
        "kind" => "\"single\"",
        "min" => "0",
        "when" => "\"flag.<name>\"",
        "goto" => "\"<scene id>\"",
        "id" => "\"<id>\"",
        _ => "\"...\"",
    }
}

/// The allowed name an author most likely meant: a near spelling, or one the key begins.
fn closest_key<'k>(key: &str, allowed: &[&'k str]) -> Option<&'k str> {
    let started = allowed
        .iter()
        .find(|k| key.len() >= 3 && k.starts_with(key));
    started.copied().or_else(|| {
        allowed
            .iter()
            .map(|k| (crate::suggest::edit_distance(key, k), *k))
            .filter(|(d, k)| crate::suggest::is_near(*d, k))
            .min()
            .map(|(_, k)| k)
    })
}
