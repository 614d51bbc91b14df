//! Maps positions inside a string value back to bytes of the TOML file.
//!
//! A diagnostic about part of a string (a speaker in a dialogue, a name in a condition) should
//! underline that part, not the whole string. The value serde hands over has its escapes
//! decoded, so the literal is decoded again here, remembering where each byte came from.

use std::cell::OnceCell;
use std::ops::Range;

/// A string literal decoded: its value, and for each byte of the value (and its end) the
/// offset in the file where the character it belongs to is written.
struct Decoded {
    value: String,
    offsets: Vec<usize>,
}

/// Decodes the string literal at `span` of `source` the way TOML does: quotes, the newline
/// right after opening triple quotes, escapes and line-ending backslashes. `None` if `span`
/// holds no string literal.
fn decode(source: &str, span: &Range<usize>) -> Option<Decoded> {
    let raw = source.get(span.clone())?;
    let quote = ["\"\"\"", "'''", "\"", "'"]
        .into_iter()
        .find(|q| raw.starts_with(q) && raw.ends_with(q) && raw.len() >= 2 * q.len())?;
    let multiline = quote.len() == 3;
    let escapes = quote.starts_with('"');
    let mut body_start = quote.len();
    let body_end = raw.len() - quote.len();
    if multiline {
        if raw[body_start..].starts_with("\r\n") {
            body_start += 2;
        } else if raw[body_start..].starts_with('\n') {
            body_start += 1;
        }
    }
    let body = raw.get(body_start..body_end)?;
    let base = span.start + body_start;
    let mut value = String::with_capacity(body.len());
    let mut offsets = Vec::with_capacity(body.len() + 1);
    let mut push = |c: char, at: usize, value: &mut String| {
        value.push(c);
        offsets.extend(std::iter::repeat_n(base + at, c.len_utf8()));
    };
    let mut chars = body.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !(escapes && c == '\\') {
            push(c, at, &mut value);
            continue;
        }
        let (_, kind) = chars.next()?;
        let digits = match kind {
            'u' => 4,
            'U' => 8,
            'x' => 2,
            _ => 0,
        };
        let decoded = if digits > 0 {
            let start = at + 1 + kind.len_utf8();
            let hex = body.get(start..start + digits)?;
            for _ in 0..digits {
                chars.next();
            }
            char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
        } else {
            match kind {
                'b' => '\u{8}',
                't' => '\t',
                'n' => '\n',
                'f' => '\u{c}',
                'r' => '\r',
                'e' => '\u{1b}',
                '"' => '"',
                '\\' => '\\',
                // A backslash ending a line joins it to the next, dropping the whitespace.
                c if multiline && c.is_whitespace() => {
                    while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
                    continue;
                }
                _ => return None,
            }
        };
        push(decoded, at, &mut value);
    }
    offsets.push(base + body.len());
    Some(Decoded { value, offsets })
}

/// The file span of `range` inside `value`, the string literal at `span`; the whole literal
/// when the literal does not read back as `value`.
pub(crate) fn inner_span(
    source: &str,
    span: &Range<usize>,
    value: &str,
    range: Range<usize>,
) -> Range<usize> {
    LiteralSpans::new(source, span, value).inner(range)
}

/// A string literal in which many parts are located (every speaker of a dialogue, every name
/// in a text): decoded once, when the first part is asked for, so a long literal with many
/// parts costs its length once rather than once per part.
pub(crate) struct LiteralSpans<'a> {
    source: &'a str,
    span: Range<usize>,
    value: &'a str,
    decoded: OnceCell<Option<Decoded>>,
}

impl<'a> LiteralSpans<'a> {
    pub(crate) fn new(source: &'a str, span: &Range<usize>, value: &'a str) -> LiteralSpans<'a> {
        LiteralSpans {
            source,
            span: span.clone(),
            value,
            decoded: OnceCell::new(),
        }
    }

    /// The file span of `range` inside the value; the whole literal when the literal does not
    /// read back as the value.
    pub(crate) fn inner(&self, range: Range<usize>) -> Range<usize> {
        let decoded = self.decoded.get_or_init(|| {
            decode(self.source, &self.span).filter(|decoded| decoded.value == self.value)
        });
        match decoded {
            Some(decoded) if range.start <= range.end && range.end < decoded.offsets.len() => {
                decoded.offsets[range.start]..decoded.offsets[range.end]
            }
            _ => self.span.clone(),
        }
    }
}

/// Where the characters of a string value for which `wanted` holds are written in its literal
/// at `span`: the character itself, or the escape (`\u0007`, `\e`, `\x1b`) that stands for it.
/// Empty when `span` holds no string literal.
pub(crate) fn find_chars(
    source: &str,
    span: &Range<usize>,
    wanted: impl Fn(char) -> bool,
) -> Vec<(Range<usize>, char)> {
    let Some(decoded) = decode(source, span) else {
        return Vec::new();
    };
    decoded
        .value
        .char_indices()
        .filter(|(_, c)| wanted(*c))
        .map(|(at, c)| {
            let start = decoded.offsets[at];
            // Up to where the next character is written, but never past this line.
            let next = decoded.offsets[at + c.len_utf8()];
            let line_end = source[start..]
                .find('\n')
                .map_or(source.len(), |i| start + i);
            (start..next.min(line_end).max(start + 1), c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(source: &str, value: &str, part: &str) -> Range<usize> {
        let literal = source.find(['"', '\'']).unwrap()..source.trim_end().len();
        let at = value.find(part).unwrap();
        inner_span(source, &literal, value, at..at + part.len())
    }

    #[test]
    fn maps_parts_of_plain_and_multiline_literals() {
        assert_eq!(span_of("a = \"hi there\"", "hi there", "there"), 8..13);
        assert_eq!(span_of("b = \"\"\"\nline\"\"\"", "line", "ine"), 9..12);
        assert_eq!(span_of("b = \"\"\"\r\nline\"\"\"", "line", "ine"), 10..13);
        assert_eq!(span_of("c = 'x\\ty'", "x\\ty", "y"), 8..9);
    }

    #[test]
    fn maps_parts_after_escapes_and_line_continuations() {
        let source = "a = \"say \\\"hi\\\" to flag.x\"";
        assert_eq!(span_of(source, "say \"hi\" to flag.x", "flag.x"), 19..25);
        let source = "a = \"caf\\u00e9 {nope}\"";
        assert_eq!(span_of(source, "café {nope}", "nope"), 16..20);
        let source = "a = \"\"\"\none \\\n    two {x}\"\"\"";
        assert_eq!(span_of(source, "one two {x}", "x"), 23..24);
    }

    #[test]
    fn a_literal_that_reads_back_otherwise_is_underlined_whole() {
        let source = "a = \"hi\"";
        assert_eq!(inner_span(source, &(4..8), "ho", 0..1), 4..8);
    }

    #[test]
    fn finds_characters_and_the_escapes_that_stand_for_them() {
        let source = "a = \"x\\u0007y\\e\u{7}\\\\u0007\"\nb = 'raw\u{1b}'";
        let control = |c: char| c.is_control();
        assert_eq!(
            find_chars(source, &(4..24), control),
            vec![(6..12, '\u{7}'), (13..15, '\u{1b}'), (15..16, '\u{7}')]
        );
        assert_eq!(
            find_chars(source, &(29..35), control),
            vec![(33..34, '\u{1b}')]
        );
    }
}
