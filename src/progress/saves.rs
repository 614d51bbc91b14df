//! Saves from before the journal (format 1, the whole state as one JSON file): read once, turned
//! into a journal of the same answers, then removed. Only engine-owned parts are read (the
//! learner, the seed and each answer's scene, value and time), so the authoring model's types in
//! the old state do not matter.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::engine::Answer;

use super::journal::{Event, Header, JOURNAL_FORMAT, Journal};
use super::{DataDir, FileKind, ProgressError, Result};

/// The only format of whole-state saves there ever was.
pub(crate) const SAVE_FORMAT: u64 = 1;

#[derive(Deserialize)]
struct FormatOnly {
    format: u64,
}

#[derive(Deserialize)]
struct OldSave {
    scenario: String,
    fingerprint: String,
    saved_at: u64,
    state: OldState,
}

#[derive(Deserialize)]
struct OldState {
    learner: String,
    seed: u64,
    answers: Vec<OldAnswer>,
}

#[derive(Deserialize)]
struct OldAnswer {
    scene: String,
    answer: Answer,
    at: u64,
}

impl DataDir {
    /// `<data>/saves/<scenario-id>.json`, after checking the id cannot escape the folder: where
    /// saves from before the journal are.
    pub(crate) fn save_path(&self, scenario_id: &str) -> Result<PathBuf> {
        super::validate_scenario_id(scenario_id)?;
        Ok(self.saves_dir().join(format!("{scenario_id}.json")))
    }

    /// Turns an old whole-state save of `scenario_id`, if there is one and no journal, into a
    /// journal with the same answers, and removes it. A save that cannot be read is an error
    /// that leaves the file where it is.
    pub fn migrate_save(&self, scenario_id: &str, learner_id: Uuid) -> Result<Option<Journal>> {
        let path = self.save_path(scenario_id)?;
        if self.journal_path(scenario_id)?.exists() {
            return Ok(None);
        }
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
        let save: OldSave = serde_json::from_slice(&bytes).map_err(corrupt)?;
        if save.scenario != scenario_id {
            return Err(ProgressError::WrongScenario {
                path,
                expected: scenario_id.to_owned(),
                found: save.scenario,
            });
        }
        let time = |seconds: u64| {
            i64::try_from(seconds)
                .ok()
                .and_then(|s| Timestamp::from_second(s).ok())
                .unwrap_or(Timestamp::UNIX_EPOCH)
        };
        let answers = &save.state.answers;
        let started = time(answers.first().map_or(save.saved_at, |a| a.at));
        let mut writer = self.start_journal(Header {
            journal: JOURNAL_FORMAT,
            session: Uuid::new_v4(),
            scenario: save.scenario,
            fingerprint: save.fingerprint,
            learner: save.state.learner,
            learner_id,
            seed: save.state.seed,
            started,
        })?;
        for old in save.state.answers {
            writer.append(Event::Answer {
                at: time(old.at),
                scene: old.scene,
                answer: old.answer,
            })?;
        }
        remove(&path)?;
        Ok(Some(writer.journal().clone()))
    }

    /// Deletes the unfinished session of `scenario_id`, journal or old save. Returns whether
    /// there was one; deleting what does not exist is not an error, so restarting twice is
    /// harmless.
    pub(crate) fn discard(&self, scenario_id: &str) -> Result<bool> {
        let old = remove(&self.save_path(scenario_id)?)?;
        let journal = remove(&self.journal_path(scenario_id)?)?;
        Ok(old || journal)
    }
}

fn remove(path: &Path) -> Result<bool> {
    match fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(source) => Err(ProgressError::Discard {
            path: path.to_owned(),
            source,
        }),
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
    // Through the same gate as scenario files: a save replaced by a FIFO or a link to
    // /dev/zero is refused instead of blocking or filling memory.
    match crate::scenario::read_regular_bytes(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(ProgressError::Read {
            kind,
            path: path.to_owned(),
            source,
        }),
    }
}
