//! Loops a learner can enter but never leave, and the scenes that can only lead into one.

use crate::scenario::SceneIx;

use super::graph::SceneGraph;
use super::reach::Reach;
use super::scc::Components;

/// The components that are loops with no edge leaving them (so no ending in them either).
pub(crate) fn loops_without_exit(graph: &SceneGraph, components: &Components) -> Vec<usize> {
    (0..components.members.len())
        .filter(|&c| components.is_loop(graph, c) && !components.has_exit(graph, c))
        .collect()
}

/// For each scene from which no ending can be reached, one loop without exit it leads into
/// (by component), when it leads into any: every way on ends either in such a loop or at a
/// scene with no way on at all.
pub(crate) fn trap_ahead(
    graph: &SceneGraph,
    components: &Components,
    reach: &Reach,
) -> Vec<Option<usize>> {
    let count = components.members.len();
    let mut trap: Vec<Option<usize>> = vec![None; count];
    for c in loops_without_exit(graph, components) {
        trap[c] = Some(c);
    }
    // Later components first, so every component's successors are settled before it.
    for c in (0..count).rev() {
        if trap[c].is_some() {
            continue;
        }
        trap[c] = components.members[c]
            .iter()
            .flat_map(|&v| graph.targets(v))
            .map(|&to| components.of[to as SceneIx])
            .filter(|&d| d != c)
            .find_map(|d| trap[d]);
    }
    (0..graph.len())
        .map(|v: SceneIx| {
            if reach.to_ending[v] {
                None
            } else {
                trap[components.of[v]]
            }
        })
        .collect()
}
