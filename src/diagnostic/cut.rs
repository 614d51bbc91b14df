//! Long lines cut around what a diagnostic points at, so that a 2 MB line prints a screenful,
//! not the whole line and an underline as long again.
//!
//! Only a diagnostic that touches a file with a line longer than [`LONGEST`] bytes is rendered
//! through a cut copy of that file: every long line keeps [`KEPT`] bytes around the first span
//! end inside it (or its start), with `…` where text was left out. Line numbers stay; the
//! column in the `file:line:column` header is the column in the whole line.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use codespan_reporting::files::{Error, Files, SimpleFile, column_index};

use super::{FileId, Sources};

/// Lines up to this many bytes are shown whole.
const LONGEST: usize = 240;

/// Bytes of a long line shown around the place a diagnostic points at.
const KEPT: usize = 120;

const ELLIPSIS: &str = "…";

/// The lines of a file from the first a diagnostic's labels stand on to the last, long ones
/// cut, and where each cut line's text came from. Copying only that window keeps two hundred
/// diagnostics in a file of one 8 MB line from copying the whole file two hundred times.
struct CutFile {
    file: SimpleFile<String, String>,
    /// The line index, in the whole file, of the window's first line.
    first_line: usize,
    lines: Vec<CutLine>,
}

/// One line of the original display text and where it went.
struct CutLine {
    /// The whole line in the original, without its line end.
    original: Range<usize>,
    /// The part kept (all of it when the line was not cut).
    kept: Range<usize>,
    /// Where the kept part starts in the cut text.
    at: usize,
    /// Characters left out before the kept part, less the `…` standing for them.
    columns_dropped: usize,
}

/// [`Sources`] with some files replaced by cut copies, for one diagnostic.
pub(super) struct CutSources<'a> {
    sources: &'a Sources,
    cut: HashMap<FileId, CutFile>,
}

impl<'a> CutSources<'a> {
    /// Cut copies of the files among `spans` (display spans) that have a long line, or `None`
    /// when no file does, so the usual case renders straight from `sources`.
    pub(super) fn new(sources: &'a Sources, spans: &[(FileId, Range<usize>)]) -> Option<Self> {
        let mut cut = HashMap::new();
        let mut looked_at = HashSet::new();
        for (file, _) in spans {
            if !looked_at.insert(*file) {
                continue;
            }
            let Ok(text) = Files::source(sources, *file) else {
                continue;
            };
            let anchors: Vec<usize> = spans
                .iter()
                .filter(|(f, _)| f == file)
                .flat_map(|(_, span)| [span.start, span.end])
                .collect();
            // Only the lines the labels stand on are shown: looking at those, not the whole
            // file, keeps thousands of diagnostics in one large file linear.
            if !anchors.iter().any(|&at| line_length_at(text, at) > LONGEST) {
                continue;
            }
            let name = Files::name(sources, *file).unwrap_or_default().to_string();
            let Ok(window) = window(sources, *file, &anchors) else {
                continue;
            };
            cut.insert(*file, CutFile::new(name, text, window, &anchors));
        }
        (!cut.is_empty()).then_some(CutSources { sources, cut })
    }

    /// A display span moved onto the cut copy of its file.
    pub(super) fn span(&self, file: FileId, span: &Range<usize>) -> Range<usize> {
        match self.cut.get(&file) {
            Some(cut) => cut.offset(span.start)..cut.offset(span.end),
            None => span.clone(),
        }
    }
}

/// The first line index the `anchors` stand on, and the byte range from that line's start to
/// the end of the last line they stand on.
fn window(
    sources: &Sources,
    file: FileId,
    anchors: &[usize],
) -> Result<(usize, Range<usize>), Error> {
    let lowest = anchors.iter().copied().min().unwrap_or(0);
    let highest = anchors.iter().copied().max().unwrap_or(0);
    let first_line = sources.line_index(file, lowest)?;
    let last_line = sources.line_index(file, highest)?;
    let start = sources.line_range(file, first_line)?.start;
    let end = sources.line_range(file, last_line)?.end;
    Ok((first_line, start..end))
}

impl CutFile {
    fn new(
        name: String,
        text: &str,
        (first_line, window): (usize, Range<usize>),
        anchors: &[usize],
    ) -> CutFile {
        let mut out = String::new();
        let mut lines = Vec::new();
        let mut start = window.start;
        for raw in text[window].split_inclusive('\n') {
            let end = start + raw.trim_end_matches(['\n', '\r']).len();
            let ending = &text[end..start + raw.len()];
            let mut line = CutLine {
                original: start..end,
                kept: start..end,
                at: out.len(),
                columns_dropped: 0,
            };
            if end - start > LONGEST {
                let anchor = anchors
                    .iter()
                    .copied()
                    .filter(|a| (start..=end).contains(a))
                    .min()
                    .unwrap_or(start);
                let from = floor(text, anchor.saturating_sub(KEPT / 2).max(start));
                let to = floor(text, (from + KEPT).min(end));
                if from > start {
                    out.push_str(ELLIPSIS);
                    line.columns_dropped = text[start..from].chars().count() - 1;
                }
                line.kept = from..to;
                line.at = out.len();
                out.push_str(&text[from..to]);
                if to < end {
                    out.push_str(ELLIPSIS);
                }
            } else {
                out.push_str(&text[start..end]);
            }
            out.push_str(ending);
            lines.push(line);
            start += raw.len();
        }
        CutFile {
            file: SimpleFile::new(name, out),
            first_line,
            lines,
        }
    }

    /// Where an offset of the original lands in the cut text: inside the kept part, or at its
    /// nearer edge when it was left out.
    fn offset(&self, offset: usize) -> usize {
        let index = self
            .lines
            .partition_point(|line| line.original.start <= offset)
            .saturating_sub(1);
        match self.lines.get(index) {
            Some(line) => {
                let clamped = offset.clamp(line.kept.start, line.kept.end.max(line.kept.start));
                let past_end = offset.saturating_sub(line.original.end);
                line.at + (clamped - line.kept.start) + past_end
            }
            None => offset,
        }
    }
}

fn floor(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl<'a> Files<'a> for CutSources<'_> {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, Error> {
        Files::name(self.sources, id)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, Error> {
        match self.cut.get(&id) {
            Some(cut) => Ok(cut.file.source().as_str()),
            None => Files::source(self.sources, id),
        }
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, Error> {
        match self.cut.get(&id) {
            Some(cut) => Ok(cut.first_line + cut.file.line_index((), byte_index)?),
            None => self.sources.line_index(id, byte_index),
        }
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, Error> {
        match self.cut.get(&id) {
            Some(cut) => {
                let local = line_index
                    .checked_sub(cut.first_line)
                    .ok_or(Error::LineTooLarge {
                        given: line_index,
                        max: cut.first_line + cut.lines.len(),
                    })?;
                cut.file.line_range((), local)
            }
            None => self.sources.line_range(id, line_index),
        }
    }

    fn column_number(
        &'a self,
        id: FileId,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let source = self.source(id)?;
        let range = self.line_range(id, line_index)?;
        let dropped = self
            .cut
            .get(&id)
            .and_then(|cut| cut.lines.get(line_index.checked_sub(cut.first_line)?))
            .map_or(0, |line| line.columns_dropped);
        Ok(column_index(source, range, byte_index) + 1 + dropped)
    }
}

/// The length in bytes of the line holding byte `at` of `text`, without its line break.
fn line_length_at(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let at = at.min(bytes.len());
    let start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| at + i);
    end - start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_keeps_the_text_around_the_span() {
        let mut sources = Sources::new();
        let long = format!("x = \"{}\" y\nz = 1\n", "a".repeat(1000));
        let id = sources.add("f.toml", long.clone());
        let y = 1007;
        let cut = CutSources::new(&sources, &[(id, y..y + 1)]).expect("cut");
        let span = cut.span(id, &(y..y + 1));
        let source = Files::source(&cut, id).unwrap();
        assert_eq!(&source[span.clone()], "y");
        assert!(source.starts_with("…aaa"), "{source}");
        assert!(source.len() < 200, "{}", source.len());
        assert!(
            !source.contains("z = 1"),
            "only the labelled line is copied: {source}"
        );
        let location = cut.location(id, span.start).unwrap();
        assert_eq!((location.line_number, location.column_number), (1, 1008));
        assert!(CutSources::new(&sources, &[]).is_none());

        let z = long.find("z = 1").unwrap();
        let cut = CutSources::new(&sources, &[(id, y..y + 1), (id, z..z + 1)]).expect("cut");
        let location = cut.location(id, cut.span(id, &(z..z + 1)).start).unwrap();
        assert_eq!((location.line_number, location.column_number), (2, 1));
    }

    #[test]
    fn only_the_lines_under_a_label_decide_whether_a_file_is_cut() {
        let mut sources = Sources::new();
        let text = format!("short = 1\nlong = \"{}\"\n", "a".repeat(1000));
        let id = sources.add("f.toml", text);
        assert!(CutSources::new(&sources, &[(id, 0..5)]).is_none());
        assert!(CutSources::new(&sources, &[(id, 10..14)]).is_some());
        assert_eq!(line_length_at("ab\ncde\n", 4), 3);
        assert_eq!(line_length_at("ab", 99), 2);
    }
}
