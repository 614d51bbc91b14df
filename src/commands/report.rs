//! `dojo report`: reads a cohort's results files and journals and prints the figures as tables
//! or JSON, and writes CSV and HTML files when asked.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::cli::{Format, ReportArgs};
use dojo::report::{Report, csv, gather, html, text};

use super::Error;

/// Wider than this, tables get no easier to read.
const WIDEST: usize = 160;

pub fn run(args: &ReportArgs) -> Result<ExitCode, Error> {
    for path in &args.paths {
        if !path.exists() {
            return Err(Error::NoSuchPath {
                path: path.display().to_string(),
            });
        }
    }
    let report = Report::of(gather(&args.paths), args.scenario.as_deref());
    if report.is_empty() {
        let mut why = String::from("no results file or journal could be used");
        for rejected in &report.rejected {
            why.push_str(&format!("\n  {}: {}", rejected.path, rejected.reason));
        }
        return Err(Error::NothingToReport(why));
    }
    if let Some(path) = &args.csv {
        write_file(path, &csv(&report))?;
    }
    if let Some(path) = &args.html {
        write_file(path, &html(&report))?;
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Human => {
            let terminal = std::io::stdout().is_terminal();
            let width = args
                .width
                .unwrap_or_else(|| super::terminal_width(terminal, WIDEST));
            out.write_all(text(&report, width).as_bytes())?;
        }
        Format::Json => {
            let json = serde_json::to_string_pretty(&report)
                .map_err(|error| Error::Output(std::io::Error::other(error)))?;
            writeln!(out, "{json}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_file(path: &Path, text: &str) -> Result<(), Error> {
    std::fs::write(path, text).map_err(|source| Error::WriteFile {
        path: path.display().to_string(),
        source,
    })
}
