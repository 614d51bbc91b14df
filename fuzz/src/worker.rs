//! The worker process: mutates seeds and runs them until its deadline, telling the supervisor
//! how many it ran. Before each input runs it is written to `current-<seed>.json`, so that if the
//! process dies (a stack overflow, memory exhausted) the supervisor knows what killed it.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::case::Case;
use crate::corpus::Corpus;
use crate::crashers;
use crate::isolate::{self, Outcome};
use crate::mutate::mutate;
use crate::rng::Rng;

/// The exit code of a worker that stopped on a hang (its thread cannot be stopped).
pub const HUNG: u8 = 3;

/// How often the worker reports its count.
const REPORT_EVERY: u64 = 200;

pub fn run(corpus: &Corpus, out: &Path, seed: u64, until: Instant, budget: Duration) -> ExitCode {
    isolate::quiet_panics();
    let mut rng = Rng::new(seed);
    let current = current_file(out, seed);
    let mut unreported = 0;
    let mut stdout = std::io::stdout();
    while Instant::now() < until {
        let case = next_case(corpus, &mut rng);
        if fs::write(&current, serde_json::to_vec(&case).unwrap_or_default()).is_err() {
            eprintln!("cannot write {}", current.display());
            return ExitCode::FAILURE;
        }
        let outcome = isolate::run(case.clone(), budget);
        unreported += 1;
        if unreported == REPORT_EVERY {
            let _ = writeln!(stdout, "ran {unreported}");
            unreported = 0;
        }
        match outcome {
            Outcome::Passed => {}
            Outcome::Panicked(signature) => {
                let saved = crashers::save(out, &case, &signature);
                let _ = writeln!(stdout, "failed {signature}\t{}", saved.unwrap_or_default());
            }
            Outcome::Hung => {
                let signature = format!("hang: over {} ms of processor time", budget.as_millis());
                let saved = crashers::save(out, &case, &signature);
                let _ = writeln!(stdout, "ran {unreported}");
                let _ = writeln!(stdout, "failed {signature}\t{}", saved.unwrap_or_default());
                let _ = stdout.flush();
                std::process::exit(i32::from(HUNG));
            }
        }
    }
    let _ = writeln!(stdout, "ran {unreported}");
    let _ = fs::remove_file(&current);
    ExitCode::SUCCESS
}

/// Where the worker started with `seed` keeps the input it is running; workers running side
/// by side have different seeds.
pub fn current_file(out: &Path, seed: u64) -> std::path::PathBuf {
    out.join(format!("current-{seed}.json"))
}

fn next_case(corpus: &Corpus, rng: &mut Rng) -> Case {
    match rng.pick(&corpus.cases).clone() {
        Case::Scenario { mut files } => {
            for _ in 0..1 + usize::from(rng.chance(4)) {
                if files.is_empty() {
                    break;
                }
                let at = rng.below(files.len());
                files[at].1 = mutate(&files[at].1, &corpus.lines, rng);
            }
            Case::Scenario { files }
        }
        Case::Map { text } => Case::Map {
            text: mutate(&text, &corpus.lines, rng),
        },
    }
}
