//! Parsing with recovery, and deserialising each table on its own so that one mistake hides
//! no other.

use std::collections::HashSet;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::diagnostic::{Diagnostic, FileId, Sources};
use crate::suggest::near;

use super::{Doc, Format};

/// Parses a file as far as the parser can recover, reporting each syntax error (the first on
/// each line: one mistake often confuses the parser for the rest of its line). Also says
/// whether there was any.
pub(crate) fn parse<'a>(
    format: &'static Format,
    sources: &'a Sources,
    file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Spanned<DeTable<'a>>, bool) {
    let text = sources.text(file);
    let (table, mut errors) = DeTable::parse_recoverable(text);
    errors.sort_by_key(|e| e.span().map_or(usize::MAX, |s| s.start));
    let doc = Doc::new(format, file, sources.name(file), text, table.get_ref());
    let mut lines = HashSet::new();
    let mut repeated: Vec<std::ops::Range<usize>> = Vec::new();
    let mut reported = 0;
    for error in &errors {
        let at = error.span().map(|s| s.start);
        if reported == MOST_SYNTAX_ERRORS_PER_FILE {
            let end = text.len();
            diagnostics.push(doc.too_many_syntax_errors(error.span().unwrap_or(end..end)));
            break;
        }
        // Errors come in order and so do the bodies they repeat: only the last can hold this.
        if at.is_some_and(|at| repeated.last().is_some_and(|body| body.contains(&at))) {
            continue;
        }
        repeated.extend(doc.repeated_body(error));
        if lines.insert(at.map(|at| sources.line_col(file, at).0)) {
            diagnostics.push(doc.syntax(error));
            reported += 1;
        }
    }
    (table, !errors.is_empty())
}

/// Deserialises each table of an array of tables on its own, so one bad entry hides no other.
/// The ids of entries that cannot be read go to `broken` (an empty one if an entry has none).
/// With each entry comes whether parts of it had to be dropped (see [`lenient`]).
pub(crate) fn each<T: for<'de> Deserialize<'de>>(
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
pub(crate) fn table_id(item: &Spanned<DeValue<'_>>) -> String {
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

/// The most syntax errors one file reports: past this many, a file is most likely not what the
/// author meant to list (or was mangled), and listing every line would take longer than fixing it.
const MOST_SYNTAX_ERRORS_PER_FILE: usize = 100;

pub(crate) fn lenient<T: for<'de> Deserialize<'de>>(
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
        let reported = |key: &str| removed.iter().any(|r| r == key || near(r, key).is_some());
        // One mistake can fail twice at the same place (a list where a table belongs, once as
        // a list and once for its length): it is said once.
        let diagnostic = doc.shape(&error, &item);
        if !missing.is_some_and(reported) && diagnostics.last() != Some(&diagnostic) {
            diagnostics.push(diagnostic);
        }
        let span = span.filter(|span| *span != item.span())?;
        if removed.len() == MOST_PROBLEMS_PER_TABLE {
            // Each retry copies the table: thousands of bad keys would be quadratic, and no
            // author reads past the first screenful anyway.
            diagnostics.push(doc.too_many_problems(span));
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

#[cfg(test)]
mod tests {
    use super::*;

    static BARE: Format = Format {
        tables: &[],
        entries: "another entry",
        headers_twice: &[],
        examples: &[],
        untagged: &[],
        range_hints: &[],
    };

    /// Found by the fuzz harness: a key repeated 25,000 times printed 10 MB of diagnostics.
    #[test]
    fn a_file_reports_at_most_so_many_syntax_errors_then_says_so() {
        let mut sources = Sources::new();
        let file = sources.add("f.toml", "start = \"intro\"\n".repeat(5_000));
        let mut diagnostics = Vec::new();
        let (_, failed) = parse(&BARE, &sources, file, &mut diagnostics);
        assert!(failed);
        assert_eq!(diagnostics.len(), MOST_SYNTAX_ERRORS_PER_FILE + 1);
        assert!(
            diagnostics[..MOST_SYNTAX_ERRORS_PER_FILE]
                .iter()
                .all(|d| d.code == "toml-syntax")
        );
        assert_eq!(
            diagnostics[MOST_SYNTAX_ERRORS_PER_FILE].code,
            "too-many-problems"
        );
    }
}
