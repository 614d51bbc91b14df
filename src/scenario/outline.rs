//! The scenes of a scenario that did not load, and the ways out of each as written: enough to
//! draw what is there, broken references included.
//!
//! Only `dojo graph` reads it. It is made from the files as read, not from a [`Scenario`], so it
//! exists when compiling found errors; and nothing that plays or judges a scenario uses it, so
//! a scenario with errors still never plays.
//!
//! [`Scenario`]: super::Scenario

use toml::Spanned;

use super::load::Parsed;
use super::model::Scene;
use super::sanitize::clean;

/// Every scene that could be read, in file order, and where the story starts.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// The scenario's id as written, if any.
    pub id: Option<String>,
    /// The `start` as written, if any.
    pub start: Option<String>,
    pub scenes: Vec<OutlineScene>,
    /// Ids of scenes whose table or file could not be read.
    unread: Vec<String>,
    /// Whether some scenes could not be read at all, so any missing id may be one of theirs.
    unread_files: bool,
}

#[derive(Debug, Clone)]
pub struct OutlineScene {
    pub id: String,
    /// On one line, as written.
    pub title: Option<String>,
    pub ending: bool,
    pub exits: Vec<Exit>,
}

/// One way out of a scene, to the scene id written, which may not exist.
#[derive(Debug, Clone)]
pub struct Exit {
    pub to: String,
    /// The option id, `right`, `wrong` or `route: <condition>`; `None` for `next`.
    pub label: Option<String>,
    /// A route, taken when its condition holds.
    pub route: bool,
}

impl Outline {
    /// Whether `id` may name a scene that exists but could not be read (as opposed to none).
    pub fn may_be_unread(&self, id: &str) -> bool {
        self.unread_files || self.unread.iter().any(|unread| unread == id)
    }

    pub(super) fn of(parsed: &Parsed) -> Outline {
        Outline {
            id: parsed.manifest.id.as_ref().map(|id| id.get_ref().clone()),
            start: parsed.manifest.start.as_ref().map(|s| s.get_ref().clone()),
            scenes: parsed
                .scenes
                .iter()
                .map(|(_, scene)| scene_of(scene))
                .collect(),
            unread: parsed.broken.scenes.iter().cloned().collect(),
            unread_files: parsed.broken.unread_scenes,
        }
    }
}

fn scene_of(scene: &Scene) -> OutlineScene {
    let mut exits = Vec::new();
    let mut exit = |to: &Spanned<String>, label: Option<String>, route: bool| {
        exits.push(Exit {
            to: to.get_ref().clone(),
            label,
            route,
        });
    };
    if let Some(question) = &scene.question {
        let question = question.get_ref();
        for option in &question.options {
            let option = option.get_ref();
            if let Some(goto) = &option.goto {
                exit(goto, Some(option.id.get_ref().clone()), false);
            }
        }
        for (name, outcome) in [("right", &question.right), ("wrong", &question.wrong)] {
            if let Some(goto) = outcome.as_ref().and_then(|o| o.get_ref().goto.as_ref()) {
                exit(goto, Some(name.to_string()), false);
            }
        }
    }
    for route in &scene.routes {
        let label = format!("route: {}", one_line(route.when.get_ref()));
        exit(&route.goto, Some(label), true);
    }
    if let Some(next) = &scene.next {
        exit(next, None, false);
    }
    OutlineScene {
        id: scene.id.get_ref().clone(),
        title: scene.title.as_ref().map(|t| one_line(t.get_ref())),
        ending: scene.ending.as_ref().is_some_and(|e| *e.get_ref()),
        exits,
    }
}

fn one_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}
