//! The narrative state machine: pure, deterministic, pull-based, no I/O.
//!
//! A front end calls [`Story::next`] for the next [`Step`] and, when that step is a question,
//! hands the learner's [`Answer`] to [`Story::answer`]. All session state is the serde data in
//! [`State`]: saving, resuming and replaying are serialisation. Same scenario, same answers and
//! same seed give the same steps.

mod answer;
mod env;
mod grading;
mod moment;
mod results;
mod shuffle;
mod state;
mod step;
mod story;
mod tally;
mod workbench;

pub use answer::{Answer, AnswerError};
pub(crate) use grading::with_unit;
pub(crate) use moment::Moment;
pub(crate) use results::options as option_texts;
pub use results::{
    Attempt, CompetencyResult, EndingResult, GradeResult, Kind, OptionText, QuestionResult, Results,
};
pub(crate) use state::Snapshot;
pub use state::{AnswerRecord, Cursor, State};
pub use step::{
    ChoiceView, FeedbackLine, FeedbackView, MapView, QuestionView, ScoreChange, Speaker, Step,
};
pub use story::{ResumeError, Story};
pub(crate) use tally::Maxima;
pub use workbench::Comparison;
