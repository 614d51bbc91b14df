//! Byte offsets in a file's text and LSP positions (zero-based line, UTF-16 column) each way.
//!
//! Diagnostics and the index speak in byte spans; editors count columns in UTF-16 code units,
//! so a line with an emoji or an accented letter shifts every column after it.

use std::ops::Range;

use lsp_types::{Position, Range as LspRange};

/// The start of every line of one text, to turn offsets into positions and back.
pub(crate) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Lines { text, starts }
    }

    pub(crate) fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let column: usize = self.text[self.starts[line]..offset]
            .chars()
            .map(char::len_utf16)
            .sum();
        Position::new(to_u32(line), to_u32(column))
    }

    pub(crate) fn range(&self, span: &Range<usize>) -> LspRange {
        LspRange::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position; past the end of a line is its end, past the last line
    /// the end of the text, as the protocol asks.
    pub(crate) fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let mut units = 0;
        for (at, c) in self.text[start..end].char_indices() {
            if units >= position.character as usize {
                return start + at;
            }
            units += c.len_utf16();
        }
        end
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units() {
        let text = "a = 1\ntitle = \"é😀x\"\n";
        let lines = Lines::new(text);
        let x = text.find('x').unwrap_or_default();
        // `title = "` is 9 units, é is 1, the emoji 2.
        assert_eq!(lines.position(x), Position::new(1, 12));
        assert_eq!(lines.offset(Position::new(1, 12)), x);
        assert_eq!(lines.offset(Position::new(0, 99)), 5);
        assert_eq!(lines.offset(Position::new(9, 0)), text.len());
        assert_eq!(lines.position(text.len()), Position::new(2, 0));
    }
}
