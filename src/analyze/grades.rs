//! Which grade bands a learner can end in.
//!
//! The engine grades by percent: the total score `S` against the most the questions met could
//! give, `M` (each question adds its best single answer, once per time it is met), so
//! `percent = floor(100 · clamp(S, 0, M) / M)`, or 100 when `M` is 0.
//!
//! Whether some way ends with `percent ≥ t` (for `t` from 1 to 100) is a longest-walk question:
//! with `M > 0` it holds exactly when `100·S − t·M ≥ 0`, and every edge adds its own share of
//! that (`100·s − t·m` for the answer's score `s` and the question's best `m`), so the walk
//! with the greatest total decides it (see [`Walks::most`]); a way on which every question
//! has `m = 0` ends at 100% and is looked for separately. Likewise some way ends with
//! `percent < h` when the least total of `100·s − h·m` is below 0 (a way with `M = 0` and
//! `S < 0` also passes that test although it ends at 100%: the one place the answer errs, and
//! on the side of calling a band reachable).
//!
//! Both tests are monotone in the threshold, so a binary search finds the highest and lowest
//! percent that can be reached; a band is reported unreachable only when its range lies wholly
//! outside them, which no playthrough can then contradict. Conditions are taken as possibly
//! true, as everywhere in the analysis.

use crate::scenario::GradeDef;

use super::longest::{Longest, Walks};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GradeReach {
    /// The lowest percent a learner can end with (perhaps lower than any real run).
    pub lowest: u32,
    /// The highest percent a learner can end with (perhaps higher than any real run).
    pub highest: u32,
    /// Per grade band, in the scenario's order (highest first): whether it can be reached.
    pub bands: Vec<bool>,
}

/// Which percents and bands can be reached, or `None` when no way reaches an ending.
pub(crate) fn grade_reach(walks: &Walks, grades: &[GradeDef]) -> Option<GradeReach> {
    if !walks.finish() {
        return None;
    }
    let without_maximum = walks.finish_through(|s| s.best() == 0);
    let at_least = |t: u32| {
        t == 0
            || without_maximum
            || match walks.most(|s| share(s.total().high, s.best(), t)) {
                Longest::Finite(total) => total >= 0,
                Longest::Unbounded(_) => true,
                Longest::NoPath => false,
            }
    };
    let below = |h: u32| {
        h > 100
            || match walks.least(|s| share(s.total().low, s.best(), h)) {
                Longest::Finite(total) => total < 0,
                Longest::Unbounded(_) => true,
                Longest::NoPath => false,
            }
    };
    // The greatest t with `at_least(t)`; `at_least(0)` always holds.
    let highest = search(0, 100, |t| t == 100 || !at_least(t + 1));
    // The least t with `below(t + 1)`; `below(101)` always holds.
    let lowest = search(0, 100, |t| below(t + 1));
    let bands = grades
        .iter()
        .enumerate()
        .map(|(i, band)| {
            let above = if i == 0 { 101 } else { grades[i - 1].min };
            band.min < above && band.min <= highest && lowest < above
        })
        .collect();
    Some(GradeReach {
        lowest,
        highest,
        bands,
    })
}

/// What one answer adds to `100·S − t·M`.
fn share(score: i64, best: i64, t: u32) -> i128 {
    100 * i128::from(score) - i128::from(t) * i128::from(best)
}

/// The least value in `low..=high` for which `holds` is true, given that it is monotone and
/// true at `high`.
fn search(mut low: u32, mut high: u32, holds: impl Fn(u32) -> bool) -> u32 {
    while low < high {
        let middle = low + (high - low) / 2;
        if holds(middle) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    low
}
