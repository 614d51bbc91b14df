//! Katacoda and Killercoda courses turned into dojo scenarios (`dojo import katacoda`).
//!
//! A module folder (`index.json` and its Markdown pages) or a pathway file listing module
//! folders becomes one scenario per module: pages as narration, quizzes as questions, YAML
//! dialogues and portrait quotes as dialogue. What needs the lab machine is not played; each
//! such place is a [`Note`]. Malformed input is a located [`Diagnostic`], and stops only the
//! module it is in. This module reads files and returns what to write; the command writes it.

mod answer;
mod colours;
mod course;
mod dialog;
mod emit;
mod files;
mod lab;
mod licence;
mod markdown;
mod metadata;
mod module;
mod notes;
mod quiz;
mod text;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Sources};

pub use notes::Note;

/// What importing a module or a pathway found.
pub struct Report {
    pub modules: Vec<ModuleReport>,
    pub diagnostics: Vec<Diagnostic>,
    /// The files the diagnostics point into.
    pub sources: Sources,
}

/// One module of the import.
pub struct ModuleReport {
    /// The module folder, as the input named it.
    pub source: String,
    /// The folder to write the scenario in, under the output folder.
    pub folder: String,
    pub title: String,
    pub outcome: Outcome,
    /// What was not carried over, in course order; files relative to `source`.
    pub notes: Vec<Note>,
}

pub enum Outcome {
    /// A scenario to write.
    Imported(Imported),
    /// The module has no quiz and no dialogue: a pure lab, nothing to play.
    NothingToPlay,
    /// The module has errors (see the report's diagnostics); nothing is written for it.
    Broken,
}

/// The files of an imported scenario, and a few counts for the summary.
pub struct Imported {
    /// File names inside the scenario folder, and their text.
    pub files: Vec<(String, String)>,
    pub scenes: usize,
    pub questions: usize,
    pub dialogue_lines: usize,
    pub characters: usize,
    /// The licence file copied beside the scenario, if one was found.
    pub licence: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path} does not exist")]
    NoSuchPath { path: String },
    #[error("{path} is neither a module folder (it has no index.json) nor a pathway file")]
    NotACourse { path: String },
}

/// Imports the module folder or pathway file at `path`.
pub fn katacoda(path: &Path) -> Result<Report, ImportError> {
    let display = path.display().to_string();
    if !path.exists() {
        return Err(ImportError::NoSuchPath { path: display });
    }
    let mut report = Report {
        modules: Vec::new(),
        diagnostics: Vec::new(),
        sources: Sources::new(),
    };
    if path.is_dir() && path.join("index.json").is_file() {
        let module = import_module(path, &display, None, &mut report);
        report.modules.push(module);
    } else if path.is_file() {
        import_pathway(path, &display, &mut report);
    } else {
        return Err(ImportError::NotACourse { path: display });
    }
    Ok(report)
}

fn import_pathway(path: &Path, display: &str, report: &mut Report) {
    let text = match files::read_text(path) {
        Ok(text) => text,
        Err(error) => {
            report.diagnostics.push(Diagnostic::error(
                "missing-file",
                format!("{display} {error}"),
            ));
            return;
        }
    };
    let file = report.sources.add(display, text.as_str());
    let listed = match course::parse_pathway(&text) {
        Ok(listed) => listed,
        Err(errors) => {
            for e in errors {
                report
                    .diagnostics
                    .push(Diagnostic::error(e.code, e.message).at(file, e.span, e.label));
            }
            return;
        }
    };
    let parent = path.parent().unwrap_or(Path::new(""));
    // Katacoda keeps `NAME-pathway.json` beside a `NAME` folder of modules.
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let modules_dir = parent.join(stem.strip_suffix("-pathway").unwrap_or(&stem));
    for entry in listed {
        let candidates: Vec<PathBuf> = [&modules_dir, &parent.to_path_buf()]
            .iter()
            .filter_map(|dir| files::inside(dir, &entry.id))
            .collect();
        match candidates
            .iter()
            .find(|dir| dir.join("index.json").is_file())
        {
            Some(dir) => {
                let shown = dir.display().to_string();
                let module = import_module(dir, &shown, entry.title.as_deref(), report);
                report.modules.push(module);
            }
            None => report.diagnostics.push(
                Diagnostic::error(
                    "missing-file",
                    format!("no module folder `{}` with an index.json", entry.id),
                )
                .at(file, entry.span, "no such module folder")
                .hint(format!(
                    "looked in {} and {}",
                    modules_dir.display(),
                    parent.display()
                )),
            ),
        }
    }
}

fn import_module(
    dir: &Path,
    display: &str,
    title: Option<&str>,
    report: &mut Report,
) -> ModuleReport {
    let built = module::build(dir, display, title, &mut report.sources);
    report.diagnostics.extend(built.diagnostics);
    let folder_name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = text::slug(&folder_name).unwrap_or_else(|| "course".into());
    let Some(module) = built.module else {
        return ModuleReport {
            source: display.to_string(),
            folder,
            title: title.unwrap_or(&folder_name).to_string(),
            outcome: Outcome::Broken,
            notes: built.notes,
        };
    };
    let questions = module
        .scenes
        .iter()
        .filter(|s| s.question.is_some())
        .count();
    let dialogue_lines = module
        .scenes
        .iter()
        .flat_map(|s| &s.beats)
        .filter(|b| matches!(b, markdown::Beat::Say { .. }))
        .count();
    let outcome = if questions == 0 && dialogue_lines == 0 {
        Outcome::NothingToPlay
    } else {
        let licence = licence::find(dir);
        let licence_text = match &licence {
            Some(l) => format!(
                "The course's licence notice, `{}` from `{}`, is copied beside this scenario. It covers the course text this scenario is made of.",
                l.name,
                l.found.display()
            ),
            None => "No licence file was found beside the course or in the folders above it. Check the course's terms before sharing this scenario.".to_string(),
        };
        let mut files = vec![
            ("scenario.toml".to_string(), module.manifest()),
            ("scenes.toml".to_string(), module.scenes_file()),
            (
                "IMPORT-NOTES.md".to_string(),
                notes::notes_page(&module.title, display, &licence_text, &built.notes),
            ),
        ];
        if let Some(l) = &licence {
            files.push((l.name.clone(), l.text.clone()));
        }
        Outcome::Imported(Imported {
            files,
            scenes: module.scenes.len(),
            questions,
            dialogue_lines,
            characters: module.characters.len(),
            licence: licence.map(|l| l.name),
        })
    };
    ModuleReport {
        source: display.to_string(),
        folder,
        title: module.title,
        outcome,
        notes: built.notes,
    }
}
