//! The text of every file a diagnostic may point into, with line and column lookup.
//!
//! Files are shown to the terminal when diagnostics quote them, and an author's file may hold
//! control characters (an escape sequence, a text direction override). Each file therefore
//! has a display copy in which such characters are [`visible`] symbols, made the first time a
//! diagnostic shows the file, and spans into the original text are moved onto the display copy
//! with [`Sources::display_span`].

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use codespan_reporting::files::{Files, SimpleFile};

use crate::scan::{all_bytes, is_printable_ascii};

/// Index of a file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub usize);

#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

#[derive(Debug, Clone)]
struct SourceFile {
    name: String,
    text: String,
    /// Made when a diagnostic first shows the file: most files loaded are never shown.
    display: OnceLock<Display>,
    /// Byte offset of every line's start, made on the first lookup: a file with thousands of
    /// diagnostics must not be scanned from the top for each.
    line_starts: OnceLock<Vec<usize>>,
}

/// A file as diagnostics print it.
#[derive(Debug, Clone)]
struct Display {
    file: SimpleFile<String, String>,
    /// Where the display text grew: original byte offset and how many bytes it had gained in
    /// all up to and including there, so a span moves with one binary search.
    shifts: Vec<(usize, usize)>,
}

impl SourceFile {
    fn display(&self) -> &Display {
        self.display
            .get_or_init(|| Display::new(&self.name, &self.text))
    }
}

impl Display {
    fn new(name: &str, text: &str) -> Display {
        // Plain ASCII with ordinary line ends, the usual case, shows as it is.
        let plain = all_bytes(text, |b| b == b'\n' || b == b'\t' || is_printable_ascii(b));
        let mut display = String::with_capacity(text.len());
        let mut shifts = Vec::new();
        if plain {
            display.push_str(text);
        }
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next().filter(|_| !plain) {
            let keep = c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n');
            match symbol(c).filter(|_| !keep) {
                Some(symbol) => {
                    display.push(symbol);
                    let grown = symbol.len_utf8().saturating_sub(c.len_utf8());
                    if grown > 0 {
                        let before = shifts.last().map_or(0, |&(_, total)| total);
                        shifts.push((at, before + grown));
                    }
                }
                None => display.push(c),
            }
        }
        Display {
            file: SimpleFile::new(visible(name).into_owned(), display),
            shifts,
        }
    }
}

impl Sources {
    pub(crate) fn new() -> Sources {
        Sources::default()
    }

    /// Adds a file under the name diagnostics will show for it.
    pub(crate) fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        self.files.push(SourceFile {
            name: name.into(),
            text: text.into(),
            display: OnceLock::new(),
            line_starts: OnceLock::new(),
        });
        FileId(self.files.len() - 1)
    }

    pub(crate) fn name(&self, id: FileId) -> &str {
        self.files.get(id.0).map_or("", |f| f.name.as_str())
    }

    pub(crate) fn text(&self, id: FileId) -> &str {
        self.files.get(id.0).map_or("", |f| f.text.as_str())
    }

    /// One-based line and column (in characters) of a byte offset.
    pub(crate) fn line_col(&self, id: FileId, offset: usize) -> (usize, usize) {
        let Some(file) = self.files.get(id.0) else {
            return (1, 1);
        };
        let text = file.text.as_str();
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let starts = file.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = starts.partition_point(|&start| start <= offset);
        let line_start = starts[line - 1];
        (line, text[line_start..offset].chars().count() + 1)
    }

    /// The span in the display copy of a span in the original text.
    pub(crate) fn display_span(&self, id: FileId, span: &Range<usize>) -> Range<usize> {
        let Some(file) = self.files.get(id.0) else {
            return span.clone();
        };
        let shifts = &file.display().shifts;
        let moved = |offset: usize| {
            let before = shifts.partition_point(|(at, _)| *at < offset);
            offset + before.checked_sub(1).map_or(0, |last| shifts[last].1)
        };
        moved(span.start)..moved(span.end)
    }
}

/// `text` [`clipped`], with every control or invisible formatting character (but newlines and
/// tabs) replaced by a visible symbol, so printing it cannot steer the terminal.
pub(crate) fn visible(text: &str) -> Cow<'_, str> {
    let text = clipped(text);
    if !text.chars().any(|c| symbol(c).is_some()) {
        return text;
    }
    Cow::Owned(text.chars().map(|c| symbol(c).unwrap_or(c)).collect())
}

/// The most characters of one message, label or hint printed. Messages quote ids and values
/// from the author's files; a hostile file's 700 KB id quoted by every problem it causes would
/// print gigabytes.
const MOST_CHARS: usize = 1_000;

/// `text`, cut to [`MOST_CHARS`] characters with `…` when longer.
pub(crate) fn clipped(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(MOST_CHARS) {
        Some((cut, _)) => Cow::Owned(format!("{}…", &text[..cut])),
        None => Cow::Borrowed(text),
    }
}

/// The symbol shown for a character that must not reach the terminal as it is: the Unicode
/// control picture of a C0 control (`␛` for escape), `�` for any other.
fn symbol(c: char) -> Option<char> {
    match c {
        '\n' | '\t' => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)),
        '\u{7f}' => Some('\u{2421}'),
        c if c.is_control() => Some('\u{fffd}'),
        '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2069}'
        | '\u{feff}' => Some('\u{fffd}'),
        _ => None,
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl<'a> Files<'a> for Sources {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.files
            .get(id.0)
            .map(|f| f.display().file.name().as_str())
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.files
            .get(id.0)
            .map(|f| f.display().file.source().as_str())
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn line_index(
        &'a self,
        id: FileId,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        self.files
            .get(id.0)
            .ok_or(codespan_reporting::files::Error::FileMissing)?
            .display()
            .file
            .line_index((), byte_index)
    }

    fn line_range(
        &'a self,
        id: FileId,
        line_index: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        self.files
            .get(id.0)
            .ok_or(codespan_reporting::files::Error::FileMissing)?
            .display()
            .file
            .line_range((), line_index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_show_as_symbols_and_spans_follow() {
        let mut sources = Sources::new();
        let id = sources.add("a\u{1b}.toml", "x = \"\u{1b}[2J\u{202e}\"\r\ny = 1\n");
        assert_eq!(sources.name(id), "a\u{1b}.toml");
        assert_eq!(Files::name(&sources, id).unwrap(), "a\u{241b}.toml");
        assert_eq!(
            Files::source(&sources, id).unwrap(),
            "x = \"\u{241b}[2J\u{fffd}\"\r\ny = 1\n"
        );
        // `y` is at byte 15 of the original and 17 of the display copy (escape grew by 2).
        assert_eq!(sources.display_span(id, &(15..16)), 17..18);
        assert_eq!(sources.display_span(id, &(5..6)), 5..8);
        assert_eq!(sources.display_span(id, &(4..5)), 4..5);
        assert_eq!(visible("ok\ttab\nline"), "ok\ttab\nline");
        assert_eq!(visible("bell\u{7}"), "bell\u{2407}");
    }
}
