//! Which scenes the runs entered, out of every scene in the scenario.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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
    index: HashMap<&'s str, SceneIx, BuildHasherDefault<Fnv>>,
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

/// FNV-1a. Random runs look up every scene they enter, and the default hasher, built to resist
/// crafted keys, costs more than it needs to for short ids an author wrote.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}
