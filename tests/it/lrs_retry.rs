//! Retries in the learning records: Pet Clinic learners walk out, take the retry and go on,
//! one leaving unfinished, one coming back and finishing, one finishing at once; against a
//! real LRS (Ralph, skipped without `DOJO_TEST_LRS`), `dojo report --lrs` must equal the report
//! over their files, and the unfinished session read back must count only the answers its
//! journal counts. The last test needs no store: the retry fixture's statements read back.

use std::fs;
use std::path::{Path, PathBuf};

use dojo::progress::{Event, Journal, parse_journal};
use dojo::xapi::{Base, Client, cohort_inputs};
use serde_json::Value;

use crate::common::{dojo, repo_root, stdout_of};
use crate::lrs::{config, dojo_with_lrs, endpoint};
use crate::lrs_report::lrs_toml;

/// A golden playthrough's answers, one per line.
fn golden(name: &str) -> Vec<String> {
    let path = repo_root().join(format!(
        "scenarios/pet-clinic-vsm/playthroughs/{name}.answers"
    ));
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// Brenda walks out after the laugh; the retry goes back to Dan's dig, and from there the
/// answers of the flow ending follow. Returns the answers up to the retry, the rest after.
fn walk_out_and_retry() -> (Vec<String>, Vec<String>) {
    let mut before = golden("brenda-leaves");
    assert_eq!(before.pop().as_deref(), Some("end"), "the golden declines");
    before.push("retry".to_string());
    let flow = golden("flow-ending");
    let from = flow.iter().position(|a| a == "protect-honesty").unwrap();
    (before, flow[from..].to_vec())
}

fn lines(answers: &[String]) -> String {
    answers.iter().map(|a| format!("{a}\n")).collect()
}

fn play(data: &Path, endpoint: &str, name: &str, input: String) {
    dojo_with_lrs(data, endpoint, "dojo-secret")
        .args(["play", "--plain", "--seed", "1", "--name", name])
        .write_stdin(input)
        .assert()
        .success();
}

fn journal_in(dir: &Path) -> Journal {
    let path = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|e| e == "jsonl"))
        .unwrap();
    parse_journal(&path, &fs::read(&path).unwrap()).unwrap()
}

fn results_in(data: &Path) -> Value {
    let path = fs::read_dir(data.join("results"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn json_report(command: &mut assert_cmd::Command) -> String {
    let output = command.args(["--format", "json"]).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    stdout_of(&output)
}

#[test]
fn a_retry_read_back_from_the_lrs_counts_as_in_the_files() {
    let Some(endpoint) = endpoint("a_retry_read_back_from_the_lrs_counts_as_in_the_files") else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let activities = format!("https://dojo.invalid/test-{}", uuid::Uuid::new_v4());
    let (before, after) = walk_out_and_retry();
    let folder = |name: &str| {
        let data = work.path().join(name);
        lrs_toml(&data, &activities);
        data
    };
    // Leaves four answers after the retry.
    let una = folder("Una");
    play(&una, &endpoint, "Una", lines(&before) + &lines(&after[..4]));
    // Leaves there too, comes back and finishes.
    let rex = folder("Rex");
    play(&rex, &endpoint, "Rex", lines(&before) + &lines(&after[..4]));
    play(
        &rex,
        &endpoint,
        "Rex",
        "y\n".to_string() + &lines(&after[4..]),
    );
    // Finishes at once.
    let fin = folder("Fin");
    play(&fin, &endpoint, "Fin", lines(&before) + &lines(&after));
    let folders: Vec<PathBuf> = vec![una.clone(), rex, fin.clone()];
    for data in &folders {
        let sync = dojo_with_lrs(data, &endpoint, "dojo-secret")
            .arg("sync")
            .output()
            .unwrap();
        assert!(stdout_of(&sync).ends_with("waiting 0\n"), "{sync:?}");
    }

    let files = json_report(dojo(&una).arg("report").args(&folders));
    let lrs = json_report(dojo_with_lrs(&una, &endpoint, "dojo-secret").args([
        "report",
        "--lrs",
        "--scenario",
        "pet-clinic-vsm",
    ]));
    assert!(files == lrs, "JSON differs:\n{files}\n---\n{lrs}");
    let report: Value = serde_json::from_str(&lrs).unwrap();
    assert_eq!(report["cohort"]["started"], 3);
    assert_eq!(report["cohort"]["abandoned"], 1);

    // Una's session as the store has it: the answers her journal counts, no more.
    let on_disk = journal_in(&una.join("saves"));
    let mut client_config = config(&endpoint, "dojo-secret");
    client_config.base.activities.clone_from(&activities);
    let client = Client::new(&client_config, 10);
    let stored = client
        .by_registration(&on_disk.header.session.to_string())
        .unwrap();
    let inputs = cohort_inputs(&stored, &client_config.base, "test");
    assert_eq!(inputs.journals.len(), 1, "{:?}", inputs.rejected);
    let read = &inputs.journals[0].1;
    assert_eq!(read.answers(), on_disk.answers());
    // The laugh, the last answer before the walk-out, is the one given up.
    assert_eq!(read.answers().len(), before.len() - 2 + 4);

    // The retried statement as stored: what the finished session's results say was given up,
    // and back to the dig, the scene of the answer given up.
    let fin_journal = journal_in(&fin.join("sessions"));
    let stored = client
        .by_registration(&fin_journal.header.session.to_string())
        .unwrap();
    let retried: Vec<&Value> = stored
        .iter()
        .filter(|s| s["verb"]["id"] == format!("{activities}/xapi/verbs/retried"))
        .collect();
    assert_eq!(retried.len(), 1);
    let extension =
        |within: &Value, name: &str| within[format!("{activities}/xapi/{name}")].clone();
    let context = &retried[0]["context"]["extensions"];
    let kept = before.len() - 2;
    assert_eq!(extension(context, "answers-kept"), kept);
    let given_up = fin_journal
        .events
        .iter()
        .filter_map(|event| match event {
            Event::Answer { scene, .. } => Some(scene.clone()),
            _ => None,
        })
        .nth(kept)
        .unwrap();
    assert_eq!(extension(context, "back-to"), given_up.as_str());
    let results = results_in(&fin);
    let attempt = &results["retries"][0];
    let result = &retried[0]["result"];
    assert_eq!(
        extension(&result["extensions"], "ending"),
        attempt["ending"]
    );
    assert_eq!(
        (&result["score"]["raw"], &result["score"]["max"]),
        (&attempt["score"], &attempt["max"])
    );
}

/// Needs no LRS: the retry fixture played three ways, its statements as `dojo xapi` makes them
/// (with the scenario and without), read back in a store's order, give the files' report, and
/// the unfinished session's journal back.
#[test]
fn retries_read_back_give_the_report_and_the_journals_of_their_files() {
    const RETRY: &str = "tests/fixtures/scenarios/retry";
    let work = tempfile::tempdir().unwrap();
    let play = |name: &str, input: &str| {
        let data = work.path().join(name);
        dojo(&data)
            .args(["play", RETRY, "--plain", "--seed", "1", "--name", name])
            .write_stdin(input.to_string())
            .assert()
            .success();
        data
    };
    // Walks out, goes back to the fork, leaves.
    let una = play("Una", "calm\nshout\nretry\n");
    // The same, then comes back and listens.
    let rex = play("Rex", "calm\nshout\nretry\n");
    play("Rex", "y\nlisten\n");
    // Walks out, goes back, listens at once.
    let fin = play("Fin", "calm\nshout\nretry\nlisten\n");
    let folders = [una.clone(), rex, fin];
    let mut statements: Vec<Value> = Vec::new();
    for (i, data) in folders.iter().enumerate() {
        let file = ["results", "saves"]
            .iter()
            .flat_map(|dir| fs::read_dir(data.join(dir)).into_iter().flatten())
            .map(|entry| entry.unwrap().path())
            .find(|path| {
                path.extension()
                    .is_some_and(|e| e == "json" || e == "jsonl")
            })
            .unwrap();
        let mut xapi = dojo(data);
        xapi.arg("xapi").arg(&file);
        if i % 2 == 0 {
            xapi.args(["--scenario", RETRY]);
        }
        let output = xapi.output().unwrap();
        assert!(output.status.success(), "{output:?}");
        let made: Vec<Value> = serde_json::from_str(&stdout_of(&output)).unwrap();
        assert_eq!(
            made.iter()
                .filter(|s| s["verb"]["display"]["en-US"] == "retried")
                .count(),
            1
        );
        statements.extend(made);
    }
    statements.reverse();
    let base = Base::default();
    let inputs = cohort_inputs(&statements, &base, "test");
    let read = inputs
        .journals
        .iter()
        .map(|(_, journal)| journal)
        .find(|journal| journal.header.learner == "Una")
        .unwrap();
    let on_disk = journal_in(&una.join("saves"));
    assert_eq!(read.events, on_disk.events);
    assert_eq!(read.answers().len(), 1);
    let from_statements = dojo::report::Report::of(inputs, None);
    let from_files = dojo::report::Report::of(dojo::report::gather(&folders), None);
    assert_eq!(from_statements, from_files);
    assert_eq!(
        (from_files.cohort.started, from_files.cohort.abandoned),
        (3, 1)
    );
}
