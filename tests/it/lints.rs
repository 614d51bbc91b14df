//! `dojo check` lints against the fixture folders in `tests/fixtures/lints/`.
//!
//! Each folder is a small scenario that loads without errors and shows one lint (the folder is
//! named after its code), the `allow` list, or part of the score report. It is run as
//! `dojo check tests/fixtures/lints/<case>` from the repository root, and next to it:
//!
//! - `expected.txt`: the exact stdout (diagnostics, summary line, score bounds and grades);
//! - `expected-code`: the exit code.
//!
//! Every lint must have a folder. `DOJO_BLESS=1 cargo test --test it lints` rewrites the expected
//! files from the current output; read every rewritten file before trusting it.

use std::fs;

use crate::common::{FixtureCases, Stderr, dojo_in_repo, repo_root};
use serde_json::json;

const FIXTURES: &str = "tests/fixtures/lints";

#[test]
fn every_lint_fixture_reports_exactly_what_is_expected() {
    FixtureCases {
        folder: FIXTURES,
        subcommand: "check",
        target: "",
        // Lints are diagnostics on stdout; anything on stderr is a bug, never expected.
        stderr: Stderr::Empty,
        at_least: 0,
    }
    .assert_all_as_expected();
}

#[test]
fn every_lint_has_a_fixture_that_shows_it() {
    for lint in dojo::lint::LINTS {
        let case = repo_root().join(FIXTURES).join(lint.code);
        let expected = fs::read_to_string(case.join("expected.txt"))
            .unwrap_or_else(|e| panic!("{}: no fixture ({e})", lint.code));
        assert!(
            expected.contains(&format!("[{}]", lint.code)),
            "the fixture of `{}` does not show it",
            lint.code
        );
    }
}

#[test]
fn an_allowed_lint_is_quiet_only_in_its_scene() {
    let expected = fs::read_to_string(repo_root().join(FIXTURES).join("allow/expected.txt"))
        .expect("the allow fixture");
    assert!(!expected.contains("`draft`"));
    assert!(!expected.contains("no-correct-option"));
    assert!(expected.contains("scene `old-draft` can never be reached"));
    assert!(expected.contains("[flag-never-set]"));
}

#[test]
fn json_gives_problems_bounds_and_grades() {
    let output = dojo_in_repo()
        .args([
            "check",
            "--format",
            "json",
            &format!("{FIXTURES}/unreachable-grade"),
            &format!("{FIXTURES}/score-loop"),
        ])
        .output()
        .expect("dojo runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stderr.is_empty());
    let reports: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    let grade = &reports[0];
    assert_eq!(grade["path"], format!("{FIXTURES}/unreachable-grade"));
    let problems = grade["problems"].as_array().expect("a list of problems");
    assert_eq!(problems.len(), 2);
    assert_eq!(problems[0]["code"], "unreachable-grade");
    assert_eq!(problems[0]["severity"], "warning");
    assert_eq!(problems[0]["line"], 20);
    assert_eq!(problems[0]["label"], "needs 80% or more");
    assert_eq!(
        grade["bounds"],
        json!({ "care": { "min": 1, "max": 3 }, "tact": { "min": -1, "max": 0 } })
    );
    assert_eq!(
        grade["grades"],
        json!({
            "lowest_percent": 33,
            "highest_percent": 66,
            "bands": [
                { "name": "Star", "min": 80, "reachable": false },
                { "name": "Fair", "min": 30, "reachable": true },
                { "name": "Lost", "min": 0, "reachable": false },
            ],
        })
    );
    // A loop that raises the score on every lap leaves no maximum.
    let looping = &reports[1];
    assert_eq!(looping["problems"], json!([]));
    assert_eq!(
        looping["bounds"],
        json!({ "care": { "min": -1, "max": null } })
    );
    assert_eq!(looping["grades"]["highest_percent"], 99);
}

#[test]
fn json_of_a_scenario_that_does_not_load_has_no_bounds() {
    let output = dojo_in_repo()
        .args([
            "check",
            "--format",
            "json",
            "tests/fixtures/check/missing-scene",
        ])
        .output()
        .expect("dojo runs");
    assert_eq!(output.status.code(), Some(1));
    let reports: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    assert_eq!(reports[0]["bounds"], serde_json::Value::Null);
    assert_eq!(reports[0]["grades"], serde_json::Value::Null);
}
