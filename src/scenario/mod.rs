//! The scenario format: serde model, loading a folder (or the embedded flagship), semantic checks.
//!
//! Loading never stops at the first problem. [`load`] returns every diagnostic, file by file
//! and top to bottom, together with the source text they point into, and a [`Scenario`] only
//! when there is no error.

mod colour;
mod compile;
mod compiled;
mod dialogue;
mod inline_tables;
mod lint_facts;
mod literal;
mod load;
pub mod model;
mod origin;
mod sanitize;
mod toml_error;

pub use colour::{Colour, Named};
pub(crate) use compiled::{
    Beat, Build, Effects, Field, FigureUnit, GradeDef, MapRef, OutcomeDef, QuestionDef, SceneDef,
};
pub use compiled::{Meta, Scenario, SceneIx};
pub use lint_facts::LintFacts;
pub use load::{MANIFEST, Unreadable};
pub use origin::{
    Embedded, FLAGSHIP, Folder, MAX_FILE_BYTES, Refused, ScenarioFiles, read_inside, read_regular,
};
pub(crate) use sanitize::clean;

use crate::diagnostic::{Diagnostic, Sources};

/// The outcome of loading: the scenario if it is usable, and everything found on the way.
pub struct Loaded {
    pub scenario: Option<Scenario>,
    /// What the lints read beside the scenario; see [`LintFacts`].
    pub facts: LintFacts,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

/// Loads and checks a scenario. `Err` only when the manifest cannot be read at all.
pub fn load(files: &dyn ScenarioFiles) -> Result<Loaded, Unreadable> {
    let mut sources = Sources::new();
    let mut diagnostics = Vec::new();
    let parsed = load::parse_files(files, &mut sources, &mut diagnostics)?;
    let (scenario, facts) = compile::compile(&sources, &parsed, &mut diagnostics);
    let scenario = scenario.filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
    // A syntax error can leave a confusing value behind on its line: report only the error.
    let syntax_lines: std::collections::HashSet<(usize, usize)> = diagnostics
        .iter()
        .filter(|d| d.code == "toml-syntax")
        .filter_map(|d| line_of(&sources, d))
        .collect();
    diagnostics.retain(|d| {
        d.code == "toml-syntax" || !line_of(&sources, d).is_some_and(|l| syntax_lines.contains(&l))
    });
    // Files in the order the manifest lists them, each from top to bottom.
    diagnostics.sort_by_key(|d| {
        d.primary.as_ref().map_or((usize::MAX, 0), |label| {
            (label.location.file.0, label.location.span.start)
        })
    });
    Ok(Loaded {
        scenario,
        facts,
        diagnostics,
        sources,
    })
}

/// The file and line a diagnostic points at.
fn line_of(sources: &Sources, diagnostic: &Diagnostic) -> Option<(usize, usize)> {
    let location = &diagnostic.primary.as_ref()?.location;
    Some((
        location.file.0,
        sources.line_col(location.file, location.span.start).0,
    ))
}
