//! `dojo check`: every problem in every named scenario, rustc-style or as JSON.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::{CheckArgs, Format};
use crate::diagnostic::{Style, render, render_json, summary};

use super::Error;
use super::source::load_folder;

pub fn run(args: &CheckArgs) -> Result<ExitCode, Error> {
    let style = if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        Style::Colour
    } else {
        Style::Plain
    };
    let mut reports = Vec::new();
    let mut problems = false;
    let mut unusable = false;
    // One unusable path must not hide the problems of the others: each is reported and the
    // rest are still checked.
    for path in &args.paths {
        match load_folder(path) {
            Ok(loaded) => {
                problems |= !loaded.diagnostics.is_empty();
                reports.push((path, loaded));
            }
            Err(error) if args.paths.len() > 1 => {
                eprintln!("error: {error}");
                unusable = true;
            }
            Err(error) => return Err(error),
        }
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Human => {
            for (path, loaded) in &reports {
                write!(
                    out,
                    "{}",
                    render(&loaded.diagnostics, &loaded.sources, style)
                )?;
                writeln!(
                    out,
                    "{}",
                    summary(&loaded.diagnostics, &path.display().to_string())
                )?;
            }
        }
        Format::Json => {
            let json: Vec<serde_json::Value> = reports
                .iter()
                .map(|(path, loaded)| {
                    serde_json::json!({
                        "path": path.display().to_string(),
                        "problems": render_json(&loaded.diagnostics, &loaded.sources),
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
