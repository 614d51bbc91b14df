//! `dojo graph`: a scenario's scenes and the ways between them, as Graphviz DOT or Mermaid.
//!
//! A scenario with errors is still drawn as far as its files could be read, broken references
//! in red, so the drawing helps find them; its problems go to stderr and the exit code is 1.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::{GraphArgs, GraphFormat};
use dojo::analyze::{Analysis, outline_to_dot, outline_to_mermaid, to_dot, to_mermaid};
use dojo::diagnostic::{Style, render, summary};

use super::Error;
use super::source::load_folder;

pub fn run(args: &GraphArgs) -> Result<ExitCode, Error> {
    let loaded = load_folder(&args.path)?;
    let drawing = match (&loaded.scenario, &loaded.outline) {
        (Some(scenario), _) => {
            let analysis = Analysis::new(scenario);
            match args.format {
                GraphFormat::Dot => to_dot(scenario, &analysis),
                GraphFormat::Mermaid => to_mermaid(scenario, &analysis),
            }
        }
        (None, outline) => {
            let outline = outline.clone().unwrap_or_default();
            let name = outline
                .id
                .clone()
                .unwrap_or_else(|| folder_name(&args.path));
            match args.format {
                GraphFormat::Dot => outline_to_dot(&name, &outline),
                GraphFormat::Mermaid => outline_to_mermaid(&outline),
            }
        }
    };
    std::io::stdout().lock().write_all(drawing.as_bytes())?;
    if loaded.scenario.is_some() {
        return Ok(ExitCode::SUCCESS);
    }
    // The drawing goes to stdout, perhaps into a file: the problems go to stderr.
    let style = Style::for_output(std::io::stderr().is_terminal());
    let path = args.path.display().to_string();
    eprint!("{}", render(&loaded.diagnostics, &loaded.sources, style));
    Err(Error::Broken(format!(
        "drew what could be read of {}; broken references are red (`dojo check {path}`)",
        summary(&loaded.diagnostics, &path)
    )))
}

/// The folder's own name, for the graph when the scenario's id cannot be trusted.
fn folder_name(path: &std::path::Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute.file_name().map_or_else(
        || "scenario".to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
