//! The scene graph of a loaded scenario: the edges each scene's answers, routes and `next`
//! give, and what taking each adds.

use crate::scenario::{Scenario, SceneDef, SceneIx};

use super::gains::{Gains, Taken, Way, ways};
use super::gains_table::GainsTable;
use super::graph::{EdgeKind, Link, SceneGraph};

impl SceneGraph {
    pub fn from_scenario(scenario: &Scenario) -> SceneGraph {
        let competencies = scenario.competencies.len();
        // At most one edge per answer (two for right and wrong), route and `next`: allocated once,
        // not copied as it grows.
        let most_edges = scenario
            .scenes
            .iter()
            .map(|s| s.question.as_ref().map_or(0, |q| q.options.len()) + 2 + s.routes.len() + 1)
            .sum();
        let mut edges = Edges {
            links: Vec::with_capacity(most_edges),
            gains: GainsTable::with_capacity(most_edges, competencies),
        };
        let mut first = Vec::with_capacity(scenario.scenes.len() + 1);
        first.push(0);
        let mut found = Vec::new();
        for (from, scene) in scenario.scenes.iter().enumerate() {
            if !scene.ending {
                ways(scene.question.as_ref(), competencies, &mut found);
                edges.add(from, scene, &mut found);
            }
            first.push(edges.links.len());
        }
        let endings = scenario.scenes.iter().map(|s| s.ending).collect();
        SceneGraph::assemble(scenario.start, endings, edges.links, edges.gains, first)
    }
}

/// The edges found so far, scene by scene.
struct Edges {
    links: Vec<Link>,
    gains: GainsTable,
}

impl Edges {
    fn push(&mut self, link: Link, gains: &Gains) {
        self.links.push(link);
        self.gains.push(gains);
    }

    /// Adds the edges leaving `scene` (scene `from`), given the `ways` its question can be
    /// answered.
    fn add(&mut self, from: SceneIx, scene: &SceneDef, ways: &mut Vec<Way>) {
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
            self.push(Link { from, to, kind }, &way.gains);
        }
        let Some(gains) = fallthrough else { return };
        for (index, route) in scene.routes.iter().enumerate() {
            let kind = EdgeKind::Route(index);
            let to = route.goto;
            self.push(Link { from, to, kind }, &gains);
        }
        if let Some(to) = scene.next {
            let kind = EdgeKind::Next;
            self.push(Link { from, to, kind }, &gains);
        }
    }
}
