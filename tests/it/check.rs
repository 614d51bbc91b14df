//! `dojo check` against the fixture folders in `tests/fixtures/check/`.
//!
//! Each folder is one case: a small scenario with deliberate problems, run as
//! `dojo check tests/fixtures/check/<case>` from the repository root. Next to the scenario:
//!
//! - `expected.txt`: the exact stdout;
//! - `expected-code`: the exit code;
//! - `expected-stderr` (optional): the exact stderr; without it stderr must be empty;
//! - `args` (optional): the arguments after `check`, one per line, instead of the case folder.
//!
//! Adding a folder adds a case. `DOJO_BLESS=1 cargo test --test it check` rewrites the expected
//! files from the current output; read every rewritten file before trusting it.

use crate::common::{FixtureCases, Stderr, dojo_in_repo};

const FIXTURES: &str = "tests/fixtures/check";

#[test]
fn every_fixture_case_reports_exactly_what_is_expected() {
    FixtureCases {
        folder: FIXTURES,
        subcommand: "check",
        target: "",
        stderr: Stderr::AsExpected,
        at_least: 21,
    }
    .assert_all_as_expected();
}

#[test]
fn json_format_gives_each_problem_with_its_place() {
    let output = dojo_in_repo()
        .args([
            "check",
            "--format",
            "json",
            &format!("{FIXTURES}/missing-scene"),
        ])
        .output()
        .expect("dojo runs");
    assert_eq!(output.status.code(), Some(1));
    let reports: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    let reports = reports.as_array().expect("a list of reports");
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["path"], format!("{FIXTURES}/missing-scene"));
    let problems = reports[0]["problems"]
        .as_array()
        .expect("a list of problems");
    assert_eq!(problems.len(), 5);
    let typo = &problems[1];
    assert_eq!(typo["severity"], "error");
    assert_eq!(typo["code"], "missing-scene");
    assert_eq!(
        typo["file"],
        format!("{FIXTURES}/missing-scene/scenes.toml")
    );
    assert_eq!(typo["line"], 3);
    assert_eq!(typo["column"], 8);
    assert_eq!(typo["end_line"], 3);
    assert_eq!(typo["end_column"], 17);
    assert_eq!(typo["message"], "no scene has the id `the-ned`");
    assert_eq!(typo["label"], "no such scene");
    assert_eq!(typo["hint"], "did you mean `the-end`?");
    assert!(output.stderr.is_empty());
}

#[test]
fn json_format_of_a_clean_scenario_is_an_empty_list_of_problems() {
    let output = dojo_in_repo()
        .args(["check", "--format", "json", &format!("{FIXTURES}/good")])
        .output()
        .expect("dojo runs");
    assert_eq!(output.status.code(), Some(0));
    let reports: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    assert_eq!(reports[0]["problems"], serde_json::json!([]));
}

#[test]
fn the_shipped_flagship_scenario_is_clean() {
    let output = dojo_in_repo()
        .args(["check", "scenarios/pet-clinic-vsm"])
        .output()
        .expect("dojo runs");
    // After the summary line come the score bounds and grades (tests/lints.rs covers those).
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.lines().next(),
        Some("scenarios/pet-clinic-vsm: no problems found"),
        "{stdout}"
    );
    assert_eq!(output.status.code(), Some(0));
}
