//! Drives a story through a front end, saving after every answer and on the way out.

use crate::engine::{Results, State, Step, Story};

use super::{Frontend, Reply};

/// How a session ended.
#[derive(Debug)]
pub(crate) enum Outcome {
    Finished(Box<Results>),
    /// The learner left; the session is saved and can be resumed.
    Left,
}

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("the terminal failed: {0}")]
    Terminal(#[from] std::io::Error),
    #[error(transparent)]
    Save(#[from] crate::progress::ProgressError),
}

/// Where a session stopped when asked to stop at step boundaries.
#[derive(Debug)]
pub(crate) enum Stop {
    Ended(Outcome),
    /// `stop` said so between two steps; the story can go on from there.
    Asked,
}

/// Plays until an ending or until the learner leaves. `save` is called after every answer and
/// before leaving, so a crash or a kill loses at most the question being answered.
pub(crate) fn play(
    story: &mut Story<'_>,
    frontend: &mut dyn Frontend,
    save: &mut dyn FnMut(&State) -> Result<(), crate::progress::ProgressError>,
    clock: &dyn Fn() -> u64,
) -> Result<Outcome, SessionError> {
    match play_until(story, frontend, save, clock, &mut || false)? {
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
    save: &mut dyn FnMut(&State) -> Result<(), crate::progress::ProgressError>,
    clock: &dyn Fn() -> u64,
    stop: &mut dyn FnMut() -> bool,
) -> Result<Stop, SessionError> {
    loop {
        if stop() {
            save(story.state())?;
            return Ok(Stop::Asked);
        }
        match story.next() {
            Step::Question(question) => {
                let mut problem: Option<String> = None;
                loop {
                    let reply = match frontend.ask(&question, problem.as_deref()) {
                        Ok(reply) => reply,
                        Err(error) => {
                            save(story.state())?;
                            return Err(error.into());
                        }
                    };
                    match reply {
                        Reply::Quit => {
                            save(story.state())?;
                            return Ok(Stop::Ended(Outcome::Left));
                        }
                        Reply::Given(answer) => match story.answer(answer, clock()) {
                            Ok(()) => {
                                save(story.state())?;
                                break;
                            }
                            Err(error) => problem = Some(error.to_string()),
                        },
                    }
                }
            }
            Step::End(results) => {
                frontend.show(&Step::End(results.clone()))?;
                return Ok(Stop::Ended(Outcome::Finished(results)));
            }
            step => match frontend.show(&step) {
                Ok(Reply::Given(())) => {}
                Ok(Reply::Quit) => {
                    save(story.state())?;
                    return Ok(Stop::Ended(Outcome::Left));
                }
                Err(error) => {
                    save(story.state())?;
                    return Err(error.into());
                }
            },
        }
    }
}
