//! The scene graph of a loaded scenario: the edges each scene's answers, routes and `next`
//! give, and what taking each adds.

use crate::scenario::{Scenario, SceneDef, SceneIx};

use super::gains::{Gains, Taken, Way, ways};
use super::gains_table::GainsTable;
use super::graph::{EdgeKind, Link, SceneGraph};

/// Scenes read ahead at a time (see [`read_ahead`]): their answers fit in the cache together.
const AHEAD: usize = 64;

impl SceneGraph {
    pub(crate) fn from_scenario(scenario: &Scenario) -> SceneGraph {
        let competencies = scenario.competencies.len();
        // At most one edge per option (or one each for right and wrong), route and `next`:
        // allocated once, not copied as it grows.
        let most_edges = scenario
            .scenes
            .iter()
            .map(|s| s.question.as_ref().map_or(0, |q| q.options.len().max(2)) + s.routes.len() + 1)
            .sum();
        let mut edges = Edges {
            links: Vec::with_capacity(most_edges),
            gains: GainsTable::with_capacity(most_edges, competencies),
        };
        let mut first = Vec::with_capacity(scenario.scenes.len() + 1);
        first.push(0);
        let mut found = Vec::new();
        for (block, scenes) in scenario.scenes.chunks(AHEAD).enumerate() {
            read_ahead(scenes);
            for (offset, scene) in scenes.iter().enumerate() {
                if !scene.ending {
                    ways(scene.question.as_ref(), competencies, &mut found);
                    edges.add(block * AHEAD + offset, scene, &mut found);
                }
                first.push(edges.links.len());
            }
        }
        let endings = scenario.scenes.iter().map(|s| s.ending).collect();
        SceneGraph::assemble(scenario.start, endings, edges.links, edges.gains, first)
    }
}

/// Reads the answers and routes of `scenes` in one tight loop, so they are in the cache when
/// the scenes become edges. Each options list, score list and routes list lies behind a pointer
/// of its own: read amid the work on each scene, every read waits on memory in turn, and once a
/// scenario outgrows the cache that waiting made each scene several times slower; read
/// together, the waits overlap.
fn read_ahead(scenes: &[SceneDef]) {
    let mut sum = 0i64;
    for scene in scenes {
        if let Some(question) = &scene.question {
            for option in &question.options {
                for &(_, delta) in &option.effects.score {
                    sum = sum.wrapping_add(delta);
                }
            }
            for outcome in [&question.right, &question.wrong].into_iter().flatten() {
                for &(_, delta) in &outcome.effects.score {
                    sum = sum.wrapping_add(delta);
                }
            }
        }
        for route in &scene.routes {
            sum = sum.wrapping_add(route.goto as i64);
        }
    }
    // Only the reads matter: this keeps the compiler from leaving them out.
    std::hint::black_box(sum);
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
