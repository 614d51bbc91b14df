//! The scene graph: scenes as nodes, every way from one scene to another as an edge.
//!
//! An edge is a `next`, a route (conditional), an option's `goto` or an outcome's `goto`. Every
//! condition is taken as possibly true, so the graph holds every move a learner could make and
//! perhaps a few no learner can: what it proves unreachable truly is.

use crate::scenario::{Scenario, SceneDef, SceneIx};

use super::gains::{Gains, Taken, Way, ways};

/// Why an edge exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: SceneIx,
    pub to: SceneIx,
    pub kind: EdgeKind,
    /// What taking this edge adds (for `next` and routes: any answer without its own `goto`).
    pub gains: Gains,
}

#[derive(Debug, Clone)]
pub struct SceneGraph {
    pub start: SceneIx,
    /// Whether each scene is an ending.
    pub endings: Vec<bool>,
    /// Sorted by `from`, in the order each scene lists them.
    edges: Vec<Edge>,
    /// `targets[i]` is `edges[i].to`: the searches over the graph read 4 bytes an edge instead
    /// of a whole edge and its gains, which keeps large graphs within the cache.
    targets: Vec<u32>,
    /// `edges[first[v]..first[v + 1]]` leave scene `v`.
    first: Vec<usize>,
}

impl SceneGraph {
    /// A graph over `endings.len()` scenes; edges may come in any order.
    pub fn new(start: SceneIx, endings: Vec<bool>, mut edges: Vec<Edge>) -> SceneGraph {
        edges.sort_by_key(|e| e.from);
        let mut first = vec![0; endings.len() + 1];
        for edge in &edges {
            first[edge.from + 1] += 1;
        }
        for v in 0..endings.len() {
            first[v + 1] += first[v];
        }
        SceneGraph::assemble(start, endings, edges, first)
    }

    pub fn from_scenario(scenario: &Scenario) -> SceneGraph {
        let competencies = scenario.competencies.len();
        // At most one edge per answer (two for right and wrong), route and `next`: allocated once,
        // not copied as it grows.
        let most_edges = scenario
            .scenes
            .iter()
            .map(|s| s.question.as_ref().map_or(0, |q| q.options.len()) + 2 + s.routes.len() + 1)
            .sum();
        let mut edges = Vec::with_capacity(most_edges);
        let mut first = Vec::with_capacity(scenario.scenes.len() + 1);
        first.push(0);
        let mut found = Vec::new();
        for (from, scene) in scenario.scenes.iter().enumerate() {
            if !scene.ending {
                ways(scene.question.as_ref(), competencies, &mut found);
                leaving(from, scene, &mut found, &mut edges);
            }
            first.push(edges.len());
        }
        let endings = scenario.scenes.iter().map(|s| s.ending).collect();
        SceneGraph::assemble(scenario.start, endings, edges, first)
    }

    /// The graph of `edges`, sorted by `from`, where `first` says which leave each scene.
    fn assemble(
        start: SceneIx,
        endings: Vec<bool>,
        edges: Vec<Edge>,
        first: Vec<usize>,
    ) -> SceneGraph {
        // Every scene takes far more than a byte of TOML, so no scenario that loads comes near
        // this; counting in `u32` halves the arrays the analysis walks again and again.
        assert!(
            u32::try_from(endings.len()).is_ok(),
            "the analysis counts scenes in 32 bits"
        );
        let targets = edges.iter().map(|e| e.to as u32).collect();
        SceneGraph {
            start,
            endings,
            edges,
            targets,
            first,
        }
    }

    /// How many scenes.
    pub fn len(&self) -> usize {
        self.endings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.endings.is_empty()
    }

    /// The edges leaving `scene`.
    pub fn out(&self, scene: SceneIx) -> &[Edge] {
        &self.edges[self.first[scene]..self.first[scene + 1]]
    }

    /// Where the edges leaving `scene` lead, in the order of [`SceneGraph::out`].
    pub fn targets(&self, scene: SceneIx) -> &[u32] {
        &self.targets[self.first[scene]..self.first[scene + 1]]
    }

    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }
}

/// Adds the edges leaving `scene` (scene `from`), given the `ways` its question can be answered.
fn leaving(from: SceneIx, scene: &SceneDef, ways: &mut Vec<Way>, edges: &mut Vec<Edge>) {
    let mut fallthrough: Option<Gains> = None;
    for way in ways.drain(..) {
        let Some(to) = way.goto else {
            // Answers without a `goto` share the routes and `next`: one edge each, with the
            // hull of their gains, keeps the graph linear in options + routes.
            fallthrough = Some(match fallthrough {
                Some(gains) => gains.hull(&way.gains),
                None => way.gains,
            });
            continue;
        };
        let kind = match way.taken {
            Taken::Option(index) => EdgeKind::Option(index),
            Taken::Right => EdgeKind::Right,
            Taken::Wrong => EdgeKind::Wrong,
            Taken::Nothing => EdgeKind::Next,
        };
        edges.push(Edge {
            from,
            to,
            kind,
            gains: way.gains,
        });
    }
    let Some(gains) = fallthrough else { return };
    for (index, route) in scene.routes.iter().enumerate() {
        edges.push(Edge {
            from,
            to: route.goto,
            kind: EdgeKind::Route(index),
            gains: gains.clone(),
        });
    }
    if let Some(to) = scene.next {
        edges.push(Edge {
            from,
            to,
            kind: EdgeKind::Next,
            gains,
        });
    }
}
