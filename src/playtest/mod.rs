//! Automated playthroughs for authors: seeded random runs, every distinct path, and golden
//! transcripts of typed answers.
//!
//! Everything here drives the real engine ([`crate::engine::Story`]) and returns report data;
//! `dojo test` prints it. Nothing here touches the terminal: transcripts are written by the
//! plain front end into memory.

mod answers;
mod coverage;
pub mod diff;
#[cfg(test)]
mod enumeration;
mod exhaustive;
mod explore;
pub mod generate;
mod length;
mod memo;
mod random;
mod run;
mod stats;
mod transcript;

pub use coverage::Coverage;
pub use exhaustive::{
    EndingPaths, ExhaustiveReport, Paths, ScoreRange, Trap, TrapKind, exhaustive,
};
pub use length::{
    PlayTime, RUNS as PLAY_TIME_RUNS, SECONDS_PER_CHOICE, SECONDS_PER_TYPED, WORDS_PER_MINUTE,
    play_time,
};
pub use random::{
    EndingCount, GradeCount, RandomOptions, RandomReport, ScoreSpread, StuckRun, Why, random_runs,
    run_seed,
};
pub use stats::Distribution;
pub use transcript::{Transcript, TranscriptEnd, answer_lines, transcript};

use crate::scenario::Scenario;

/// The learner's name in random and exhaustive runs.
pub const LEARNER: &str = "Learner";

#[derive(Debug, thiserror::Error)]
pub enum PlaytestError {
    #[error(
        "more than {limit} distinct situations to explore, too many to walk every path{why}; \
         sample the paths with `--random 10000` instead, or raise `--limit`"
    )]
    TooManyStates {
        limit: usize,
        /// What varies most among the situations found, starting with `: `, or nothing.
        why: String,
    },
    #[error(
        "the question in scene `{scene}` offers {options} options to select from, too many \
         selections to try each; sample the paths with `--random 10000` instead"
    )]
    TooManySelections { scene: String, options: usize },
    #[error("the engine refused the answer `{answer}` in scene `{scene}`: {message}")]
    Refused {
        scene: String,
        answer: String,
        message: String,
    },
    #[error(transparent)]
    Session(#[from] crate::play::session::SessionError),
}

/// Steps without a question after which scenes are taken to lead into each other for ever:
/// many times more than passing through every scene and every beat once.
fn quiet_bound(scenario: &Scenario) -> usize {
    let steps: usize = scenario.scenes.iter().map(|s| 1 + s.beats.len()).sum();
    steps.saturating_mul(64).saturating_add(64)
}
