//! Lints: likely mistakes in a scenario that loaded without errors, found by looking at it as
//! a whole (its scene graph, its scores, which names are used where).
//!
//! Every lint has a stable kebab-case code (listed with its meaning in [`LINTS`]), a place, a
//! label and a hint. A scene's `allow = ["code", ...]` keeps that lint quiet for diagnostics
//! placed inside the scene; naming a code that is no lint is itself a warning. Pure: this
//! returns diagnostics, and the command renders them.

mod allow;
mod codes;
mod flow;
mod grades;
mod length;
mod questions;
mod retry;
mod usage;

pub use codes::{LINTS, Lint};
pub use length::minutes_off;

use crate::analyze::Analysis;
use crate::diagnostic::{Diagnostic, Location, Sources};
use crate::scenario::{LintFacts, Scenario};

/// Every lint's findings, minus what scenes allow, in file order.
pub fn lint(
    scenario: &Scenario,
    facts: &LintFacts,
    analysis: &Analysis,
    sources: &Sources,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    flow::lint(scenario, analysis, &mut found);
    questions::lint(scenario, &mut found);
    usage::lint(scenario, facts, &mut found);
    grades::lint(scenario, analysis, &mut found);
    retry::lint(scenario, analysis, &mut found);
    let mut kept = allow::apply(scenario, facts, sources, found);
    sort(&mut kept);
    crate::diagnostic::cap_per_file(&mut kept);
    kept
}

/// Files in the order they were read, each from top to bottom; the order `scenario::load`
/// uses, so lints merge with its diagnostics.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| {
        d.primary.as_ref().map_or((usize::MAX, 0), |label| {
            (label.location.file.0, label.location.span.start)
        })
    });
}

/// A diagnostic with the lint's severity, underlining `location`.
fn diagnostic(
    code: &'static str,
    message: impl Into<String>,
    location: &Location,
    label: impl Into<String>,
) -> Diagnostic {
    let mut diagnostic = Diagnostic::warning(code, message);
    diagnostic.severity = codes::severity(code);
    diagnostic.at(location.file, location.span.clone(), label)
}
