//! Learner records from the outside: journals that survive `kill -9` and scenario edits, results
//! files that conform to their committed schema, and `dojo report` over a scripted cohort whose
//! figures the test works out on its own.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{
    ADA_PLAYS_CODE_REVIEW, CODE_REVIEW, ada_playing, ada_returns, assert_golden, dojo,
    dojo_in_repo, stdout_of,
};
use crate::schema_validate::validate;

const FIRST_ON_CALL: &str = "scenarios/first-on-call";

/// Every `.json` file under `dir`.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn results_in(data: &Path) -> Vec<Value> {
    json_files(&data.join("results"))
        .iter()
        .map(|path| serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap())
        .collect()
}

/// One learner of the scripted cohort: what they answer to each of the thirteen questions of
/// `first-on-call` (every path asks the same ones), and whether they stop after the fourth.
struct Learner {
    the_page: usize,
    budget: &'static str,
    who_to_page: usize,
    status_update: usize,
    mitigate: usize,
    quits: bool,
}

/// Learner `i` of 33: stronger learners (higher `i`) pick the right option more often, with a
/// few deliberate exceptions so the figures are not all the same. Options are numbered as shown;
/// none of these four questions is shuffled.
fn learner(i: usize) -> Learner {
    let pick = |right: bool, wrong: usize| if right { 1 } else { wrong };
    Learner {
        the_page: pick(!i.is_multiple_of(3) || i > 24, 2 + i % 2),
        // The weakest learners know the error budget: an item that discriminates the wrong way.
        budget: if i < 8 { "480" } else { "500" },
        who_to_page: pick(i >= 6, 2),
        status_update: pick(i.is_multiple_of(2), 2 + i % 3),
        mitigate: if i % 7 == 3 { 2 } else { 1 },
        quits: i % 11 == 5,
    }
}

fn script(learner: &Learner) -> String {
    let mut lines = vec![
        learner.the_page.to_string(),
        "1 2".into(),
        learner.budget.into(),
        "120".into(),
    ];
    if !learner.quits {
        lines.extend([
            learner.who_to_page.to_string(),
            "rollback the deploy".into(),
            learner.status_update.to_string(),
            learner.mitigate.to_string(),
            "1 2 3 4 5".into(),
            "45".into(),
            "1".into(),
            "1".into(),
            "ask earlier".into(),
        ]);
    }
    lines.join("\n") + "\n"
}

const OPTIONS: &[(&str, &[&str])] = &[
    ("the-page", &["ack", "restart", "snooze"]),
    ("status-update", &["clear", "trace", "later", "blame"]),
    ("mitigate", &["rollback", "hotfix", "wait"]),
];

/// Plays the cohort, each learner in a data folder of their own under `root`, plus two learners
/// of another shipped scenario who stop early.
fn play_cohort(root: &Path) -> Vec<Learner> {
    let learners: Vec<Learner> = (0..33).map(learner).collect();
    for (i, learner) in learners.iter().enumerate() {
        let output = dojo(&root.join(format!("learner-{i:02}")))
            .args(["play", FIRST_ON_CALL, "--plain", "--seed", "1"])
            .args(["--name", &format!("Learner {i}")])
            .write_stdin(script(learner))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "learner {i}");
    }
    for i in 0..2 {
        dojo(&root.join(format!("pet-clinic-{i}")))
            .args(["play", "--plain", "--name", "Pat", "--seed", "1"])
            .write_stdin("")
            .assert()
            .success();
    }
    learners
}

/// The point-biserial correlation, written out the long way: Pearson's r of 1/0 with the totals.
fn pearson(pairs: &[(f64, f64)]) -> f64 {
    let n = pairs.len() as f64;
    let (mx, my) = (
        pairs.iter().map(|p| p.0).sum::<f64>() / n,
        pairs.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let cov: f64 = pairs.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum::<f64>();
    let sx = pairs.iter().map(|p| (p.0 - mx).powi(2)).sum::<f64>().sqrt();
    let sy = pairs.iter().map(|p| (p.1 - my).powi(2)).sum::<f64>().sqrt();
    cov / (sx * sy)
}

#[test]
fn a_scripted_cohort_reports_the_figures_counted_independently() {
    let root = tempfile::tempdir().unwrap();
    let learners = play_cohort(root.path());
    let output = dojo(root.path())
        .args(["report", "--format", "json"])
        .arg(root.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let report: Value = serde_json::from_str(&stdout_of(&output)).unwrap();

    let finishers: Vec<(usize, &Learner)> = learners
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.quits)
        .collect();
    let cohort = &report["cohort"];
    assert_eq!(report["scenario"]["id"], "first-on-call");
    assert_eq!(cohort["learners"], 33);
    assert_eq!(cohort["finished"], finishers.len());
    assert_eq!(cohort["abandoned"], 33 - finishers.len());
    assert_eq!(
        report["drop_off"],
        serde_json::json!([{ "scene": "who-to-page", "sessions": 33 - finishers.len() }])
    );
    let rejected = report["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 2, "{rejected:?}");
    for file in rejected {
        assert_eq!(
            file["reason"],
            "from the scenario `pet-clinic-vsm`; this report is on `first-on-call`"
        );
    }

    // Each finisher's total percent, from their own results file.
    let percent: Vec<f64> = finishers
        .iter()
        .map(|(i, _)| {
            let results = results_in(&root.path().join(format!("learner-{i:02}")));
            assert_eq!(results.len(), 1);
            results[0]["percent"].as_f64().unwrap()
        })
        .collect();
    let items = report["items"].as_array().unwrap();
    let item = |scene: &str| {
        items
            .iter()
            .find(|item| item["scene"] == scene)
            .unwrap_or_else(|| panic!("no item {scene}"))
    };
    let close = |actual: &Value, expected: f64, what: &str| {
        let actual = actual
            .as_f64()
            .unwrap_or_else(|| panic!("{what}: {actual}"));
        assert!(
            (actual - expected).abs() < 1e-9,
            "{what}: {actual} vs {expected}"
        );
    };
    // Items are analysed over finished sessions, the only ones with a total to correlate with.
    for (scene, options) in OPTIONS {
        let answering: Vec<(&Learner, f64)> = finishers
            .iter()
            .zip(&percent)
            .map(|((_, l), p)| (*l, *p))
            .collect();
        let chosen = |l: &Learner| match *scene {
            "the-page" => l.the_page,
            "status-update" => l.status_update,
            _ => l.mitigate,
        };
        let n = answering.len() as f64;
        let right = answering.iter().filter(|(l, _)| chosen(l) == 1).count() as f64;
        let item = item(scene);
        assert_eq!(item["answered"], answering.len(), "{scene}");
        close(
            &item["difficulty"],
            right / n,
            &format!("{scene} difficulty"),
        );
        for (number, id) in options.iter().enumerate() {
            let picks = answering
                .iter()
                .filter(|(l, _)| chosen(l) == number + 1)
                .count();
            let option = item["options"]
                .as_array()
                .unwrap()
                .iter()
                .find(|o| o["id"] == *id)
                .unwrap();
            assert_eq!(option["picks"], picks, "{scene} {id}");
            close(
                &option["rate"],
                picks as f64 / n,
                &format!("{scene} {id} rate"),
            );
        }
        let pairs: Vec<(f64, f64)> = answering
            .iter()
            .map(|(l, p)| (f64::from(u8::from(chosen(l) == 1)), *p))
            .collect();
        close(
            &item["discrimination"],
            pearson(&pairs),
            &format!("{scene} r"),
        );
    }
    let budget = item("budget");
    let pairs: Vec<(f64, f64)> = finishers
        .iter()
        .zip(&percent)
        .map(|((_, l), p)| (f64::from(u8::from(l.budget == "480")), *p))
        .collect();
    let right = pairs.iter().filter(|p| p.0 == 1.0).count() as f64;
    close(
        &budget["difficulty"],
        right / pairs.len() as f64,
        "budget difficulty",
    );
    let r = pearson(&pairs);
    assert!(
        r < 0.0,
        "the script makes budget discriminate the wrong way: {r}"
    );
    close(&budget["discrimination"], r, "budget r");
    assert_eq!(
        budget["flags"],
        serde_json::json!(["negative_discrimination"])
    );
}

#[test]
fn every_results_file_dojo_writes_conforms_to_the_committed_schema() {
    let schema: Value =
        serde_json::from_str(&fs::read_to_string("schema/results.schema.json").unwrap()).unwrap();
    let printed = dojo_in_repo().args(["schema", "results"]).output().unwrap();
    assert_eq!(
        fs::read_to_string("schema/results.schema.json").unwrap(),
        stdout_of(&printed),
        "schema/results.schema.json is out of date: run `dojo schema results --out schema/results.schema.json`"
    );
    let data = tempfile::tempdir().unwrap();
    let runs: &[(&[&str], &str)] = &[
        (&ADA_PLAYS_CODE_REVIEW, "1\n3\n1 2\n3 1 2\nwrite a test\n"),
        (&ADA_PLAYS_CODE_REVIEW, "2\n4\n3\n1 2 3\nno idea\n1\n"),
        (
            &[
                "play",
                FIRST_ON_CALL,
                "--plain",
                "--name",
                "Bo",
                "--seed",
                "4",
            ],
            &script(&learner(30)),
        ),
        (
            &[
                "play",
                "tests/fixtures/scenarios/workbench",
                "--plain",
                "--name",
                "Cy",
                "--seed",
                "2",
            ],
            "2 1 3\n4h\n5\n2d\n3\n1\n1\n1\n1\n1\n",
        ),
    ];
    for (args, input) in runs {
        dojo(data.path())
            .args(*args)
            .write_stdin(*input)
            .assert()
            .success();
    }
    let files = json_files(&data.path().join("results"));
    assert!(files.len() >= 3, "{files:?}");
    for path in files {
        let value: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let problems = validate(&schema, &value);
        assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
    }
}

/// Waits (a bounded time) until the journal holds `answers` answer lines.
fn wait_for_answers(journal: &Path, answers: usize) {
    let start = Instant::now();
    loop {
        let count = fs::read_to_string(journal)
            .map(|text| text.matches("\"event\":\"answer\"").count())
            .unwrap_or(0);
        if count >= answers {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no answer {answers} in {}",
            journal.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn kill_9_mid_play_loses_nothing_already_answered() {
    let data = tempfile::tempdir().unwrap();
    let journal = data.path().join("saves/code-review.jsonl");
    let mut child = ada_playing(data.path());
    let mut stdin = child.stdin.take().unwrap();
    for (n, answer) in ["1\n", "3\n"].iter().enumerate() {
        stdin.write_all(answer.as_bytes()).unwrap();
        stdin.flush().unwrap();
        wait_for_answers(&journal, n + 1);
    }
    // SIGKILL: no destructor, no handler, nothing flushed on the way out.
    child.kill().unwrap();
    child.wait().unwrap();
    let text = stdout_of(&ada_returns(data.path(), "y\n1 2\n3 1 2\nwrite a test\n"));
    assert!(text.contains("(2 answers so far)"), "{text}");
    let results = results_in(data.path());
    assert_eq!(results.len(), 1, "{text}");
    let questions = results[0]["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 5);
    assert_eq!(questions[0]["chosen"], serde_json::json!(["ask"]));
    assert_eq!(questions[1]["number"], 3.0);
}

/// `dojo play` of the scenario the session in `data` belongs to, with nothing to answer.
fn second_session(data: &Path) -> crate::common::Run {
    crate::common::Run::of(
        dojo(data)
            .args(["play", CODE_REVIEW, "--plain", "--name", "Bo"])
            .write_stdin(""),
    )
}

#[test]
fn a_second_session_is_refused_while_the_first_runs_and_allowed_once_it_is_gone() {
    let data = tempfile::tempdir().unwrap();
    let journal = data.path().join("saves/code-review.jsonl");
    let mut first = ada_playing(data.path());
    let mut stdin = first.stdin.take().unwrap();
    stdin.write_all(b"1\n").unwrap();
    stdin.flush().unwrap();
    wait_for_answers(&journal, 1);
    let before = fs::read(&journal).unwrap();

    let refused = second_session(data.path());
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert_eq!(
        refused.stderr.lines().next(),
        Some(
            "error: another dojo session of `code-review` is running; finish or quit it first (two at once would overwrite each other's progress)"
        )
    );
    assert_eq!(
        fs::read(&journal).unwrap(),
        before,
        "the running session's journal is untouched"
    );

    // A crash lets go of the lock as surely as a quit: the OS drops it with the process.
    first.kill().unwrap();
    first.wait().unwrap();
    let after_crash = second_session(data.path());
    assert_eq!(after_crash.code, 0, "{}", after_crash.stderr);
    assert!(
        after_crash.stdout.contains("(1 answer so far)"),
        "the new session finds the old one's progress: {}",
        after_crash.stdout
    );
}

#[test]
fn a_line_cut_off_by_a_crash_is_left_out_and_the_learner_told() {
    let data = tempfile::tempdir().unwrap();
    dojo(data.path())
        .args(ADA_PLAYS_CODE_REVIEW)
        .write_stdin("1\n3\n")
        .assert()
        .success();
    let journal = data.path().join("saves/code-review.jsonl");
    let text = fs::read_to_string(&journal).unwrap();
    // What a kill during the second answer's write leaves: its line without the end.
    let quit = text.rfind("{\"event\":\"quit\"").unwrap();
    let answer = text[..quit].trim_end().rfind('\n').unwrap() + 1;
    fs::write(&journal, &text[..answer + 30]).unwrap();
    let out = stdout_of(&ada_returns(data.path(), "y\n"));
    assert!(out.contains("(1 answer so far)"), "{out}");
    assert!(
        out.contains(
            "dojo stopped while writing your last answer down, so that answer was not kept."
        ),
        "{out}"
    );
    assert!(out.contains("? How many null checks are missing?"), "{out}");
}

#[test]
fn resuming_after_a_scene_rename_keeps_the_answers_that_still_fit() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    for name in ["scenario.toml", "scenes.toml"] {
        fs::copy(Path::new(CODE_REVIEW).join(name), folder.path().join(name)).unwrap();
    }
    let play = |input: &str| {
        dojo(data.path())
            .arg("play")
            .arg(folder.path())
            .args(["--plain", "--name", "Ada", "--seed", "1"])
            .write_stdin(input.to_string())
            .output()
            .unwrap()
    };
    play("1\n3\n1 2\n");
    let scenes = folder.path().join("scenes.toml");
    let text = fs::read_to_string(&scenes).unwrap();
    fs::write(&scenes, text.replace("\"pick\"", "\"choose\"")).unwrap();
    let out = stdout_of(&play("y\n1 2\n3 1 2\nwrite a test\n"));
    assert!(out.contains("(3 answers so far)"), "{out}");
    assert!(
        out.contains(
            "The scenario changed since your last session: continued after 2 of your 3 answers.\n"
        ),
        "{out}"
    );
    let results = results_in(data.path());
    assert_eq!(results.len(), 1, "{out}");
    let scenes: Vec<&str> = results[0]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["scene"].as_str().unwrap())
        .collect();
    assert_eq!(scenes, ["intro", "count", "choose", "steps", "lesson"]);
    let journal = fs::read_to_string(
        json_or_jsonl(&data.path().join("sessions")).expect("the finished journal is kept"),
    )
    .unwrap();
    assert!(journal.contains("\"event\":\"resume\""), "{journal}");
    assert!(journal.contains("\"kept\":2"), "{journal}");
}

fn json_or_jsonl(dir: &Path) -> Option<PathBuf> {
    fs::read_dir(dir).ok()?.flatten().map(|e| e.path()).next()
}

#[test]
fn a_save_from_before_journals_is_continued() {
    let data = tempfile::tempdir().unwrap();
    let saves = data.path().join("saves");
    fs::create_dir_all(&saves).unwrap();
    fs::write(
        saves.join("code-review.json"),
        r#"{"format":1,"scenario":"code-review","fingerprint":"x","saved_at":1700000100,
           "state":{"learner":"Ada","seed":1,"scene":"count","cursor":{"at":"asking"},
             "flags":{},"scores":{"review":2,"kindness":1},"visits":{"intro":1,"count":1},
             "answers":[{"scene":"intro","kind":"single","prompt":"How do you start the review?",
               "answer":{"kind":"choice","value":"ask"},"shown":"Ask Raj what the change is for.",
               "right":true,"feedback":[],"solution":null,"score":[],"at":1700000050}],
             "maps":{}}}"#,
    )
    .unwrap();
    let out = stdout_of(&ada_returns(
        data.path(),
        "y\n3\n1 2\n3 1 2\nwrite a test\n",
    ));
    assert!(out.contains("(1 answer so far)"), "{out}");
    assert!(
        out.contains("The scenario changed since your last session; your answer still fits.\n"),
        "{out}"
    );
    assert!(!saves.join("code-review.json").exists());
    let results = results_in(data.path());
    let questions = results[0]["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 5, "{out}");
    assert_eq!(questions[0]["chosen"], serde_json::json!(["ask"]));
    assert_eq!(
        questions[0]["at"], "2023-11-14T22:14:10Z",
        "the old answer's time"
    );
}

#[test]
fn files_that_cannot_be_used_are_listed_and_the_rest_reported() {
    let data = tempfile::tempdir().unwrap();
    let learner = data.path().join("ada");
    dojo(&learner)
        .args(ADA_PLAYS_CODE_REVIEW)
        .write_stdin("1\n3\n1 2\n3 1 2\nwrite a test\n")
        .assert()
        .success();
    let junk = data.path().join("junk");
    fs::create_dir_all(&junk).unwrap();
    fs::write(junk.join("broken.json"), "{\"format\": 2,").unwrap();
    fs::write(
        junk.join("old.json"),
        r#"{"scenario":"code-review","percent":50}"#,
    )
    .unwrap();
    fs::write(junk.join("future.json"), r#"{"format":3}"#).unwrap();
    fs::write(junk.join("torn.jsonl"), "{\"journal\":1").unwrap();
    let output = dojo(data.path())
        .args(["report", "--format", "json"])
        .arg(data.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report: Value = serde_json::from_str(&stdout_of(&output)).unwrap();
    assert_eq!(report["cohort"]["finished"], 1);
    let rejected: Vec<(String, String)> = report["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let path = r["path"].as_str().unwrap();
            let name = Path::new(path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, r["reason"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(
        rejected,
        [
            (
                "broken.json".to_string(),
                "not JSON (EOF while parsing a value at line 1 column 13)".to_string()
            ),
            (
                "future.json".to_string(),
                "results format 3, which this dojo does not know; only format 2 is read"
                    .to_string()
            ),
            (
                "old.json".to_string(),
                "results format 1, from an older dojo; only format 2 is read".to_string()
            ),
            (
                "torn.jsonl".to_string(),
                "a damaged journal (line 1: its header line is cut off)".to_string()
            ),
        ]
    );
    let nothing = dojo(data.path())
        .args(["report"])
        .arg(&junk)
        .output()
        .unwrap();
    assert_eq!(nothing.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&nothing.stderr);
    assert!(
        stderr
            .starts_with("error: nothing to report: no results file or journal could be used\n  "),
        "{stderr}"
    );
}

#[test]
fn the_html_report_is_one_page_that_fetches_nothing() {
    let data = tempfile::tempdir().unwrap();
    for (name, input) in [
        ("a", "1\n3\n1 2\n3 1 2\nwrite a test\n"),
        ("b", "2\n4\n3\n1 2 3\nno\n1\n"),
    ] {
        dojo(&data.path().join(name))
            .args(ADA_PLAYS_CODE_REVIEW)
            .write_stdin(input)
            .assert()
            .success();
    }
    let page = data.path().join("report.html");
    let csv = data.path().join("items.csv");
    dojo(data.path())
        .arg("report")
        .arg(data.path().join("a"))
        .arg(data.path().join("b"))
        .arg("--html")
        .arg(&page)
        .arg("--csv")
        .arg(&csv)
        .assert()
        .success();
    let html = fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<svg"), "charts are inline SVG");
    for outside in ["<script", "src=", "href=", "@import", "url("] {
        assert!(
            !html.contains(outside),
            "the page refers outside itself: {outside}"
        );
    }
    let csv = fs::read_to_string(&csv).unwrap();
    assert!(csv.starts_with("item,scene,kind,prompt,answered,"), "{csv}");
    assert!(
        csv.contains("\n1,intro,single,How do you start the review?,2,0,2,1,0.5000,1.0000,,ask,Ask Raj what the change is for.,1,0.5000\n"),
        "{csv}"
    );
}

#[test]
fn a_committed_cohort_reports_exactly_in_every_format() {
    const COHORT: &str = "tests/fixtures/report/cohort";
    const GOLDEN: &str = "tests/fixtures/report";
    let out = tempfile::tempdir().unwrap();
    let (csv, html) = (out.path().join("items.csv"), out.path().join("report.html"));
    for (name, args) in [
        ("report-80.out", vec!["--width", "80"]),
        ("report-50.out", vec!["--width", "50"]),
        ("report.json", vec!["--format", "json"]),
    ] {
        let output = dojo_in_repo()
            .args(["report", COHORT])
            .args(args)
            .arg("--csv")
            .arg(&csv)
            .arg("--html")
            .arg(&html)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        assert_golden(GOLDEN, name, &stdout_of(&output), out.path());
    }
    for (name, path) in [("items.csv", &csv), ("report.html", &html)] {
        assert_golden(GOLDEN, name, &fs::read_to_string(path).unwrap(), out.path());
    }
}

const RETRY: &str = "tests/fixtures/scenarios/retry";

#[test]
fn a_session_resumed_after_a_retry_replays_to_the_same_state() {
    let data = tempfile::tempdir().unwrap();
    // Calm, then a shout that ends the story; the retry goes back to the fork; then leaving.
    dojo(data.path())
        .args(["play", RETRY, "--plain", "--name", "Ada", "--seed", "1"])
        .write_stdin("calm\nshout\nretry\n")
        .assert()
        .success();
    let journal = fs::read_to_string(data.path().join("saves/retry.jsonl")).unwrap();
    assert!(
        journal.contains(r#"{"event":"retry","#)
            && journal.contains(r#""scene":"walkout","kept":1}"#),
        "{journal}"
    );
    let resumed = dojo(data.path())
        .args(["play", RETRY, "--plain", "--name", "Ada"])
        .write_stdin("y\nlisten\n")
        .output()
        .unwrap();
    let text = stdout_of(&resumed);
    assert!(text.contains("(1 answer so far)"), "{text}");
    // Back at the fork as it was before the shout: calm, not angry, its visit not counted twice.
    assert!(text.contains("Calm: yes. Rushed: . Visit 1."), "{text}");
    assert!(text.contains("Angry: . Care: 3."), "{text}");
    let results = results_in(data.path());
    assert_eq!(results.len(), 1, "{text}");
    let file = &results[0];
    assert_eq!(file["ending"]["id"], "good-end");
    assert_eq!(
        (file["score"].clone(), file["max"].clone()),
        (3.into(), 3.into())
    );
    let questions = file["questions"].as_array().unwrap();
    let chosen: Vec<&Value> = questions.iter().map(|q| &q["chosen"][0]).collect();
    assert_eq!(chosen, [&Value::from("calm"), &Value::from("listen")]);
    assert_eq!(
        file["retries"],
        serde_json::json!([{
            "ending": { "id": "walkout", "title": "Ana walks out" },
            "score": 0, "max": 3, "percent": 0
        }])
    );
}
