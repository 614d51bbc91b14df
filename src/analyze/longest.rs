//! The most a walk from the start to an ending can collect, for any weight on the edges.
//!
//! Only scenes on some way from the start to an ending count: a walk that can never finish
//! never shows results. The walk may go round loops, so the answer can be unbounded.
//!
//! Method: take the components of the graph in topological order (see [`Components`]) and
//! carry the best value at which each scene can be entered. A single scene passes its value on
//! along its edges. Inside a loop:
//!
//! - every inner edge weighs 0 or less: no lap gains, and the best value of each scene is found
//!   with Dijkstra's algorithm from the values at which the loop is entered;
//! - every inner edge weighs 0 or more and one weighs more: a lap through that edge gains, so
//!   the walk is unbounded;
//! - inner edges of both signs: Bellman–Ford inside the component decides whether some lap
//!   gains. This is the one step that is not near-linear, and only in the size of that loop;
//!   past [`BUDGET`] relaxations the loop is taken as unbounded, which keeps the result sound
//!   (never smaller than the truth).
//!
//! The whole is O((scenes + edges) · log scenes) when no loop mixes gains and losses. The walks
//! run over a [`Layout`] of the graph made once, so each reads its arrays in order.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;

use super::graph::SceneGraph;
use super::layout::{Layout, Step};
use super::reach::Reach;
use super::scc::Components;

/// Edge relaxations Bellman–Ford may spend on the loops that mix gains and losses.
pub(crate) const BUDGET: usize = 5_000_000;

/// The value of a place no walk has reached yet. No walk totals this: an edge weighs less than
/// 2^72 either way and a walk counted here takes far fewer than 2^55 edges.
const UNREACHED: i128 = i128::MIN;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Longest {
    /// No way leads from the start to an ending.
    NoPath,
    Finite(i128),
    /// Going round this component again and again gains without end.
    Unbounded(usize),
}

/// The ways from the start to an ending, ready to be weighed.
pub(crate) struct Walks {
    layout: Layout,
}

impl Walks {
    pub(crate) fn new(
        graph: &SceneGraph,
        components: &Components,
        reach: &Reach,
        competencies: usize,
    ) -> Walks {
        Walks {
            layout: Layout::new(graph, components, reach, competencies),
        }
    }

    /// Whether any way leads from the start to an ending.
    pub(crate) fn finish(&self) -> bool {
        self.layout.start.is_some()
    }

    /// Whether a way from the start to an ending uses only steps that `keep`.
    pub(crate) fn finish_through(&self, keep: impl Fn(Step) -> bool) -> bool {
        let layout = &self.layout;
        let Some(start) = layout.start else {
            return false;
        };
        let mut seen = vec![false; layout.places()];
        let mut stack = vec![start];
        seen[start] = true;
        while let Some(p) = stack.pop() {
            if layout.ending[p] {
                return true;
            }
            for s in layout.steps(p) {
                let to = layout.to(s);
                if !seen[to] && keep(layout.step(s)) {
                    seen[to] = true;
                    stack.push(to);
                }
            }
        }
        false
    }

    /// The least total of `weight` over the walks (the most of its opposite, negated).
    pub(crate) fn least(&self, weight: impl Fn(Step) -> i128) -> Longest {
        match self.most(|s| -weight(s)) {
            Longest::Finite(value) => Longest::Finite(-value),
            other => other,
        }
    }

    /// The greatest total of `weight` over the walks.
    pub(crate) fn most(&self, weight: impl Fn(Step) -> i128) -> Longest {
        let layout = &self.layout;
        let Some(start) = layout.start else {
            return Longest::NoPath;
        };
        let mut best = vec![UNREACHED; layout.places()];
        best[start] = 0;
        let mut budget = BUDGET;
        for k in 0..layout.components() {
            let places = layout.component(k);
            if layout.is_loop(k) {
                let (mut lightest, mut heaviest) = (i128::MAX, i128::MIN);
                for s in places.clone().flat_map(|p| inner(layout, &places, p)) {
                    let w = weight(layout.step(s));
                    lightest = lightest.min(w);
                    heaviest = heaviest.max(w);
                }
                if heaviest <= 0 {
                    dijkstra(layout, &places, &weight, &mut best);
                } else if lightest >= 0
                    || !bellman_ford(layout, &places, &weight, &mut best, &mut budget)
                {
                    return Longest::Unbounded(layout.component_id(k));
                }
            }
            for p in places.clone() {
                let value = best[p];
                if value == UNREACHED {
                    continue;
                }
                for s in layout.steps(p) {
                    let to = layout.to(s);
                    if !places.contains(&to) {
                        let reached = value.saturating_add(weight(layout.step(s)));
                        best[to] = best[to].max(reached);
                    }
                }
            }
        }
        (0..layout.places())
            .filter(|&p| layout.ending[p] && best[p] != UNREACHED)
            .map(|p| best[p])
            .max()
            .map_or(Longest::NoPath, Longest::Finite)
    }
}

/// The steps from `place` that stay inside the component at `places`.
fn inner<'l>(
    layout: &'l Layout,
    places: &'l Range<usize>,
    place: usize,
) -> impl Iterator<Item = usize> + 'l {
    layout
        .steps(place)
        .filter(move |&s| places.contains(&layout.to(s)))
}

/// Best values inside a loop whose inner edges all weigh 0 or less.
fn dijkstra(
    layout: &Layout,
    places: &Range<usize>,
    weight: &impl Fn(Step) -> i128,
    best: &mut [i128],
) {
    let mut settled = vec![false; places.len()];
    let mut heap: BinaryHeap<(i128, Reverse<usize>)> = places
        .clone()
        .filter(|&p| best[p] != UNREACHED)
        .map(|p| (best[p], Reverse(p)))
        .collect();
    while let Some((value, Reverse(p))) = heap.pop() {
        if settled[p - places.start] {
            continue;
        }
        settled[p - places.start] = true;
        for s in inner(layout, places, p) {
            let to = layout.to(s);
            let reached = value.saturating_add(weight(layout.step(s)));
            if !settled[to - places.start] && reached > best[to] {
                best[to] = reached;
                heap.push((reached, Reverse(to)));
            }
        }
    }
}

/// Best values inside a loop with inner edges of both signs; `false` when some lap gains (or
/// the budget ran out before that could be ruled out).
fn bellman_ford(
    layout: &Layout,
    places: &Range<usize>,
    weight: &impl Fn(Step) -> i128,
    best: &mut [i128],
    budget: &mut usize,
) -> bool {
    // After as many rounds as the loop has scenes, a value that still grows does so by a lap.
    for _ in places.clone() {
        let mut changed = false;
        for p in places.clone() {
            let value = best[p];
            if value == UNREACHED {
                continue;
            }
            for s in inner(layout, places, p) {
                if *budget == 0 {
                    return false;
                }
                *budget -= 1;
                let to = layout.to(s);
                let reached = value.saturating_add(weight(layout.step(s)));
                if reached > best[to] {
                    best[to] = reached;
                    changed = true;
                }
            }
        }
        if !changed {
            return true;
        }
    }
    false
}
