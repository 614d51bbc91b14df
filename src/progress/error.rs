//! The one error type of the progress layer, worded for the learner who will read it.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Which kind of progress file an error is about, so messages can name it plainly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Save,
    Results,
    Profile,
}

impl FileKind {
    /// What the learner can do when a file of this kind cannot be read, as a clause to
    /// append to the message (empty when there is nothing useful to suggest).
    fn recovery(self) -> &'static str {
        match self {
            FileKind::Save => "; to start the scenario over, run it again with --restart",
            FileKind::Profile => "; delete it to start a fresh profile",
            FileKind::Results => "",
        }
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::Save => "save file",
            FileKind::Results => "results file",
            FileKind::Profile => "profile",
        })
    }
}

/// Why saving or loading progress failed.
///
/// Every variant that concerns a file carries its path, and the messages are complete
/// enough to print as they are, e.g.
/// `could not write the save file /x/saves/pet.json: Permission denied (os error 13)`.
#[derive(Debug, thiserror::Error)]
pub enum ProgressError {
    #[error(
        "could not find your home folder to keep your progress in; set DOJO_DATA_DIR to a folder dojo may write to"
    )]
    NoHome,

    #[error(
        "`{id}` cannot be used as a scenario id for saving progress: use only lowercase letters, digits, `-` and `_`, starting with a letter or digit, at most {max} characters",
        max = super::MAX_SCENARIO_ID_LEN
    )]
    InvalidScenarioId { id: String },

    #[error(
        "another dojo session of `{id}` is running; finish or quit it first (two at once would overwrite each other's progress)"
    )]
    Busy { id: String },

    #[error("could not create the folder {path}: {source}")]
    CreateDir { path: PathBuf, source: io::Error },

    #[error("could not write the {kind} {path}: {source}")]
    Write {
        kind: FileKind,
        path: PathBuf,
        source: io::Error,
    },

    /// The value could not be turned into JSON; a bug in the caller's types rather than
    /// the disk, but still reported instead of panicking.
    #[error("could not write the {kind} {path}: {source}")]
    Encode {
        kind: FileKind,
        path: PathBuf,
        source: serde_json::Error,
    },

    #[error("could not read the {kind} {path}: {source}{}", .kind.recovery())]
    Read {
        kind: FileKind,
        path: PathBuf,
        source: io::Error,
    },

    #[error("the {kind} {path} is damaged and cannot be read ({source}){}", .kind.recovery())]
    Corrupt {
        kind: FileKind,
        path: PathBuf,
        source: serde_json::Error,
    },

    #[error("the {kind} {path} is damaged at line {line} and cannot be read ({reason}){}", .kind.recovery())]
    Damaged {
        kind: FileKind,
        path: PathBuf,
        line: usize,
        reason: String,
    },

    #[error(
        "the save file {path} was written in format {found}, which this version of dojo cannot read; to start the scenario over, run it again with --restart"
    )]
    UnsupportedFormat { path: PathBuf, found: u64 },

    /// The file sits under one scenario's name but says it belongs to another, which
    /// only happens when files are copied or renamed by hand.
    #[error(
        "the save file {path} belongs to the scenario `{found}`, not `{expected}`; to start the scenario over, run it again with --restart"
    )]
    WrongScenario {
        path: PathBuf,
        expected: String,
        found: String,
    },

    #[error("could not delete the save file {path}: {source}")]
    Discard { path: PathBuf, source: io::Error },
}

impl ProgressError {
    /// The file or folder the error is about, if any.
    pub fn path(&self) -> Option<&Path> {
        match self {
            ProgressError::NoHome
            | ProgressError::InvalidScenarioId { .. }
            | ProgressError::Busy { .. } => None,
            ProgressError::CreateDir { path, .. }
            | ProgressError::Write { path, .. }
            | ProgressError::Encode { path, .. }
            | ProgressError::Read { path, .. }
            | ProgressError::Corrupt { path, .. }
            | ProgressError::Damaged { path, .. }
            | ProgressError::UnsupportedFormat { path, .. }
            | ProgressError::WrongScenario { path, .. }
            | ProgressError::Discard { path, .. } => Some(path),
        }
    }
}
