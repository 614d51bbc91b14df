//! What a drawing of the scene graph shows, whatever the format: nodes and edges with their
//! labels and looks. A scenario that loaded is drawn with what the analysis proved; one that did
//! not is drawn from its [`Outline`], with references to no scene as red edges into dashed
//! ghost nodes.

use std::collections::HashMap;

use crate::scenario::{Outline, Scenario};

use super::{Analysis, EdgeKind, label};

pub(super) struct Drawing {
    pub name: String,
    pub nodes: Vec<Node>,
    /// The node the story starts in, and whether that start names no scene.
    pub start: Option<usize>,
    pub edges: Vec<Edge>,
}

pub(super) struct Node {
    pub id: String,
    pub title: Option<String>,
    pub ending: bool,
    pub unreachable: bool,
    /// For a node that stands for no scene: why (`no such scene`, `not read`).
    pub ghost: Option<&'static str>,
}

pub(super) struct Edge {
    pub from: usize,
    pub to: usize,
    pub label: Option<String>,
    /// A route: dashed.
    pub route: bool,
    /// Into a ghost: red.
    pub broken: bool,
}

impl Drawing {
    pub(super) fn of_scenario(scenario: &Scenario, analysis: &Analysis) -> Drawing {
        let nodes = scenario
            .scenes
            .iter()
            .enumerate()
            .map(|(index, scene)| Node {
                id: scene.id.clone(),
                title: label::title(scene),
                ending: scene.ending,
                unreachable: !analysis.reachable(index),
                ghost: None,
            })
            .collect();
        let edges = analysis
            .graph
            .edges()
            .iter()
            .map(|edge| Edge {
                from: edge.from,
                to: edge.to,
                label: label::edge(scenario, edge),
                route: matches!(edge.kind, EdgeKind::Route(_)),
                broken: false,
            })
            .collect();
        Drawing {
            name: scenario.meta.id.clone(),
            nodes,
            start: (scenario.start < scenario.scenes.len()).then_some(scenario.start),
            edges,
        }
    }

    /// `name` is the scenario's id, or the folder's name when the id could not be read.
    pub(super) fn of_outline<'o>(name: &str, outline: &'o Outline) -> Drawing {
        let mut index: HashMap<&'o str, usize> = HashMap::new();
        let mut nodes = Vec::new();
        for scene in &outline.scenes {
            // A second scene with one id is an error already reported: the first is drawn.
            index.entry(&scene.id).or_insert_with(|| {
                nodes.push(Node {
                    id: scene.id.clone(),
                    title: scene.title.clone(),
                    ending: scene.ending,
                    unreachable: true,
                    ghost: None,
                });
                nodes.len() - 1
            });
        }
        let scenes = nodes.len();
        let mut node_of = |id: &'o str, nodes: &mut Vec<Node>| -> usize {
            if let Some(&found) = index.get(id) {
                return found;
            }
            index.insert(id, nodes.len());
            let why = if outline.may_be_unread(id) {
                "not read"
            } else {
                "no such scene"
            };
            nodes.push(Node {
                id: id.to_string(),
                title: None,
                ending: false,
                unreachable: false,
                ghost: Some(why),
            });
            nodes.len() - 1
        };
        let start = outline.start.as_deref().map(|id| node_of(id, &mut nodes));
        let mut edges = Vec::new();
        let mut drawn = vec![false; scenes];
        for scene in &outline.scenes {
            let from = node_of(&scene.id, &mut nodes);
            if std::mem::replace(&mut drawn[from], true) {
                continue;
            }
            for exit in &scene.exits {
                let to = node_of(&exit.to, &mut nodes);
                edges.push(Edge {
                    from,
                    to,
                    label: exit.label.clone(),
                    route: exit.route,
                    broken: to >= scenes,
                });
            }
        }
        let mut drawing = Drawing {
            name: name.to_string(),
            nodes,
            start,
            edges,
        };
        drawing.mark_reachable();
        drawing
    }

    /// Marks the nodes a walk from the start reaches along the edges; ghosts stay as they are.
    fn mark_reachable(&mut self) {
        let mut leaving: Vec<Vec<usize>> = vec![Vec::new(); self.nodes.len()];
        for edge in &self.edges {
            leaving[edge.from].push(edge.to);
        }
        let mut stack: Vec<usize> = self.start.into_iter().collect();
        while let Some(node) = stack.pop() {
            if !std::mem::replace(&mut self.nodes[node].unreachable, false) {
                continue;
            }
            stack.extend(&leaving[node]);
        }
    }

    /// Whether the start names no scene.
    pub(super) fn start_broken(&self) -> bool {
        self.start
            .is_some_and(|start| self.nodes[start].ghost.is_some())
    }
}
