//! The least and the most each competency can total at an ending, over every way through.
//!
//! Each question adds the score of the answer taken: one option of a single-choice question;
//! for a multiple-choice question any non-empty selection (at most every positive change, at
//! least every negative one); the right or wrong outcome otherwise. Conditions are taken as
//! possibly true, so the bounds hold every real result and may be wider than any real run.
//! A loop that can raise (or lower) a competency on every lap leaves it without a bound.

use crate::scenario::SceneIx;

use super::layout::Step;
use super::longest::{Longest, Walks};
use super::scc::Components;

/// One end of a competency's range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Limit {
    Finite(i64),
    /// Going round the loop through these scenes moves the score without end.
    Unbounded(Vec<SceneIx>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bounds {
    pub min: Limit,
    pub max: Limit,
}

/// The bounds of every competency, or `None` when no way leads from the start to an ending.
pub(crate) fn bounds(
    walks: &Walks,
    components: &Components,
    competencies: usize,
) -> Option<Vec<Bounds>> {
    if !walks.finish() {
        return None;
    }
    let limit = |found: Longest| match found {
        Longest::Finite(value) => Some(Limit::Finite(saturate(value))),
        Longest::Unbounded(c) => Some(Limit::Unbounded(components.members[c].to_vec())),
        Longest::NoPath => None,
    };
    (0..competencies)
        .map(|c| {
            let low = |s: Step| i128::from(s.score(c).low);
            let high = |s: Step| i128::from(s.score(c).high);
            Some(Bounds {
                min: limit(walks.least(low))?,
                max: limit(walks.most(high))?,
            })
        })
        .collect()
}

pub(super) fn saturate(value: i128) -> i64 {
    i64::try_from(value).unwrap_or(if value < 0 { i64::MIN } else { i64::MAX })
}
