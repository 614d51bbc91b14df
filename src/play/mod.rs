//! Front ends: the only layer (with `main`) that touches the terminal.
//!
//! [`Frontend`] is what a terminal must do; [`session::play`] drives a [`crate::engine::Story`]
//! through one, saving after every answer. [`plain`] reads and writes lines (pipes, screen
//! readers, scripts); [`tty`] animates, colours and uses arrow-key menus. Authors try scenes out
//! in unsaved sessions from a [`preset`] state, reloaded as they edit with a [`watch`].

mod authoring;
pub mod launch;
mod map_plain;
mod map_text;
pub(crate) mod plain;
pub mod preset;
pub mod recall;
mod replay;
pub(crate) mod session;
pub(crate) mod tty;
pub mod watch;
mod wrap;

use crate::engine::{Answer, QuestionView, Step};
use crate::scenario::Meta;

/// What the learner did when asked something.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply<T> {
    Given(T),
    /// Esc, `q`, Ctrl-C or end of input: save and leave.
    Quit,
}

/// A terminal a story can be played on. Every method may fail with an I/O error, which ends the
/// session after a save.
pub trait Frontend {
    /// Introduces the scenario before a new session: title, summary, time and objectives.
    fn title(&mut self, meta: &Meta) -> std::io::Result<Reply<()>>;

    /// Shows one step that needs no answer: a heading, narration, a line, feedback or the end.
    /// Returns `Reply::Quit` if the learner asked to leave while it was shown.
    fn show(&mut self, step: &Step) -> std::io::Result<Reply<()>>;

    /// Asks a question. `problem` is why the previous answer was refused, if it was.
    fn ask(
        &mut self,
        question: &QuestionView,
        problem: Option<&str>,
    ) -> std::io::Result<Reply<Answer>>;

    /// Asks the learner's name on a first run; an empty reply skips it.
    fn ask_name(&mut self) -> std::io::Result<Reply<String>>;

    /// Offers to continue a saved session described by `summary`; `false` starts over.
    fn offer_resume(&mut self, summary: &str) -> std::io::Result<Reply<bool>>;

    /// A one-line message outside the story, such as where results were written.
    fn notice(&mut self, message: &str) -> std::io::Result<()>;
}
