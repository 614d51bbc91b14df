//! `dojo test` from the outside (exact output and exit codes of random runs, every path and
//! golden transcripts) and the playtest library from the inside (the memoised path count
//! against a plain enumeration, the scenario generator).
//!
//! Expected outputs live in `tests/fixtures/playtest/expected/`; `DOJO_BLESS=1 cargo test
//! --test playtest` rewrites them. Read every rewritten file before trusting it.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use dojo::playtest::generate::{MIN_SCENES, generate};
use dojo::playtest::{LEARNER, RandomOptions, TranscriptEnd, exhaustive, random_runs, transcript};
use dojo::scenario::{Folder, Scenario, load};

const CODE_REVIEW: &str = "tests/fixtures/scenarios/code-review";
const STUCK: &str = "tests/fixtures/playtest/stuck";
const RETRY: &str = "tests/fixtures/playtest/retry";
const ANSWERS: &str = "tests/fixtures/playtest/code-review.answers";
const EXPECT: &str = "tests/fixtures/playtest/code-review.expect";
const EXPECTED: &str = "tests/fixtures/playtest/expected";

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn dojo(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_dojo"))
        .current_dir(repo_root())
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("dojo runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).expect("utf-8 stdout"),
        String::from_utf8(output.stderr).expect("utf-8 stderr"),
    )
}

fn assert_golden(name: &str, actual: &str) {
    let path = repo_root().join(EXPECTED).join(name);
    if std::env::var_os("DOJO_BLESS").is_some() {
        fs::create_dir_all(path.parent().expect("a parent folder")).expect("writable");
        fs::write(&path, actual).expect("the golden file is writable");
        return;
    }
    let expected =
        fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing {}", path.display()));
    assert_eq!(actual, expected, "output differs from {}", path.display());
}

fn load_scenario(path: &Path) -> Scenario {
    let loaded = load(&Folder::new(path)).expect("the scenario is readable");
    assert!(
        loaded.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        loaded.diagnostics
    );
    loaded.scenario.expect("the scenario loads")
}

#[test]
fn random_runs_of_the_code_review() {
    let (code, out, err) = dojo(&["test", CODE_REVIEW, "--random", "200", "--seed", "1"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_golden("random-code-review.out", &out);
}

#[test]
fn every_path_of_the_code_review() {
    let (code, out, err) = dojo(&["test", CODE_REVIEW, "--exhaustive"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_golden("exhaustive-code-review.out", &out);
}

#[test]
fn stuck_runs_fail_with_their_seeds_and_answers() {
    let (code, out, err) = dojo(&["test", STUCK, "--random", "20", "--seed", "1"]);
    assert_eq!((code, err.as_str()), (1, ""));
    assert!(out.contains("15 of 20 runs got stuck:"), "{out}");
    assert!(out.contains(" --plain --seed "), "{out}");
    assert_golden("random-stuck.out", &out);
}

/// A stuck run's replay names a scenario whose loops `dojo check` proves have no way out, so
/// `dojo play` refuses it with those errors instead of trapping whoever types the replay.
#[test]
fn a_stuck_run_replays_into_a_refusal() {
    let (_, out, _) = dojo(&[
        "test", STUCK, "--random", "20", "--seed", "1", "--format", "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let stuck = report["stuck"]
        .as_array()
        .expect("stuck runs")
        .iter()
        .find(|run| run["why"]["kind"] == "no_ending")
        .expect("a run lost in the maze");
    let data = tempfile::tempdir().expect("a temporary folder");
    let output = Command::new(env!("CARGO_BIN_EXE_dojo"))
        .current_dir(repo_root())
        .env("DOJO_DATA_DIR", data.path())
        .env("NO_COLOR", "1")
        .args(["play", STUCK, "--plain", "--name", "Ada", "--seed"])
        .arg(stuck["seed"].to_string())
        .write_stdin("1\n")
        .output()
        .expect("dojo play runs");
    let err = String::from_utf8(output.stderr).expect("utf-8");
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(output.stdout.is_empty());
    assert!(
        err.starts_with("error[cycle-without-exit]: scenes `maze-a` and `maze-b`"),
        "{err}"
    );
    assert!(
        err.ends_with("error: cannot play tests/fixtures/playtest/stuck: 2 errors\n"),
        "{err}"
    );
}

#[test]
fn traps_fail_every_path() {
    let (code, out, err) = dojo(&["test", STUCK, "--exhaustive"]);
    assert_eq!((code, err.as_str()), (1, ""));
    assert_golden("exhaustive-stuck.out", &out);
}

#[test]
fn a_loop_a_learner_can_leave_makes_paths_endless_but_passes() {
    let (code, out, err) = dojo(&["test", RETRY, "--exhaustive"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_golden("exhaustive-retry.out", &out);
}

#[test]
fn too_many_situations_suggest_random_runs() {
    let (code, out, err) = dojo(&["test", CODE_REVIEW, "--exhaustive", "--limit", "10"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        "error: more than 10 distinct situations to explore, too many to walk every path: \
         they differ most in the scores conditions read, 5 ways so far; \
         sample the paths with `--random 10000` instead, or raise `--limit`\n"
    );
}

#[test]
fn a_matching_transcript_passes() {
    let (code, out, err) = dojo(&[
        "test",
        CODE_REVIEW,
        "--answers",
        ANSWERS,
        "--expect",
        EXPECT,
        "--seed",
        "1",
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        "The transcript matches tests/fixtures/playtest/code-review.expect; the run ends at `great-end`.\n"
    );
}

#[test]
fn a_changed_transcript_fails_with_a_diff() {
    let (code, out, err) = dojo(&[
        "test",
        CODE_REVIEW,
        "--answers",
        ANSWERS,
        "--expect",
        "tests/fixtures/playtest/code-review-old.expect",
        "--seed",
        "1",
    ]);
    assert_eq!((code, err.as_str()), (1, ""));
    assert_golden("answers-differ.out", &out);
}

/// The transcript is exactly what a learner piping the same answers into `dojo play --plain`
/// sees, up to the note on where results were saved.
#[test]
fn the_transcript_is_what_plain_play_prints() {
    let data = tempfile::tempdir().expect("a temporary folder");
    let answers = fs::read_to_string(repo_root().join(ANSWERS)).expect("answers");
    let typed: String = dojo::playtest::answer_lines(&answers)
        .iter()
        .map(|line| format!("{line}\n"))
        .collect();
    let output = Command::new(env!("CARGO_BIN_EXE_dojo"))
        .current_dir(repo_root())
        .env("DOJO_DATA_DIR", data.path())
        .args([
            "play",
            CODE_REVIEW,
            "--plain",
            "--name",
            LEARNER,
            "--seed",
            "1",
        ])
        .write_stdin(typed)
        .output()
        .expect("dojo play runs");
    let played = String::from_utf8(output.stdout).expect("utf-8");
    let (story, notice) = played
        .trim_end_matches('\n')
        .rsplit_once('\n')
        .expect("a final notice");
    assert!(notice.starts_with("Your results are saved in "), "{notice}");
    let expect = fs::read_to_string(repo_root().join(EXPECT)).expect("the expect file");
    assert_eq!(format!("{story}\n"), expect);
}

#[test]
fn bless_writes_the_expect_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let target = dir.path().join("new.expect");
    let target_name = target.display().to_string();
    let (code, out, err) = dojo(&[
        "test",
        CODE_REVIEW,
        "--answers",
        ANSWERS,
        "--expect",
        &target_name,
        "--seed",
        "1",
        "--bless",
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        format!("Wrote {target_name}: 90 lines; the run ends at `great-end`.\n")
    );
    assert_eq!(
        fs::read_to_string(&target).expect("written"),
        fs::read_to_string(repo_root().join(EXPECT)).expect("the expect file")
    );
}

#[test]
fn a_missing_expect_file_says_how_to_make_it() {
    let (code, out, err) = dojo(&[
        "test",
        CODE_REVIEW,
        "--answers",
        ANSWERS,
        "--expect",
        "no/such.expect",
    ]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        "error: no/such.expect does not exist; run with --bless to write it\n"
    );
}

#[test]
fn transcripts_say_where_the_answers_ran_out_and_what_was_left() {
    let scenario = load_scenario(&repo_root().join(CODE_REVIEW));
    let short = transcript(&scenario, &["1"], 1, "Ada").expect("plays");
    assert_eq!(
        short.end,
        TranscriptEnd::RanOut {
            scene: "count".into()
        }
    );
    let lines = [
        "1",
        "3",
        "1 2",
        "read run comment",
        "write a test",
        "extra",
        "more",
    ];
    let long = transcript(&scenario, &lines, 1, "Ada").expect("plays");
    assert_eq!(long.unused, 2);
    assert!(matches!(long.end, TranscriptEnd::Ended { ref scene, .. } if scene == "great-end"));
}

#[test]
fn json_reports_carry_the_figures() {
    let (code, out, _) = dojo(&[
        "test",
        CODE_REVIEW,
        "--random",
        "50",
        "--seed",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(report["mode"], "random");
    assert_eq!(report["path"], CODE_REVIEW);
    let runs: u64 = report["endings"]
        .as_array()
        .expect("endings")
        .iter()
        .map(|e| e["runs"].as_u64().expect("a count"))
        .sum();
    assert_eq!(runs, 50);
    assert_eq!(report["answers"], 250);
    assert_eq!(report["stuck"].as_array().map(Vec::len), Some(0));

    let (code, out, _) = dojo(&["test", CODE_REVIEW, "--exhaustive", "--format", "json"]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(report["paths"]["kind"], "counted");
    assert_eq!(report["paths"]["count"], 112);
    assert_eq!(report["coverage"]["visited"], 9);
}

#[test]
fn generated_scenarios_have_the_size_asked_for_and_always_end() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    generate(dir.path(), 1_000).expect("written");
    let files = fs::read_dir(dir.path()).expect("a folder").count();
    assert_eq!(files, 11, "ten scene files and the manifest");
    let loaded = load(&Folder::new(dir.path())).expect("readable");
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let scenario = loaded.scenario.expect("loads");
    assert_eq!(scenario.scene_count(), 1_000);
    let options = RandomOptions {
        runs: 300,
        seed: 7,
        max_answers: 1_000,
    };
    let report = random_runs(&scenario, options);
    assert!(report.stuck.is_empty());
    assert!(report.endings.len() >= 4, "{:?}", report.endings);

    let small = tempfile::tempdir().expect("a temporary folder");
    generate(small.path(), MIN_SCENES + 3).expect("written");
    let scenario = load_scenario(small.path());
    let report = exhaustive(&scenario, 100_000).expect("small enough");
    assert!(report.traps.is_empty());
    assert_eq!(report.coverage.never, Vec::<String>::new());

    let error = generate(small.path(), MIN_SCENES - 1).expect_err("too small");
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
}

/// Runs `dojo test` on the code review with these answers and `--bless` into a fresh folder,
/// and says whether the expect file was written.
fn bless_with(answers: &str) -> (i32, String, String, bool) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let answers_file = dir.path().join("run.answers");
    fs::write(&answers_file, answers).expect("written");
    let target = dir.path().join("run.expect");
    let (code, out, err) = dojo(&[
        "test",
        CODE_REVIEW,
        "--answers",
        &answers_file.display().to_string(),
        "--expect",
        &target.display().to_string(),
        "--seed",
        "1",
        "--bless",
    ]);
    let err = err.replace(&dir.path().display().to_string(), "DIR");
    (code, out, err, target.exists())
}

#[test]
fn bless_refuses_a_run_with_a_refused_answer() {
    let (code, out, err, written) =
        bless_with("1\nseven\n3\n1 2\nread run comment\nwrite a test\n");
    assert_eq!((code, out.as_str(), written), (1, "", false));
    assert_eq!(
        err,
        "error: DIR/run.expect not written: an answer was refused: `seven` is not a number; type digits such as 14.6; \
         see the transcript with `dojo test tests/fixtures/scenarios/code-review --answers DIR/run.answers`\n"
    );
}

#[test]
fn bless_refuses_answers_that_end_before_an_ending() {
    let (code, out, err, written) = bless_with("1\n3\n");
    assert_eq!((code, out.as_str(), written), (1, "", false));
    assert_eq!(
        err,
        "error: DIR/run.expect not written: the answers ran out at `pick`, before an ending; \
         see the transcript with `dojo test tests/fixtures/scenarios/code-review --answers DIR/run.answers`\n"
    );
}

#[test]
fn answers_alone_print_the_transcript() {
    let (code, out, err) = dojo(&["test", CODE_REVIEW, "--answers", ANSWERS, "--seed", "1"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let expect = fs::read_to_string(repo_root().join(EXPECT)).expect("the expect file");
    assert_eq!(out, expect);

    let (code, out, err) = dojo(&[
        "test",
        CODE_REVIEW,
        "--answers",
        "tests/fixtures/playtest/code-review-short.answers",
    ]);
    assert_eq!(code, 1);
    assert!(
        out.ends_with("? How many null checks are missing?\nType a number (in checks): \n"),
        "{out}"
    );
    assert_eq!(
        err,
        "note: the answers ran out at `count`, before an ending\n"
    );
}
