//! `dojo check`: every problem in every named scenario, rustc-style or as JSON, then what the
//! analysis proved about each scenario that loaded: score bounds and reachable grades.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{CheckArgs, Format};
use dojo::analyze::{Analysis, report_json, report_text};
use dojo::diagnostic::{Diagnostic, Style, render, render_json, summary};
use dojo::lint::{lint, sort};
use dojo::scenario::Loaded;

use super::Error;
use super::source::load_folder;

/// One checked folder: what loading found, plus the lints and analysis when it loaded.
struct Checked<'a> {
    path: &'a PathBuf,
    loaded: Loaded,
    diagnostics: Vec<Diagnostic>,
    analysis: Option<Analysis>,
}

fn check(path: &PathBuf, loaded: Loaded) -> Checked<'_> {
    let mut diagnostics = loaded.diagnostics.clone();
    // The graph lints judge a whole scenario, so they run only on one that loaded.
    let analysis = loaded.scenario.as_ref().map(Analysis::new);
    if let (Some(scenario), Some(analysis)) = (&loaded.scenario, &analysis) {
        diagnostics.extend(lint(scenario, &loaded.facts, analysis, &loaded.sources));
        sort(&mut diagnostics);
    }
    Checked {
        path,
        loaded,
        diagnostics,
        analysis,
    }
}

pub fn run(args: &CheckArgs) -> Result<ExitCode, Error> {
    let style = Style::for_output(std::io::stdout().is_terminal());
    let mut reports = Vec::new();
    let mut unusable = false;
    // One unusable path must not hide the problems of the others: each is reported and the
    // rest are still checked.
    for path in &args.paths {
        match load_folder(path) {
            Ok(loaded) => reports.push(check(path, loaded)),
            Err(error) if args.paths.len() > 1 => {
                eprintln!("error: {error}");
                unusable = true;
            }
            Err(error) => return Err(error),
        }
    }
    let problems = reports.iter().any(|r| !r.diagnostics.is_empty());
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Human => {
            for report in &reports {
                let sources = &report.loaded.sources;
                write!(out, "{}", render(&report.diagnostics, sources, style))?;
                writeln!(
                    out,
                    "{}",
                    summary(&report.diagnostics, &report.path.display().to_string())
                )?;
                if let (Some(scenario), Some(analysis)) =
                    (&report.loaded.scenario, &report.analysis)
                {
                    write!(out, "{}", report_text(scenario, analysis))?;
                }
            }
        }
        Format::Json => {
            let json: Vec<serde_json::Value> = reports
                .iter()
                .map(|report| {
                    let analysed = match (&report.loaded.scenario, &report.analysis) {
                        (Some(scenario), Some(analysis)) => report_json(scenario, analysis),
                        _ => serde_json::json!({ "bounds": null, "grades": null }),
                    };
                    serde_json::json!({
                        "path": report.path.display().to_string(),
                        "problems": render_json(&report.diagnostics, &report.loaded.sources),
                        "bounds": analysed["bounds"],
                        "grades": analysed["grades"],
                    })
                })
                .collect();
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            )?;
        }
    }
    Ok(if unusable {
        ExitCode::from(2)
    } else if problems {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
