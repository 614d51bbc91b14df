//! The scene graph: scenes as nodes, every way from one scene to another as an edge.
//!
//! An edge is a `next`, a route (conditional), an option's `goto` or an outcome's `goto`. Every
//! condition is taken as possibly true, so the graph holds every move a learner could make and
//! perhaps a few no learner can: what it proves unreachable truly is.
//!
//! The graph is a few flat arrays: the edges sorted by the scene they leave, and what each adds
//! kept apart by edge index, so a scenario of a million scenes is not a million allocations.

use std::ops::Range;

use crate::scenario::SceneIx;

#[cfg(test)]
use super::gains::Gains;
use super::gains_table::GainsTable;

/// Why an edge exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EdgeKind {
    /// The scene's `next`.
    Next,
    /// The scene's route with this index, taken when its condition holds.
    Route(usize),
    /// The `goto` of the option with this index.
    Option(usize),
    /// The `goto` of the right outcome.
    Right,
    /// The `goto` of the wrong outcome.
    Wrong,
}

/// An edge and what taking it adds, as [`SceneGraph::new`] takes it.
#[cfg(test)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edge {
    pub from: SceneIx,
    pub to: SceneIx,
    pub kind: EdgeKind,
    /// What taking this edge adds (for `next` and routes: any answer without its own `goto`).
    pub gains: Gains,
}

/// An edge as the graph keeps it: what taking it adds is kept apart, by edge index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Link {
    pub from: SceneIx,
    pub to: SceneIx,
    pub kind: EdgeKind,
}

#[derive(Debug, Clone)]
pub(crate) struct SceneGraph {
    pub start: SceneIx,
    /// Whether each scene is an ending.
    pub endings: Vec<bool>,
    /// Sorted by `from`, in the order each scene lists them.
    links: Vec<Link>,
    /// What each edge adds, by its index in `links`.
    gains: GainsTable,
    /// `targets[i]` is `links[i].to`: the searches over the graph read 4 bytes an edge instead
    /// of a whole edge, which keeps large graphs within the cache.
    targets: Vec<u32>,
    /// `links[first[v]..first[v + 1]]` leave scene `v`.
    first: Vec<usize>,
}

impl SceneGraph {
    /// A graph over `endings.len()` scenes; edges may come in any order.
    #[cfg(test)]
    pub(crate) fn new(start: SceneIx, endings: Vec<bool>, mut edges: Vec<Edge>) -> SceneGraph {
        edges.sort_by_key(|e| e.from);
        let mut first = vec![0; endings.len() + 1];
        for edge in &edges {
            first[edge.from + 1] += 1;
        }
        for v in 0..endings.len() {
            first[v + 1] += first[v];
        }
        let competencies = edges.first().map_or(0, |e| e.gains.scores.len());
        let mut gains = GainsTable::with_capacity(edges.len(), competencies);
        let links = edges
            .iter()
            .map(|edge| {
                gains.push(&edge.gains);
                Link {
                    from: edge.from,
                    to: edge.to,
                    kind: edge.kind,
                }
            })
            .collect();
        SceneGraph::assemble(start, endings, links, gains, first)
    }

    /// The graph of `links`, sorted by `from`, where `first` says which leave each scene.
    pub(super) fn assemble(
        start: SceneIx,
        endings: Vec<bool>,
        links: Vec<Link>,
        gains: GainsTable,
        first: Vec<usize>,
    ) -> SceneGraph {
        // Every scene takes far more than a byte of TOML, so no scenario that loads comes near
        // this; counting in `u32` halves the arrays the analysis walks again and again.
        assert!(
            u32::try_from(endings.len()).is_ok(),
            "the analysis counts scenes in 32 bits"
        );
        let targets = links.iter().map(|e| e.to as u32).collect();
        SceneGraph {
            start,
            endings,
            links,
            gains,
            targets,
            first,
        }
    }

    /// How many scenes.
    pub(crate) fn len(&self) -> usize {
        self.endings.len()
    }

    /// The indices of the edges leaving `scene` (in [`SceneGraph::edges`]).
    pub(super) fn leaving(&self, scene: SceneIx) -> Range<usize> {
        self.first[scene]..self.first[scene + 1]
    }

    /// Where the edges leaving `scene` lead, in the order of [`SceneGraph::out`].
    pub(crate) fn targets(&self, scene: SceneIx) -> &[u32] {
        &self.targets[self.leaving(scene)]
    }

    pub(crate) fn edges(&self) -> &[Link] {
        &self.links
    }

    /// What each edge adds, by its index.
    pub(super) fn gains(&self) -> &GainsTable {
        &self.gains
    }
}
