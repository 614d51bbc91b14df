//! The learner profile: what dojo remembers about the learner between runs.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::atomic::write_replacing;
use super::saves::{read_if_exists, to_json};
use super::{DataDir, FileKind, ProgressError, Result};

/// What is remembered about the learner across scenarios and runs.
///
/// Missing fields read as their defaults and unknown ones are ignored, so a profile
/// written by a newer or older dojo still loads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Profile {
    /// The name the learner gave, used for `{learner}` in scenario text.
    pub learner: Option<String>,
    /// A random id made on the first session, the same in every results file of this data
    /// folder: cohort reports tell learners apart by it without knowing who they are.
    pub learner_id: Option<Uuid>,
    /// The LRS endpoint the learner was last told their records go to.
    pub lrs_told: Option<String>,
}

impl DataDir {
    /// Reads the profile; a missing file is an empty profile (a first run).
    pub(crate) fn load_profile(&self) -> Result<Profile> {
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
    pub(crate) fn save_profile(&self, profile: &Profile) -> Result<PathBuf> {
        let path = self.profile_path();
        let bytes = to_json(FileKind::Profile, &path, profile)?;
        write_replacing(FileKind::Profile, &path, &bytes)?;
        Ok(path)
    }
}

impl DataDir {
    /// The learner's anonymous id, made and saved in the profile the first time it is needed.
    /// A damaged profile is replaced rather than stopping anyone from playing.
    pub(crate) fn learner_id(&self) -> Result<Uuid> {
        let mut profile = self.load_profile().unwrap_or_default();
        if let Some(id) = profile.learner_id {
            return Ok(id);
        }
        let id = Uuid::new_v4();
        profile.learner_id = Some(id);
        self.save_profile(&profile)?;
        Ok(id)
    }
}

impl DataDir {
    /// Whether the learner is yet to be told that records go to `endpoint`; remembers that
    /// they now have been. A new endpoint is news again.
    pub(crate) fn first_told_of(&self, endpoint: &str) -> Result<bool> {
        let mut profile = self.load_profile().unwrap_or_default();
        if profile.lrs_told.as_deref() == Some(endpoint) {
            return Ok(false);
        }
        profile.lrs_told = Some(endpoint.to_string());
        self.save_profile(&profile)?;
        Ok(true)
    }
}
