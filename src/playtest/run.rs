//! One seeded random run through the real engine, from the start to an ending or to being stuck.

use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::engine::{Step, Story};
use crate::scenario::model::QuestionKind;
use crate::scenario::{Scenario, SceneIx};

use super::answers::Asked;
use super::coverage::Seen;
use super::{LEARNER, quiet_bound};

/// How a run that reached an ending ended.
pub struct Ended {
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
pub enum Stall {
    /// It answered as many questions as allowed.
    TooLong,
    /// A question offered no option to choose.
    NoOptions(SceneIx),
    /// Scenes without questions led into each other for longer than any story needs.
    Circling,
    /// The engine refused an answer the playtest built from the options shown: a bug.
    Refused { scene: SceneIx, message: String },
}

pub enum RunEnd {
    Ended(Ended),
    Stuck(Stall),
}

/// What a run did, kept only when asked for: enough to tell an author how to replay it.
#[derive(Default)]
pub struct Trail {
    /// Each answer as typed in plain mode, with the scene of its question.
    pub answers: Vec<(String, SceneIx)>,
    /// Each scene entered, after how many answers.
    pub entered: Vec<(usize, SceneIx)>,
}

pub struct Runner<'s> {
    pub scenario: &'s Scenario,
    pub max_answers: usize,
    quiet_bound: usize,
}

impl<'s> Runner<'s> {
    pub fn new(scenario: &'s Scenario, max_answers: usize) -> Runner<'s> {
        Runner {
            scenario,
            max_answers,
            quiet_bound: quiet_bound(scenario),
        }
    }

    /// Plays one run. The seed shuffles the options (as `dojo play --seed` would) and draws the
    /// answers, so the same seed always makes the same run.
    pub fn play(&self, seed: u64, seen: &mut Seen<'_>, mut trail: Option<&mut Trail>) -> RunEnd {
        let mut story = Story::new(self.scenario, LEARNER, seed);
        let mut rng = StdRng::seed_from_u64(seed);
        let mut answers = 0;
        let mut quiet = 0;
        loop {
            match story.next() {
                Step::Question(view) => {
                    quiet = 0;
                    // The view names a scene of this scenario, which asks a question.
                    let scene = seen.scene(&view.scene).unwrap_or_default();
                    let Some(def) = self.scenario.scenes[scene].question.as_ref() else {
                        return RunEnd::Stuck(Stall::Refused {
                            scene,
                            message: "the question has no definition".to_string(),
                        });
                    };
                    if answers == self.max_answers {
                        return RunEnd::Stuck(Stall::TooLong);
                    }
                    // Only a number question has one, and computing it finds the scene again.
                    let expected = (def.kind == QuestionKind::Number)
                        .then(|| story.expected_number())
                        .flatten();
                    let asked = Asked {
                        view,
                        def,
                        expected,
                    };
                    let Some(pick) = asked.random_pick(&mut rng) else {
                        return RunEnd::Stuck(Stall::NoOptions(scene));
                    };
                    if let Some(trail) = trail.as_deref_mut() {
                        trail.answers.push((pick.line(), scene));
                    }
                    if let Err(error) = story.answer(pick.answer(&asked.view), 0) {
                        return RunEnd::Stuck(Stall::Refused {
                            scene,
                            message: error.to_string(),
                        });
                    }
                    answers += 1;
                }
                Step::End(results) => {
                    let results = *results;
                    let ending = seen.scene(&results.ending.scene).unwrap_or_default();
                    let grade = results.grade.as_ref().and_then(|grade| {
                        self.scenario
                            .grades
                            .iter()
                            .position(|band| band.name == grade.name)
                    });
                    return RunEnd::Ended(Ended {
                        ending,
                        title: results.ending.title,
                        scores: results.competencies.iter().map(|c| c.score).collect(),
                        percent: results.percent,
                        grade,
                        answers,
                    });
                }
                step => {
                    if let Step::Scene { id, .. } = &step {
                        let entered = seen.enter(id);
                        if let (Some(trail), Some(ix)) = (trail.as_deref_mut(), entered) {
                            trail.entered.push((answers, ix));
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
