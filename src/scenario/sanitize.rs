//! Keeps scenario text from steering the terminal: control and escape characters never pass.

use std::borrow::Cow;

use crate::scan::{all_bytes, is_printable_ascii};

/// Removes every control character except newline, and turns tabs into spaces.
/// Returns the clean text and whether anything was removed.
pub(crate) fn sanitize(text: &str) -> (String, bool) {
    match cleaned(text) {
        Cow::Borrowed(text) => (text.to_string(), false),
        Cow::Owned(clean) => (clean, true),
    }
}

/// The same without a copy when there is nothing to remove, as in nearly all text.
pub(crate) fn cleaned(text: &str) -> Cow<'_, str> {
    if all_bytes(text, |b| b == b'\n' || is_printable_ascii(b)) || !text.chars().any(is_removed) {
        return Cow::Borrowed(text);
    }
    let clean = text
        .chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            c if is_removed(c) => None,
            c => Some(c),
        })
        .collect();
    Cow::Owned(clean)
}

/// Whether sanitising changes `c` (a tab becomes a space, the rest is dropped).
fn is_removed(c: char) -> bool {
    c != '\n' && (c.is_control() || is_invisible_format(c))
}

/// Whether an author's text holding `c` deserves a warning: removed before display and not
/// mere layout (newline, tab, the carriage return of a CRLF file).
pub(crate) fn is_suspicious(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || is_invisible_format(c)
}

/// How many characters of `text` deserve that warning.
pub(crate) fn suspicious_count(text: &str) -> usize {
    if all_bytes(text, |b| {
        is_printable_ascii(b) || matches!(b, b'\n' | b'\t' | b'\r')
    }) {
        return 0;
    }
    text.chars().filter(|c| is_suspicious(*c)).count()
}

/// Bidirectional overrides can make text display in an order other than it is stored.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The same, for text that does not come from an author (a learner's name or typed answer).
pub(crate) fn clean(text: &str) -> String {
    sanitize(text).0
}

/// Reads JSON that dojo wrote but anyone could have edited (results files, journals) with
/// every string cleaned, so no field of it, shown later, can steer the terminal.
pub(crate) fn from_json_cleaned<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
) -> serde_json::Result<T> {
    let mut value: serde_json::Value = serde_json::from_slice(bytes)?;
    clean_json(&mut value);
    serde_json::from_value(value)
}

/// Cleans every string value inside `value`, however deep.
pub(crate) fn clean_json(value: &mut serde_json::Value) {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::String(text) => {
                if let Cow::Owned(clean) = cleaned(text) {
                    *text = clean;
                }
            }
            serde_json::Value::Array(items) => stack.extend(items.iter_mut()),
            serde_json::Value::Object(fields) => stack.extend(fields.values_mut()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escape_sequences_and_controls() {
        let (clean, changed) = sanitize("a\u{1b}[2Jb\u{7}c\u{9b}31md\u{202e}e\n\tf");
        assert_eq!(clean, "a[2Jbc31mde\n f");
        assert!(changed);
        assert_eq!(sanitize("plain"), ("plain".to_string(), false));
        assert_eq!(suspicious_count("a\u{1b}b\r\n\tc\u{2066}"), 2);
    }

    #[test]
    fn clean_text_is_not_copied() {
        assert!(matches!(
            cleaned("caf\u{e9} \u{2014} ok\n"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(cleaned("a\tb"), Cow::Owned(ref s) if s == "a b"));
    }
}
