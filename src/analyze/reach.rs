//! Which scenes the start can reach, and from which scenes an ending can be reached.
//!
//! Both are plain graph searches with an explicit stack, so a chain of any length is safe.

use crate::scenario::SceneIx;

use super::graph::SceneGraph;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reach {
    /// Whether some way leads from the start to the scene.
    pub from_start: Vec<bool>,
    /// Whether some way leads from the scene to an ending (an ending reaches itself).
    pub to_ending: Vec<bool>,
}

impl Reach {
    pub(crate) fn new(graph: &SceneGraph) -> Reach {
        let n = graph.len();
        let mut from_start = vec![false; n];
        if graph.start < n {
            search(&mut from_start, [graph.start], |v| graph.targets(v));
        }
        // Walking the edges backwards from every ending.
        let mut first = vec![0usize; n + 1];
        for v in 0..n {
            for &to in graph.targets(v) {
                first[to as SceneIx + 1] += 1;
            }
        }
        for v in 0..n {
            first[v + 1] += first[v];
        }
        let mut fill = first.clone();
        let mut sources = vec![0; graph.edges().len()];
        for v in 0..n {
            for &to in graph.targets(v) {
                sources[fill[to as SceneIx]] = v as u32;
                fill[to as SceneIx] += 1;
            }
        }
        let mut to_ending = vec![false; n];
        let endings = (0..n).filter(|&v| graph.endings[v]);
        search(&mut to_ending, endings, |v| {
            &sources[first[v]..first[v + 1]]
        });
        Reach {
            from_start,
            to_ending,
        }
    }

    /// Whether the scene lies on some way from the start to an ending.
    pub(crate) fn useful(&self, scene: SceneIx) -> bool {
        self.from_start[scene] && self.to_ending[scene]
    }
}

/// Marks every scene reachable from `roots` through `next`.
fn search<'g>(
    seen: &mut [bool],
    roots: impl IntoIterator<Item = SceneIx>,
    next: impl Fn(SceneIx) -> &'g [u32],
) {
    let mut stack = Vec::new();
    for root in roots {
        if !seen[root] {
            seen[root] = true;
            stack.push(root);
        }
    }
    while let Some(v) = stack.pop() {
        for &w in next(v) {
            let w = w as SceneIx;
            if !seen[w] {
                seen[w] = true;
                stack.push(w);
            }
        }
    }
}
