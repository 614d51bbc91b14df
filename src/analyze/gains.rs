//! What answering a scene's question can add to the scores, answer by answer.
//!
//! The analysis never enumerates playthroughs, so every way out of a scene carries the least
//! and the most it can add, per competency and in total, together with what the engine adds to
//! the attainable maximum when the question is met ([`best_answer`]).

use crate::scenario::model::QuestionKind;
use crate::scenario::{Effects, QuestionDef, SceneIx};

/// The least and the most one step can add.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Interval {
    pub low: i64,
    pub high: i64,
}

impl Interval {
    pub(crate) fn exactly(value: i64) -> Interval {
        Interval {
            low: value,
            high: value,
        }
    }

    /// The smallest interval holding both.
    pub(crate) fn hull(self, other: Interval) -> Interval {
        Interval {
            low: self.low.min(other.low),
            high: self.high.max(other.high),
        }
    }

    /// What a non-empty selection of items worth `values` can add: every positive one for the
    /// most, every negative one for the least; with none of that sign, the single best or worst.
    fn of_selection(values: impl Iterator<Item = i64> + Clone) -> Interval {
        let positive: i64 = values.clone().filter(|v| *v > 0).sum();
        let negative: i64 = values.clone().filter(|v| *v < 0).sum();
        Interval {
            low: if negative < 0 {
                negative
            } else {
                values.clone().min().unwrap_or(0)
            },
            high: if positive > 0 {
                positive
            } else {
                values.max().unwrap_or(0)
            },
        }
    }
}

/// What taking one way out of a scene adds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Gains {
    /// Per competency, in the scenario's order.
    pub scores: Vec<Interval>,
    /// Summed over the competencies.
    pub total: Interval,
    /// What meeting the scene's question adds to the attainable maximum (0 without a question).
    pub best: i64,
}

impl Gains {
    pub(crate) fn zero(competencies: usize) -> Gains {
        Gains {
            scores: vec![Interval::default(); competencies],
            ..Gains::default()
        }
    }

    /// The smallest gains holding both (the same question, so the same `best`).
    pub(crate) fn hull(&self, other: &Gains) -> Gains {
        Gains {
            scores: self
                .scores
                .iter()
                .zip(&other.scores)
                .map(|(a, b)| a.hull(*b))
                .collect(),
            total: self.total.hull(other.total),
            best: self.best.max(other.best),
        }
    }
}

/// What an answer does next, and which answer it is (for edge labels).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Taken {
    /// Option `index` of a single or multiple question.
    Option(usize),
    Right,
    Wrong,
    /// No question: the scene simply moves on.
    Nothing,
}

/// One answer (or group of answers) a learner can give, with where it leads.
#[derive(Debug, Clone)]
pub(crate) struct Way {
    pub taken: Taken,
    /// The answer's own `goto`; `None` follows the scene's routes and `next`.
    pub goto: Option<SceneIx>,
    pub gains: Gains,
}

/// Every way out of a scene with `question` (or none), and what each adds, in place of what
/// `found` held: one buffer serves every scene.
pub(crate) fn ways(question: Option<&QuestionDef>, competencies: usize, found: &mut Vec<Way>) {
    found.clear();
    let Some(question) = question else {
        found.push(Way {
            taken: Taken::Nothing,
            goto: None,
            gains: Gains::zero(competencies),
        });
        return;
    };
    let best = best_answer(question, competencies);
    let exact = |effects: &Effects| {
        let mut scores = vec![Interval::default(); competencies];
        add_exact(effects, &mut scores);
        let total = Interval::exactly(scores.iter().map(|i| i.low).sum());
        Gains {
            scores,
            total,
            best,
        }
    };
    match question.kind {
        QuestionKind::Single => {
            found.extend(
                question
                    .options
                    .iter()
                    .enumerate()
                    .map(|(index, option)| Way {
                        taken: Taken::Option(index),
                        goto: option.effects.goto,
                        gains: exact(&option.effects),
                    }),
            );
        }
        QuestionKind::Multiple => {
            // Any non-empty selection: one interval for the whole question, whichever option's
            // `goto` the selection follows.
            let row = |o: usize| o * competencies..(o + 1) * competencies;
            let mut per_option = vec![Interval::default(); question.options.len() * competencies];
            for (o, option) in question.options.iter().enumerate() {
                add_exact(&option.effects, &mut per_option[row(o)]);
            }
            let options = 0..question.options.len();
            let scores = (0..competencies)
                .map(|c| Interval::of_selection(options.clone().map(|o| per_option[row(o)][c].low)))
                .collect();
            let total = Interval::of_selection(
                options
                    .clone()
                    .map(|o| per_option[row(o)].iter().map(|i| i.low).sum::<i64>()),
            );
            let gains = Gains {
                scores,
                total,
                best,
            };
            found.extend(
                question
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.effects.goto.is_some())
                    .map(|(index, option)| Way {
                        taken: Taken::Option(index),
                        goto: option.effects.goto,
                        gains: gains.clone(),
                    }),
            );
            if question.options.iter().any(|o| o.effects.goto.is_none()) {
                found.push(Way {
                    taken: Taken::Nothing,
                    goto: None,
                    gains,
                });
            }
        }
        kind => {
            // Without `expect` a text answer is always right.
            let wrong_possible = kind != QuestionKind::Text || !question.expect.is_empty();
            for (taken, outcome, possible) in [
                (Taken::Right, &question.right, true),
                (Taken::Wrong, &question.wrong, wrong_possible),
            ] {
                if !possible {
                    continue;
                }
                found.push(match outcome {
                    Some(outcome) => Way {
                        taken,
                        goto: outcome.effects.goto,
                        gains: exact(&outcome.effects),
                    },
                    None => Way {
                        taken,
                        goto: None,
                        gains: Gains {
                            best,
                            ..Gains::zero(competencies)
                        },
                    },
                });
            }
        }
    }
}

/// Adds to each competency's score in `scores` exactly what `effects` give it.
fn add_exact(effects: &Effects, scores: &mut [Interval]) {
    for (competency, delta) in &effects.score {
        if let Some(score) = scores.get_mut(*competency) {
            *score = Interval::exactly(score.low.saturating_add(*delta));
        }
    }
}

/// The most answering `question` can add to the total: the engine's own maximum
/// ([`QuestionDef::best_answer`]), so the grade the analysis predicts is the grade it gives.
pub(crate) fn best_answer(question: &QuestionDef, competencies: usize) -> i64 {
    question.best_answer(competencies).into_iter().sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_adds_every_gain_of_one_sign() {
        let i = Interval::of_selection([2, -1, 3, 0].into_iter());
        assert_eq!(i, Interval { low: -1, high: 5 });
        // With nothing positive, the best non-empty selection is the least bad single item.
        let i = Interval::of_selection([-2, -1].into_iter());
        assert_eq!(i, Interval { low: -3, high: -1 });
    }
}
