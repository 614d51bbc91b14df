//! `dojo check`: every problem in every named scenario, rustc-style or as JSON, then what the
//! analysis proved about each scenario that loaded: score bounds and reachable grades.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{CheckArgs, Format};
use dojo::analyze::{Analysis, report_json, report_text};
use dojo::diagnostic::{Diagnostic, Style, explain, render, render_json, summary};
use dojo::lint::{lint, minutes_off, sort};
use dojo::playtest::{
    PLAY_TIME_RUNS, PlayTime, SECONDS_PER_CHOICE, SECONDS_PER_TYPED, WORDS_PER_MINUTE, play_time,
};
use dojo::scenario::Loaded;

use super::Error;
use super::source::load_folder;

/// One checked folder: what loading found, plus the lints and analysis when it loaded.
struct Checked<'a> {
    path: &'a PathBuf,
    loaded: Loaded,
    diagnostics: Vec<Diagnostic>,
    analysis: Option<Analysis>,
    play_time: Option<PlayTime>,
}

fn check(path: &PathBuf, loaded: Loaded) -> Checked<'_> {
    let mut diagnostics = loaded.diagnostics.clone();
    // The graph lints judge a whole scenario, so they run only on one that loaded.
    let analysis = loaded.scenario.as_ref().map(Analysis::new);
    let play_time = loaded.scenario.as_ref().and_then(play_time);
    if let (Some(scenario), Some(analysis)) = (&loaded.scenario, &analysis) {
        diagnostics.extend(lint(scenario, &loaded.facts, analysis, &loaded.sources));
        if let Some(estimate) = &play_time {
            diagnostics.extend(minutes_off(scenario, &loaded.facts, estimate));
        }
        sort(&mut diagnostics);
    }
    Checked {
        path,
        loaded,
        diagnostics,
        analysis,
        play_time,
    }
}

pub fn run(args: &CheckArgs) -> Result<ExitCode, Error> {
    if let Some(code) = &args.explain {
        let text = explain::text(code).map_err(Error::Broken)?;
        std::io::stdout().lock().write_all(text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
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
                    write!(
                        out,
                        "{}",
                        play_time_text(scenario.meta.minutes, report.play_time)
                    )?;
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
                        "play_time": report.play_time.map(|estimate| play_time_json(&estimate)),
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

/// The play-time estimate and the model behind it, as indented lines like the analysis.
fn play_time_text(declared: u32, estimate: Option<PlayTime>) -> String {
    let Some(estimate) = estimate else {
        return "  play time: no random run reached an ending, so there is no estimate\n".into();
    };
    let declared = match declared {
        0 => String::new(),
        minutes => format!(" (declared: {minutes})"),
    };
    let runs = match estimate.runs {
        PLAY_TIME_RUNS => format!("{PLAY_TIME_RUNS} random runs"),
        ended => format!("the {ended} of {PLAY_TIME_RUNS} random runs that ended"),
    };
    format!(
        "  play time, estimated over {runs}{declared}:\n    \
         shortest {}, median {}, longest {}\n    \
         (reading {WORDS_PER_MINUTE} words a minute, {SECONDS_PER_CHOICE} s a choice, {SECONDS_PER_TYPED} s a number or text answer)\n",
        minutes(estimate.shortest_minutes),
        minutes(estimate.median_minutes),
        minutes(estimate.longest_minutes),
    )
}

/// Whole minutes, and never "0 minutes" for a story that takes some time.
fn minutes(value: f64) -> String {
    match value.round().max(1.0) as u64 {
        1 => "1 minute".into(),
        n => format!("{n} minutes"),
    }
}

fn play_time_json(estimate: &PlayTime) -> serde_json::Value {
    serde_json::json!({
        "runs": estimate.runs,
        "of_runs": PLAY_TIME_RUNS,
        "shortest_minutes": estimate.shortest_minutes,
        "median_minutes": estimate.median_minutes,
        "longest_minutes": estimate.longest_minutes,
        "model": {
            "words_per_minute": WORDS_PER_MINUTE,
            "seconds_per_choice": SECONDS_PER_CHOICE,
            "seconds_per_typed_answer": SECONDS_PER_TYPED,
        },
    })
}
