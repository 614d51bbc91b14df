//! What the lints read about a scenario beyond what the engine plays: where flags are set and
//! read, and which lints each scene allows. Loading returns it beside the [`Scenario`], so the
//! scenario a learner plays carries nothing only `dojo check` needs.
//!
//! [`Scenario`]: super::Scenario

use crate::diagnostic::Location;

use super::SceneIx;

#[derive(Debug, Clone, Default)]
pub struct LintFacts {
    /// Every place a flag is set.
    pub(crate) flag_sets: Vec<(String, Location)>,
    /// Every place a flag is read in a condition or a text.
    pub(crate) flag_reads: Vec<(String, Location)>,
    /// Per scene, in scene order: the lint codes its `allow` names, and where each is written.
    pub(crate) allows: Vec<Vec<(String, Location)>>,
    /// Where `scenario.toml` declares `minutes`, if it does.
    pub(crate) minutes: Option<Location>,
}

impl LintFacts {
    /// Whether the scene allows the lint with this code.
    pub fn allows(&self, scene: SceneIx, code: &str) -> bool {
        self.allows
            .get(scene)
            .is_some_and(|allowed| allowed.iter().any(|(allowed, _)| allowed == code))
    }
}
