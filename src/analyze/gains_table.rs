//! What every edge of the graph adds, in flat arrays by edge index: a few allocations for the
//! whole graph rather than one for each edge, written and read in order.

use super::gains::{Gains, Interval};
use super::groups::Groups;

#[derive(Debug, Clone)]
pub(super) struct GainsTable {
    /// Per edge, what it adds to each competency.
    scores: Groups<Interval>,
    totals: Vec<Interval>,
    best: Vec<i64>,
}

impl GainsTable {
    /// No edges yet, with room for `edges` of them.
    pub(crate) fn with_capacity(edges: usize, competencies: usize) -> GainsTable {
        GainsTable {
            scores: Groups::with_capacity(edges, edges * competencies),
            totals: Vec::with_capacity(edges),
            best: Vec::with_capacity(edges),
        }
    }

    /// Adds what the next edge adds.
    pub(crate) fn push(&mut self, gains: &Gains) {
        self.scores.push(gains.scores.iter().copied());
        self.totals.push(gains.total);
        self.best.push(gains.best);
    }

    /// What the edge adds to each competency.
    pub(crate) fn scores(&self, edge: usize) -> &[Interval] {
        &self.scores[edge]
    }

    /// What the edge adds summed over the competencies.
    pub(crate) fn total(&self, edge: usize) -> Interval {
        self.totals[edge]
    }

    /// What meeting the edge's question adds to the attainable maximum.
    pub(crate) fn best(&self, edge: usize) -> i64 {
        self.best[edge]
    }
}
