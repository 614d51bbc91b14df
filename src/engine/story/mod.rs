//! The pull-based story: ask for the next step, hand in answers. The story and its state live
//! here; moving on, taking answers and putting things into words have a file each.

mod advance;
mod answering;
mod retrying;
mod views;

use std::cell::Cell;
use std::collections::BTreeMap;

use crate::expr::Expr;
use crate::scenario::{Scenario, SceneDef, SceneIx, clean};

use super::env::SessionEnv;
use super::{Cursor, State};

/// Longest free-text answer kept; more is cut, so a pasted essay cannot bloat a save.
pub(super) const MAX_TEXT_ANSWER: usize = 2000;

/// How many times one session may go back from an ending: enough to recover from a few slips,
/// and a bound that keeps every walk through a scenario finite.
pub(crate) const MAX_RETRIES: usize = 3;

pub struct Story<'s> {
    scenario: &'s Scenario,
    state: State,
    /// Where the current scene is, once found: every step asks for it, and the state names
    /// scenes by id. The story keeps it up to date as it moves, and forgets it whenever the
    /// state is handed out to be changed.
    current: Cell<Option<SceneIx>>,
    /// The options of the waiting question in the order shown, by position in the question's
    /// list, so asking again and judging the answer do not shuffle them anew. Only ever set
    /// while the story is asking; never saved: it is rebuilt from the state when missing.
    asked: Option<Vec<usize>>,
    /// Whether answers are recorded with their words; see [`Story::without_words`].
    keep_words: bool,
    /// Scenes entered since the last answer; see [`Story::quiet_limit`].
    quiet: usize,
}

/// Why a saved session cannot continue with this scenario.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResumeError {
    #[error("the saved session is in scene `{0}`, which this scenario no longer has")]
    MissingScene(String),
}

impl<'s> Story<'s> {
    pub fn new(scenario: &'s Scenario, learner: &str, seed: u64) -> Story<'s> {
        let mut story = Story {
            scenario,
            state: State {
                learner: clean(learner),
                seed,
                scene: String::new(),
                cursor: Cursor::Entering,
                flags: BTreeMap::new(),
                scores: BTreeMap::new(),
                visits: BTreeMap::new(),
                answers: Vec::new(),
                maps: BTreeMap::new(),
                checkpoint: None,
                choice: None,
                retries: Vec::new(),
            },
            current: Cell::new(None),
            asked: None,
            quiet: 0,
            keep_words: true,
        };
        story.restart(seed);
        story
    }

    /// Starts again from the start scene with another seed, for the same learner, as
    /// [`Story::new`] would; what the last run grew (the list of answers) keeps its room, so
    /// many runs in a row allocate less.
    pub(crate) fn restart(&mut self, seed: u64) {
        let state = &mut self.state;
        state.seed = seed;
        state
            .scene
            .clone_from(&self.scenario.scenes[self.scenario.start].id);
        state.cursor = Cursor::Entering;
        state.flags.clear();
        state.scores.clear();
        state.visits.clear();
        state.answers.clear();
        state.maps.clear();
        state.checkpoint = None;
        state.choice = None;
        state.retries.clear();
        self.current.set(Some(self.scenario.start));
        self.asked = None;
    }

    /// A story that records of each answer only what conditions and the verdict read (the
    /// scene, the answer and its rightness): no prompt, answer in words, feedback, solution or
    /// score change. Its feedback steps and results then have nothing to say about answers; it
    /// is for drivers that show nothing, which step it with [`Story::next_moment`].
    pub fn without_words(mut self) -> Story<'s> {
        self.keep_words = false;
        self
    }

    /// Continues a saved session. Mid-scene, the scene restarts from its heading so the learner
    /// sees the context of the question again; its visit is not counted twice.
    pub fn resume(scenario: &'s Scenario, mut state: State) -> Result<Story<'s>, ResumeError> {
        if scenario.scene_index(&state.scene).is_none() {
            return Err(ResumeError::MissingScene(state.scene));
        }
        if matches!(
            state.cursor,
            Cursor::Beat { .. } | Cursor::Asking | Cursor::Offering
        ) {
            state.cursor = Cursor::Heading;
        }
        Ok(Story {
            scenario,
            state,
            current: Cell::new(None),
            asked: None,
            quiet: 0,
            keep_words: true,
        })
    }

    /// Starts in the given scene instead of the start scene (for authors testing a scene).
    pub(crate) fn jump_to(&mut self, scene: &str) -> bool {
        let Some(index) = self.scenario.scene_index(scene) else {
            return false;
        };
        self.state.scene = scene.to_string();
        self.current.set(Some(index));
        self.state.cursor = Cursor::Entering;
        self.asked = None;
        true
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn state_mut(&mut self) -> &mut State {
        self.asked = None;
        self.current.set(None);
        &mut self.state
    }

    pub(crate) fn scenario(&self) -> &'s Scenario {
        self.scenario
    }

    pub fn is_over(&self) -> bool {
        self.state.cursor == Cursor::Ended
    }

    /// The current scene; the start scene if the state names a scene the scenario lacks.
    pub(crate) fn scene_index(&self) -> SceneIx {
        if let Some(index) = self.current.get() {
            return index;
        }
        let index = self
            .scenario
            .scene_index(&self.state.scene)
            .unwrap_or(self.scenario.start);
        self.current.set(Some(index));
        index
    }

    pub(super) fn scene(&self) -> &'s SceneDef {
        &self.scenario.scenes[self.scene_index()]
    }

    /// The question waiting in the current scene: an ending's retry offer while offering, the
    /// scene's own question otherwise.
    pub(super) fn waiting_question(&self) -> Option<&'s crate::scenario::QuestionDef> {
        let scene = self.scene();
        if self.state.cursor == Cursor::Offering {
            scene.retry.as_ref().map(|offer| &offer.question)
        } else {
            scene.question.as_ref()
        }
    }

    pub(super) fn env(&self) -> SessionEnv<'_> {
        SessionEnv {
            scenario: self.scenario,
            state: &self.state,
        }
    }
}

fn holds(expr: &Expr, env: &SessionEnv<'_>) -> bool {
    expr.eval(env).is_ok_and(|value| value.truthy())
}
