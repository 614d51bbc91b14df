//! Reading generated scenarios of 1,000, 10,000 and 100,000 scenes: bare TOML parsing of the
//! files, `scenario::load` (parsing, per-table deserialising, semantic checks), and what
//! `dojo check` does with and without the graph lints and analysis (reachability, loops,
//! score bounds, grade reach), minus writing to the terminal.
//!
//! Loading parses files and compiles scenes on every core, so bare parsing is timed both on
//! one thread and spread the same way: check's overhead is its time over either.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use dojo::analyze::{Analysis, report_text};
use dojo::diagnostic::{Style, render, summary};
use dojo::lint::{lint, sort};
use dojo::playtest::generate::generate;
use dojo::scenario::{Folder, Loaded, load};

/// The allocator the `dojo` binary uses, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// Generated once per size; the folders live as long as the benchmarks.
fn scenarios() -> Vec<(usize, tempfile::TempDir)> {
    SIZES
        .iter()
        .map(|&scenes| {
            let dir = tempfile::tempdir().expect("a temporary folder");
            generate(dir.path(), scenes).expect("the scenario is written");
            (scenes, dir)
        })
        .collect()
}

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("the folder is readable")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// Reads and parses a file into plain TOML tables: the floor for anything that loads.
fn parse_file(file: &PathBuf) -> usize {
    let text = fs::read_to_string(file).expect("readable");
    text.parse::<toml::Table>().expect("valid TOML").len()
}

fn parse_only(files: &[PathBuf]) -> usize {
    files.iter().map(parse_file).sum()
}

/// The same, with the files spread over the cores as loading spreads them: file i on thread
/// i % cores, each thread scoped to the call.
fn parse_on_every_core(files: &[PathBuf]) -> usize {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|first| {
                scope.spawn(move || {
                    let mine = files.iter().skip(first).step_by(threads);
                    mine.map(parse_file).sum::<usize>()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().expect("a parsing thread panicked"))
            .sum()
    })
}

fn load_scenario(dir: &Path) -> Loaded {
    load(&Folder::new(dir)).expect("the scenario is readable")
}

/// `dojo check` without lints: load, then render what loading found.
fn check_without_lints(dir: &Path) -> String {
    let loaded = load_scenario(dir);
    let mut out = render(&loaded.diagnostics, &loaded.sources, Style::Plain);
    out.push_str(&summary(&loaded.diagnostics, "bench"));
    out
}

/// `dojo check` as it runs: load, analyse the graph, lint, render, and report bounds.
fn check_with_lints(dir: &Path) -> String {
    let loaded = load_scenario(dir);
    let mut diagnostics = loaded.diagnostics.clone();
    let scenario = loaded
        .scenario
        .as_ref()
        .expect("a generated scenario loads");
    let analysis = Analysis::new(scenario);
    diagnostics.extend(lint(scenario, &loaded.facts, &analysis, &loaded.sources));
    sort(&mut diagnostics);
    let mut out = render(&diagnostics, &loaded.sources, Style::Plain);
    out.push_str(&summary(&diagnostics, "bench"));
    out.push_str(&report_text(scenario, &analysis));
    out
}

fn loading(c: &mut Criterion) {
    let scenarios = scenarios();
    let mut group = c.benchmark_group("load");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    for (scenes, dir) in &scenarios {
        let dir = dir.path();
        let files = toml_files(dir);
        // Keep a size's measurement near a few seconds however long one iteration takes.
        group.measurement_time(Duration::from_secs(if *scenes >= 100_000 { 30 } else { 5 }));
        group.bench_with_input(
            BenchmarkId::new("toml-parse", scenes),
            &files,
            |b, files| b.iter(|| parse_only(files)),
        );
        group.bench_with_input(
            BenchmarkId::new("toml-parse-every-core", scenes),
            &files,
            |b, files| b.iter(|| parse_on_every_core(files)),
        );
        group.bench_with_input(BenchmarkId::new("scenario-load", scenes), dir, |b, dir| {
            b.iter(|| load_scenario(dir))
        });
        group.bench_with_input(BenchmarkId::new("check-no-lints", scenes), dir, |b, dir| {
            b.iter(|| check_without_lints(dir))
        });
        group.bench_with_input(BenchmarkId::new("check-lints", scenes), dir, |b, dir| {
            b.iter(|| check_with_lints(dir))
        });
        let loaded = load_scenario(dir);
        let scenario = loaded
            .scenario
            .as_ref()
            .expect("a generated scenario loads");
        group.bench_with_input(BenchmarkId::new("analysis", scenes), scenario, |b, s| {
            b.iter(|| Analysis::new(s))
        });
    }
    group.finish();
}

criterion_group!(benches, loading);
criterion_main!(benches);
