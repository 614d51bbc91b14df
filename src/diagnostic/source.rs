//! The text of every file a diagnostic may point into, with line and column lookup.

use std::ops::Range;

use codespan_reporting::files::{Files, SimpleFile};

/// Index of a file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub usize);

#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<SimpleFile<String, String>>,
}

impl Sources {
    pub fn new() -> Sources {
        Sources::default()
    }

    /// Adds a file under the name diagnostics will show for it.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        self.files.push(SimpleFile::new(name.into(), text.into()));
        FileId(self.files.len() - 1)
    }

    pub fn name(&self, id: FileId) -> &str {
        self.files.get(id.0).map_or("", |f| f.name().as_str())
    }

    pub fn text(&self, id: FileId) -> &str {
        self.files.get(id.0).map_or("", |f| f.source().as_str())
    }

    /// One-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, id: FileId, offset: usize) -> (usize, usize) {
        let text = self.text(id);
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, text[line_start..offset].chars().count() + 1)
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
            .map(|f| f.name().as_str())
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.files
            .get(id.0)
            .map(|f| f.source().as_str())
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
            .line_range((), line_index)
    }
}
