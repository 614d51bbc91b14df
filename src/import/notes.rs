//! What an import could not carry over, each with its place in the course and the reason, and
//! the `IMPORT-NOTES.md` written beside the scenario.

use std::fmt::Write;

/// One place in the course that dojo cannot play as it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The course file, relative to the module folder.
    pub file: String,
    /// One-based; 0 when the note is about the file as a whole.
    pub line: usize,
    /// What was there, in a few words.
    pub what: String,
    /// Why it is not carried over, and what became of it.
    pub reason: String,
}

impl Note {
    pub(crate) fn new(
        file: &str,
        line: usize,
        what: impl Into<String>,
        reason: impl Into<String>,
    ) -> Note {
        Note {
            file: file.to_string(),
            line,
            what: what.into(),
            reason: reason.into(),
        }
    }

    /// `file:line`, or the file alone for a note about a whole file.
    pub fn place(&self) -> String {
        if self.line == 0 {
            self.file.clone()
        } else {
            format!("{}:{}", self.file, self.line)
        }
    }
}

/// The text of `IMPORT-NOTES.md` for a module imported from `source`.
pub(super) fn notes_page(title: &str, source: &str, licence: &str, notes: &[Note]) -> String {
    let mut page = format!(
        "# Import notes: {title}\n\nImported with `dojo import katacoda` from `{source}`.\n\n## Licence\n\n{licence}\n\n## Not carried over\n\n"
    );
    if notes.is_empty() {
        page.push_str("Everything in the course was carried over.\n");
    }
    for note in notes {
        let _ = writeln!(page, "- `{}` {}: {}", note.place(), note.what, note.reason);
    }
    page
}
