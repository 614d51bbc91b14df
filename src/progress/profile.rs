//! The learner profile: what dojo remembers about the learner between runs.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::atomic::write_replacing;
use super::saves::{read_if_exists, to_json};
use super::{DataDir, FileKind, ProgressError, Result};

/// What is remembered about the learner across scenarios and runs.
///
/// Missing fields read as their defaults and unknown ones are ignored, so a profile
/// written by a newer or older dojo still loads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// The name the learner gave, used for `{learner}` in scenario text.
    pub learner: Option<String>,
}

impl DataDir {
    /// Reads the profile; a missing file is an empty profile (a first run).
    pub fn load_profile(&self) -> Result<Profile> {
        let path = self.profile_path();
        let Some(bytes) = read_if_exists(FileKind::Profile, &path)? else {
            return Ok(Profile::default());
        };
        serde_json::from_slice(&bytes).map_err(|source| ProgressError::Corrupt {
            kind: FileKind::Profile,
            path,
            source,
        })
    }

    /// Writes the profile atomically and returns its path.
    pub fn save_profile(&self, profile: &Profile) -> Result<PathBuf> {
        let path = self.profile_path();
        let bytes = to_json(FileKind::Profile, &path, profile)?;
        write_replacing(FileKind::Profile, &path, &bytes)?;
        Ok(path)
    }
}
