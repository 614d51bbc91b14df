//! Maps positions inside a string value back to bytes of the TOML file, where that is exact.

use std::ops::Range;

/// The byte offset in the file where `value`'s text starts, if the literal at `span` holds it
/// verbatim (no escapes); otherwise `None`, and diagnostics underline the whole literal.
pub fn content_start(source: &str, span: &Range<usize>, value: &str) -> Option<usize> {
    let raw = source.get(span.clone())?;
    let (open, close) = ["\"\"\"", "'''", "\"", "'"]
        .iter()
        .find(|q| raw.starts_with(**q) && raw.ends_with(**q) && raw.len() >= 2 * q.len())
        .map(|q| (q.len(), q.len()))?;
    let mut start = open;
    let inner = &raw[open..raw.len() - close];
    let mut body = inner;
    if open == 3 {
        if let Some(rest) = body.strip_prefix("\r\n") {
            start += 2;
            body = rest;
        } else if let Some(rest) = body.strip_prefix('\n') {
            start += 1;
            body = rest;
        }
    }
    (body == value).then_some(span.start + start)
}

/// The file span of `range` inside the value, or the whole literal when that cannot be exact.
pub fn inner_span(
    source: &str,
    span: &Range<usize>,
    value: &str,
    range: Range<usize>,
) -> Range<usize> {
    match content_start(source, span, value) {
        Some(start) => start + range.start..start + range.end,
        None => span.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_content_of_plain_and_multiline_literals() {
        let source = "a = \"hi\"\nb = \"\"\"\nline\"\"\"\nc = \"x\\ty\"";
        assert_eq!(content_start(source, &(4..8), "hi"), Some(5));
        assert_eq!(content_start(source, &(13..25), "line"), Some(17));
        assert_eq!(content_start(source, &(30..37), "x\ty"), None);
    }
}
