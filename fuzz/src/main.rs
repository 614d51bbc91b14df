//! `dojo-fuzz`: a mutational fuzz loop over dojo's shipped scenarios and maps, on stable Rust.
//!
//! `cargo run --release -p dojo-fuzz -- --minutes N` runs for N minutes and reports the
//! executions and every failure: a panic, an input still running after its time budget, or a
//! process death (a stack overflow, memory exhausted). Failing inputs are saved under
//! `fuzz/out/crashers/` as folders `dojo check` or `dojo vsm` can be pointed at. Inputs run in
//! a worker process the supervisor restarts after a death, each on a thread with a bounded
//! stack. `--replay PATH...` runs saved inputs once. See the README.

mod case;
mod corpus;
mod crashers;
mod isolate;
mod mutate;
mod rng;
mod supervise;
mod target;
mod worker;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use corpus::Corpus;

struct Args {
    minutes: f64,
    budget: Duration,
    seed: u64,
    /// Worker processes run side by side.
    jobs: u64,
    out: PathBuf,
    replay: Vec<PathBuf>,
    /// Internal: run as a worker until this many milliseconds from now.
    worker: Option<u64>,
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("dojo-fuzz: {message}");
            eprintln!(
                "usage: dojo-fuzz [--minutes N] [--budget-ms N] [--seed N] [--jobs N] [--out DIR] [--replay PATH...]"
            );
            return ExitCode::from(2);
        }
    };
    let repository = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    if !args.replay.is_empty() {
        return supervise::replay(&args.replay, args.budget);
    }
    let corpus = match Corpus::gather(&repository) {
        Ok(corpus) if !corpus.cases.is_empty() => corpus,
        Ok(_) => {
            eprintln!("dojo-fuzz: no seeds under {}", repository.display());
            return ExitCode::FAILURE;
        }
        Err(error) => {
            eprintln!("dojo-fuzz: cannot read the seeds: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(error) = std::fs::create_dir_all(&args.out) {
        eprintln!("dojo-fuzz: cannot create {}: {error}", args.out.display());
        return ExitCode::FAILURE;
    }
    match args.worker {
        Some(millis) => {
            let until = Instant::now() + Duration::from_millis(millis);
            worker::run(&corpus, &args.out, args.seed, until, args.budget)
        }
        None => supervise::run(
            &corpus,
            &args.out,
            args.seed,
            args.minutes,
            args.budget,
            args.jobs,
        ),
    }
}

fn parse(mut words: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut args = Args {
        minutes: 1.0,
        budget: Duration::from_millis(2_000),
        seed: 1,
        jobs: 1,
        out: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("out"),
        replay: Vec::new(),
        worker: None,
    };
    while let Some(word) = words.next() {
        let mut value = || words.next().ok_or(format!("{word} needs a value"));
        match word.as_str() {
            "--minutes" => {
                args.minutes = value()?
                    .parse()
                    .ok()
                    .filter(|m: &f64| m.is_finite() && *m > 0.0)
                    .ok_or("--minutes takes a positive number")?
            }
            "--budget-ms" => {
                args.budget = Duration::from_millis(
                    value()?
                        .parse()
                        .map_err(|_| "--budget-ms takes milliseconds")?,
                )
            }
            "--seed" => args.seed = value()?.parse().map_err(|_| "--seed takes a number")?,
            "--jobs" => {
                args.jobs = value()?
                    .parse()
                    .ok()
                    .filter(|jobs| *jobs > 0)
                    .ok_or("--jobs takes a number of workers, 1 or more")?
            }
            "--out" => args.out = PathBuf::from(value()?),
            "--worker" => {
                args.worker = Some(
                    value()?
                        .parse()
                        .map_err(|_| "--worker takes milliseconds")?,
                )
            }
            "--replay" => args.replay.extend(words.by_ref().map(PathBuf::from)),
            _ => return Err(format!("unknown argument `{word}`")),
        }
    }
    Ok(args)
}
