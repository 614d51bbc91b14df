//! Learner records at scale: what one answer costs (the story taking it and the journal line
//! reaching the disk) at the start of a 2,000-answer session and at its end, and `dojo report`'s
//! reading and figures over 10,000 results files.

use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use dojo::engine::{Answer, Step, Story};
use dojo::progress::{DataDir, Event, Header, JOURNAL_FORMAT, Journal, ResultsFile, now};
use dojo::report::{Report, gather, text};
use dojo::scenario::model::QuestionKind;
use dojo::scenario::{Folder, Scenario, ScenarioFiles, load};
use uuid::Uuid;

/// The allocator the `dojo` binary uses, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Answers timed in a row, at the start and after 1,900 others.
const BATCH: usize = 100;
const LONG: usize = 2_000;
const FILES: usize = 10_000;

/// A question asked again for as long as the learner wants: sessions of any length.
struct Loop;

impl ScenarioFiles for Loop {
    fn read(&self, name: &str) -> std::io::Result<String> {
        Ok(if name == "s.toml" {
            "[[scene]]\nid = \"ask\"\nnarration = \"Again?\"\n[scene.question]\nkind = \"single\"\nprompt = \"Once more, {learner}?\"\n[[scene.question.option]]\nid = \"again\"\ntext = \"Again\"\ncorrect = true\nscore = { practice = 1 }\ngoto = \"ask\"\nfeedback = \"Good.\"\n[[scene.question.option]]\nid = \"stop\"\ntext = \"Stop\"\ngoto = \"end\"\nfeedback = \"Done.\"\n[[scene]]\nid = \"end\"\nending = true\n".into()
        } else {
            "id = \"loop\"\ntitle = \"Loop\"\nstart = \"ask\"\nscenes = [\"s.toml\"]\n[[competency]]\nid = \"practice\"\nname = \"Practice\"\n[[grade]]\nmin = 0\nname = \"Done\"\n".into()
        })
    }

    fn display_name(&self, name: &str) -> String {
        name.to_string()
    }
}

fn header(scenario: &Scenario) -> Header {
    Header {
        journal: JOURNAL_FORMAT,
        session: Uuid::new_v4(),
        scenario: scenario.meta.id.clone(),
        fingerprint: scenario.fingerprint.clone(),
        learner: "Ada".into(),
        learner_id: Uuid::new_v4(),
        seed: 1,
        started: now(),
    }
}

/// One answer as `dojo play` records it: the story moves to the question, takes the answer, and
/// the journal appends its line and syncs it.
fn answer_once(story: &mut Story<'_>, journal: &mut dojo::progress::JournalWriter) {
    while !matches!(story.next(), Step::Question(_)) {}
    let answer = Answer::Choice("again".into());
    story.answer(answer.clone(), 0).expect("a valid answer");
    journal
        .append(Event::Answer {
            at: now(),
            scene: "ask".into(),
            answer,
        })
        .expect("the journal is writable");
}

/// The time of answers `skip + 1` to `skip + BATCH` of a fresh session in a folder under `root`,
/// summed over `sessions`.
fn batch_after(scenario: &Scenario, root: &str, skip: usize, sessions: u64) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..sessions {
        let dir = tempfile::tempdir_in(root).expect("a temporary folder");
        let data = DataDir::at(dir.path());
        let mut journal = data.start_journal(header(scenario)).expect("a journal");
        let mut story = Story::new(scenario, "Ada", 1);
        for _ in 0..skip {
            answer_once(&mut story, &mut journal);
        }
        let start = Instant::now();
        for _ in 0..BATCH {
            answer_once(&mut story, &mut journal);
        }
        total += start.elapsed();
    }
    total
}

fn answers_cost_the_same_early_and_late(c: &mut Criterion) {
    let scenario = load(&Loop)
        .expect("readable")
        .scenario
        .expect("the loop scenario loads");
    let mut group = c.benchmark_group("journal");
    group.throughput(Throughput::Elements(BATCH as u64));
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    // On disk, each answer waits for its line to be synced, which on a shared disk varies far
    // more than anything dojo does; in memory (tmpfs, where syncing costs nothing) what is left
    // is dojo's own work per answer.
    let mut places = vec![("disk", env!("CARGO_TARGET_TMPDIR"))];
    if std::path::Path::new("/dev/shm").is_dir() {
        places.push(("memory", "/dev/shm"));
    }
    for (place, root) in places {
        group.bench_function(format!("{place}/answers-1-to-100"), |b| {
            b.iter_custom(|sessions| batch_after(&scenario, root, 0, sessions))
        });
        group.bench_function(format!("{place}/answers-1901-to-2000"), |b| {
            b.iter_custom(|sessions| batch_after(&scenario, root, LONG - BATCH, sessions))
        });
    }
    group.finish();
}

/// A finished first-on-call session with answers picked by `pick`, as its results file.
fn session(
    scenario: &Scenario,
    learner: u128,
    pick: &mut impl FnMut(usize) -> usize,
) -> ResultsFile {
    let mut story = Story::new(scenario, "Learner", learner as u64);
    let mut journal = Journal::new(Header {
        session: Uuid::from_u128(learner),
        learner_id: Uuid::from_u128(learner + (1 << 64)),
        ..header(scenario)
    });
    loop {
        match story.next() {
            Step::Question(question) => {
                let ids: Vec<String> = question.options.iter().map(|o| o.id.clone()).collect();
                let one = ids.get(pick(ids.len())).cloned().unwrap_or_default();
                let answer = match question.kind {
                    QuestionKind::Single => Answer::Choice(one),
                    QuestionKind::Multiple => Answer::Choices(vec![one]),
                    QuestionKind::Order => Answer::Order(ids),
                    QuestionKind::Number => Answer::Number(pick(500) as f64),
                    QuestionKind::Text => Answer::Text("the deploy".into()),
                };
                journal.events.push(Event::Answer {
                    at: now(),
                    scene: question.scene.clone(),
                    answer: answer.clone(),
                });
                story.answer(answer, 0).expect("a valid answer");
            }
            Step::End(results) => return ResultsFile::new(&results, &journal),
            _ => {}
        }
    }
}

fn reports_over_ten_thousand_files(c: &mut Criterion) {
    let folder = Folder::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/first-on-call"
    ));
    let scenario = load(&folder)
        .expect("readable")
        .scenario
        .expect("first-on-call loads");
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary folder");
    let mut state: u64 = 7;
    let mut pick = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        ((state >> 33) as usize) % n.max(1)
    };
    for learner in 0..FILES {
        let file = session(&scenario, learner as u128, &mut pick);
        let folder = dir.path().join(format!("learner-{}", learner / 100));
        std::fs::create_dir_all(&folder).expect("a folder");
        let json = serde_json::to_vec_pretty(&file).expect("JSON");
        std::fs::write(folder.join(format!("{learner}.json")), json).expect("written");
    }
    let paths = vec![dir.path().to_path_buf()];
    let report = Report::of(gather(&paths), None);
    assert_eq!(report.cohort.finished, FILES);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected.first());
    let mut group = c.benchmark_group("report");
    group.throughput(Throughput::Elements(FILES as u64));
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("10000-results-files", |b| {
        b.iter(|| text(&Report::of(gather(&paths), None), 100))
    });
    group.finish();
}

criterion_group!(
    benches,
    answers_cost_the_same_early_and_late,
    reports_over_ten_thousand_files
);
criterion_main!(benches);
