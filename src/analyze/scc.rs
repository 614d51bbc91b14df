//! Strongly connected components of the scene graph (Tarjan's algorithm, without recursion).
//!
//! A component is a set of scenes that can all reach one another: a loop, or a single scene.
//! Collapsing each into one node leaves a graph without loops (the condensation), which is
//! what lets the score bounds run in linear time.

use crate::scenario::SceneIx;

use super::graph::SceneGraph;
use super::groups::Groups;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Components {
    /// The component of each scene.
    pub of: Vec<usize>,
    /// The scenes of each component, in scene order. Components are in topological order:
    /// every edge between two components goes from a lower index to a higher one.
    pub members: Groups<SceneIx>,
}

impl Components {
    pub(crate) fn new(graph: &SceneGraph) -> Components {
        let n = graph.len();
        let mut tarjan = Tarjan {
            index: vec![UNSEEN; n],
            low: vec![0; n],
            on_stack: vec![false; n],
            stack: Vec::new(),
            calls: Vec::new(),
            counter: 0,
            scenes: vec![0; n],
            filled: n,
            ends: Vec::new(),
        };
        for root in 0..n {
            if tarjan.index[root] == UNSEEN {
                tarjan.run(graph, root);
            }
        }
        // Found last to first, so the ends of the components, read backwards, are their starts.
        let starts = std::iter::once(0).chain(tarjan.ends.iter().rev().copied());
        let members = Groups::new(tarjan.scenes, starts.collect());
        let mut of = vec![0; n];
        for (c, scenes) in members.iter().enumerate() {
            for &v in scenes {
                of[v] = c;
            }
        }
        Components { of, members }
    }

    /// Whether the component holds a loop: several scenes, or one that leads back to itself.
    pub(crate) fn is_loop(&self, graph: &SceneGraph, component: usize) -> bool {
        match self.members[component] {
            [single] => graph
                .targets(single)
                .iter()
                .any(|&to| to as SceneIx == single),
            _ => true,
        }
    }

    /// Whether some edge leaves the component.
    pub(crate) fn has_exit(&self, graph: &SceneGraph, component: usize) -> bool {
        self.members[component].iter().any(|&v| {
            graph
                .targets(v)
                .iter()
                .any(|&to| self.of[to as SceneIx] != component)
        })
    }
}

const UNSEEN: usize = usize::MAX;

struct Tarjan {
    index: Vec<usize>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<SceneIx>,
    /// The explicit call stack: a scene and how many of its edges it has followed.
    calls: Vec<(SceneIx, usize)>,
    counter: usize,
    /// Every scene by component. Tarjan finds each component after every component it can
    /// reach (reverse topological order), so they are filled in from the back.
    scenes: Vec<SceneIx>,
    /// `scenes[filled..]` holds the components found so far.
    filled: usize,
    /// Where each component found ends in `scenes`, in the order found.
    ends: Vec<usize>,
}

impl Tarjan {
    fn enter(&mut self, v: SceneIx) {
        self.index[v] = self.counter;
        self.low[v] = self.counter;
        self.counter += 1;
        self.stack.push(v);
        self.on_stack[v] = true;
        self.calls.push((v, 0));
    }

    fn run(&mut self, graph: &SceneGraph, root: SceneIx) {
        self.enter(root);
        while let Some(&(v, followed)) = self.calls.last() {
            if let Some(&w) = graph.targets(v).get(followed) {
                if let Some(call) = self.calls.last_mut() {
                    call.1 += 1;
                }
                let w = w as SceneIx;
                if self.index[w] == UNSEEN {
                    self.enter(w);
                } else if self.on_stack[w] {
                    self.low[v] = self.low[v].min(self.index[w]);
                }
                continue;
            }
            self.calls.pop();
            if let Some(&(parent, _)) = self.calls.last() {
                self.low[parent] = self.low[parent].min(self.low[v]);
            }
            if self.low[v] == self.index[v] {
                self.found(v);
            }
        }
    }

    /// Moves the component whose first scene entered is `v` off the stack.
    fn found(&mut self, v: SceneIx) {
        let end = self.filled;
        while let Some(w) = self.stack.pop() {
            self.on_stack[w] = false;
            self.filled -= 1;
            self.scenes[self.filled] = w;
            if w == v {
                break;
            }
        }
        self.scenes[self.filled..end].sort_unstable();
        self.ends.push(end);
    }
}
