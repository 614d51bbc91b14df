//! How long a scenario takes to play, estimated from seeded random runs through the real story:
//! the words each run shows (headings, narration, dialogue, prompts, options, feedback and the
//! right answer after a wrong one) read at [`WORDS_PER_MINUTE`], plus a fixed time to answer
//! each question.
//!
//! Maps and the results screen are not counted: how long a learner studies a map varies too
//! much for a word count to say, and the results come after the story.

use rand::SeedableRng;
use rand::rngs::StdRng;
use serde::Serialize;

use crate::engine::{Moment, Story};
use crate::expr::{Piece, Template};
use crate::scenario::model::QuestionKind;
use crate::scenario::{Beat, OutcomeDef, QuestionDef, Scenario, SceneDef};

use super::answers::{Asked, Pick};
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
    // Counted once: a run adds up numbers, so a long text costs once, not once per visit.
    let words: Vec<SceneWords> = scenario.scenes.iter().map(SceneWords::of).collect();
    let mut seconds: Vec<u64> = crate::parallel::map(&runs, |&run| seconds(scenario, &words, run))
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
///
/// The story runs without putting steps into words, as `dojo test --random` does, and the words
/// are counted from the templates: a `{...}` counts as one word. Rendering every step would
/// cost more than the runs themselves.
fn seconds(scenario: &Scenario, counted: &[SceneWords], run: u32) -> Option<u64> {
    let seed = run_seed(0, run);
    let mut story = Story::new(scenario, LEARNER, seed).without_words();
    let mut rng = StdRng::seed_from_u64(seed);
    let (mut words, mut answering, mut answers, mut quiet) = (0u64, 0u64, 0usize, 0usize);
    let most_quiet = quiet_bound(scenario);
    loop {
        quiet += 1;
        match story.next_moment() {
            Moment::End => break,
            // A scene shows its heading and every beat once entered.
            Moment::Scene(scene) => words += counted[scene].shown,
            Moment::Beat(_) | Moment::Map(_) | Moment::Feedback => {}
            Moment::Question(def) => {
                quiet = 0;
                answers += 1;
                answering += match def.kind {
                    QuestionKind::Number | QuestionKind::Text => SECONDS_PER_TYPED,
                    _ => SECONDS_PER_CHOICE,
                };
                let expected = (def.kind == QuestionKind::Number)
                    .then(|| story.expected_number())
                    .flatten();
                let shown = story.options_shown().to_vec();
                let scene = story.scene_index();
                // An ending's retry offer is a question the scene itself does not hold.
                let offered;
                let counted = if scenario.scenes[scene]
                    .question
                    .as_ref()
                    .is_some_and(|own| std::ptr::eq(own, def))
                {
                    &counted[scene]
                } else {
                    offered = SceneWords::question(def);
                    &offered
                };
                words += counted.prompt;
                words += shown.iter().map(|&i| counted.text[i]).sum::<u64>();
                let asked = Asked {
                    def,
                    shown: &shown,
                    expected,
                };
                let pick = asked.random_pick(&mut rng)?;
                story.answer(pick.answer(&asked), 0).ok()?;
                let right = story.state().answers.last().and_then(|a| a.right);
                let chosen: Vec<usize> = match &pick {
                    Pick::One(i) => vec![shown[*i]],
                    Pick::Some(all) => all.iter().map(|&i| shown[i]).collect(),
                    _ => Vec::new(),
                };
                words += counted.feedback(def, &chosen, right);
            }
        }
        if answers > MOST_ANSWERS || quiet > most_quiet {
            return None;
        }
    }
    Some(words * 60 / WORDS_PER_MINUTE + answering)
}

/// The words of one scene, counted once for every run.
struct SceneWords {
    /// The heading and every beat.
    shown: u64,
    prompt: u64,
    /// Per option, its text and its feedback.
    text: Vec<u64>,
    option_feedback: Vec<u64>,
    right: u64,
    wrong: u64,
}

impl SceneWords {
    fn of(scene: &SceneDef) -> SceneWords {
        let beats = scene.beats.iter().map(|beat| match beat {
            Beat::Narration(text) | Beat::Line { text, .. } => count(text),
        });
        SceneWords {
            shown: scene.title.as_ref().map_or(0, count) + beats.sum::<u64>(),
            ..SceneWords::of_question(scene.question.as_ref())
        }
    }

    /// The words of a question asked apart from any scene's own, such as a retry offer.
    fn question(def: &QuestionDef) -> SceneWords {
        SceneWords::of_question(Some(def))
    }

    fn of_question(question: Option<&QuestionDef>) -> SceneWords {
        let options = question.map_or(&[][..], |q| &q.options[..]);
        let outcome = |o: &Option<OutcomeDef>| o.as_ref().map_or(0, |o| count(&o.feedback));
        SceneWords {
            shown: 0,
            prompt: question.map_or(0, |q| count(&q.prompt)),
            text: options.iter().map(|o| count(&o.text)).collect(),
            option_feedback: (options.iter())
                .map(|o| o.feedback.as_ref().map_or(0, count))
                .collect(),
            right: question.map_or(0, |q| outcome(&q.right)),
            wrong: question.map_or(0, |q| outcome(&q.wrong)),
        }
    }

    /// The feedback shown after an answer: the chosen options' (and a select-all question's
    /// right options missed), or the outcome's; after a wrong answer, also the right one.
    fn feedback(&self, def: &QuestionDef, chosen: &[usize], right: Option<bool>) -> u64 {
        let mut words = match def.kind {
            QuestionKind::Single => chosen.iter().map(|&i| self.option_feedback[i]).sum(),
            QuestionKind::Multiple => (0..def.options.len())
                .filter(|i| chosen.contains(i) || def.options[*i].correct)
                .map(|i| self.option_feedback[i])
                .sum(),
            _ if right == Some(false) => self.wrong,
            _ => self.right,
        };
        if right == Some(false) {
            let correct = (0..def.options.len()).filter(|&i| def.options[i].correct);
            words += match def.kind {
                QuestionKind::Single | QuestionKind::Multiple => {
                    correct.map(|i| self.text[i]).sum()
                }
                QuestionKind::Order => self.text.iter().sum(),
                QuestionKind::Number | QuestionKind::Text => 1,
            };
        }
        words
    }
}

/// Words in a text as written; each `{...}` counts as one.
fn count(text: &Template) -> u64 {
    text.pieces
        .iter()
        .map(|piece| match piece {
            Piece::Literal(text) => text.split_whitespace().count() as u64,
            Piece::Hole(_) => 1,
        })
        .sum()
}
