//! `dojo check`'s diagnostics for a project, as LSP diagnostics by file.
//!
//! A project is checked as a whole, as `dojo check` does it: loading (every file of the
//! folder), then the lints when it loaded. Spans become UTF-16 positions in the text the
//! diagnostic points into, which is the editor's unsaved text where there is one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{
    CodeDescription, Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    Location, NumberOrString, Position, Range, Uri,
};

use crate::analyze::Analysis;
use crate::diagnostic::{Diagnostic, FileId, Severity, Sources};
use crate::lint::{lint, minutes_off, sort};
use crate::playtest::play_time;
use crate::scenario::{self, Folder, MANIFEST, Overlay};
use crate::vsm;

use super::documents::{Documents, Project, is_map_file};
use super::explain;
use super::position::Lines;
use super::uri::from_path;

/// Diagnostics by file; a file of the project with none has an empty list.
pub(crate) type ByFile = BTreeMap<PathBuf, Vec<LspDiagnostic>>;

pub(crate) fn check(project: &Project, documents: &Documents) -> ByFile {
    match project {
        Project::Map(path) => check_map(path, documents),
        Project::Scenario(root) => check_scenario(root, documents),
    }
}

fn check_map(path: &Path, documents: &Documents) -> ByFile {
    let mut found = ByFile::new();
    let Some(text) = documents.read(path) else {
        return found;
    };
    let loaded = vsm::load(&path.display().to_string(), &text);
    found.insert(path.to_path_buf(), Vec::new());
    convert(&loaded.diagnostics, &loaded.sources, path, &mut found);
    found
}

fn check_scenario(root: &Path, documents: &Documents) -> ByFile {
    let folder = Folder::new(root);
    let unsaved = documents.unsaved_in(root);
    let files = Overlay {
        folder: &folder,
        unsaved: &unsaved,
    };
    let manifest = root.join(MANIFEST);
    let mut found = ByFile::new();
    found.insert(manifest.clone(), Vec::new());
    let loaded = match scenario::load(&files) {
        Ok(loaded) => loaded,
        Err(unreadable) => {
            let at = Range::new(Position::new(0, 0), Position::new(0, 0));
            let diagnostic = LspDiagnostic {
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some("dojo".into()),
                ..LspDiagnostic::new_simple(at, unreadable.to_string())
            };
            found.insert(manifest, vec![diagnostic]);
            return found;
        }
    };
    let mut diagnostics = loaded.diagnostics.clone();
    if let Some(scenario) = &loaded.scenario {
        let analysis = Analysis::new(scenario);
        diagnostics.extend(lint(scenario, &loaded.facts, &analysis, &loaded.sources));
        if let Some(estimate) = play_time(scenario) {
            diagnostics.extend(minutes_off(scenario, &loaded.facts, &estimate));
        }
        sort(&mut diagnostics);
    }
    convert(&diagnostics, &loaded.sources, &manifest, &mut found);
    // A map file in the folder that no `[[map]]` names is still checked, as `dojo vsm` would.
    for (name, text) in &unsaved {
        let path = root.join(name);
        if is_map_file(&path) && !found.contains_key(&path) {
            let loaded = vsm::load(&path.display().to_string(), text);
            found.insert(path.clone(), Vec::new());
            convert(&loaded.diagnostics, &loaded.sources, &path, &mut found);
        }
    }
    found
}

/// Adds each diagnostic to its file's list; one with no place goes to `fallback`'s top.
fn convert(diagnostics: &[Diagnostic], sources: &Sources, fallback: &Path, found: &mut ByFile) {
    for d in diagnostics {
        let (path, range) = match &d.primary {
            Some(label) => place(sources, label.location.file, &label.location.span),
            None => (
                fallback.to_path_buf(),
                Range::new(Position::new(0, 0), Position::new(0, 0)),
            ),
        };
        let related: Vec<DiagnosticRelatedInformation> = d
            .secondary
            .iter()
            .filter_map(|label| {
                let (path, range) = place(sources, label.location.file, &label.location.span);
                Some(DiagnosticRelatedInformation {
                    location: Location::new(from_path(&path)?, range),
                    message: label.message.clone(),
                })
            })
            .collect();
        let label = d.primary.as_ref().map(|l| l.message.as_str());
        let message = std::iter::once(d.message.clone())
            .chain(label.filter(|l| !l.is_empty()).map(str::to_string))
            .chain(d.hint.as_ref().map(|hint| format!("hint: {hint}")))
            .collect::<Vec<_>>()
            .join("\n");
        let diagnostic = LspDiagnostic {
            range,
            severity: Some(match d.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
            }),
            code: Some(NumberOrString::String(d.code.to_string())),
            code_description: explain::link(d.code)
                .and_then(|href| Uri::from_str(&href).ok())
                .map(|href| CodeDescription { href }),
            source: Some("dojo".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        };
        found.entry(path).or_default().push(diagnostic);
    }
}

fn place(sources: &Sources, file: FileId, span: &std::ops::Range<usize>) -> (PathBuf, Range) {
    let path = PathBuf::from(sources.name(file));
    (path, Lines::new(sources.text(file)).range(span))
}
