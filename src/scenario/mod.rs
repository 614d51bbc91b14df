//! The scenario format: serde model, loading a folder (or the embedded flagship), semantic checks.
//!
//! Loading never stops at the first problem. [`load`] returns every diagnostic, file by file
//! and top to bottom, together with the source text they point into, and a [`Scenario`] only
//! when there is no error.

mod colour;
mod compile;
mod compiled;
pub(crate) mod dialogue;
mod lint_facts;
mod literal;
mod load;
pub mod model;
mod origin;
mod outline;
mod sanitize;

pub use colour::{Colour, Named};
pub(crate) use compiled::{
    Beat, Build, END_OPTION, Effects, Field, FigureUnit, GradeDef, MapRef, OutcomeDef, QuestionDef,
    RETRY_OPTION, RejectDef, SceneDef,
};
pub use compiled::{Meta, Scenario, SceneIx};
pub use lint_facts::LintFacts;
pub use load::{MANIFEST, Unreadable};
pub(crate) use origin::Overlay;
pub use origin::{
    Embedded, FLAGSHIP, Folder, MAX_FILE_BYTES, Refused, ScenarioFiles, read_inside, read_regular,
    read_regular_bytes,
};
pub use outline::{Exit, Outline, OutlineScene};
pub(crate) use sanitize::{clean, clean_json, from_json_cleaned};

use crate::diagnostic::{Diagnostic, Sources};

/// The outcome of loading: the scenario if it is usable, and everything found on the way.
pub struct Loaded {
    pub scenario: Option<Scenario>,
    /// What the lints read beside the scenario; see [`LintFacts`].
    pub facts: LintFacts,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
    /// Only when there is no scenario: its scenes and ways out as written, to draw.
    pub outline: Option<Outline>,
}

/// Loads and checks a scenario. `Err` only when the manifest cannot be read at all.
pub fn load(files: &dyn ScenarioFiles) -> Result<Loaded, Unreadable> {
    let mut sources = Sources::new();
    let mut diagnostics = Vec::new();
    let parsed = load::parse_files(files, &mut sources, &mut diagnostics)?;
    let (scenario, facts) = compile::compile(&sources, &parsed, &mut diagnostics);
    let scenario = scenario.filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
    let outline = scenario.is_none().then(|| Outline::of(&parsed));
    crate::toml_doc::quiet_after_syntax(&sources, &mut diagnostics);
    // Files in the order the manifest lists them, each from top to bottom.
    diagnostics.sort_by_key(|d| {
        d.primary.as_ref().map_or((usize::MAX, 0), |label| {
            (label.location.file.0, label.location.span.start)
        })
    });
    crate::diagnostic::cap_per_file(&mut diagnostics);
    Ok(Loaded {
        scenario,
        facts,
        diagnostics,
        sources,
        outline,
    })
}
