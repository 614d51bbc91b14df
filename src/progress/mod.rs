//! Learner progress on disk: session journals, results files and the learner profile.
//!
//! Everything lives under one per-user [`DataDir`]:
//!
//! ```text
//! <data>/saves/<scenario-id>.jsonl            the journal of the unfinished session
//! <data>/sessions/<scenario-id>-<uuid>.jsonl  journals of finished sessions
//! <data>/results/<scenario-id>-<unix-seconds>.json
//! <data>/profile.json
//! ```
//!
//! A journal is only appended to, one synced line per event, so a crash or a kill cuts off at
//! most the line being written. Every other write goes through a temporary file that is synced
//! and then renamed over the target, so it leaves either the old file or the new one, never
//! half of one. This layer never talks to the terminal; callers turn a [`ProgressError`] into a
//! message for the learner.

mod atomic;
mod data_dir;
mod error;
mod journal;
mod profile;
mod results;
mod results_file;
mod saves;
mod scenario_id;

#[cfg(test)]
mod tests;

pub use data_dir::{DATA_DIR_ENV, DataDir};
pub use error::{FileKind, ProgressError};
pub use journal::{
    Event, Given, Header, JOURNAL_FORMAT, Journal, JournalWriter, Move, parse as parse_journal,
};
pub(crate) use profile::Profile;
pub use results_file::{
    CompetencyScore, EndingRef, Figure, GradeRef, LearnerRef, MapFigures, OptionRef, PassRef,
    QuestionRecord, RESULTS_FORMAT, ResultsFile, RetryRecord, ScenarioRef,
};
pub(crate) use scenario_id::{MAX_SCENARIO_ID_LEN, validate_scenario_id};

/// The result type of every fallible operation in this module.
pub type Result<T, E = ProgressError> = std::result::Result<T, E>;

/// Seconds since the Unix epoch, for the `now` arguments of saves and results.
///
/// A clock set before 1970 yields 0 rather than failing: a wrong timestamp in a save is
/// far less harmful than refusing to save the learner's work.
pub(crate) fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// The time now, to the millisecond: what journals record. Finer would only add digits no one
/// reads.
pub fn now() -> jiff::Timestamp {
    let now = jiff::Timestamp::now();
    now.round(jiff::Unit::Millisecond).unwrap_or(now)
}
