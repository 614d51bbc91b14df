//! `dojo report --lrs` against a real LRS (Ralph, `.ci/lrs start`): a cohort of learners, each
//! on their own data folder, plays with the LRS configured; the report read back from the store
//! must be the report over their files, in every format. Skipped, saying so, without
//! `DOJO_TEST_LRS`; the last test reads statements back without a store and always runs.

use std::fs;
use std::path::{Path, PathBuf};

use dojo::xapi::{Client, Query};
use serde_json::Value;

use crate::common::{CODE_REVIEW, dojo, repo_root, stdout_of};
use crate::lrs::{config, dojo_with_lrs, endpoint};

/// Each learner's answers, one line per prompt; a learner whose input ends early leaves.
const COHORT: [(&str, &[&str]); 5] = [
    ("Ada", &["1\n3\n1 2\n3 1 2\nwrite a test\n"]),
    ("Ben", &["2\n1\n2\n1 2 3\nno\n"]),
    ("Cy", &["1\n2\n"]),
    // Leaves after two answers, comes back and finishes.
    ("Dee", &["1\n3\n", "y\n1 2\n3 1 2\nwrite a test\n"]),
    ("Eve", &["2\n3\n1 3\n1 2 3\nadd a test please\n"]),
];

/// The code-review fixture with a pass mark, so passes and fails go through the store too.
fn scenario_with_pass_mark(dir: &Path) -> PathBuf {
    let folder = dir.join("code-review");
    fs::create_dir_all(&folder).unwrap();
    let source = repo_root().join(CODE_REVIEW);
    for name in ["scenario.toml", "scenes.toml"] {
        fs::copy(source.join(name), folder.join(name)).unwrap();
    }
    let manifest = fs::read_to_string(folder.join("scenario.toml")).unwrap();
    let manifest = manifest.replacen("\nstart = ", "\npass = 50\nstart = ", 1);
    assert!(manifest.contains("pass = 50"));
    fs::write(folder.join("scenario.toml"), manifest).unwrap();
    folder
}

/// Activity ids under a base of this run only, so the store's statements from earlier runs
/// are not in this cohort.
pub(crate) fn lrs_toml(data: &Path, activities: &str) {
    let dir = data.join("config/dojo");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("lrs.toml"),
        format!("activities = \"{activities}\"\n"),
    )
    .unwrap();
}

fn report(command: &mut assert_cmd::Command, out: &Path, name: &str) -> Vec<String> {
    let csv = out.join(format!("{name}.csv"));
    let html = out.join(format!("{name}.html"));
    let json = command
        .args(["--format", "json", "--csv"])
        .arg(&csv)
        .arg("--html")
        .arg(&html)
        .output()
        .unwrap();
    assert!(json.status.success(), "{json:?}");
    vec![
        stdout_of(&json),
        fs::read_to_string(csv).unwrap(),
        fs::read_to_string(html).unwrap(),
    ]
}

#[test]
fn the_report_read_back_from_the_lrs_is_the_report_over_the_files() {
    let Some(endpoint) = endpoint("the_report_read_back_from_the_lrs_is_the_report_over_the_files")
    else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let scenario = scenario_with_pass_mark(work.path());
    let activities = format!("https://dojo.invalid/test-{}", uuid::Uuid::new_v4());
    let mut folders = Vec::new();
    for (name, runs) in COHORT {
        let data = work.path().join(name);
        lrs_toml(&data, &activities);
        for input in runs {
            dojo_with_lrs(&data, &endpoint, "dojo-secret")
                .arg("play")
                .arg(&scenario)
                .args(["--plain", "--name", name])
                .write_stdin(*input)
                .assert()
                .success();
        }
        // What play could not deliver in its last seconds goes now.
        let sync = dojo_with_lrs(&data, &endpoint, "dojo-secret")
            .arg("sync")
            .output()
            .unwrap();
        assert!(stdout_of(&sync).ends_with("waiting 0\n"), "{sync:?}");
        folders.push(data);
    }

    let mut from_files = dojo(&folders[0]);
    from_files.arg("report").args(&folders);
    let files = report(&mut from_files, work.path(), "files");
    // Two statements a request: the cohort's 40-odd statements take many pages.
    let mut from_lrs = dojo_with_lrs(&folders[0], &endpoint, "dojo-secret");
    from_lrs.args([
        "report",
        "--lrs",
        "--scenario",
        "code-review",
        "--page",
        "2",
    ]);
    let lrs = report(&mut from_lrs, work.path(), "lrs");
    for (what, (files, lrs)) in ["JSON", "CSV", "HTML"].iter().zip(files.iter().zip(&lrs)) {
        assert!(files == lrs, "{what} differs:\n{files}\n---\n{lrs}");
    }

    let json: Value = serde_json::from_str(&lrs[0]).unwrap();
    let cohort = &json["cohort"];
    assert_eq!(
        (
            &cohort["learners"],
            &cohort["finished"],
            &cohort["abandoned"]
        ),
        (&Value::from(5), &Value::from(4), &Value::from(1))
    );
    assert_eq!(json["rejected"], Value::Array(Vec::new()));
    assert_eq!(cohort["pass"]["mark"], 50);
    assert_eq!(
        cohort["pass"]["passed"].as_u64().unwrap() + cohort["pass"]["failed"].as_u64().unwrap(),
        4
    );

    // The same statements whole pages or two at a time: `more` was followed to the end.
    let client = Client::new(&config(&endpoint, "dojo-secret"), 10);
    let activity = Query::Activity(format!("{activities}/scenarios/code-review"));
    let paged = client.read(&activity, 2).unwrap();
    let whole = client.read(&activity, 1000).unwrap();
    assert!(paged.len() > 20, "only {} statements", paged.len());
    assert_eq!(paged.len(), whole.len());

    let text = |command: &mut assert_cmd::Command| stdout_of(&command.output().unwrap());
    let text_files = text(dojo(&folders[0]).arg("report").args(&folders));
    let text_lrs = text(dojo_with_lrs(&folders[0], &endpoint, "dojo-secret").args([
        "report",
        "--lrs",
        "--scenario",
        "code-review",
    ]));
    assert_eq!(text_files, text_lrs);
    assert!(text_lrs.contains("Passed "), "{text_lrs}");
}

#[test]
fn a_cohort_read_by_registration_is_the_same_sessions() {
    let Some(endpoint) = endpoint("a_cohort_read_by_registration_is_the_same_sessions") else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let mut folders = Vec::new();
    let mut registrations = Vec::new();
    for (name, runs) in &COHORT[..2] {
        let data = work.path().join(name);
        dojo_with_lrs(&data, &endpoint, "dojo-secret")
            .args(["play", CODE_REVIEW, "--plain", "--name", name])
            .write_stdin(runs[0])
            .assert()
            .success();
        let journal = fs::read_dir(data.join("sessions"))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let header = fs::read_to_string(journal).unwrap();
        let header: Value = serde_json::from_str(header.lines().next().unwrap()).unwrap();
        registrations.push(header["session"].as_str().unwrap().to_string());
        folders.push(data);
    }
    let files = stdout_of(
        &dojo(&folders[0])
            .arg("report")
            .args(&folders)
            .args(["--format", "json"])
            .output()
            .unwrap(),
    );
    let mut command = dojo_with_lrs(&folders[0], &endpoint, "dojo-secret");
    command.args(["report", "--lrs", "--format", "json"]);
    for registration in &registrations {
        command.args(["--registration", registration]);
    }
    let lrs = stdout_of(&command.output().unwrap());
    assert_eq!(files, lrs);
}

/// Needs no LRS: the statements `dojo xapi` prints, read back as a store would hand them over
/// (in any order), give the report the files give.
#[test]
fn statements_read_back_give_the_report_of_their_files() {
    let data = tempfile::tempdir().unwrap();
    let play = |input: &str| {
        dojo(data.path())
            .args(["play", CODE_REVIEW, "--plain", "--name", "Ada"])
            .write_stdin(input.to_string())
            .assert()
            .success();
    };
    play("1\n3\n");
    play("y\n1 2\n3 1 2\nwrite a test\n");
    play("2\n1\n");
    let mut files: Vec<PathBuf> = ["results", "saves"]
        .iter()
        .flat_map(|dir| fs::read_dir(data.path().join(dir)).unwrap())
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|e| e == "json" || e == "jsonl")
        })
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    let mut statements: Vec<Value> = Vec::new();
    for file in &files {
        let output = dojo(data.path()).arg("xapi").arg(file).output().unwrap();
        assert!(output.status.success(), "{output:?}");
        let made: Vec<Value> = serde_json::from_str(&stdout_of(&output)).unwrap();
        statements.extend(made);
    }
    assert!(
        statements
            .iter()
            .any(|s| s["verb"]["display"]["en-US"] == "resumed")
    );
    // Stores answer newest first, or in no promised order at all.
    statements.reverse();
    let base = dojo::xapi::Base::default();
    let from_statements =
        dojo::report::Report::of(dojo::xapi::cohort_inputs(&statements, &base, "test"), None);
    let from_files =
        dojo::report::Report::of(dojo::report::gather(&[data.path().to_path_buf()]), None);
    assert_eq!(from_statements, from_files);
    assert_eq!(from_files.cohort.started, 2);
    assert_eq!(from_files.cohort.abandoned, 1);
}
