//! `dojo report`: reads a cohort's results files and journals and prints the figures as tables
//! or JSON, and writes CSV and HTML files when asked.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::cli::{Format, ReportArgs};
use dojo::report::{Inputs, Report, csv, gather, html, text};
use dojo::xapi::{Client, Config, Query, cohort_inputs};

use super::Error;

/// Wider than this, tables get no easier to read.
const WIDEST: usize = 160;

/// Seconds each request to the LRS may take.
const PATIENCE: u64 = 20;

pub fn run(args: &ReportArgs) -> Result<ExitCode, Error> {
    let inputs = if args.lrs {
        from_lrs(args)?
    } else {
        for path in &args.paths {
            if !path.exists() {
                return Err(Error::NoSuchPath {
                    path: path.display().to_string(),
                });
            }
        }
        gather(&args.paths)
    };
    let report = Report::of(inputs, args.scenario.as_deref());
    if report.is_empty() {
        let mut why = String::from(if args.lrs {
            "the LRS holds no dojo session for this"
        } else {
            "no results file or journal could be used"
        });
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

/// The cohort's statements read back from the configured LRS.
fn from_lrs(args: &ReportArgs) -> Result<Inputs, Error> {
    let config = super::xapi::configured()?;
    let queries: Vec<Query> = if let Some(iri) = &args.activity {
        vec![Query::Activity(iri.clone())]
    } else if !args.registration.is_empty() {
        args.registration
            .iter()
            .map(|id| Query::Registration(id.clone()))
            .collect()
    } else if let Some(id) = &args.scenario {
        vec![Query::Activity(scenario_iri(&config, id))]
    } else {
        // clap requires one of the three with --lrs.
        return Ok(Inputs::default());
    };
    let client = Client::new(&config, PATIENCE);
    let page = usize::try_from(args.page).unwrap_or(dojo::xapi::PAGE);
    let mut statements = Vec::new();
    for query in &queries {
        statements.extend(client.read(query, page)?);
    }
    Ok(cohort_inputs(&statements, &config.base, &config.endpoint))
}

/// The activity id statements give the scenario `id`.
fn scenario_iri(config: &Config, id: &str) -> String {
    format!(
        "{}/scenarios/{id}",
        config.base.activities.trim_end_matches('/')
    )
}

fn write_file(path: &Path, text: &str) -> Result<(), Error> {
    std::fs::write(path, text).map_err(|source| Error::WriteFile {
        path: path.display().to_string(),
        source,
    })
}
