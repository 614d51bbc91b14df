//! Going back from an ending: how many finished sessions took an ending's retry, how many
//! retries there were, where they were taken, and what those sessions scored the first time
//! beside the end.

use std::collections::HashSet;

use serde::Serialize;

use crate::progress::ResultsFile;

use super::Count;
use super::cohort::counts;
use super::stats::Spread;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Retries {
    /// Finished sessions that took at least one retry.
    pub sessions: usize,
    /// Distinct learners (by anonymous id) among those sessions.
    pub learners: usize,
    /// Finished sessions with a results file, the sessions these figures are over.
    pub of: usize,
    /// Retries taken in all.
    pub retries: usize,
    /// Retries per finished session, over every finished session with a results file.
    pub per_session: f64,
    /// The percent of the first attempt of each session that retried, at the ending it gave up.
    pub first_attempt_percent: Option<Spread>,
    /// The final percent of those same sessions, for comparison.
    pub final_percent: Option<Spread>,
    /// The endings retries were taken at, most first; shares are of all retries.
    pub endings: Vec<Count>,
}

pub(crate) fn retries(finished: &[&ResultsFile]) -> Retries {
    let retried: Vec<&ResultsFile> = finished
        .iter()
        .copied()
        .filter(|r| !r.retries.is_empty())
        .collect();
    let total: usize = retried.iter().map(|r| r.retries.len()).sum();
    let endings = counts(
        retried
            .iter()
            .flat_map(|r| &r.retries)
            .map(|attempt| (attempt.ending.id.as_str(), attempt.ending.title.as_str())),
        total,
    );
    let first: Vec<f64> = retried
        .iter()
        .filter_map(|r| r.retries.first())
        .map(|attempt| f64::from(attempt.percent))
        .collect();
    let last: Vec<f64> = retried.iter().map(|r| f64::from(r.percent)).collect();
    Retries {
        sessions: retried.len(),
        learners: retried
            .iter()
            .map(|r| r.learner.id)
            .collect::<HashSet<_>>()
            .len(),
        of: finished.len(),
        retries: total,
        per_session: if finished.is_empty() {
            0.0
        } else {
            total as f64 / finished.len() as f64
        },
        first_attempt_percent: Spread::of(&first),
        final_percent: Spread::of(&last),
        endings,
    }
}
