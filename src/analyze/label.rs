//! What a drawing of the graph writes on a scene and on an edge.

use crate::scenario::{Scenario, SceneDef};

use super::expr_text::{expr_text, template_text};
use super::graph::{Edge, EdgeKind};

/// The scene's title as written, if it has one, on a single line.
pub fn title(scene: &SceneDef) -> Option<String> {
    let title = template_text(scene.title.as_ref()?);
    Some(title.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The option id, `right` or `wrong`, or `route: <condition>`; `next` goes unlabelled.
pub fn edge(scenario: &Scenario, edge: &Edge) -> Option<String> {
    let scene = &scenario.scenes[edge.from];
    match edge.kind {
        EdgeKind::Next => None,
        EdgeKind::Route(index) => scene
            .routes
            .get(index)
            .map(|route| format!("route: {}", expr_text(&route.when))),
        EdgeKind::Option(index) => scene
            .question
            .as_ref()
            .and_then(|q| q.options.get(index))
            .map(|option| option.id.clone()),
        EdgeKind::Right => Some("right".into()),
        EdgeKind::Wrong => Some("wrong".into()),
    }
}
