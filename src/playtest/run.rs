//! One seeded random run through the real engine, from the start to an ending or to being stuck.

use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::engine::{Maxima, Moment, Story};
use crate::scenario::model::QuestionKind;
use crate::scenario::{Scenario, SceneIx};

use super::answers::Asked;
use super::coverage::Seen;
use super::{LEARNER, quiet_bound};

/// How a run that reached an ending ended.
pub(crate) struct Ended {
    pub ending: SceneIx,
    pub title: String,
    /// Per competency, in the scenario's order.
    pub scores: Vec<i64>,
    pub percent: u32,
    /// Index into the scenario's grade bands.
    pub grade: Option<usize>,
    pub answers: usize,
}

/// Why a run reached no ending.
pub(crate) enum Stall {
    /// It answered as many questions as allowed.
    TooLong,
    /// A question offered no option to choose.
    NoOptions(SceneIx),
    /// Scenes without questions led into each other for longer than any story needs.
    Circling,
    /// The engine refused an answer the playtest built from the options shown: a bug.
    Refused { scene: SceneIx, message: String },
}

pub(crate) enum RunEnd {
    Ended(Ended),
    Stuck(Stall),
}

/// What a run did, kept only when asked for: enough to tell an author how to replay it.
#[derive(Default)]
pub(crate) struct Trail {
    /// Each answer as typed in plain mode, with the scene of its question.
    pub answers: Vec<(String, SceneIx)>,
    /// Each scene entered, after how many answers.
    pub entered: Vec<(usize, SceneIx)>,
}

pub(crate) struct Runner<'s> {
    pub scenario: &'s Scenario,
    pub max_answers: usize,
    quiet_bound: usize,
    maxima: Maxima,
}

impl<'s> Runner<'s> {
    pub(crate) fn new(scenario: &'s Scenario, max_answers: usize) -> Runner<'s> {
        Runner {
            scenario,
            max_answers,
            quiet_bound: quiet_bound(scenario),
            maxima: Maxima::new(scenario),
        }
    }

    /// A story to play runs with, one after another.
    pub(crate) fn story(&self) -> Story<'s> {
        Story::new(self.scenario, LEARNER, 0).without_words()
    }

    /// Plays one run with `story`, started over. The seed shuffles the options (as `dojo play
    /// --seed` would) and draws the answers, so the same seed always makes the same run.
    /// Nothing is put into words but the ending's title: no one reads the rest.
    pub(crate) fn play(
        &self,
        story: &mut Story<'s>,
        seed: u64,
        seen: &mut Seen,
        mut trail: Option<&mut Trail>,
    ) -> RunEnd {
        story.restart(seed);
        let mut rng = StdRng::seed_from_u64(seed);
        let mut answers = 0;
        let mut quiet = 0;
        loop {
            match story.next_moment() {
                Moment::Question(def) => {
                    quiet = 0;
                    let scene = story.scene_index();
                    if answers == self.max_answers {
                        return RunEnd::Stuck(Stall::TooLong);
                    }
                    // Only a number question has one, and working it out evaluates an expression.
                    let expected = (def.kind == QuestionKind::Number)
                        .then(|| story.expected_number())
                        .flatten();
                    let asked = Asked {
                        def,
                        shown: story.options_shown(),
                        expected,
                    };
                    let Some(pick) = asked.random_pick(&mut rng) else {
                        return RunEnd::Stuck(Stall::NoOptions(scene));
                    };
                    if let Some(trail) = trail.as_deref_mut() {
                        trail.answers.push((pick.line(), scene));
                    }
                    let answer = pick.answer(&asked);
                    if let Err(error) = story.answer(answer, 0) {
                        return RunEnd::Stuck(Stall::Refused {
                            scene,
                            message: error.to_string(),
                        });
                    }
                    answers += 1;
                }
                Moment::End => {
                    let tally = story.tally(&self.maxima);
                    let grades = &self.scenario.grades;
                    // The report counts bands by name, as results name them: of two bands with
                    // one name, the first counts both.
                    let grade = tally.grade.and_then(|band| {
                        grades
                            .iter()
                            .position(|other| other.name == grades[band].name)
                    });
                    return RunEnd::Ended(Ended {
                        ending: story.scene_index(),
                        title: story.ending_title(),
                        scores: tally.scores,
                        percent: tally.percent,
                        grade,
                        answers,
                    });
                }
                moment => {
                    if let Moment::Scene(scene) = moment {
                        seen.enter(scene);
                        if let Some(trail) = trail.as_deref_mut() {
                            trail.entered.push((answers, scene));
                        }
                    }
                    quiet += 1;
                    if quiet > self.quiet_bound {
                        return RunEnd::Stuck(Stall::Circling);
                    }
                }
            }
        }
    }
}
