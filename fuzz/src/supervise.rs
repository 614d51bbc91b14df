//! The supervisor: runs workers until the time is up, restarts one that dies and saves the
//! input that killed it, totals the executions, and appends the run to `out/runs.log`.

use std::collections::BTreeMap;
use std::fs::{self, OpenOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::case::Case;
use crate::corpus::Corpus;
use crate::crashers;
use crate::isolate::{self, Outcome};
use crate::worker::{HUNG, current_file};

/// The address space a worker may use (`ulimit -v`, in KiB), so an input that allocates
/// without bound ends as a finding instead of swapping the machine.
const MEMORY_KIB: u64 = 4 * 1024 * 1024;

/// How often a long run says how far it has got.
const PROGRESS_EVERY: u64 = 10_000;

pub fn run(
    corpus: &Corpus,
    out: &Path,
    seed: u64,
    minutes: f64,
    budget: Duration,
    jobs: u64,
) -> ExitCode {
    let started = Instant::now();
    let until = started + Duration::from_secs_f64(minutes * 60.0);
    let tally = Mutex::new(Tally::default());
    eprintln!(
        "dojo-fuzz: {} seeds, {} lines to splice, {minutes} minutes, {} ms of processor time per input, {jobs} worker(s)",
        corpus.cases.len(),
        corpus.lines.len(),
        budget.as_millis()
    );
    // Each line of workers takes every `jobs`-th seed, so no two workers ever share a seed
    // (nor the file their current input is kept in).
    let ended: Vec<std::io::Result<u64>> = std::thread::scope(|scope| {
        let lines: Vec<_> = (0..jobs)
            .map(|line| {
                let tally = &tally;
                scope.spawn(move || {
                    let mut seed = seed.wrapping_add(line);
                    while Instant::now() < until {
                        let left = until.saturating_duration_since(Instant::now()).as_millis();
                        worker(out, seed, left as u64, budget, tally)?;
                        seed = seed.wrapping_add(jobs);
                    }
                    Ok(seed)
                })
            })
            .collect();
        lines
            .into_iter()
            .map(|line| {
                line.join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("a worker line panicked")))
            })
            .collect()
    });
    let mut next_seed = seed;
    for result in ended {
        match result {
            Ok(seed) => next_seed = next_seed.max(seed),
            Err(error) => {
                eprintln!("dojo-fuzz: cannot run a worker: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    let Tally {
        executions,
        failures,
    } = tally.into_inner().unwrap_or_default();
    let elapsed = started.elapsed().as_secs_f64();
    let found: u64 = failures.values().sum();
    let line = format!(
        "{executions} executions in {:.1} minutes ({:.0}/s), {found} failures, seeds from {next_seed}",
        elapsed / 60.0,
        executions as f64 / elapsed.max(0.001),
    );
    println!("{line}");
    for (signature, count) in &failures {
        println!("  {count} × {signature}");
    }
    let log = OpenOptions::new()
        .create(true)
        .append(true)
        .open(out.join("runs.log"));
    if let Ok(mut log) = log {
        let _ = writeln!(log, "{line}");
    }
    if found == 0 {
        ExitCode::SUCCESS
    } else {
        println!("failing inputs are in {}", out.join("crashers").display());
        ExitCode::FAILURE
    }
}

/// What the workers have run and found so far, shared between the lines of workers.
#[derive(Default)]
struct Tally {
    executions: u64,
    failures: BTreeMap<String, u64>,
}

impl Tally {
    fn ran(&mut self, count: u64) {
        let before = self.executions;
        self.executions += count;
        if before / PROGRESS_EVERY != self.executions / PROGRESS_EVERY {
            eprintln!("dojo-fuzz: {} executions", self.executions);
        }
    }

    fn report(&mut self, signature: &str, saved: &str) {
        let count = self.failures.entry(signature.to_string()).or_insert(0);
        *count += 1;
        if *count == 1 {
            eprintln!("dojo-fuzz: FAILED {signature}");
            if !saved.is_empty() {
                eprintln!("           saved as {saved}");
            }
        }
    }
}

/// One worker process, from start to exit.
fn worker(
    out: &Path,
    seed: u64,
    millis: u64,
    budget: Duration,
    tally: &Mutex<Tally>,
) -> std::io::Result<()> {
    let tally = || {
        tally
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    let exe = std::env::current_exe()?;
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {MEMORY_KIB} 2>/dev/null; exec \"$0\" \"$@\""
        ))
        .arg(exe)
        .args(["--worker", &millis.to_string(), "--seed", &seed.to_string()])
        .args(["--budget-ms", &budget.as_millis().to_string()])
        .arg("--out")
        .arg(out)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut stderr = child.stderr.take();
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(stderr) = stderr.as_mut() {
            let _ = stderr.take(64 * 1024).read_to_string(&mut text);
        }
        text
    });
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line?;
            if let Some(count) = line.strip_prefix("ran ") {
                tally().ran(count.parse::<u64>().unwrap_or(0));
            } else if let Some(failure) = line.strip_prefix("failed ") {
                let (signature, saved) = failure.split_once('\t').unwrap_or((failure, ""));
                tally().report(signature, saved);
            }
        }
    }
    let status = child.wait()?;
    let errors = errors.join().unwrap_or_default();
    if status.success() || status.code() == Some(i32::from(HUNG)) {
        return Ok(());
    }
    // The worker died on the input it was running.
    tally().ran(1);
    let signature = death(&errors, status);
    let current = current_file(out, seed);
    let case = fs::read(&current)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Case>(&bytes).ok());
    let saved = case
        .and_then(|case| crashers::save(out, &case, &signature))
        .unwrap_or_default();
    tally().report(&signature, &saved);
    let _ = fs::remove_file(&current);
    Ok(())
}

fn death(errors: &str, status: std::process::ExitStatus) -> String {
    if errors.contains("has overflowed its stack") {
        "stack overflow".into()
    } else if errors.contains("memory allocation") {
        "memory exhausted".into()
    } else {
        let last = errors.lines().last().unwrap_or("");
        format!("process died ({status}): {last}")
    }
}

/// Runs saved inputs once each and says how each fared.
pub fn replay(paths: &[PathBuf], budget: Duration) -> ExitCode {
    isolate::quiet_panics();
    let mut failed = false;
    for path in paths {
        let case = match Case::read_from(path) {
            Ok(case) => case,
            Err(error) => {
                println!("{}: cannot read: {error}", path.display());
                failed = true;
                continue;
            }
        };
        let verdict = match isolate::run(case, budget) {
            Outcome::Passed => "passed".to_string(),
            Outcome::Panicked(signature) => {
                failed = true;
                signature
            }
            Outcome::Hung => {
                failed = true;
                format!("hang: over {} ms of processor time", budget.as_millis())
            }
        };
        println!("{}: {verdict}", path.display());
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
