//! Going back from an ending: whether the ending may offer it, and putting back the state it
//! goes back to, keeping what the attempt given up had scored.

use super::{MAX_RETRIES, Story};
use crate::engine::results::EndingResult;
use crate::engine::tally::{Maxima, saturating_sum};
use crate::engine::{Answer, AnswerError, Attempt, Cursor};
use crate::scenario::model::RetryFrom;
use crate::scenario::{END_OPTION, RETRY_OPTION};

impl Story<'_> {
    /// Whether the current scene, an ending, offers to go back: it has `retry`, the session has
    /// retries left, and there is somewhere to go back to.
    pub(super) fn can_retry(&self) -> bool {
        let Some(offer) = &self.scene().retry else {
            return false;
        };
        self.state.retries.len() < MAX_RETRIES && self.retry_target(offer.from).is_some()
    }

    fn retry_target(&self, from: RetryFrom) -> Option<&crate::engine::Snapshot> {
        match from {
            RetryFrom::Checkpoint => self.state.checkpoint.as_deref(),
            RetryFrom::Choice => self.state.choice.as_deref(),
        }
    }

    /// Takes the learner's answer to an ending's offer: `retry` goes back, `end` ends here.
    pub(super) fn decide(&mut self, answer: &Answer) -> Result<(), AnswerError> {
        let id = match answer {
            Answer::Choice(id) => id.as_str(),
            _ => return Err(AnswerError::Invalid("choose one option".into())),
        };
        let from = self.scene().retry.as_ref().map(|offer| offer.from);
        match (id, from) {
            (END_OPTION, _) => {
                self.asked = None;
                self.state.cursor = Cursor::Ended;
                Ok(())
            }
            (RETRY_OPTION, Some(from)) => {
                let snapshot = self
                    .retry_target(from)
                    .cloned()
                    .ok_or(AnswerError::NotAsking)?;
                let tally = self.tally(&Maxima::new(self.scenario));
                let attempt = Attempt {
                    ending: EndingResult {
                        scene: self.state.scene.clone(),
                        title: self.ending_title(),
                    },
                    score: saturating_sum(&tally.scores),
                    max: saturating_sum(&tally.max),
                    percent: tally.percent,
                };
                self.state.retries.push(attempt);
                self.state.restore(snapshot);
                self.asked = None;
                self.current.set(None);
                Ok(())
            }
            _ => Err(AnswerError::Invalid(format!(
                "`{id}` is not one of the options"
            ))),
        }
    }
}
