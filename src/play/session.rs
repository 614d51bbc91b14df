//! Drives a story through a front end, recording every answer and the way out as it happens.

use crate::engine::{AnswerRecord, Results, Step, Story};
use crate::progress::ProgressError;

use super::{Frontend, Reply};

/// How a session ended.
#[derive(Debug)]
pub(crate) enum Outcome {
    Finished(Box<Results>),
    /// The learner left; the session is saved and can be resumed.
    Left,
}

/// What a session tells its record keeper, as it happens.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Record<'a> {
    /// The story took this answer.
    Answered(&'a AnswerRecord),
    /// The learner is leaving (or the terminal failed) while in `scene`.
    Left { scene: &'a str },
    /// The learner took the retry the ending `scene` offered; `kept` answers still count.
    Retried { scene: &'a str, kept: usize },
    /// The story ended with these results, about to be shown: recorded first, so a terminal
    /// closed while the learner reads them loses nothing.
    Ended(&'a Results),
}

/// Keeps the record of a session; called after every answer and before leaving.
pub(crate) type Recorder<'r> = dyn FnMut(Record<'_>) -> Result<(), ProgressError> + 'r;

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("the terminal failed: {0}")]
    Terminal(#[from] std::io::Error),
    #[error(transparent)]
    Save(#[from] ProgressError),
}

/// Where a session stopped when asked to stop at step boundaries.
#[derive(Debug)]
pub(crate) enum Stop {
    Ended(Outcome),
    /// `stop` said so between two steps; the story can go on from there.
    Asked,
}

/// Plays until an ending or until the learner leaves. `record` hears of every answer as soon as
/// the story takes it and of leaving, so a crash or a kill loses at most the question being
/// answered.
pub(crate) fn play(
    story: &mut Story<'_>,
    frontend: &mut dyn Frontend,
    record: &mut Recorder<'_>,
    clock: &dyn Fn() -> u64,
) -> Result<Outcome, SessionError> {
    match play_until(story, frontend, record, clock, &mut || false)? {
        Stop::Ended(outcome) => Ok(outcome),
        // Nothing asks to stop here, so this is never reached; leaving is the safe reading.
        Stop::Asked => Ok(Outcome::Left),
    }
}

/// [`play`], asking `stop` at every step boundary (before each step, so also after each answer)
/// whether to stop there. A question waiting for an answer is not a boundary: `stop` is next
/// asked once the answer is in.
pub(crate) fn play_until(
    story: &mut Story<'_>,
    frontend: &mut dyn Frontend,
    record: &mut Recorder<'_>,
    clock: &dyn Fn() -> u64,
    stop: &mut dyn FnMut() -> bool,
) -> Result<Stop, SessionError> {
    loop {
        if stop() {
            left(record, story)?;
            return Ok(Stop::Asked);
        }
        match story.next() {
            Step::Question(question) => {
                let retries = story.state().retries.len();
                let mut problem: Option<String> = None;
                loop {
                    let reply = match frontend.ask(&question, problem.as_deref()) {
                        Ok(reply) => reply,
                        Err(error) => {
                            left(record, story)?;
                            return Err(error.into());
                        }
                    };
                    match reply {
                        Reply::Quit => {
                            left(record, story)?;
                            return Ok(Stop::Ended(Outcome::Left));
                        }
                        Reply::Given(answer) => match story.answer(answer, clock()) {
                            Ok(()) => {
                                recorded(record, story, &question, retries)?;
                                break;
                            }
                            Err(error) => problem = Some(error.to_string()),
                        },
                    }
                }
            }
            Step::End(results) => {
                record(Record::Ended(&results))?;
                frontend.show(&Step::End(results.clone()))?;
                return Ok(Stop::Ended(Outcome::Finished(results)));
            }
            step => match frontend.show(&step) {
                Ok(Reply::Given(())) => {}
                Ok(Reply::Quit) => {
                    left(record, story)?;
                    return Ok(Stop::Ended(Outcome::Left));
                }
                Err(error) => {
                    left(record, story)?;
                    return Err(error.into());
                }
            },
        }
    }
}

/// Tells the record keeper what the answer just taken was: an answer, a retry taken, or
/// nothing at all when the learner chose to end at an ending's offer (the end is recorded).
fn recorded(
    record: &mut Recorder<'_>,
    story: &Story<'_>,
    question: &crate::engine::QuestionView,
    retries: usize,
) -> Result<(), ProgressError> {
    let state = story.state();
    if state.retries.len() > retries {
        return record(Record::Retried {
            scene: &question.scene,
            kept: state.answers.len(),
        });
    }
    match state.answers.last() {
        Some(answer) if !story.is_over() => record(Record::Answered(answer)),
        _ => Ok(()),
    }
}

fn left(record: &mut Recorder<'_>, story: &Story<'_>) -> Result<(), ProgressError> {
    record(Record::Left {
        scene: &story.state().scene,
    })
}
