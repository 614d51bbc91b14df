//! Strongly connected components of the scene graph (Tarjan's algorithm, without recursion).
//!
//! A component is a set of scenes that can all reach one another: a loop, or a single scene.
//! Collapsing each into one node leaves a graph without loops (the condensation), which is
//! what lets the score bounds run in linear time.

use crate::scenario::SceneIx;

use super::graph::SceneGraph;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Components {
    /// The component of each scene.
    pub of: Vec<usize>,
    /// The scenes of each component, in scene order. Components are in topological order:
    /// every edge between two components goes from a lower index to a higher one.
    pub members: Vec<Vec<SceneIx>>,
}

impl Components {
    pub fn new(graph: &SceneGraph) -> Components {
        let n = graph.len();
        let mut tarjan = Tarjan {
            index: vec![UNSEEN; n],
            low: vec![0; n],
            on_stack: vec![false; n],
            stack: Vec::new(),
            calls: Vec::new(),
            counter: 0,
            found: Vec::new(),
        };
        for root in 0..n {
            if tarjan.index[root] == UNSEEN {
                tarjan.run(graph, root);
            }
        }
        // Tarjan finds each component after every component it can reach: reverse topological.
        let mut members = tarjan.found;
        members.reverse();
        let mut of = vec![0; n];
        for (c, scenes) in members.iter().enumerate() {
            for &v in scenes {
                of[v] = c;
            }
        }
        Components { of, members }
    }

    /// Whether the component holds a loop: several scenes, or one that leads back to itself.
    pub fn is_loop(&self, graph: &SceneGraph, component: usize) -> bool {
        match self.members[component].as_slice() {
            [single] => graph.out(*single).iter().any(|e| e.to == *single),
            _ => true,
        }
    }

    /// Whether some edge leaves the component.
    pub fn has_exit(&self, graph: &SceneGraph, component: usize) -> bool {
        self.members[component]
            .iter()
            .any(|&v| graph.out(v).iter().any(|e| self.of[e.to] != component))
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
    found: Vec<Vec<SceneIx>>,
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
            if let Some(edge) = graph.out(v).get(followed) {
                if let Some(call) = self.calls.last_mut() {
                    call.1 += 1;
                }
                let w = edge.to;
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
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                component.sort_unstable();
                self.found.push(component);
            }
        }
    }
}
