//! Problems found in an author's files, each with a stable code, a place and a hint.
//!
//! Loading a scenario or a value-stream map never stops at the first problem: every layer
//! appends to a list of these, and a front end renders them all at once.

mod cap;
mod cut;
pub mod explain;
mod render;
mod source;

pub(crate) use cap::cap_per_file;
pub use render::{Style, render, render_json, summary};
pub(crate) use source::{FileId, Sources};

use std::ops::Range;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Warning,
    Error,
}

/// A place in a source file: which file and which bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Location {
    pub file: FileId,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    pub location: Location,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub(crate) severity: Severity,
    /// Stable, kebab-case; what authors search for and what `allow` lists name.
    pub code: &'static str,
    pub message: String,
    /// Where the problem is; `None` only for problems with no place, such as a missing folder.
    pub(crate) primary: Option<Label>,
    pub(crate) secondary: Vec<Label>,
    /// Places past [`MOST_SECONDARY`] that were not labelled.
    pub(crate) unlabelled: usize,
    pub hint: Option<String>,
}

/// The most places one diagnostic underlines besides its own. A question with a hundred
/// thousand options all lacking a `goto` is one problem, not a hundred thousand underlines.
const MOST_SECONDARY: usize = 16;

impl Diagnostic {
    pub(crate) fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            unlabelled: 0,
            hint: None,
        }
    }

    pub(crate) fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Underlines `span` in `file`, with a short label under the underline.
    pub(crate) fn at(
        mut self,
        file: FileId,
        span: Range<usize>,
        label: impl Into<String>,
    ) -> Diagnostic {
        self.primary = Some(Label {
            location: Location { file, span },
            message: label.into(),
        });
        self
    }

    pub(crate) fn also(
        mut self,
        file: FileId,
        span: Range<usize>,
        label: impl Into<String>,
    ) -> Diagnostic {
        if self.secondary.len() == MOST_SECONDARY {
            self.unlabelled += 1;
            return self;
        }
        self.secondary.push(Label {
            location: Location { file, span },
            message: label.into(),
        });
        self
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
