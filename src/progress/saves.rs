//! Resumable saves: one JSON file per scenario wrapping the engine's session state.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::atomic::write_replacing;
use super::{DataDir, FileKind, ProgressError, Result};

/// The save-file format this version writes and reads. Bump it when the envelope
/// changes so older saves are refused with a clear message instead of misread.
pub const SAVE_FORMAT: u64 = 1;

/// A save as read back from disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved<T> {
    /// The scenario id the save belongs to.
    pub scenario: String,
    /// Whatever the caller passed when saving; compare it with the current scenario's to
    /// notice that the scenario changed since the save was made.
    pub fingerprint: String,
    /// When the save was written, in seconds since the Unix epoch.
    pub saved_at: u64,
    /// The caller's state.
    pub state: T,
}

/// The on-disk shape when writing: borrows everything so saving never clones the state.
#[derive(Serialize)]
struct SaveOut<'a, T> {
    format: u64,
    scenario: &'a str,
    fingerprint: &'a str,
    saved_at: u64,
    state: &'a T,
}

/// Read first, on its own, so a save from another format version is reported as such
/// rather than as whatever field happens not to parse.
#[derive(Deserialize)]
struct FormatOnly {
    format: u64,
}

#[derive(Deserialize)]
struct SaveIn<T> {
    scenario: String,
    fingerprint: String,
    saved_at: u64,
    state: T,
}

impl DataDir {
    /// Writes (or replaces) the save for `scenario_id` atomically and returns its path.
    pub fn save<T: Serialize>(
        &self,
        scenario_id: &str,
        fingerprint: &str,
        state: &T,
        now: u64,
    ) -> Result<PathBuf> {
        let path = self.save_path(scenario_id)?;
        let out = SaveOut {
            format: SAVE_FORMAT,
            scenario: scenario_id,
            fingerprint,
            saved_at: now,
            state,
        };
        let bytes = to_json(FileKind::Save, &path, &out)?;
        write_replacing(FileKind::Save, &path, &bytes)?;
        Ok(path)
    }

    /// Reads the save for `scenario_id`; `Ok(None)` when there is none.
    ///
    /// A save that exists but cannot be used is an error, never `None`: quietly starting
    /// over would throw away the learner's progress without telling them.
    pub fn load<T: DeserializeOwned>(&self, scenario_id: &str) -> Result<Option<Saved<T>>> {
        let path = self.save_path(scenario_id)?;
        let Some(bytes) = read_if_exists(FileKind::Save, &path)? else {
            return Ok(None);
        };
        let corrupt = |source| ProgressError::Corrupt {
            kind: FileKind::Save,
            path: path.clone(),
            source,
        };
        let FormatOnly { format } = serde_json::from_slice(&bytes).map_err(corrupt)?;
        if format != SAVE_FORMAT {
            return Err(ProgressError::UnsupportedFormat {
                path,
                found: format,
            });
        }
        let save: SaveIn<T> = serde_json::from_slice(&bytes).map_err(corrupt)?;
        if save.scenario != scenario_id {
            return Err(ProgressError::WrongScenario {
                path,
                expected: scenario_id.to_owned(),
                found: save.scenario,
            });
        }
        Ok(Some(Saved {
            scenario: save.scenario,
            fingerprint: save.fingerprint,
            saved_at: save.saved_at,
            state: save.state,
        }))
    }

    /// Deletes the save for `scenario_id`. Returns whether there was one; deleting a
    /// save that does not exist is not an error, so restarting twice is harmless.
    pub fn discard(&self, scenario_id: &str) -> Result<bool> {
        let path = self.save_path(scenario_id)?;
        match fs::remove_file(&path) {
            Ok(()) => Ok(true),
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(source) => Err(ProgressError::Discard { path, source }),
        }
    }
}

/// Pretty JSON with a final newline: these files are small and people do open them.
pub(super) fn to_json<T: Serialize + ?Sized>(
    kind: FileKind,
    path: &Path,
    value: &T,
) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|source| ProgressError::Encode {
        kind,
        path: path.to_owned(),
        source,
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The file's bytes, or `None` if it does not exist.
pub(super) fn read_if_exists(kind: FileKind, path: &Path) -> Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(ProgressError::Read {
            kind,
            path: path.to_owned(),
            source,
        }),
    }
}
