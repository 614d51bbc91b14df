//! `dojo test`: automated playthroughs of a scenario (random runs, every path, or typed answers
//! against a golden transcript), reported for people or as JSON.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::cli::{Format, TestArgs};
use dojo::diagnostic::{Style, render, summary};
use dojo::playtest::{
    self, Distribution, ExhaustiveReport, Paths, RandomOptions, RandomReport, TranscriptEnd,
    TrapKind, Why,
};
use dojo::scenario::{Scenario, Unreadable};

use super::Error;
use super::source::load_folder;

/// Answers after which a random run that has not ended counts as stuck: far more than any
/// hand-written path needs.
const MAX_ANSWERS: usize = 1000;

/// Distinct situations `--exhaustive` explores before giving up: at most about half a minute's
/// work and a few hundred megabytes on the shipped scenarios.
const LIMIT: usize = 100_000;

/// Stuck runs described in full; the JSON report has them all.
const MOST_STUCK_SHOWN: usize = 5;

/// Histogram bars, lowest to highest.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

pub fn run(args: &TestArgs) -> Result<ExitCode, Error> {
    let loaded = load_folder(&args.path)?;
    let path = args.path.display().to_string();
    let Some(scenario) = loaded.scenario else {
        let style = Style::for_output(std::io::stderr().is_terminal());
        eprint!("{}", render(&loaded.diagnostics, &loaded.sources, style));
        return Err(Error::Broken(format!(
            "cannot test {}",
            summary(&loaded.diagnostics, &path)
        )));
    };
    let (text, passed) = match (args.random, &args.answers, &args.expect) {
        (Some(runs), _, _) => {
            let options = RandomOptions {
                runs,
                seed: args.seed.unwrap_or(0),
                max_answers: args.max_answers.unwrap_or(MAX_ANSWERS),
            };
            let report = playtest::random_runs(&scenario, options);
            let passed = report.stuck.is_empty();
            let text = match args.format {
                Format::Human => random_text(&path, &report),
                Format::Json => json(&path, "random", &report),
            };
            (text, passed)
        }
        (None, Some(answers), Some(expect)) => golden(args, &scenario, answers, expect)?,
        (None, Some(answers), None) => print_transcript(args, &scenario, answers)?,
        _ => {
            let report = playtest::exhaustive(&scenario, args.limit.unwrap_or(LIMIT))?;
            let passed = report.traps.is_empty();
            let text = match args.format {
                Format::Human => exhaustive_text(&path, &report),
                Format::Json => json(&path, "exhaustive", &report),
            };
            (text, passed)
        }
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn json(path: &str, mode: &str, report: &impl serde::Serialize) -> String {
    let mut value = serde_json::to_value(report).unwrap_or_default();
    if let Some(fields) = value.as_object_mut() {
        fields.insert("path".into(), path.into());
        fields.insert("mode".into(), mode.into());
    }
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

fn random_text(path: &str, report: &RandomReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} random run{} of {path} from seed {}",
        report.runs,
        plural(report.runs as usize),
        report.seed
    );
    let ended = report.runs as usize - report.stuck.len();
    let _ = match &report.answers_per_run {
        Some(per_run) => writeln!(
            out,
            "{ended} reached an ending, answering {} to {} questions (median {}); {} answers in all",
            per_run.min, per_run.max, per_run.median, report.answers
        ),
        None => writeln!(out, "No run reached an ending."),
    };
    let endings: Vec<(String, String, u128)> = report
        .endings
        .iter()
        .map(|e| (e.scene.clone(), e.title.clone(), e.runs.into()))
        .collect();
    counts(&mut out, "Endings", &endings, report.runs.into());
    coverage(&mut out, &report.coverage);
    let mut rows: Vec<(String, &Distribution)> = report
        .scores
        .iter()
        .filter_map(|s| Some((s.name.clone(), s.distribution.as_ref()?)))
        .collect();
    rows.extend(report.percent.as_ref().map(|d| ("Percent".to_string(), d)));
    let rows: Vec<(String, Vec<String>)> = rows
        .into_iter()
        .map(|(name, d)| {
            let cells = [d.min, d.median, d.max].map(|n| n.to_string());
            (
                name,
                [cells.to_vec(), vec![sparkline(&d.histogram)]].concat(),
            )
        })
        .collect();
    figures(&mut out, "Final scores", &["min", "median", "max"], &rows);
    let grades: Vec<(String, String, u128)> = report
        .grades
        .iter()
        .map(|g| (g.name.clone(), String::new(), g.runs.into()))
        .collect();
    counts(&mut out, "Grades", &grades, ended as u128);
    if report.stuck.is_empty() {
        let _ = writeln!(out, "\nEvery run reached an ending.");
        return out;
    }
    let _ = writeln!(
        out,
        "\n{} of {} runs got stuck:",
        report.stuck.len(),
        report.runs
    );
    for stuck in report.stuck.iter().take(MOST_STUCK_SHOWN) {
        let why = match &stuck.why {
            Why::NoEnding {
                from_answer,
                scenes,
            } => format!(
                "no ending within {} answers; from answer {from_answer} on it only went round {}",
                report.max_answers,
                ids(scenes)
            ),
            Why::NoOptions { scene } => format!("the question in `{scene}` offered no option"),
            Why::Circling { scenes } => format!(
                "after answer {} it went round {} without a question or an ending",
                stuck.answered,
                ids(scenes)
            ),
            Why::Refused { scene, message } => {
                format!("the engine refused an answer in `{scene}`: {message}")
            }
        };
        let _ = writeln!(out, "  run {} (seed {}): {why}", stuck.run, stuck.seed);
        replay(&mut out, path, stuck.seed, &stuck.replay);
    }
    if report.stuck.len() > MOST_STUCK_SHOWN {
        let _ = writeln!(
            out,
            "  and {} more (`--format json` lists them all)",
            report.stuck.len() - MOST_STUCK_SHOWN
        );
    }
    out
}

fn exhaustive_text(path: &str, report: &ExhaustiveReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Every path through {path}");
    let memo = if report.memo.is_empty() {
        "scene alone".to_string()
    } else {
        format!("scene and {}", report.memo.join(", "))
    };
    let situations = format!(
        "{} distinct situation{} (told apart by {memo})",
        report.states,
        plural(report.states)
    );
    match &report.paths {
        Paths::Counted { count } => {
            let count = if *count == u128::MAX {
                format!("at least {count}")
            } else {
                count.to_string()
            };
            let paths = if count == "1" { "path" } else { "paths" };
            let _ = writeln!(out, "{count} {paths} to an ending, through {situations}");
        }
        Paths::Unbounded { scenes } => {
            let _ = writeln!(
                out,
                "Paths without end: a learner can go round {} as often as they like, through {situations}",
                ids(scenes)
            );
        }
    }
    let endings: Vec<(String, String, Option<u128>)> = report
        .endings
        .iter()
        .map(|e| (e.scene.clone(), e.title.clone(), e.paths))
        .collect();
    if let Paths::Counted { .. } = report.paths {
        let sum = endings
            .iter()
            .fold(0u128, |sum, e| sum.saturating_add(e.2.unwrap_or(0)));
        let rows: Vec<(String, String, u128)> = endings
            .into_iter()
            .map(|(scene, title, paths)| (scene, title, paths.unwrap_or(0)))
            .collect();
        counts(&mut out, "Endings", &rows, sum);
    } else {
        let _ = writeln!(out, "\nEndings");
        for (scene, title, _) in endings {
            let _ = writeln!(out, "  {scene}  {title}");
        }
    }
    coverage(&mut out, &report.coverage);
    if let Some(scores) = &report.scores {
        let rows: Vec<(String, Vec<String>)> = scores
            .iter()
            .map(|s| (s.name.clone(), vec![s.min.to_string(), s.max.to_string()]))
            .collect();
        figures(&mut out, "Final scores", &["min", "max"], &rows);
    }
    if report.traps.is_empty() {
        let _ = writeln!(out, "\nEvery situation can still reach an ending.");
        return out;
    }
    let _ = writeln!(
        out,
        "\n{} trap{} a learner can walk into and never leave:",
        report.traps.len(),
        plural(report.traps.len())
    );
    for trap in &report.traps {
        let why = match &trap.why {
            TrapKind::NoWayOut => format!("no answer leads out of {}", ids(&trap.scenes)),
            TrapKind::NoOptions { scene } => format!("the question in `{scene}` offers no option"),
            TrapKind::Circling => format!(
                "{} lead into each other without a question or an ending",
                ids(&trap.scenes)
            ),
        };
        let _ = writeln!(out, "  {why}");
        replay(&mut out, path, 0, &trap.replay);
    }
    out
}

/// Plays the answers file from the start, as `--seed` and `--name` say.
fn play_answers(
    args: &TestArgs,
    scenario: &Scenario,
    answers: &Path,
) -> Result<playtest::Transcript, Error> {
    let answer_text = dojo::scenario::read_regular(answers).map_err(|source| Unreadable {
        path: answers.display().to_string(),
        source,
    })?;
    let lines = playtest::answer_lines(&answer_text);
    let learner = args.name.as_deref().unwrap_or(playtest::LEARNER);
    Ok(playtest::transcript(
        scenario,
        &lines,
        args.seed.unwrap_or(0),
        learner,
    )?)
}

/// `--answers` without `--expect`: the transcript itself, to read before blessing it. It fails
/// (after printing) when it could not stand as a golden transcript, saying why on stderr.
fn print_transcript(
    args: &TestArgs,
    scenario: &Scenario,
    answers: &Path,
) -> Result<(String, bool), Error> {
    let transcript = play_answers(args, scenario, answers)?;
    let unfit = transcript.unfit();
    let text = match args.format {
        Format::Human => {
            if let Some(why) = &unfit {
                eprintln!("note: {why}");
            }
            transcript.text
        }
        Format::Json => {
            let json = serde_json::json!({
                "path": args.path.display().to_string(),
                "mode": "answers",
                "answers": answers.display().to_string(),
                "transcript": transcript.text,
                "rejected": transcript.rejected,
                "unfit": unfit,
            });
            serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"
        }
    };
    Ok((text, unfit.is_none()))
}

/// Plays the answers file and compares its transcript with the expect file, or writes it.
/// A run with a refused answer, or one that stops before an ending, is never written and
/// never passes: a golden transcript of it would prove nothing.
fn golden(
    args: &TestArgs,
    scenario: &Scenario,
    answers: &Path,
    expect: &Path,
) -> Result<(String, bool), Error> {
    let transcript = play_answers(args, scenario, answers)?;
    let unfit = transcript.unfit();
    let expect_name = expect.display().to_string();
    let (diff, blessed) = if args.bless {
        if let Some(why) = &unfit {
            return Err(Error::Broken(format!(
                "{expect_name} not written: {why}; see the transcript with `dojo test {} --answers {}`",
                args.path.display(),
                answers.display()
            )));
        }
        std::fs::write(expect, &transcript.text).map_err(|source| Error::WriteFile {
            path: expect_name.clone(),
            source,
        })?;
        (None, true)
    } else {
        let expected = match dojo::scenario::read_regular(expect) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::Broken(format!(
                    "{expect_name} does not exist; run with --bless to write it"
                )));
            }
            other => other.map_err(|source| Unreadable {
                path: expect_name.clone(),
                source,
            })?,
        };
        (playtest::diff::unified(&expected, &transcript.text), false)
    };
    let (ending, ran_out) = match &transcript.end {
        TranscriptEnd::Ended { scene, .. } => (Some(scene.as_str()), None),
        TranscriptEnd::RanOut { scene } => (None, Some(scene.as_str())),
    };
    let text = match args.format {
        Format::Json => {
            let json = serde_json::json!({
                "path": args.path.display().to_string(),
                "mode": "answers",
                "answers": answers.display().to_string(),
                "expect": expect_name,
                "blessed": blessed,
                "matches": diff.is_none(),
                "ending": ending,
                "ran_out_in": ran_out,
                "unused_answers": transcript.unused,
                "rejected": transcript.rejected,
                "unfit": unfit,
                "diff": diff,
            });
            serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"
        }
        Format::Human => {
            let mut out = String::new();
            let end = match (ending, ran_out) {
                (Some(scene), _) => format!("ends at `{scene}`"),
                (_, Some(scene)) => format!("stops at `{scene}`: the answers ran out"),
                _ => String::new(),
            };
            let lines = transcript.text.lines().count();
            let _ = match (&diff, blessed) {
                (_, true) => writeln!(out, "Wrote {expect_name}: {lines} lines; the run {end}."),
                (None, false) => {
                    writeln!(out, "The transcript matches {expect_name}; the run {end}.")
                }
                (Some(diff), false) => writeln!(
                    out,
                    "The transcript differs from {expect_name}; the run {end}.\n\
                     --- {expect_name}\n+++ the transcript of {}\n{diff}\
                     If the new transcript is right, run again with --bless to keep it.",
                    answers.display()
                ),
            };
            if let Some(why) = &unfit {
                let _ = writeln!(out, "This run cannot pass: {why}.");
            }
            if transcript.unused > 0 {
                let _ = writeln!(
                    out,
                    "Note: the story ended with {} answer{} left unread.",
                    transcript.unused,
                    plural(transcript.unused)
                );
            }
            out
        }
    };
    Ok((text, diff.is_none() && unfit.is_none()))
}

/// A table of names with counts and their share of `whole`.
fn counts(out: &mut String, heading: &str, rows: &[(String, String, u128)], whole: u128) {
    if rows.is_empty() {
        return;
    }
    let first = rows.iter().map(|r| width(&r.0)).max().unwrap_or(0);
    let second = rows.iter().map(|r| width(&r.1)).max().unwrap_or(0);
    let number = rows
        .iter()
        .map(|r| r.2.to_string().len())
        .max()
        .unwrap_or(0);
    let _ = writeln!(out, "\n{heading}");
    for (name, title, count) in rows {
        let share = if whole == 0 {
            0.0
        } else {
            *count as f64 * 100.0 / whole as f64
        };
        let title = if second == 0 {
            String::new()
        } else {
            format!("  {title}{:pad$}", "", pad = second - width(title))
        };
        let _ = writeln!(
            out,
            "  {name}{:pad$}{title}  {count:>number$}  {share:>5.1}%",
            "",
            pad = first - width(name)
        );
    }
}

/// A table under a heading: names indented below it, each figure right-aligned under its label,
/// and anything after the labelled figures (a histogram) as it is.
fn figures(out: &mut String, heading: &str, labels: &[&str], rows: &[(String, Vec<String>)]) {
    if rows.is_empty() {
        return;
    }
    let first = rows
        .iter()
        .map(|(name, _)| 2 + width(name))
        .max()
        .unwrap_or(0)
        .max(width(heading));
    let _ = write!(out, "\n{heading}{:pad$}", "", pad = first - width(heading));
    for label in labels {
        let _ = write!(out, "  {label:>6}");
    }
    out.push('\n');
    for (name, cells) in rows {
        let _ = write!(out, "  {name}{:pad$}", "", pad = first - 2 - width(name));
        for (i, cell) in cells.iter().enumerate() {
            let _ = if i < labels.len() {
                write!(out, "  {cell:>6}")
            } else {
                write!(out, "  {cell}")
            };
        }
        out.push('\n');
    }
}

fn coverage(out: &mut String, coverage: &playtest::Coverage) {
    let _ = writeln!(
        out,
        "\nScenes: {} of {} visited",
        coverage.visited, coverage.total
    );
    if !coverage.never.is_empty() {
        let _ = writeln!(out, "Never visited: {}", ids(&coverage.never));
    }
}

/// How to follow a run by hand: the play command, then the answers to type.
fn replay(out: &mut String, path: &str, seed: u64, answers: &[String]) {
    if answers.is_empty() {
        let _ = writeln!(
            out,
            "    see it with `dojo play {path} --plain --seed {seed}`, from the start"
        );
        return;
    }
    let _ = writeln!(
        out,
        "    replay with `dojo play {path} --plain --seed {seed}`, typing:"
    );
    for answer in answers {
        let _ = writeln!(out, "      {answer}");
    }
}

fn sparkline(histogram: &[u32]) -> String {
    let tallest = histogram.iter().copied().max().unwrap_or(0).max(1);
    histogram
        .iter()
        .map(|&n| match n {
            0 => ' ',
            n => BARS[((n as usize * BARS.len()).div_ceil(tallest as usize) - 1).min(7)],
        })
        .collect()
}

fn ids(ids: &[String]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
