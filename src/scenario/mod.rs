//! The scenario format: serde model, loading a folder (or the embedded flagship), semantic checks.
//!
//! Loading never stops at the first problem. [`load`] returns every diagnostic together with the
//! source text they point into, and a [`Scenario`] only when there is no error.

mod colour;
mod compile;
mod compiled;
mod dialogue;
mod literal;
mod load;
pub mod model;
mod origin;
mod sanitize;
mod toml_error;

pub use colour::{Colour, Named};
pub use compiled::*;
pub use load::{MANIFEST, Unreadable};
pub use origin::{Embedded, FLAGSHIP, Folder, ScenarioFiles};
pub use sanitize::clean;

use crate::diagnostic::{Diagnostic, Sources};

/// The outcome of loading: the scenario if it is usable, and everything found on the way.
pub struct Loaded {
    pub scenario: Option<Scenario>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

/// Loads and checks a scenario. `Err` only when the manifest cannot be read at all.
pub fn load(files: &dyn ScenarioFiles) -> Result<Loaded, Unreadable> {
    let mut sources = Sources::new();
    let mut diagnostics = Vec::new();
    let parsed = load::parse_files(files, &mut sources, &mut diagnostics)?;
    let scenario = parsed.manifest.as_ref().and_then(|(file, manifest)| {
        let scenario =
            compile::compile(&sources, *file, manifest, &parsed.scenes, &mut diagnostics);
        scenario.filter(|_| !diagnostics.iter().any(Diagnostic::is_error))
    });
    Ok(Loaded {
        scenario,
        diagnostics,
        sources,
    })
}
