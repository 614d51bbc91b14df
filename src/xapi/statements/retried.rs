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
                recorded
                    .and_then(|attempts| attempts.get(nth))
                    .map(|a| GivenUp {
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use uuid::Uuid;

    use super::*;
    use crate::engine::Step;
    use crate::progress::{Header, JOURNAL_FORMAT};
    use crate::scenario::{Folder, load};
    use crate::xapi::{Base, cohort_inputs, statements};

    /// The retry fixture: a walk-out at the fork goes back to the fork, giving up at the fork
    /// goes back to the checkpoint at the gate.
    fn scenario() -> Scenario {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios/retry");
        let loaded = load(&Folder::new(root)).expect("the fixture reads");
        loaded.scenario.expect("the fixture loads")
    }

    fn at(second: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + second).expect("a time")
    }

    fn journal(events: Vec<Event>) -> Journal {
        let mut journal = Journal::new(Header {
            journal: JOURNAL_FORMAT,
            session: Uuid::from_u128(7),
            scenario: "retry".to_string(),
            fingerprint: scenario().fingerprint,
            learner: "Ada".to_string(),
            learner_id: Uuid::from_u128(8),
            seed: 1,
            started: at(0),
        });
        journal.events = events;
        journal
    }

    fn answer(second: i64, scene: &str, option: &str) -> Event {
        Event::Answer {
            at: at(second),
            scene: scene.to_string(),
            answer: Answer::Choice(option.to_string()),
        }
    }

    fn retry(second: i64, ending: &str, kept: usize) -> Event {
        Event::Retry {
            at: at(second),
            scene: ending.to_string(),
            kept,
        }
    }

    fn quit(second: i64, scene: &str) -> Event {
        Event::Quit {
            at: at(second),
            scene: scene.to_string(),
        }
    }

    /// Calm, a shout that walks Ana out, the retry back to the fork, then leaving there.
    fn walked_out() -> Journal {
        journal(vec![
            answer(5, "gate", "calm"),
            answer(9, "fork", "shout"),
            retry(12, "walkout", 1),
            quit(20, "fork"),
        ])
    }

    fn the_retried(made: &[Value]) -> &Value {
        let retried: Vec<&Value> = made
            .iter()
            .filter(|s| s["verb"]["display"]["en-US"] == "retried")
            .collect();
        assert_eq!(retried.len(), 1, "{made:#?}");
        retried[0]
    }

    #[test]
    fn a_retry_to_the_last_choice_says_where_it_went_and_what_was_given_up() {
        let scenario = scenario();
        let journal = walked_out();
        let made = statements(&journal, &[], None, Some(&scenario), &Base::default());
        let verbs: Vec<&str> = made
            .iter()
            .map(|s| s["verb"]["display"]["en-US"].as_str().unwrap())
            .collect();
        assert_eq!(
            verbs,
            [
                "initialized",
                "answered",
                "answered",
                "retried",
                "suspended"
            ]
        );
        let retried = the_retried(&made);
        assert_eq!(
            retried["verb"]["id"],
            "https://dojo.invalid/xapi/verbs/retried"
        );
        assert_eq!(
            retried["id"],
            json!(Uuid::new_v5(&Uuid::from_u128(7), b"3a"))
        );
        assert_eq!(retried["timestamp"], json!(at(12).to_string()));
        assert_eq!(
            retried["object"]["id"],
            "https://dojo.invalid/scenarios/retry"
        );
        let context = &retried["context"]["extensions"];
        assert_eq!(context["https://dojo.invalid/xapi/answers-kept"], 1);
        assert_eq!(context["https://dojo.invalid/xapi/back-to"], "fork");
        assert_eq!(context["https://dojo.invalid/xapi/event"], 3);
        // Calm gave 2, the shout took 2 away; the gate and the fork could give 3.
        assert_eq!(
            retried["result"],
            json!({
                "score": { "raw": 0, "min": 0, "max": 3, "scaled": 0.0 },
                "extensions": {
                    "https://dojo.invalid/xapi/ending": { "id": "walkout", "title": "Ana walks out" },
                },
            })
        );
        // Made again, later or live, it is the same statement: the LRS keeps one.
        assert_eq!(
            statements(&journal, &[], None, Some(&scenario), &Base::default()),
            made
        );
    }

    #[test]
    fn a_retry_to_the_checkpoint_goes_back_to_the_gate_with_no_answer_kept() {
        let scenario = scenario();
        let journal = journal(vec![
            answer(5, "gate", "rush"),
            answer(9, "fork", "quit"),
            retry(12, "gave-up", 0),
            answer(15, "gate", "calm"),
        ]);
        let base = Base {
            activities: "https://training.example.com/".to_string(),
            home_page: "https://training.example.com".to_string(),
        };
        let made = statements(&journal, &[], None, Some(&scenario), &base);
        let retried = the_retried(&made);
        assert_eq!(
            retried["verb"]["id"],
            "https://training.example.com/xapi/verbs/retried"
        );
        let context = &retried["context"]["extensions"];
        assert_eq!(context["https://training.example.com/xapi/answers-kept"], 0);
        assert_eq!(context["https://training.example.com/xapi/back-to"], "gate");
        // Rushing cost 1; a score below nothing is sent as nothing, as xAPI's min is 0.
        assert_eq!(
            retried["result"]["score"],
            json!({ "raw": 0, "min": 0, "max": 3, "scaled": 0.0 })
        );
        assert_eq!(
            retried["result"]["extensions"]["https://training.example.com/xapi/ending"],
            json!({ "id": "gave-up", "title": "Given up" })
        );
    }

    #[test]
    fn without_the_scenario_a_finished_session_scores_the_attempt_from_its_results() {
        let scenario = scenario();
        let mut journal = walked_out();
        journal.events.pop();
        journal.events.push(answer(14, "fork", "listen"));
        let mut story = Story::new(&scenario, "Ada", 1);
        for given in journal.moves() {
            match given {
                Move::Answer(given) => give(&mut story, given.scene, given.answer.clone()),
                Move::Retry { scene, .. } => give(&mut story, scene, retry_answer()),
            }
            .expect("the moves fit the fixture");
        }
        let results = loop {
            if let Step::End(results) = story.next() {
                break results;
            }
        };
        journal.events.push(Event::End {
            at: at(16),
            scene: results.ending.scene.clone(),
        });
        let file = ResultsFile::new(&results, &journal);
        let made = statements(
            &journal,
            &file.questions,
            Some(&file),
            None,
            &Base::default(),
        );
        let retried = the_retried(&made);
        assert_eq!(retried["result"]["score"]["max"], 3);
        assert_eq!(
            retried["result"]["extensions"]["https://dojo.invalid/xapi/ending"]["title"],
            "Ana walks out"
        );
        // Where it went back to is only known from a replay.
        let context = retried["context"]["extensions"].as_object().unwrap();
        assert!(!context.contains_key("https://dojo.invalid/xapi/back-to"));
        assert_eq!(context["https://dojo.invalid/xapi/answers-kept"], 1);
    }

    #[test]
    fn without_scenario_or_results_the_retry_says_only_what_its_journal_event_does() {
        let made = statements(&walked_out(), &[], None, None, &Base::default());
        let retried = the_retried(&made);
        assert_eq!(
            retried["result"],
            json!({ "extensions": { "https://dojo.invalid/xapi/ending": { "id": "walkout" } } })
        );
        assert_eq!(
            retried["context"]["extensions"]["https://dojo.invalid/xapi/answers-kept"],
            1
        );
    }

    #[test]
    fn read_back_a_session_counts_only_the_answers_that_still_count() {
        let scenario = scenario();
        // Left after the retry, came back with every move kept, listened, and was stopped
        // (`kill -9`) before the ending was written.
        let mut journal = walked_out();
        journal.events.extend([
            Event::Resume {
                at: at(30),
                fingerprint: scenario.fingerprint.clone(),
                kept: 3,
            },
            answer(34, "fork", "listen"),
        ]);
        let mut made = statements(&journal, &[], None, Some(&scenario), &Base::default());
        made.reverse();
        let inputs = cohort_inputs(&made, &Base::default(), "test");
        assert_eq!(inputs.journals.len(), 1, "{:?}", inputs.rejected);
        let read = &inputs.journals[0].1;
        assert_eq!(read.answers(), journal.answers());
        assert_eq!(read.moves(), journal.moves());
        assert_eq!(read.events, journal.events);
    }
}
