//! What the story hands a front end, one step at a time: text already filled in and cleaned.

use std::sync::Arc;

use serde::Serialize;

use crate::scenario::Colour;
use crate::scenario::model::QuestionKind;

use super::Results;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// A scene begins; `title` is its heading, if it has one.
    Scene {
        id: String,
        title: Option<String>,
    },
    Narration {
        text: String,
    },
    Line {
        speaker: Speaker,
        text: String,
    },
    /// Asked again on every call until [`super::Story::answer`] takes an answer.
    /// A value-stream map to look at: the team's, or the one the learner is building.
    Map(MapView),
    Question(QuestionView),
    Feedback(FeedbackView),
    /// The story is over; asked again, it stays over.
    End(Box<Results>),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    pub id: Arc<str>,
    pub name: Arc<str>,
    pub role: Arc<str>,
    #[serde(skip)]
    pub colour: Colour,
    /// ASCII art a terminal may show the first time the character speaks.
    #[serde(skip)]
    pub portrait: Option<Arc<str>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionView {
    pub scene: String,
    pub kind: QuestionKind,
    pub prompt: String,
    /// In the order to show them: shuffled when the question asks for it, always for `order`.
    pub options: Vec<ChoiceView>,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceView {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeedbackView {
    /// `None` when the question has no right answer.
    pub right: Option<bool>,
    pub lines: Vec<FeedbackLine>,
    /// The right answer, shown after a wrong one to a question that has one.
    pub solution: Option<String>,
    pub score: Vec<ScoreChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct FeedbackLine {
    /// The option this feedback is about, for multiple-choice answers.
    pub option: Option<String>,
    /// A right option the learner did not select.
    #[serde(default)]
    pub missed: bool,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreChange {
    pub competency: String,
    pub delta: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapView {
    pub id: String,
    pub title: String,
    /// `None` while a learner's map still lacks something; `missing` says what.
    #[serde(skip)]
    pub map: Option<Box<crate::vsm::Map>>,
    pub missing: Vec<String>,
}
