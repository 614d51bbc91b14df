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
//! The whole is O((scenes + edges) · log scenes) when no loop mixes gains and losses.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::scenario::SceneIx;

use super::graph::{Edge, SceneGraph};
use super::reach::Reach;
use super::scc::Components;

/// Edge relaxations Bellman–Ford may spend on the loops that mix gains and losses.
pub const BUDGET: usize = 5_000_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Longest {
    /// No way leads from the start to an ending.
    NoPath,
    Finite(i128),
    /// Going round this component again and again gains without end.
    Unbounded(usize),
}

/// The ways from the start to an ending, ready to be weighed.
pub struct Walks<'a> {
    graph: &'a SceneGraph,
    components: &'a Components,
    useful: Vec<bool>,
}

impl<'a> Walks<'a> {
    pub fn new(graph: &'a SceneGraph, components: &'a Components, reach: &Reach) -> Walks<'a> {
        let useful = (0..graph.len()).map(|v| reach.useful(v)).collect();
        Walks {
            graph,
            components,
            useful,
        }
    }

    /// Whether any way leads from the start to an ending.
    pub fn finish(&self) -> bool {
        self.useful.get(self.graph.start).copied().unwrap_or(false)
    }

    /// Whether a way from the start to an ending uses only edges that `keep`.
    pub fn finish_through(&self, keep: impl Fn(&Edge) -> bool) -> bool {
        if !self.finish() {
            return false;
        }
        let mut seen = vec![false; self.graph.len()];
        let mut stack = vec![self.graph.start];
        seen[self.graph.start] = true;
        while let Some(v) = stack.pop() {
            if self.graph.endings[v] {
                return true;
            }
            for edge in self.graph.out(v) {
                if self.useful[edge.to] && !seen[edge.to] && keep(edge) {
                    seen[edge.to] = true;
                    stack.push(edge.to);
                }
            }
        }
        false
    }

    /// The least total of `weight` over the walks (the most of its opposite, negated).
    pub fn least(&self, weight: impl Fn(&Edge) -> i128) -> Longest {
        match self.most(|e| -weight(e)) {
            Longest::Finite(value) => Longest::Finite(-value),
            other => other,
        }
    }

    /// The greatest total of `weight` over the walks.
    pub fn most(&self, weight: impl Fn(&Edge) -> i128) -> Longest {
        if !self.finish() {
            return Longest::NoPath;
        }
        let n = self.graph.len();
        let mut best: Vec<Option<i128>> = vec![None; n];
        best[self.graph.start] = Some(0);
        let mut settled = vec![false; n];
        let mut budget = BUDGET;
        for (c, members) in self.components.members.iter().enumerate() {
            if !self.useful[members[0]] {
                continue;
            }
            let inner = |v: SceneIx| {
                self.graph
                    .out(v)
                    .iter()
                    .filter(move |e| self.components.of[e.to] == c)
            };
            let (mut lightest, mut heaviest) = (None::<i128>, None::<i128>);
            for edge in members.iter().flat_map(|&v| inner(v)) {
                let w = weight(edge);
                lightest = Some(lightest.map_or(w, |l| l.min(w)));
                heaviest = Some(heaviest.map_or(w, |h| h.max(w)));
            }
            match (lightest, heaviest) {
                (None, _) | (_, None) => {}
                (_, Some(h)) if h <= 0 => {
                    dijkstra(members, &inner, &weight, &mut best, &mut settled);
                }
                (Some(l), Some(_)) if l >= 0 => return Longest::Unbounded(c),
                _ => {
                    if !bellman_ford(members, &inner, &weight, &mut best, &mut budget) {
                        return Longest::Unbounded(c);
                    }
                }
            }
            for &v in members {
                let Some(value) = best[v] else { continue };
                for edge in self.graph.out(v) {
                    if self.components.of[edge.to] != c && self.useful[edge.to] {
                        let reached = value.saturating_add(weight(edge));
                        let slot = &mut best[edge.to];
                        *slot = Some(slot.map_or(reached, |old| old.max(reached)));
                    }
                }
            }
        }
        (0..n)
            .filter(|&v| self.graph.endings[v] && self.useful[v])
            .filter_map(|v| best[v])
            .max()
            .map_or(Longest::NoPath, Longest::Finite)
    }
}

/// Best values inside a loop whose inner edges all weigh 0 or less.
fn dijkstra<'e, I: Iterator<Item = &'e Edge>>(
    members: &[SceneIx],
    inner: &impl Fn(SceneIx) -> I,
    weight: &impl Fn(&Edge) -> i128,
    best: &mut [Option<i128>],
    settled: &mut [bool],
) {
    let mut heap: BinaryHeap<(i128, Reverse<SceneIx>)> = members
        .iter()
        .filter_map(|&v| best[v].map(|value| (value, Reverse(v))))
        .collect();
    while let Some((value, Reverse(v))) = heap.pop() {
        if settled[v] {
            continue;
        }
        settled[v] = true;
        for edge in inner(v) {
            let reached = value.saturating_add(weight(edge));
            if !settled[edge.to] && best[edge.to].is_none_or(|old| reached > old) {
                best[edge.to] = Some(reached);
                heap.push((reached, Reverse(edge.to)));
            }
        }
    }
}

/// Best values inside a loop with inner edges of both signs; `false` when some lap gains (or
/// the budget ran out before that could be ruled out).
fn bellman_ford<'e, I: Iterator<Item = &'e Edge>>(
    members: &[SceneIx],
    inner: &impl Fn(SceneIx) -> I,
    weight: &impl Fn(&Edge) -> i128,
    best: &mut [Option<i128>],
    budget: &mut usize,
) -> bool {
    // After as many rounds as the loop has scenes, a value that still grows does so by a lap.
    for _ in 0..members.len() {
        let mut changed = false;
        for &v in members {
            let Some(value) = best[v] else { continue };
            for edge in inner(v) {
                if *budget == 0 {
                    return false;
                }
                *budget -= 1;
                let reached = value.saturating_add(weight(edge));
                if best[edge.to].is_none_or(|old| reached > old) {
                    best[edge.to] = Some(reached);
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
