//! The start of a story with answers given before: the preset applied (empty for a learner's
//! session), then the answers replayed silently, as far as they still fit the scenario. Authors'
//! reloads and learners' resumed sessions both start this way.

use crate::engine::{Answer, AnswerRecord, Step, Story};
use crate::progress::Journal;
use crate::scenario::Scenario;

use super::preset::{Preset, PresetError};

/// Steps shown between two answers before a replay gives up: a cycle of scenes without a
/// question (which `dojo check` reports) would otherwise replay forever.
const STEPS_PER_ANSWER: usize = 100_000;

/// How a story is started: the same preset, learner and seed every time.
#[derive(Debug, Clone)]
pub(crate) struct Start<'p> {
    pub preset: &'p Preset,
    pub learner: &'p str,
    pub seed: u64,
}

/// How far a replay went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Replayed {
    pub given: usize,
    pub replayed: usize,
    /// Why the answer after the replayed ones no longer fits, when one does not.
    pub stopped: Option<String>,
}

impl Replayed {
    /// One line for the author: what a reload did.
    pub(crate) fn report(&self) -> String {
        let answers = |n: usize| if n == 1 { "answer" } else { "answers" };
        match &self.stopped {
            None => format!(
                "scenario changed: reloaded, replayed {} {}",
                self.replayed,
                answers(self.replayed)
            ),
            Some(why) => format!(
                "scenario changed: reloaded, replayed {} of {} {} (answer {} no longer fits: {why})",
                self.replayed,
                self.given,
                answers(self.given),
                self.replayed + 1
            ),
        }
    }
}

/// An answer given before, to replay: the scene it answered, the answer, and when. No answer
/// means the retry the ending `scene` offered was taken.
#[derive(Debug, Clone, Copy)]
pub(super) struct Given<'a> {
    pub scene: &'a str,
    pub answer: Option<&'a Answer>,
    /// Seconds since the Unix epoch.
    pub at: u64,
}

impl<'a> From<&'a AnswerRecord> for Given<'a> {
    fn from(record: &'a AnswerRecord) -> Given<'a> {
        Given {
            scene: &record.scene,
            answer: Some(&record.answer),
            at: record.at,
        }
    }
}

impl<'a> From<&crate::progress::Move<'a>> for Given<'a> {
    fn from(given: &crate::progress::Move<'a>) -> Given<'a> {
        let seconds = |at: jiff::Timestamp| u64::try_from(at.as_second()).unwrap_or(0);
        match given {
            crate::progress::Move::Answer(given) => Given {
                scene: given.scene,
                answer: Some(given.answer),
                at: seconds(given.at),
            },
            crate::progress::Move::Retry { scene, at, .. } => Given {
                scene,
                answer: None,
                at: seconds(*at),
            },
        }
    }
}

/// A learner's session as its journal has it: no preset, the journal's learner and seed, and
/// its answers and retries replayed with their times. Resuming and `dojo results` both start
/// a session this way.
pub(crate) fn from_journal<'s>(
    scenario: &'s Scenario,
    journal: &Journal,
) -> Result<(Story<'s>, Replayed), PresetError> {
    let moves = journal.moves();
    let given: Vec<Given> = moves.iter().map(Given::from).collect();
    let start = Start {
        preset: &Preset::default(),
        learner: &journal.header.learner,
        seed: journal.header.seed,
    };
    start.story(scenario, &given)
}

impl Start<'_> {
    /// A new story with the preset, `answers` replayed with the times they were given.
    pub(crate) fn story<'s>(
        &self,
        scenario: &'s Scenario,
        answers: &[Given<'_>],
    ) -> Result<(Story<'s>, Replayed), PresetError> {
        let mut story = Story::new(scenario, self.learner, self.seed);
        self.preset.apply(&mut story)?;
        let mut replayed = Replayed {
            given: answers.len(),
            replayed: 0,
            stopped: None,
        };
        for given in answers {
            match replay(&mut story, given) {
                Ok(()) => replayed.replayed += 1,
                Err(why) => {
                    replayed.stopped = Some(why);
                    break;
                }
            }
        }
        Ok((story, replayed))
    }
}

/// Moves the story on to its next question and gives it the earlier answer.
fn replay(story: &mut Story<'_>, given: &Given<'_>) -> Result<(), String> {
    for _ in 0..STEPS_PER_ANSWER {
        match story.next() {
            Step::Question(question) if question.scene == given.scene => {
                let answer = given
                    .answer
                    .cloned()
                    .unwrap_or_else(|| Answer::Choice(crate::scenario::RETRY_OPTION.to_string()));
                return story
                    .answer(answer, given.at)
                    .map_err(|error| error.to_string());
            }
            Step::Question(question) => {
                return Err(format!(
                    "it answered scene `{}`, the story now asks in `{}`",
                    given.scene, question.scene
                ));
            }
            Step::End(_) => return Err("the story now ends before it".to_string()),
            _ => {}
        }
    }
    Err(format!(
        "no question in {STEPS_PER_ANSWER} steps; does a cycle of scenes have no question?"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Answer;
    use crate::scenario::{ScenarioFiles, load};

    const MANIFEST: &str = "id = \"r\"\ntitle = \"R\"\nstart = \"ask\"\nscenes = [\"s.toml\"]\n[[grade]]\nmin = 0\nname = \"Done\"\n";

    /// A scene file with a question of options `a`, `b` and `c` (or without `b`).
    fn scenes(with_b: bool) -> String {
        let option = |id: &str| {
            format!("[[scene.question.option]]\nid = \"{id}\"\ntext = \"{id}\"\nfeedback = \"f\"\n")
        };
        let b = if with_b { option("b") } else { String::new() };
        format!(
            "[[scene]]\nid = \"ask\"\nnext = \"end\"\n[scene.question]\nkind = \"single\"\nprompt = \"?\"\n{}{b}{}\n[[scene]]\nid = \"end\"\nending = true\n",
            option("a"),
            option("c")
        )
    }

    struct Texts(String);

    impl ScenarioFiles for Texts {
        fn read(&self, name: &str) -> std::io::Result<String> {
            Ok(if name == "s.toml" {
                self.0.clone()
            } else {
                MANIFEST.to_string()
            })
        }

        fn display_name(&self, name: &str) -> String {
            name.to_string()
        }
    }

    fn scenario(with_b: bool) -> Scenario {
        let loaded = load(&Texts(scenes(with_b))).unwrap();
        loaded.scenario.expect("the test scenario is valid")
    }

    const PRESET: Preset = Preset {
        from: None,
        flags: Vec::new(),
        scores: Vec::new(),
    };
    const START: Start<'static> = Start {
        preset: &PRESET,
        learner: "Ada",
        seed: 1,
    };

    /// The answers of a session that chose `b`.
    fn chose_b() -> Vec<AnswerRecord> {
        let scenario = scenario(true);
        let (mut story, _) = START.story(&scenario, &[]).unwrap();
        while !matches!(story.next(), Step::Question(_)) {}
        story.answer(Answer::Choice("b".into()), 7).unwrap();
        story.state().answers.clone()
    }

    #[test]
    fn answers_that_still_fit_are_replayed_and_the_story_stands_after_the_last() {
        let scenario = scenario(true);
        let answers = chose_b();
        let given: Vec<Given> = answers.iter().map(Given::from).collect();
        let (mut story, replayed) = START.story(&scenario, &given).unwrap();
        assert_eq!(
            replayed.report(),
            "scenario changed: reloaded, replayed 1 answer"
        );
        assert!(matches!(story.next(), Step::Feedback(_)));
    }

    #[test]
    fn a_replay_stops_at_the_first_answer_that_no_longer_fits() {
        let changed = scenario(false);
        let answers = chose_b();
        let given: Vec<Given> = answers.iter().map(Given::from).collect();
        let (mut story, replayed) = START.story(&changed, &given).unwrap();
        assert_eq!(replayed.replayed, 0);
        let report = replayed.report();
        let expected =
            "scenario changed: reloaded, replayed 0 of 1 answer (answer 1 no longer fits: ";
        assert!(report.starts_with(expected), "{report}");
        assert!(matches!(story.next(), Step::Question(_)), "asked again");
    }
}
