//! The scene graph analysis alone (`Analysis::new`: reachability, loops, score bounds, grade
//! reach) on generated scenarios of 1,000 to 1,000,000 scenes. Throughput is in scenes, so
//! the sizes compare directly: the time per scene should not grow with the scenario.

use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use dojo::analyze::Analysis;
use dojo::playtest::generate::generate;
use dojo::scenario::{Folder, Scenario, load};

/// The allocator the `dojo` binary uses, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SIZES: [usize; 4] = [1_000, 10_000, 100_000, 1_000_000];

fn scenario(scenes: usize) -> Scenario {
    let dir = tempfile::tempdir().expect("a temporary folder");
    generate(dir.path(), scenes).expect("the scenario is written");
    load(&Folder::new(dir.path()))
        .expect("the scenario is readable")
        .scenario
        .expect("a generated scenario loads")
}

fn analysis(c: &mut Criterion) {
    let mut group = c.benchmark_group("analysis");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    for scenes in SIZES {
        // One size at a time: the largest takes gigabytes to load.
        let scenario = scenario(scenes);
        group.throughput(Throughput::Elements(scenes as u64));
        // Keep a size's measurement near a few seconds however long one iteration takes.
        group.measurement_time(Duration::from_secs(if scenes >= 1_000_000 {
            20
        } else {
            5
        }));
        group.bench_with_input(BenchmarkId::from_parameter(scenes), &scenario, |b, s| {
            b.iter(|| Analysis::new(s))
        });
    }
    group.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
