//! Which scenes the runs entered, out of every scene in the scenario.

use serde::Serialize;

use crate::scenario::{Scenario, SceneIx};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    pub visited: usize,
    pub total: usize,
    /// Scenes no run entered, in the order the scenario lists them.
    pub never: Vec<String>,
}

/// Scenes entered so far.
#[derive(Clone)]
pub(crate) struct Seen {
    entered: Vec<bool>,
}

impl Seen {
    pub(crate) fn new(scenario: &Scenario) -> Seen {
        Seen {
            entered: vec![false; scenario.scenes.len()],
        }
    }

    pub(crate) fn enter(&mut self, scene: SceneIx) {
        self.entered[scene] = true;
    }

    pub(crate) fn merge(&mut self, other: &Seen) {
        for (mine, theirs) in self.entered.iter_mut().zip(&other.entered) {
            *mine |= theirs;
        }
    }

    pub(super) fn coverage(&self, scenario: &Scenario) -> Coverage {
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
