//! The shape of a value stream: which steps run one after another and which run side by side.
//!
//! Steps name their predecessors (`after`). From those links this module finds cycles, splits
//! that never join again and branches that cross, and otherwise decomposes the flow into a
//! series of [`Segment`]s, where a parallel segment holds branches that leave one point and
//! meet again at the next. That nesting is what the renderers draw and what the critical path
//! is taken over.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};

/// A part of the flow: one step, or parallel branches that split together and join together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    /// A step, by index into the map's steps.
    Step(usize),
    /// Each branch is itself a series; an empty branch is a direct link past the others.
    Parallel(Vec<Vec<Segment>>),
}

/// Why a set of `after` links does not make a value stream; steps are indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FlowProblem {
    /// The steps of a circle, in flow order; the last leads back to the first.
    Cycle { steps: Vec<usize> },
    /// More than one step delivers to the customer: a split whose branches never join.
    /// `split` is where those branches last shared a step, if they ever did.
    SeveralEnds {
        ends: Vec<usize>,
        split: Option<usize>,
    },
    /// A step follows steps that are on different branches of a split before they joined.
    Crossing { step: usize },
}

/// Decomposes the flow given each step's predecessors, or returns every problem found.
pub(crate) fn analyse(preds: &[Vec<usize>]) -> Result<Vec<Segment>, Vec<FlowProblem>> {
    if preds.is_empty() {
        // No steps is the reader's error to report; there is no flow to walk.
        return Ok(Vec::new());
    }
    let mut graph = Graph::new(preds);
    let cycles = graph.cycles();
    if !cycles.is_empty() {
        return Err(cycles);
    }
    graph.rank_in_flow_order();
    let ends: Vec<usize> = (0..graph.n).filter(|&i| graph.succ[i].is_empty()).collect();
    if ends.len() > 1 {
        let split = graph.last_common_ancestor(&ends);
        return Err(vec![FlowProblem::SeveralEnds { ends, split }]);
    }
    let mut visited = vec![false; graph.n];
    let flow = graph.series(graph.source(), graph.sink(), &mut visited);
    match flow.and_then(|flow| graph.check(&flow, &[graph.source()]).map(|_| flow)) {
        Ok(flow) => Ok(flow),
        // Where the walk noticed is not always where the author went wrong; the first step
        // (in flow order) that joins several predecessors is the best place to look.
        Err(noticed) => {
            let step = graph
                .flow_order()
                .into_iter()
                .find(|&i| graph.pred[i].len() > 1)
                .unwrap_or(noticed);
            Err(vec![FlowProblem::Crossing { step }])
        }
    }
}

/// Labels each step as it is numbered on the map: `1`, `2`, ..., parallel steps `6a`, `6b`,
/// and steps in a longer branch `6a.1`, `6a.2`.
pub(crate) fn labels(flow: &[Segment], count: usize) -> Vec<String> {
    let mut labels = vec![String::new(); count];
    number(flow, "", &mut labels);
    labels
}

fn number(segments: &[Segment], prefix: &str, labels: &mut [String]) {
    let single = segments.len() == 1 && matches!(segments[0], Segment::Step(_));
    for (k, segment) in segments.iter().enumerate() {
        let base = if prefix.is_empty() {
            (k + 1).to_string()
        } else if single {
            prefix.to_string()
        } else {
            format!("{prefix}.{}", k + 1)
        };
        match segment {
            Segment::Step(i) => {
                if let Some(label) = labels.get_mut(*i) {
                    *label = base;
                }
            }
            Segment::Parallel(branches) => {
                for (b, branch) in branches.iter().enumerate() {
                    number(branch, &format!("{base}{}", letter(b)), labels);
                }
            }
        }
    }
}

fn letter(index: usize) -> String {
    let letters = "abcdefghijklmnopqrstuvwxyz";
    letters
        .chars()
        .nth(index)
        .map_or_else(|| format!("-{}", index + 1), String::from)
}

/// The steps with a customer node before the first and after the last.
struct Graph {
    n: usize,
    /// Successors of every node, the customer nodes included, in file order.
    succ: Vec<Vec<usize>>,
    pred: Vec<Vec<usize>>,
    /// Each node's place in flow order, the customer at the end last; set once the flow is
    /// known to have no cycles.
    rank: Vec<usize>,
}

impl Graph {
    fn new(preds: &[Vec<usize>]) -> Graph {
        let n = preds.len();
        let mut succ = vec![Vec::new(); n + 2];
        let mut pred = vec![Vec::new(); n + 2];
        for (i, before) in preds.iter().enumerate() {
            let mut before: Vec<usize> = before.iter().copied().filter(|&p| p < n).collect();
            before.sort_unstable();
            before.dedup();
            if before.is_empty() {
                // A step that follows no step follows the customer.
                before.push(n);
            }
            for p in before {
                succ[p].push(i);
                pred[i].push(p);
            }
        }
        Graph {
            n,
            succ,
            pred,
            rank: Vec::new(),
        }
    }

    fn rank_in_flow_order(&mut self) {
        let mut rank = vec![self.n + 1; self.n + 2];
        for (place, node) in self.flow_order().into_iter().enumerate() {
            rank[node] = place;
        }
        rank[self.sink()] = self.n;
        self.rank = rank;
    }

    fn source(&self) -> usize {
        self.n
    }

    fn sink(&self) -> usize {
        self.n + 1
    }

    /// Successors with the customer at the end made explicit.
    fn next(&self, node: usize) -> Vec<usize> {
        if node < self.n && self.succ[node].is_empty() {
            vec![self.sink()]
        } else {
            self.succ[node].clone()
        }
    }

    /// Every node reachable from `from` by following successors, `from` included.
    fn reach(&self, from: usize) -> Vec<bool> {
        let mut seen = vec![false; self.n + 2];
        let mut stack = vec![from];
        while let Some(node) = stack.pop() {
            if std::mem::replace(&mut seen[node], true) {
                continue;
            }
            stack.extend(self.next(node));
        }
        seen
    }

    /// One circle per group of steps that reach each other, in file order of its first step.
    fn cycles(&self) -> Vec<FlowProblem> {
        let component = self.components();
        let mut size = vec![0usize; self.n];
        for &c in &component {
            size[c] += 1;
        }
        let mut reported = vec![false; self.n];
        let mut problems = Vec::new();
        for start in 0..self.n {
            let c = component[start];
            if reported[c] || (size[c] == 1 && !self.succ[start].contains(&start)) {
                continue;
            }
            reported[c] = true;
            problems.push(FlowProblem::Cycle {
                steps: self.circle_through(start, &component),
            });
        }
        problems
    }

    /// The strongly connected component of every step (Kosaraju's two passes, without
    /// recursion): steps that reach each other share one. Linear, so a map of many thousand
    /// steps is as quick to check as a small one.
    fn components(&self) -> Vec<usize> {
        let n = self.n;
        let mut finished = Vec::with_capacity(n);
        let mut seen = vec![false; n];
        for root in 0..n {
            if std::mem::replace(&mut seen[root], true) {
                continue;
            }
            let mut stack = vec![(root, 0usize)];
            while let Some((node, next_edge)) = stack.last_mut() {
                let node = *node;
                if let Some(&next) = self.succ[node].get(*next_edge) {
                    *next_edge += 1;
                    if next < n && !std::mem::replace(&mut seen[next], true) {
                        stack.push((next, 0));
                    }
                } else {
                    finished.push(node);
                    stack.pop();
                }
            }
        }
        let mut component = vec![usize::MAX; n];
        let mut count = 0;
        for &root in finished.iter().rev() {
            if component[root] != usize::MAX {
                continue;
            }
            component[root] = count;
            let mut stack = vec![root];
            while let Some(node) = stack.pop() {
                for &before in &self.pred[node] {
                    if before < n && component[before] == usize::MAX {
                        component[before] = count;
                        stack.push(before);
                    }
                }
            }
            count += 1;
        }
        component
    }

    /// The steps in an order where each comes after everything it follows (file order among
    /// equals). Only called on a flow without cycles.
    fn flow_order(&self) -> Vec<usize> {
        let mut waiting: Vec<usize> = (0..self.n)
            .map(|i| self.pred[i].iter().filter(|&&p| p < self.n).count())
            .collect();
        let mut ready: BinaryHeap<Reverse<usize>> = (0..self.n)
            .filter(|&i| waiting[i] == 0)
            .map(Reverse)
            .collect();
        let mut order = Vec::new();
        while let Some(Reverse(node)) = ready.pop() {
            order.push(node);
            for &next in &self.succ[node] {
                waiting[next] -= 1;
                if waiting[next] == 0 {
                    ready.push(Reverse(next));
                }
            }
        }
        order
    }

    /// The shortest circle from `start` back to itself, searched inside its component only,
    /// so that reporting many small circles stays linear.
    fn circle_through(&self, start: usize, component: &[usize]) -> Vec<usize> {
        let mut parent: HashMap<usize, usize> = HashMap::new();
        let mut queue = VecDeque::from([start]);
        while let Some(node) = queue.pop_front() {
            for &next in &self.succ[node] {
                if next == start {
                    let mut path = vec![node];
                    let mut at = node;
                    while at != start {
                        at = parent[&at];
                        path.push(at);
                    }
                    path.reverse();
                    return path;
                }
                if next < self.n
                    && component[next] == component[start]
                    && !parent.contains_key(&next)
                {
                    parent.insert(next, node);
                    queue.push_back(next);
                }
            }
        }
        vec![start]
    }

    /// The last step every one of `ends` can be reached from (where their branches split).
    fn last_common_ancestor(&self, ends: &[usize]) -> Option<usize> {
        let reached_from: Vec<Vec<bool>> = ends.iter().map(|&e| self.ancestors(e)).collect();
        // The latest of them in flow order: the one that reaches none of the others.
        (0..self.n)
            .filter(|&i| reached_from.iter().all(|from| from[i]))
            .max_by_key(|&i| self.rank[i])
    }

    /// Every step `to` can be reached from, `to` included.
    fn ancestors(&self, to: usize) -> Vec<bool> {
        let mut seen = vec![false; self.n + 2];
        let mut stack = vec![to];
        while let Some(node) = stack.pop() {
            if std::mem::replace(&mut seen[node], true) {
                continue;
            }
            stack.extend(self.pred[node].iter().copied());
        }
        seen
    }

    /// The series from `start` up to (not including) `stop`; `Err(step)` at a step reached
    /// twice, which means branches cross instead of joining.
    fn series(
        &self,
        start: usize,
        stop: usize,
        visited: &mut [bool],
    ) -> Result<Vec<Segment>, usize> {
        let mut out = Vec::new();
        let mut at = start;
        while at != stop {
            if at == self.sink() {
                // A branch reached the customer without meeting its siblings.
                return Err(start);
            }
            if at < self.n {
                if std::mem::replace(&mut visited[at], true) {
                    return Err(at);
                }
                out.push(Segment::Step(at));
            }
            let next = self.next(at);
            if next.is_empty() {
                // Only the customer node of a map without steps has no way on.
                return Err(start);
            }
            if next.len() == 1 {
                at = next[0];
                continue;
            }
            let join = self.join_of(&next);
            let mut branches = Vec::new();
            for &first in &next {
                if first == join {
                    branches.push(Vec::new());
                } else {
                    branches.push(self.series(first, join, visited)?);
                }
            }
            out.push(Segment::Parallel(branches));
            at = join;
        }
        Ok(out)
    }

    /// Where branches starting at `firsts` meet: the earliest node (in flow order) all of
    /// them reach.
    fn join_of(&self, firsts: &[usize]) -> usize {
        let reach: Vec<Vec<bool>> = firsts.iter().map(|&f| self.reach(f)).collect();
        // The first in flow order is one no other common node reaches.
        (0..self.n + 2)
            .filter(|&node| reach.iter().all(|r| r[node]))
            .min_by_key(|&node| self.rank[node])
            .unwrap_or(self.sink())
    }

    /// Checks every step follows exactly the steps the decomposition says come before it, so
    /// that a link from inside one branch into another is caught. Returns the exits.
    fn check(&self, series: &[Segment], entry: &[usize]) -> Result<Vec<usize>, usize> {
        let mut entry = entry.to_vec();
        for segment in series {
            match segment {
                Segment::Step(i) => {
                    let mut expected = entry.clone();
                    expected.sort_unstable();
                    let mut actual = self.pred[*i].clone();
                    actual.sort_unstable();
                    if expected != actual {
                        return Err(*i);
                    }
                    entry = vec![*i];
                }
                Segment::Parallel(branches) => {
                    let mut exits = Vec::new();
                    for branch in branches {
                        for exit in self.check(branch, &entry)? {
                            if !exits.contains(&exit) {
                                exits.push(exit);
                            }
                        }
                    }
                    entry = exits;
                }
            }
        }
        Ok(entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Segment::{Parallel, Step};

    #[test]
    fn a_line_is_a_series() {
        assert_eq!(
            analyse(&[vec![], vec![0], vec![1]]),
            Ok(vec![Step(0), Step(1), Step(2)])
        );
    }

    #[test]
    fn a_split_that_joins_is_parallel() {
        // 0 -> (1 | 2) -> 3
        let flow = analyse(&[vec![], vec![0], vec![0], vec![1, 2]]).unwrap();
        assert_eq!(
            flow,
            vec![
                Step(0),
                Parallel(vec![vec![Step(1)], vec![Step(2)]]),
                Step(3)
            ]
        );
        assert_eq!(labels(&flow, 4), ["1", "2a", "2b", "3"]);
    }

    #[test]
    fn nested_and_longer_branches_are_numbered() {
        // 0 -> (1 -> 2 | 3) -> 4, and a split at the customer: (5 | 6) -> 0
        let flow = analyse(&[
            vec![5, 6],
            vec![0],
            vec![1],
            vec![0],
            vec![2, 3],
            vec![],
            vec![],
        ])
        .unwrap();
        assert_eq!(
            flow,
            vec![
                Parallel(vec![vec![Step(5)], vec![Step(6)]]),
                Step(0),
                Parallel(vec![vec![Step(1), Step(2)], vec![Step(3)]]),
                Step(4)
            ]
        );
        assert_eq!(
            labels(&flow, 7),
            ["2", "3a.1", "3a.2", "3b", "4", "1a", "1b"]
        );
    }

    #[test]
    fn finds_cycles() {
        let problems = analyse(&[vec![], vec![0, 2], vec![1], vec![2]]).unwrap_err();
        assert_eq!(problems, vec![FlowProblem::Cycle { steps: vec![1, 2] }]);
        let problems = analyse(&[vec![0]]).unwrap_err();
        assert_eq!(problems, vec![FlowProblem::Cycle { steps: vec![0] }]);
    }

    #[test]
    fn finds_branches_that_never_join() {
        let problems = analyse(&[vec![], vec![0], vec![0], vec![1]]).unwrap_err();
        assert_eq!(
            problems,
            vec![FlowProblem::SeveralEnds {
                ends: vec![2, 3],
                split: Some(0)
            }]
        );
        let problems = analyse(&[vec![], vec![]]).unwrap_err();
        assert_eq!(
            problems,
            vec![FlowProblem::SeveralEnds {
                ends: vec![0, 1],
                split: None
            }]
        );
    }

    #[test]
    fn finds_branches_that_cross() {
        // 0 -> (1 | 2), 1 -> 3, 2 -> 4, and 3 also follows 2: not a clean split and join.
        let problems =
            analyse(&[vec![], vec![0], vec![0], vec![1, 2], vec![2], vec![3, 4]]).unwrap_err();
        assert_eq!(problems, vec![FlowProblem::Crossing { step: 3 }]);
    }
}
