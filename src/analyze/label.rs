//! What a drawing of the graph writes on a scene and on an edge.

use crate::scenario::{Scenario, SceneDef};

use super::expr_text::{expr_text, template_text};
use super::graph::{EdgeKind, Link};

/// The scene's title as written, if it has one, on a single line.
pub(crate) fn title(scene: &SceneDef) -> Option<String> {
    let title = template_text(scene.title.as_ref()?);
    Some(title.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The option id, `right` or `wrong`, or `route: <condition>`; `next` goes unlabelled.
pub(crate) fn edge(scenario: &Scenario, edge: &Link) -> Option<String> {
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

/// "`a`, `b` and `c`": scene ids for a message, at most five named.
pub(crate) fn scene_list(scenario: &Scenario, scenes: &[usize]) -> String {
    let names: Vec<String> = scenes
        .iter()
        .take(5)
        .map(|&s| format!("`{}`", scenario.scenes[s].id))
        .collect();
    let more = scenes.len().saturating_sub(names.len());
    match names.split_last() {
        None => String::new(),
        Some((last, [])) if more == 0 => last.clone(),
        Some((last, rest)) if more == 0 => format!("{} and {last}", rest.join(", ")),
        Some(_) => format!("{} and {more} more", names.join(", ")),
    }
}
