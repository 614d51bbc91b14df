//! The statement of a retry taken at an ending: how many answers still count, where the story
//! went back to and what the attempt given up had scored.
//!
//! The journal's `retry` event holds only the ending and the answers kept; the rest is what
//! the engine did with them, so it is found the way a resumed session finds its state: by
//! replaying the journal up to the retry. Without the scenario, a finished session's results
//! file still says what each attempt scored, though not where it went back to.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde_json::{Value, json};

use super::{Maker, score};
use crate::engine::{Answer, Moment, Story};
use crate::progress::{Event, Journal, Move, ResultsFile};
use crate::scenario::{RETRY_OPTION, Scenario};

/// Moments a replay may pass between two answers. The engine ends a story that talks on
/// without a question long before this; the bound only keeps a replay from trusting that.
const MOMENTS_PER_ANSWER: usize = 1_000_000;

/// What one retry gave up, and where it went.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct GivenUp {
    /// The heading of the ending the attempt reached.
    title: String,
    score: i64,
    max: i64,
    percent: u32,
    /// The scene the story went back to; known only from a replay.
    back_to: Option<String>,
}

/// What each retry of `journal` gave up, by the index of its journal event (as statement ids
/// count them: 1 for the first event). A retry is left out when neither a replay through
/// `scenario` nor `results` can say.
pub(super) fn given_up(
    journal: &Journal,
    scenario: Option<&Scenario>,
    results: Option<&ResultsFile>,
) -> BTreeMap<usize, GivenUp> {
    let retries: Vec<usize> = journal
        .events
        .iter()
        .enumerate()
        .filter(|(_, event)| matches!(event, Event::Retry { .. }))
        .map(|(i, _)| i)
        .collect();
    // Results list the attempts of the final replay; paired in order only when no resume
    // dropped a retry, so each pairs with its own.
    let recorded = results
        .map(|r| &r.retries[..])
        .filter(|attempts| attempts.len() == retries.len());
    retries
        .iter()
        .enumerate()
        .filter_map(|(nth, &i)| {
            let replayed = scenario.and_then(|scenario| replay(journal, i, scenario));
            let found = replayed.or_else(|| {
                recorded.and_then(|attempts| attempts.get(nth)).map(|a| GivenUp {
                    title: a.ending.title.clone(),
                    score: a.score,
                    max: a.max,
                    percent: a.percent,
                    back_to: None,
                })
            });
            found.map(|given_up| (i + 1, given_up))
        })
        .collect()
}

/// The journal replayed through `scenario` as far as its event `retry` (a retry), which is
/// then taken: `None` when the scenario no longer fits the answers.
fn replay(journal: &Journal, retry: usize, scenario: &Scenario) -> Option<GivenUp> {
    let Event::Retry { scene, .. } = journal.events.get(retry)? else {
        return None;
    };
    // What counted just before the retry, as a resume at that moment would have replayed it.
    let mut before = Journal::new(journal.header.clone());
    before.events = journal.events[..retry].to_vec();
    let header = &journal.header;
    let mut story = Story::new(scenario, &header.learner, header.seed).without_words();
    for given in before.moves() {
        match given {
            Move::Answer(given) => give(&mut story, given.scene, given.answer.clone())?,
            Move::Retry { scene, .. } => give(&mut story, scene, retry_answer())?,
        }
    }
    give(&mut story, scene, retry_answer())?;
    let state = story.state();
    let attempt = state.retries.last()?;
    Some(GivenUp {
        title: attempt.ending.title.clone(),
        score: attempt.score,
        max: attempt.max,
        percent: attempt.percent,
        back_to: Some(state.scene.clone()),
    })
}

fn retry_answer() -> Answer {
    Answer::Choice(RETRY_OPTION.to_string())
}

/// Moves `story` on to its next question, which must be `scene`'s, and answers it.
fn give(story: &mut Story<'_>, scene: &str, answer: Answer) -> Option<()> {
    for _ in 0..MOMENTS_PER_ANSWER {
        match story.next_moment() {
            Moment::Question(_) if story.state().scene == scene => {
                return story.answer(answer, 0).ok();
            }
            Moment::Question(_) | Moment::End => return None,
            _ => {}
        }
    }
    None
}

impl Maker<'_> {
    /// `retried`: a dojo verb, since ADL's vocabulary has none for giving up an attempt to go
    /// back within it (`attempted` says an activity was begun, and is read as a new launch).
    /// The scenario is the object, the attempt given up the result.
    pub(super) fn retried(
        &self,
        index: usize,
        at: Timestamp,
        ending: &str,
        kept: usize,
        given_up: Option<&GivenUp>,
    ) -> Value {
        let verb = json!({
            "id": self.extension("verbs/retried"),
            "display": { "en-US": "retried" },
        });
        let mut statement = self.frame(index, 'a', verb, at, self.scenario_activity());
        let context = &mut statement["context"]["extensions"];
        context[self.extension("answers-kept")] = json!(kept);
        let mut ending = json!({ "id": ending });
        let mut result = json!({});
        if let Some(given_up) = given_up {
            ending["title"] = json!(given_up.title);
            result["score"] = score(given_up.score, given_up.max, given_up.percent);
            if let Some(scene) = &given_up.back_to {
                context[self.extension("back-to")] = json!(scene);
            }
        }
        result["extensions"] = json!({ self.extension("ending"): ending });
        statement["result"] = result;
        statement
    }
}
