//! Where progress lives: the per-user data folder and the paths inside it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::{ProgressError, Result};

/// The environment variable that overrides the data folder (tests and portable setups).
pub const DATA_DIR_ENV: &str = "DOJO_DATA_DIR";

/// The per-user folder holding saves, results and the profile.
///
/// Nothing is created until something is written, so merely looking for a save never
/// leaves folders behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// Uses `root` as the data folder, ignoring the environment.
    pub fn at(root: impl Into<PathBuf>) -> Self {
        DataDir { root: root.into() }
    }

    /// `$DOJO_DATA_DIR` if set and non-empty, else the platform data folder for dojo
    /// (`$XDG_DATA_HOME/dojo` or `~/.local/share/dojo` on Linux).
    pub fn discover() -> Result<Self> {
        Self::resolve(std::env::var_os(DATA_DIR_ENV))
    }

    /// The decision behind [`DataDir::discover`], split out so it can be tested without
    /// changing the process environment.
    pub(super) fn resolve(override_dir: Option<OsString>) -> Result<Self> {
        // An empty value is how shells usually "unset" a variable for one command.
        if let Some(dir) = override_dir.filter(|dir| !dir.is_empty()) {
            return Ok(Self::at(dir));
        }
        directories::ProjectDirs::from("", "", "dojo")
            .map(|dirs| Self::at(dirs.data_dir()))
            .ok_or(ProgressError::NoHome)
    }

    /// The data folder itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of resumable saves.
    pub fn saves_dir(&self) -> PathBuf {
        self.root.join("saves")
    }

    /// The folder of finished-run results.
    pub fn results_dir(&self) -> PathBuf {
        self.root.join("results")
    }

    /// `<data>/profile.json`.
    pub fn profile_path(&self) -> PathBuf {
        self.root.join("profile.json")
    }
}
