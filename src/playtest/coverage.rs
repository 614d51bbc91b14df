//! Which scenes the runs entered, out of every scene in the scenario.

use std::collections::HashMap;

use serde::Serialize;

use crate::scenario::{Scenario, SceneIx};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    pub visited: usize,
    pub total: usize,
    /// Scenes no run entered, in the order the scenario lists them.
    pub never: Vec<String>,
}

/// Scenes entered so far, looked up by id without scanning every scene.
#[derive(Clone)]
pub struct Seen<'s> {
    index: HashMap<&'s str, SceneIx>,
    entered: Vec<bool>,
}

impl<'s> Seen<'s> {
    pub fn new(scenario: &'s Scenario) -> Seen<'s> {
        Seen {
            index: scenario
                .scenes
                .iter()
                .enumerate()
                .map(|(ix, scene)| (scene.id.as_str(), ix))
                .collect(),
            entered: vec![false; scenario.scenes.len()],
        }
    }

    /// The index of the scene with this id.
    pub fn scene(&self, id: &str) -> Option<SceneIx> {
        self.index.get(id).copied()
    }

    /// Marks a scene entered; returns its index.
    pub fn enter(&mut self, id: &str) -> Option<SceneIx> {
        let ix = self.scene(id)?;
        self.entered[ix] = true;
        Some(ix)
    }

    pub fn merge(&mut self, other: &Seen<'_>) {
        for (mine, theirs) in self.entered.iter_mut().zip(&other.entered) {
            *mine |= theirs;
        }
    }

    pub fn coverage(&self, scenario: &Scenario) -> Coverage {
        Coverage {
            visited: self.entered.iter().filter(|&&e| e).count(),
            total: scenario.scenes.len(),
            never: scenario
                .scenes
                .iter()
                .zip(&self.entered)
                .filter(|(_, entered)| !**entered)
                .map(|(scene, _)| scene.id.clone())
                .collect(),
        }
    }
}
