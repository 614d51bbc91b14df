//! `dojo graph`: a scenario's scenes and the ways between them, as Graphviz DOT or Mermaid.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::{GraphArgs, GraphFormat};
use dojo::analyze::{Analysis, to_dot, to_mermaid};
use dojo::diagnostic::{Style, render, summary};

use super::Error;
use super::source::load_folder;

pub fn run(args: &GraphArgs) -> Result<ExitCode, Error> {
    let loaded = load_folder(&args.path)?;
    let Some(scenario) = &loaded.scenario else {
        // The drawing goes to stdout, perhaps into a file: the problems go to stderr.
        let style = Style::for_output(std::io::stderr().is_terminal());
        let path = args.path.display().to_string();
        eprint!("{}", render(&loaded.diagnostics, &loaded.sources, style));
        return Err(Error::Broken(format!(
            "cannot draw {}; fix the errors first (`dojo check {path}`)",
            summary(&loaded.diagnostics, &path)
        )));
    };
    let analysis = Analysis::new(scenario);
    let drawing = match args.format {
        GraphFormat::Dot => to_dot(scenario, &analysis),
        GraphFormat::Mermaid => to_mermaid(scenario, &analysis),
    };
    std::io::stdout().lock().write_all(drawing.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
