//! Everything a session knows, as plain data. It is never saved: a session's journal keeps only
//! the answers, and the state is what replaying them gives, so this type (which holds the
//! authoring model's flag values and question kinds) can change without breaking any file.
//! It serialises only so automated playthroughs can key states by their content.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::scenario::model::{FlagValue, QuestionKind};

use super::workbench::Draft;
use super::{Answer, Attempt, FeedbackLine};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct State {
    pub learner: String,
    /// Seeds option shuffling, so a replay with the same seed shows the same order.
    pub seed: u64,
    /// The current scene, by id: what a person reads in a transcript or a state key.
    pub scene: String,
    pub cursor: Cursor,
    pub flags: BTreeMap<String, FlagValue>,
    pub scores: BTreeMap<String, i64>,
    pub visits: BTreeMap<String, u32>,
    pub answers: Vec<AnswerRecord>,
    /// The learner's own value-stream maps, by workbench id.
    pub(crate) maps: BTreeMap<String, Draft>,
    /// Where an ending's `retry = "checkpoint"` goes back to: the state on entering the latest
    /// checkpoint scene.
    pub(crate) checkpoint: Option<Box<Snapshot>>,
    /// Where an ending's `retry = "choice"` goes back to: the state as the last question was
    /// answered. Kept only by scenarios with such an ending.
    pub(crate) choice: Option<Box<Snapshot>>,
    /// The attempts the learner gave up by taking a retry, first to last.
    pub retries: Vec<Attempt>,
}

/// The part of the state a retry puts back. Answers are only ever appended, so how many there
/// were is enough to put them back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Snapshot {
    pub scene: String,
    pub cursor: Cursor,
    pub flags: BTreeMap<String, FlagValue>,
    pub scores: BTreeMap<String, i64>,
    pub visits: BTreeMap<String, u32>,
    pub answers: usize,
    pub maps: BTreeMap<String, Draft>,
}

impl State {
    /// What a retry would put back, standing at `cursor` in the current scene.
    pub(crate) fn snapshot(&self, cursor: Cursor) -> Box<Snapshot> {
        Box::new(Snapshot {
            scene: self.scene.clone(),
            cursor,
            flags: self.flags.clone(),
            scores: self.scores.clone(),
            visits: self.visits.clone(),
            answers: self.answers.len(),
            maps: self.maps.clone(),
        })
    }

    /// Puts `snapshot` back. A checkpoint entered after it belongs to the attempt given up, and
    /// the last choice is gone with it.
    pub(crate) fn restore(&mut self, snapshot: Snapshot) {
        self.scene = snapshot.scene;
        self.cursor = snapshot.cursor;
        self.flags = snapshot.flags;
        self.scores = snapshot.scores;
        self.visits = snapshot.visits;
        self.answers.truncate(snapshot.answers);
        self.maps = snapshot.maps;
        if self
            .checkpoint
            .as_ref()
            .is_some_and(|checkpoint| checkpoint.answers > snapshot.answers)
        {
            self.checkpoint = None;
        }
        self.choice = None;
    }
}

/// Where in the current scene the story stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "at", rename_all = "snake_case")]
pub enum Cursor {
    /// About to enter the scene: its visit is not counted yet.
    Entering,
    /// Inside the scene, about to show its heading.
    Heading,
    /// About to show beat `index` of the scene.
    Beat {
        index: usize,
    },
    /// Waiting for an answer to the scene's question.
    Asking,
    /// An ending offers to go back and try again; waiting for the learner to say.
    Offering,
    /// The last answer is recorded; its feedback is next, then the story moves to `goto`, or
    /// along the scene's routes and `next` when there is none.
    Feedback {
        goto: Option<String>,
    },
    Ended,
}

/// One answered question, as the learner saw it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerRecord {
    pub scene: String,
    pub kind: QuestionKind,
    pub prompt: String,
    pub answer: Answer,
    /// The answer as text a person reads: option texts rather than ids.
    pub shown: String,
    /// `None` for questions without a right answer.
    pub right: Option<bool>,
    pub feedback: Vec<FeedbackLine>,
    /// The right answer, kept when the learner's was wrong.
    pub solution: Option<String>,
    pub score: Vec<(String, i64)>,
    /// Seconds since the Unix epoch, as the front end's clock said.
    pub at: u64,
}
