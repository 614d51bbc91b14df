//! How long a scenario takes to play, estimated from seeded random runs through the real story:
//! the words each run shows (headings, narration, dialogue, prompts, options, feedback) read at
//! [`WORDS_PER_MINUTE`], plus a fixed time to answer each question.
//!
//! Maps and the results screen are not counted: how long a learner studies a map varies too
//! much for a word count to say, and the results come after the story.

use rand::SeedableRng;
use rand::rngs::StdRng;
use serde::Serialize;

use crate::engine::{Step, Story};
use crate::scenario::Scenario;
use crate::scenario::model::QuestionKind;

use super::answers::Asked;
use super::random::run_seed;
use super::{LEARNER, quiet_bound};

/// Reading speed for instructional text on a screen.
pub const WORDS_PER_MINUTE: u64 = 200;
/// Time to pick from options: a single, multiple or order question.
pub const SECONDS_PER_CHOICE: u64 = 15;
/// Time to work out and type an answer: a number or text question.
pub const SECONDS_PER_TYPED: u64 = 60;
/// Runs the estimate plays, from seed 0: enough for a stable median on the shipped scenarios.
pub const RUNS: u32 = 100;
/// Answers after which a run is taken to be stuck (`dojo test` reports those).
const MOST_ANSWERS: usize = 1000;

/// The estimated length of the shortest, median and longest of the runs that reached an ending.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PlayTime {
    /// Runs that reached an ending, of [`RUNS`].
    pub runs: u32,
    pub shortest_minutes: f64,
    pub median_minutes: f64,
    pub longest_minutes: f64,
}

/// Plays [`RUNS`] random runs and estimates their length; `None` when none reaches an ending.
pub fn play_time(scenario: &Scenario) -> Option<PlayTime> {
    let runs: Vec<u32> = (0..RUNS).collect();
    let mut seconds: Vec<u64> = crate::parallel::map(&runs, |&run| seconds(scenario, run))
        .into_iter()
        .flatten()
        .collect();
    seconds.sort_unstable();
    let (&shortest, &longest) = (seconds.first()?, seconds.last()?);
    let median = seconds[(seconds.len() - 1) / 2];
    let minutes = |s: u64| s as f64 / 60.0;
    Some(PlayTime {
        runs: seconds.len() as u32,
        shortest_minutes: minutes(shortest),
        median_minutes: minutes(median),
        longest_minutes: minutes(longest),
    })
}

/// The seconds one run takes by the model, or `None` when it reaches no ending.
fn seconds(scenario: &Scenario, run: u32) -> Option<u64> {
    let seed = run_seed(0, run);
    let mut story = Story::new(scenario, LEARNER, seed);
    let mut rng = StdRng::seed_from_u64(seed);
    let (mut words, mut answering, mut answers, mut quiet) = (0u64, 0u64, 0usize, 0usize);
    let most_quiet = quiet_bound(scenario);
    loop {
        let step = story.next();
        quiet += 1;
        match step {
            Step::End(_) => break,
            Step::Scene { title, .. } => words += title.as_deref().map_or(0, count),
            Step::Narration { text } | Step::Line { text, .. } => words += count(&text),
            Step::Map(_) => {}
            Step::Feedback(view) => {
                let lines = view.lines.iter();
                words += lines
                    .map(|l| count(&l.text) + l.option.as_deref().map_or(0, count))
                    .sum::<u64>();
                words += view.solution.as_deref().map_or(0, count);
            }
            Step::Question(view) => {
                quiet = 0;
                words += count(&view.prompt);
                words += view.options.iter().map(|o| count(&o.text)).sum::<u64>();
                answering += match view.kind {
                    QuestionKind::Number | QuestionKind::Text => SECONDS_PER_TYPED,
                    _ => SECONDS_PER_CHOICE,
                };
                answers += 1;
                let def = scenario.scenes[story.scene_index()].question.as_ref()?;
                let expected = (def.kind == QuestionKind::Number)
                    .then(|| story.expected_number())
                    .flatten();
                let shown = story.options_shown().to_vec();
                let asked = Asked {
                    def,
                    shown: &shown,
                    expected,
                };
                let answer = asked.random_pick(&mut rng)?.answer(&asked);
                story.answer(answer, 0).ok()?;
            }
        }
        if answers > MOST_ANSWERS || quiet > most_quiet {
            return None;
        }
    }
    Some(words * 60 / WORDS_PER_MINUTE + answering)
}

fn count(text: &str) -> u64 {
    text.split_whitespace().count() as u64
}
