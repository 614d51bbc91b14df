//! Errors from deserialising a table into its serde model, in an author's words: unknown
//! keys with the table they landed in, missing keys, wrong types and values.

use std::ops::Range;

use crate::diagnostic::Diagnostic;

use super::doc::Doc;
use super::lookup;
use super::walk::key_at;

impl Doc<'_> {
    /// A diagnostic for an error from deserialising `item`, part of this document, into the
    /// model.
    pub(crate) fn shape(
        &self,
        error: &toml::de::Error,
        item: &toml::Spanned<toml::de::DeValue<'_>>,
    ) -> Diagnostic {
        let span = error.span().unwrap_or(item.span());
        let message = error.message().trim_end_matches('\n').to_string();
        if let Some(rest) = message.strip_prefix("unknown field `") {
            let key = rest.split('`').next().unwrap_or_default();
            return self.unknown_key(key, span);
        }
        if let Some(rest) = message.strip_prefix("missing field `") {
            let key = rest.split('`').next().unwrap_or_default();
            return self.missing_key(key, self.format.example(key), span);
        }
        // The key is looked for in the table being read first: in a file of thousands of
        // tables, searching the whole file for every problem would be quadratic.
        let within = match item.get_ref() {
            toml::de::DeValue::Table(table) => key_at(table, &span),
            _ => None,
        };
        let key = within
            .or_else(|| key_at(self.root, &span))
            .unwrap_or_else(|| "this value".to_string());
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
            let name = rest.trim();
            let (expected, hint) = self
                .format
                .untagged
                .iter()
                .find(|(n, _, _)| *n == name)
                .map_or((name, ""), |(_, expected, hint)| (*expected, *hint));
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
            return match lookup(self.format.range_hints, &key) {
                Some(hint) => diagnostic.hint(hint),
                None => diagnostic,
            };
        }
        // An enum (`level`, `queues`) given something other than text.
        if message == "wanted string or table" {
            return Diagnostic::error("invalid-value", format!("`{key}` should be text in quotes"))
                .at(self.file, span, "expected text in quotes")
                .hint("put the value in quotes");
        }
        // A table written as `[[...]]`: serde counts the list's items against the struct.
        if message.starts_with("invalid length") || message.starts_with("wanted exactly 1 element")
        {
            let header = self.source.get(span.clone()).unwrap_or_default().trim();
            if let Some(path) = header.strip_prefix("[[").and_then(|h| h.strip_suffix("]]")) {
                let last = path.rsplit('.').next().unwrap_or(path);
                return Diagnostic::error(
                    "invalid-value",
                    format!("`[[{path}]]` starts a list of tables, but `{last}` is one table"),
                )
                .at(self.file, span, "double brackets make a list")
                .hint(format!(
                    "write `[{path}]` with single brackets; `[[...]]` is for tables that repeat, such as `[[scene.question.option]]`"
                ));
            }
            return Diagnostic::error(
                "invalid-value",
                format!("`{key}` should be one value, not a list"),
            )
            .at(self.file, span, "a list");
        }
        Diagnostic::error("invalid-value", message).at(self.file, span, "here")
    }

    /// A required key missing from the table whose header is at `span`.
    pub(crate) fn missing_key(&self, key: &str, example: &str, span: Range<usize>) -> Diagnostic {
        Diagnostic::error(
            "missing-key",
            format!("missing key `{key}` {}", self.place(span.start)),
        )
        .at(self.file, span, format!("this table has no `{key}`"))
        .hint(format!("add `{key} = {example}` below this header"))
    }

    /// A required key missing from the top level of the file.
    pub(crate) fn missing_top_key(&self, key: &str, example: &str) -> Diagnostic {
        let name = &self.name;
        Diagnostic::error("missing-key", format!("missing key `{key}` in {name}"))
            .at(self.file, 0..0, format!("`{key}` is required in this file"))
            .hint(format!(
                "add `{key} = {example}` at the top of {name}, above the first `[[...]]` header"
            ))
    }

    fn unknown_key(&self, key: &str, span: Range<usize>) -> Diagnostic {
        let header = self.header_at(span.start);
        let inline = self.inline_around(span.start);
        let (path, table) = self.table_at(span.start);
        let place = self.place(span.start);
        let allowed = self.format.keys_of(&path.join(".")).unwrap_or_default();
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
            if self
                .format
                .keys_of(&name)
                .is_some_and(|keys| keys.contains(&key))
            {
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
        format!("the number {}", number(strip_kind(found)))
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
/// The number serde quoted, as an author would write it: serde adds the type it tried
/// (`` `18446744073709551616` as i128 ``) and prints a float in all its digits (`1e308` as
/// 309 of them).
fn number(quoted: &str) -> String {
    let digits = quoted
        .split('`')
        .find(|part| !part.trim().is_empty())
        .unwrap_or(quoted)
        .trim();
    match digits.parse::<f64>() {
        Ok(value) if digits.len() > 20 && value.is_finite() => format!("{value:e}"),
        _ => digits.to_string(),
    }
}

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

/// The allowed name an author most likely meant: a near spelling, or one the key begins.
fn closest_key<'k>(key: &str, allowed: &[&'k str]) -> Option<&'k str> {
    let started = allowed
        .iter()
        .find(|k| key.len() >= 3 && k.starts_with(key));
    started.copied().or_else(|| {
        allowed
            .iter()
            .filter_map(|k| Some((crate::suggest::near(key, k)?, *k)))
            .min()
            .map(|(_, k)| k)
    })
}
