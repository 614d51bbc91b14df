//! Random playthroughs through the real engine: 10,000 seeded runs of a generated 1,000-scene
//! scenario, measured in choices (answers given) per second, on every core `dojo test` uses;
//! and what `dojo check` spends on its play-time estimate of the flagship, beside the load,
//! analysis and lints the check does anyway.

use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use dojo::analyze::Analysis;
use dojo::lint::lint;
use dojo::playtest::generate::generate;
use dojo::playtest::{RandomOptions, play_time, random_runs};
use dojo::scenario::{Folder, load};

/// The allocator the `dojo` binary uses, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SCENES: usize = 1_000;
const RUNS: u32 = 10_000;

fn random_playthroughs(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    generate(dir.path(), SCENES).expect("the scenario is written");
    let loaded = load(&Folder::new(dir.path())).expect("the scenario is readable");
    let scenario = loaded.scenario.expect("a generated scenario loads");
    let options = RandomOptions {
        runs: RUNS,
        seed: 1,
        max_answers: 1_000,
    };
    // Runs are seeded, so every iteration makes exactly these choices.
    let report = random_runs(&scenario, options);
    assert!(report.stuck.is_empty(), "every generated run ends");
    let mut group = c.benchmark_group("play");
    group.throughput(Throughput::Elements(report.answers));
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("random-10000-runs-1000-scenes", |b| {
        b.iter(|| random_runs(&scenario, options))
    });
    group.finish();
}

/// The estimate alone against the rest of `dojo check` on Pet Clinic.
fn play_time_estimate(c: &mut Criterion) {
    // The folder, not the embedded copy: the build embeds whichever folder it was built from.
    let folder = Folder::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/pet-clinic-vsm"
    ));
    let mut group = c.benchmark_group("check-pet-clinic");
    group.sample_size(10);
    group.bench_function("load-analyse-lint", |b| {
        b.iter(|| {
            let loaded = load(&folder).expect("the flagship is readable");
            let scenario = loaded.scenario.expect("the flagship loads");
            let analysis = Analysis::new(&scenario);
            lint(&scenario, &loaded.facts, &analysis, &loaded.sources)
        })
    });
    let loaded = load(&folder).expect("the flagship is readable");
    let scenario = loaded.scenario.expect("the flagship loads");
    group.bench_function("play-time-estimate", |b| b.iter(|| play_time(&scenario)));
    group.finish();
}

criterion_group!(benches, random_playthroughs, play_time_estimate);
criterion_main!(benches);
