//! `dojo report` on a cohort that went back from endings: who retried, how often, where, and
//! their first attempts beside their last, against figures the test reads from the results
//! files itself.

use std::fs;
use std::path::Path;

use serde_json::{Value, json};

use crate::common::{dojo, stdout_of};

const RETRY: &str = "tests/fixtures/scenarios/retry";

/// Three learners, each in a data folder of their own: one shouts, walks out and retries; one
/// never slips; one gives up, goes back to the checkpoint, then shouts and goes back again.
const LEARNERS: [&str; 3] = [
    "calm\nshout\nretry\nlisten\n",
    "calm\nlisten\n",
    // The fork's options are not shuffled; 3 is "Give up" (`quit` would leave the session).
    "rush\n3\nretry\ncalm\nshout\nretry\nlisten\n",
];

fn results_file(data: &Path) -> Value {
    let dir = data.join("results");
    let entry = fs::read_dir(&dir)
        .expect("a results folder")
        .next()
        .expect("one results file")
        .expect("a readable entry");
    serde_json::from_str(&fs::read_to_string(entry.path()).expect("readable")).expect("JSON")
}

#[test]
fn the_report_counts_retries_and_first_attempts_as_the_files_hold_them() {
    let root = tempfile::tempdir().expect("temporary folder");
    let mut files = Vec::new();
    for (i, input) in LEARNERS.iter().enumerate() {
        let data = root.path().join(format!("learner-{i}"));
        dojo(&data)
            .args(["play", RETRY, "--plain", "--seed", "1"])
            .args(["--name", &format!("Learner {i}")])
            .write_stdin(*input)
            .assert()
            .success();
        files.push(results_file(&data));
    }
    let output = dojo(root.path())
        .args(["report", "--format", "json"])
        .arg(root.path())
        .output()
        .expect("dojo runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let report: Value = serde_json::from_str(&stdout_of(&output)).expect("JSON");
    let retries = &report["cohort"]["retries"];

    let retried: Vec<&Value> = files
        .iter()
        .filter(|f| f["retries"].as_array().is_some_and(|r| !r.is_empty()))
        .collect();
    let taken: Vec<&Value> = retried
        .iter()
        .flat_map(|f| f["retries"].as_array().into_iter().flatten())
        .collect();
    assert_eq!(
        (retried.len(), taken.len()),
        (2, 3),
        "the script retries three times"
    );
    assert_eq!(retries["sessions"], 2);
    assert_eq!(retries["learners"], 2);
    assert_eq!(retries["of"], 3);
    assert_eq!(retries["retries"], 3);
    assert_eq!(retries["per_session"], 1.0);
    let walkouts = taken
        .iter()
        .filter(|t| t["ending"]["id"] == "walkout")
        .count();
    assert_eq!(
        retries["endings"],
        json!([
            { "id": "walkout", "name": "Ana walks out", "count": walkouts, "share": walkouts as f64 / 3.0 },
            { "id": "gave-up", "name": "Given up", "count": 3 - walkouts, "share": (3 - walkouts) as f64 / 3.0 },
        ])
    );
    let mut first: Vec<f64> = retried
        .iter()
        .map(|f| f["retries"][0]["percent"].as_f64().expect("a percent"))
        .collect();
    first.sort_by(f64::total_cmp);
    let spread = &retries["first_attempt_percent"];
    assert_eq!(
        (spread["min"].as_f64(), spread["max"].as_f64()),
        (Some(first[0]), Some(first[1]))
    );
    let mut last: Vec<f64> = retried
        .iter()
        .map(|f| f["percent"].as_f64().expect("a percent"))
        .collect();
    last.sort_by(f64::total_cmp);
    let spread = &retries["final_percent"];
    assert_eq!(
        (spread["min"].as_f64(), spread["max"].as_f64()),
        (Some(last[0]), Some(last[1]))
    );
    let items = report["items"].as_array().expect("items");
    let fork = items
        .iter()
        .find(|i| i["scene"] == "fork")
        .expect("the fork item");
    assert_eq!(
        (fork["answered"].clone(), fork["retried"].clone()),
        (json!(3), json!(2))
    );
}

#[test]
fn nobody_retrying_leaves_the_text_report_without_a_retries_section() {
    let data = tempfile::tempdir().expect("temporary folder");
    dojo(data.path())
        .args(["play", RETRY, "--plain", "--name", "Ada", "--seed", "1"])
        .write_stdin("calm\nlisten\n")
        .assert()
        .success();
    let text = stdout_of(
        &dojo(data.path())
            .args(["report", "--width", "80"])
            .arg(data.path())
            .output()
            .expect("dojo runs"),
    );
    assert!(!text.contains("Retries"), "{text}");
    assert!(text.contains("Endings"), "{text}");
}
