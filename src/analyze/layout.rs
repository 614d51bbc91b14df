//! The scenes on some way from the start to an ending, laid out in the order the walks take
//! them (see [`super::longest`]).
//!
//! Each walk visits every component in topological order and weighs every edge, and the
//! analysis runs some twenty walks. Read straight from the graph, each of them would jump
//! through the scene numbers and chase every edge's gains through the heap, which stops fitting
//! in the cache as scenarios grow. So the scenes are numbered once more, by place: a component
//! takes consecutive places, components follow in topological order, and the edges (steps)
//! leaving each place follow one another, with what they add kept in one column per quantity.
//! A walk then reads every array from front to back.

use std::ops::Range;

use crate::scenario::SceneIx;

use super::gains::Interval;
use super::graph::SceneGraph;
use super::reach::Reach;
use super::scc::Components;

/// A scene off every way from the start to an ending has no place.
const NOWHERE: u32 = u32::MAX;

pub(super) struct Layout {
    /// The place of the start, when it is on a way to an ending.
    pub start: Option<usize>,
    /// Whether the scene at each place is an ending.
    pub ending: Vec<bool>,
    /// The places of the `k`-th component laid out are
    /// `component_starts[k]..component_starts[k + 1]`, in the order of its scenes.
    component_starts: Vec<usize>,
    /// The index in [`Components`] of each component laid out.
    component_ids: Vec<usize>,
    /// Whether each component laid out holds a loop: only then does any step stay inside it.
    loops: Vec<bool>,
    /// The steps leaving place `p` are `step_starts[p]..step_starts[p + 1]`, in the order of the
    /// scene's edges.
    step_starts: Vec<usize>,
    /// The place each step leads to.
    to: Vec<u32>,
    /// Per competency, what each step adds to it.
    scores: Vec<Vec<Interval>>,
    /// What each step adds to the total.
    totals: Vec<Interval>,
    /// What each step adds to the attainable maximum.
    best: Vec<i64>,
}

/// One step as a weight sees it: what taking it adds.
#[derive(Clone, Copy)]
pub(crate) struct Step<'a> {
    layout: &'a Layout,
    index: usize,
}

impl Step<'_> {
    /// What the step adds to the competency.
    pub(crate) fn score(self, competency: usize) -> Interval {
        self.layout.scores[competency][self.index]
    }

    /// What the step adds summed over the competencies.
    pub(crate) fn total(self) -> Interval {
        self.layout.totals[self.index]
    }

    /// What meeting the step's question adds to the attainable maximum.
    pub(crate) fn best(self) -> i64 {
        self.layout.best[self.index]
    }
}

impl Layout {
    pub(crate) fn new(
        graph: &SceneGraph,
        components: &Components,
        reach: &Reach,
        competencies: usize,
    ) -> Layout {
        // A component is on a way to an ending as a whole or not at all, and its scenes take
        // their places in the order of `components.members`.
        let laid_out = || {
            components
                .members
                .iter()
                .enumerate()
                .filter(|(_, members)| members.first().is_some_and(|&v| reach.useful(v)))
        };
        let count = components.members.len();
        let mut place = vec![NOWHERE; graph.len()];
        let mut ending = Vec::with_capacity(graph.len());
        let mut component_starts = Vec::with_capacity(count + 1);
        component_starts.push(0);
        let mut component_ids = Vec::with_capacity(count);
        let mut loops = Vec::with_capacity(count);
        for (c, members) in laid_out() {
            for &v in members {
                place[v] = ending.len() as u32;
                ending.push(graph.endings[v]);
            }
            component_starts.push(ending.len());
            component_ids.push(c);
            loops.push(components.is_loop(graph, c));
        }
        // Sized for every edge, so no column is copied as it grows.
        let most = graph.edges().len();
        let mut layout = Layout {
            // Every scene on a way to an ending is reached from the start, so then the start is
            // on one too.
            start: (!ending.is_empty()).then(|| place[graph.start] as usize),
            step_starts: Vec::with_capacity(ending.len() + 1),
            ending,
            component_starts,
            component_ids,
            loops,
            to: Vec::with_capacity(most),
            scores: (0..competencies)
                .map(|_| Vec::with_capacity(most))
                .collect(),
            totals: Vec::with_capacity(most),
            best: Vec::with_capacity(most),
        };
        layout.step_starts.push(0);
        let gains = graph.gains();
        for &v in laid_out().flat_map(|(_, members)| members) {
            for (edge, &to) in graph.leaving(v).zip(graph.targets(v)) {
                let to = place[to as SceneIx];
                if to == NOWHERE {
                    continue;
                }
                layout.to.push(to);
                let scores = gains.scores(edge);
                for (c, column) in layout.scores.iter_mut().enumerate() {
                    column.push(scores[c]);
                }
                layout.totals.push(gains.total(edge));
                layout.best.push(gains.best(edge));
            }
            layout.step_starts.push(layout.to.len());
        }
        layout
    }

    /// How many places.
    pub(crate) fn places(&self) -> usize {
        self.ending.len()
    }

    /// How many components are laid out.
    pub(crate) fn components(&self) -> usize {
        self.component_ids.len()
    }

    /// The places of the `k`-th component laid out.
    pub(crate) fn component(&self, k: usize) -> Range<usize> {
        self.component_starts[k]..self.component_starts[k + 1]
    }

    /// Whether the `k`-th component laid out holds a loop.
    pub(crate) fn is_loop(&self, k: usize) -> bool {
        self.loops[k]
    }

    /// The index in [`Components`] of the `k`-th component laid out.
    pub(crate) fn component_id(&self, k: usize) -> usize {
        self.component_ids[k]
    }

    /// The steps leaving the place.
    pub(crate) fn steps(&self, place: usize) -> Range<usize> {
        self.step_starts[place]..self.step_starts[place + 1]
    }

    /// The place the step leads to.
    pub(crate) fn to(&self, step: usize) -> usize {
        self.to[step] as usize
    }

    pub(crate) fn step(&self, index: usize) -> Step<'_> {
        Step {
            layout: self,
            index,
        }
    }
}
