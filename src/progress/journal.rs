//! The session journal: a header line, then one JSON line per event, only ever appended to.
//!
//! The journal is the one record of a session; the story's state is what replaying its answers
//! gives, and results are derived from it at the end. Appending costs the same at the 2,000th
//! answer as at the first, and a crash or `kill -9` can cut off only the line being written,
//! which reading leaves out (and says so through [`Journal::torn`]).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::engine::Answer;

use super::atomic::write_replacing;
use super::{DataDir, FileKind, ProgressError, Result};

/// The journal format this version writes and reads, in every header's `journal` key.
pub const JOURNAL_FORMAT: u64 = 1;

/// The first line: who plays what, with which seed, since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// The journal format, [`JOURNAL_FORMAT`].
    pub journal: u64,
    /// A fresh random id per session; the results file and any statement about the session
    /// carry it too.
    pub session: Uuid,
    pub scenario: String,
    /// The scenario's fingerprint when the session started; a later run compares it.
    pub fingerprint: String,
    pub learner: String,
    /// The learner's anonymous id from the profile, the same in every session.
    pub learner_id: Uuid,
    /// Seeds option shuffling: replaying the answers with it shows the same options.
    pub seed: u64,
    pub started: Timestamp,
}

/// One thing that happened in a session, with when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// An answer the story took, to the question of `scene`.
    Answer {
        at: Timestamp,
        scene: String,
        answer: Answer,
    },
    /// The learner left while in `scene`.
    Quit { at: Timestamp, scene: String },
    /// A later run continued the session with the scenario of `fingerprint`, keeping the first
    /// `kept` answers (all of them unless the scenario changed under them).
    Resume {
        at: Timestamp,
        fingerprint: String,
        kept: usize,
    },
    /// The learner took the retry the ending `scene` offered; `kept` answers still count after
    /// going back (the rest belong to the attempt given up).
    Retry {
        at: Timestamp,
        scene: String,
        kept: usize,
    },
    /// The story reached the ending `scene`.
    End { at: Timestamp, scene: String },
}

impl Event {
    pub(crate) fn at(&self) -> Timestamp {
        match self {
            Event::Answer { at, .. }
            | Event::Quit { at, .. }
            | Event::Resume { at, .. }
            | Event::Retry { at, .. }
            | Event::End { at, .. } => *at,
        }
    }
}

/// A journal as read back: its header, its whole events, and whether a cut-off last line was
/// left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Journal {
    pub header: Header,
    pub events: Vec<Event>,
    /// The last line was incomplete (dojo stopped while writing it) and is not in `events`.
    pub torn: bool,
    /// Bytes up to the end of the last whole line, where appending goes on.
    whole: u64,
}

/// An answer that counts, as the journal holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Given<'j> {
    pub scene: &'j str,
    pub answer: &'j Answer,
    pub at: Timestamp,
}

/// What a replay hands the story, in order: answers, and retries taken at endings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Move<'j> {
    Answer(Given<'j>),
    /// The retry the ending `scene` offered was taken; `kept` answers still count after it.
    Retry {
        scene: &'j str,
        at: Timestamp,
        kept: usize,
    },
}

impl Journal {
    /// A journal with only its header, as a new session starts.
    pub fn new(header: Header) -> Journal {
        Journal {
            header,
            events: Vec::new(),
            torn: false,
            whole: 0,
        }
    }

    /// Everything to replay, in order: a resume keeping `kept` moves drops those after.
    pub fn moves(&self) -> Vec<Move<'_>> {
        let mut moves = Vec::new();
        for event in &self.events {
            match event {
                Event::Answer { at, scene, answer } => moves.push(Move::Answer(Given {
                    scene,
                    answer,
                    at: *at,
                })),
                Event::Retry { at, scene, kept } => moves.push(Move::Retry {
                    scene,
                    at: *at,
                    kept: *kept,
                }),
                Event::Resume { kept, .. } => moves.truncate(*kept),
                _ => {}
            }
        }
        moves
    }

    /// The answers that count, in order: those of an attempt given up at a retry do not.
    pub fn answers(&self) -> Vec<Given<'_>> {
        counted(self.moves().into_iter().map(|m| match m {
            Move::Answer(given) => Ok(given),
            Move::Retry { kept, .. } => Err(kept),
        }))
    }

    /// Seconds spent on each answer that counts: since the previous answer, the start or the
    /// resume before it. Time between leaving and coming back is not counted.
    pub(crate) fn answer_seconds(&self) -> Vec<u64> {
        let mut moves = Vec::new();
        let mut since = Some(self.header.started);
        for event in &self.events {
            match event {
                Event::Answer { at, .. } => {
                    moves.push(Ok(since.map_or(0, |from| whole_seconds(from, *at))));
                    since = Some(*at);
                }
                Event::Retry { at, kept, .. } => {
                    moves.push(Err(*kept));
                    since = Some(*at);
                }
                Event::Quit { .. } => since = None,
                Event::Resume { at, kept, .. } => {
                    moves.truncate(*kept);
                    since = Some(*at);
                }
                Event::End { at, .. } => since = Some(*at),
            }
        }
        counted(moves.into_iter())
    }

    /// Seconds the learner spent in the session: every stretch between two events, except
    /// those that begin with leaving.
    pub(crate) fn active_seconds(&self) -> u64 {
        let mut total = 0;
        let mut since = Some(self.header.started);
        for event in &self.events {
            if let Some(from) = since {
                total += whole_seconds(from, event.at());
            }
            since = match event {
                Event::Quit { .. } => None,
                _ => Some(event.at()),
            };
        }
        total
    }

    /// The time of the last event, or the start.
    pub(crate) fn last_at(&self) -> Timestamp {
        self.events.last().map_or(self.header.started, Event::at)
    }

    /// Where the learner was last seen: the scene of the last quit, end or answer.
    pub(crate) fn last_scene(&self) -> Option<&str> {
        self.events.iter().rev().find_map(|event| match event {
            Event::Answer { scene, .. }
            | Event::Quit { scene, .. }
            | Event::Retry { scene, .. }
            | Event::End { scene, .. } => Some(scene.as_str()),
            Event::Resume { .. } => None,
        })
    }

    /// The ending reached, if the session ended.
    pub(crate) fn ending(&self) -> Option<&str> {
        self.events.iter().rev().find_map(|event| match event {
            Event::End { scene, .. } => Some(scene.as_str()),
            _ => None,
        })
    }
}

/// The answers of a list of moves that still count: each retry (`Err(kept)`) keeps only the
/// first `kept` answers before it.
fn counted<T>(moves: impl Iterator<Item = Result<T, usize>>) -> Vec<T> {
    let mut answers = Vec::new();
    for one in moves {
        match one {
            Ok(answer) => answers.push(answer),
            Err(kept) => answers.truncate(kept),
        }
    }
    answers
}

fn whole_seconds(from: Timestamp, to: Timestamp) -> u64 {
    u64::try_from(to.as_second() - from.as_second()).unwrap_or(0)
}

/// Parses a journal's text. Only the last line may be cut off; a bad line before it means the
/// file was damaged some other way, and is an error naming the line.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Journal> {
    let damaged = |line: usize, reason: String| ProgressError::Damaged {
        kind: FileKind::Save,
        path: path.to_owned(),
        line,
        reason,
    };
    let mut lines = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        match bytes[start..].iter().position(|&b| b == b'\n') {
            Some(end) => {
                lines.push((&bytes[start..start + end], true));
                start += end + 1;
            }
            None => {
                lines.push((&bytes[start..], false));
                start = bytes.len();
            }
        }
    }
    let Some(((first, first_whole), rest)) = lines.split_first() else {
        return Err(damaged(1, "it is empty".into()));
    };
    if !first_whole {
        return Err(damaged(1, "its header line is cut off".into()));
    }
    // Every string cleaned: the name is shown on resume, and a hand-edited journal must not
    // steer the terminal.
    let header = header(first).map_err(|reason| damaged(1, reason))?;
    let mut journal = Journal::new(header);
    let mut whole = first.len() + 1;
    for (index, (line, complete)) in rest.iter().enumerate() {
        // Only the last line can lack its newline: a write cut off by a crash.
        if !complete {
            journal.torn = true;
            break;
        }
        let event = crate::scenario::from_json_cleaned::<Event>(line)
            .map_err(|error| damaged(index + 2, error.to_string()))?;
        journal.events.push(event);
        whole += line.len() + 1;
    }
    journal.whole = whole as u64;
    Ok(journal)
}

fn header(line: &[u8]) -> std::result::Result<Header, String> {
    #[derive(Deserialize)]
    struct Version {
        journal: u64,
    }
    let Version { journal } = serde_json::from_slice(line).map_err(|e| e.to_string())?;
    if journal != JOURNAL_FORMAT {
        return Err(format!(
            "it is in journal format {journal}; this dojo reads format {JOURNAL_FORMAT}"
        ));
    }
    crate::scenario::from_json_cleaned(line).map_err(|e| e.to_string())
}

/// An open journal: appends whole lines and keeps what it holds in memory too.
#[derive(Debug)]
pub struct JournalWriter {
    file: File,
    path: PathBuf,
    journal: Journal,
}

impl JournalWriter {
    /// Appends one event as one line and waits for it to reach the disk.
    pub fn append(&mut self, event: Event) -> Result<()> {
        let mut line = serde_json::to_vec(&event).map_err(|source| ProgressError::Encode {
            kind: FileKind::Save,
            path: self.path.clone(),
            source,
        })?;
        line.push(b'\n');
        // One write call per line, so a kill can cut the line but never interleave two.
        self.file
            .write_all(&line)
            .and_then(|()| self.file.sync_data())
            .map_err(|source| self.write_error(source))?;
        self.journal.events.push(event);
        self.journal.whole += line.len() as u64;
        Ok(())
    }

    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    #[cfg(test)]
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    fn write_error(&self, source: io::Error) -> ProgressError {
        ProgressError::Write {
            kind: FileKind::Save,
            path: self.path.clone(),
            source,
        }
    }
}

/// Held for as long as a session of one scenario runs; the OS lets go when the process ends,
/// however it ends.
#[derive(Debug)]
pub struct SessionLock {
    _file: File,
}

impl DataDir {
    /// Takes the advisory lock on `<data>/locks/<scenario-id>.lock`, so a second `dojo play`
    /// of the same scenario is told another session runs instead of overwriting its journal.
    /// The file stays (removing a lock file another process has open would let two hold it);
    /// it is empty and outside `saves/`, so it never looks like progress.
    pub fn lock_session(&self, scenario_id: &str) -> Result<SessionLock> {
        let file_name = self
            .save_path(scenario_id)?
            .with_extension("lock")
            .file_name()
            .map(std::ffi::OsStr::to_owned)
            .unwrap_or_default();
        let path = self.root().join("locks").join(file_name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|source| ProgressError::CreateDir {
                path: parent.to_owned(),
                source,
            })?;
        }
        let write_error = |source| ProgressError::Write {
            kind: FileKind::Save,
            path: path.clone(),
            source,
        };
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(write_error)?;
        match file.try_lock() {
            Ok(()) => Ok(SessionLock { _file: file }),
            Err(fs::TryLockError::WouldBlock) => Err(ProgressError::Busy {
                id: scenario_id.to_owned(),
            }),
            Err(fs::TryLockError::Error(source)) => Err(write_error(source)),
        }
    }

    /// `<data>/saves/<scenario-id>.jsonl`: the journal of the unfinished session.
    pub(crate) fn journal_path(&self, scenario_id: &str) -> Result<PathBuf> {
        Ok(self.save_path(scenario_id)?.with_extension("jsonl"))
    }

    /// `<data>/sessions/`: journals of finished sessions, one per session id.
    pub(crate) fn sessions_dir(&self) -> PathBuf {
        self.root().join("sessions")
    }

    /// Starts the journal of a new session, replacing any other of this scenario.
    pub fn start_journal(&self, header: Header) -> Result<JournalWriter> {
        let path = self.journal_path(&header.scenario)?;
        let mut line = serde_json::to_vec(&header).map_err(|source| ProgressError::Encode {
            kind: FileKind::Save,
            path: path.clone(),
            source,
        })?;
        line.push(b'\n');
        // The header goes in whole or not at all, so no journal is ever without one.
        write_replacing(FileKind::Save, &path, &line)?;
        let mut journal = Journal::new(header);
        journal.whole = line.len() as u64;
        self.open_journal(path, journal)
    }

    /// Reads the journal of `scenario_id`'s unfinished session; `Ok(None)` when there is none.
    pub fn read_journal(&self, scenario_id: &str) -> Result<Option<Journal>> {
        let path = self.journal_path(scenario_id)?;
        let Some(bytes) = super::saves::read_if_exists(FileKind::Save, &path)? else {
            return Ok(None);
        };
        let journal = parse(&path, &bytes)?;
        if journal.header.scenario != scenario_id {
            return Err(ProgressError::WrongScenario {
                path,
                expected: scenario_id.to_owned(),
                found: journal.header.scenario,
            });
        }
        Ok(Some(journal))
    }

    /// Goes on writing a journal that was read, after its last whole line.
    pub fn continue_journal(&self, journal: Journal) -> Result<JournalWriter> {
        let path = self.journal_path(&journal.header.scenario)?;
        self.open_journal(path, journal)
    }

    fn open_journal(&self, path: PathBuf, journal: Journal) -> Result<JournalWriter> {
        let write_error = |source| ProgressError::Write {
            kind: FileKind::Save,
            path: path.clone(),
            source,
        };
        let file = OpenOptions::new()
            .append(true)
            .open(&path)
            .map_err(write_error)?;
        // A cut-off last line is dropped before anything follows it.
        if file.metadata().map_err(write_error)?.len() != journal.whole {
            file.set_len(journal.whole).map_err(write_error)?;
        }
        Ok(JournalWriter {
            file,
            path,
            journal,
        })
    }

    /// Moves a finished session's journal to `<data>/sessions/<scenario>-<session>.jsonl`, where
    /// it is kept and no longer offered for resuming. Returns its new path.
    pub fn archive_journal(&self, writer: JournalWriter) -> Result<PathBuf> {
        let header = &writer.journal.header;
        let target = self
            .sessions_dir()
            .join(format!("{}-{}.jsonl", header.scenario, header.session));
        fs::create_dir_all(self.sessions_dir()).map_err(|source| ProgressError::CreateDir {
            path: self.sessions_dir(),
            source,
        })?;
        fs::rename(&writer.path, &target).map_err(|source| ProgressError::Write {
            kind: FileKind::Save,
            path: target.clone(),
            source,
        })?;
        Ok(target)
    }
}
