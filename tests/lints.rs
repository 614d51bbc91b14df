//! `dojo check` lints against the fixture folders in `tests/fixtures/lints/`.
//!
//! Each folder is a small scenario that loads without errors and shows one lint (the folder is
//! named after its code), the `allow` list, or part of the score report. It is run as
//! `dojo check tests/fixtures/lints/<case>` from the repository root, and next to it:
//!
//! - `expected.txt`: the exact stdout (diagnostics, summary line, score bounds and grades);
//! - `expected-code`: the exit code.
//!
//! Every lint must have a folder. `DOJO_BLESS=1 cargo test --test lints` rewrites the expected
//! files from the current output; read every rewritten file before trusting it.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::json;

const FIXTURES: &str = "tests/fixtures/lints";

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn dojo() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dojo"));
    command.current_dir(repo_root()).env("NO_COLOR", "1");
    command
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(repo_root().join(FIXTURES))
        .expect("the fixture folder exists")
        .map(|entry| entry.expect("a readable fixture entry").path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    cases
}

fn blessing() -> bool {
    std::env::var_os("DOJO_BLESS").is_some_and(|v| v != "0" && !v.is_empty())
}

fn name_of(case: &Path) -> String {
    case.file_name()
        .and_then(|n| n.to_str())
        .expect("a UTF-8 case name")
        .to_string()
}

#[test]
fn every_lint_fixture_reports_exactly_what_is_expected() {
    let cases = cases();
    let bless = blessing();
    let mut failures = Vec::new();
    for case in &cases {
        let name = name_of(case);
        let output = dojo()
            .arg("check")
            .arg(format!("{FIXTURES}/{name}"))
            .output()
            .expect("dojo runs");
        let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
        let code = output.status.code().expect("dojo exits with a code");
        if !output.stderr.is_empty() {
            failures.push(format!(
                "{name}: stderr is not empty:\n{}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        if bless {
            fs::write(case.join("expected.txt"), &stdout).unwrap();
            fs::write(case.join("expected-code"), format!("{code}\n")).unwrap();
            continue;
        }
        let read = |file: &str| {
            fs::read_to_string(case.join(file)).unwrap_or_else(|e| panic!("{name}/{file}: {e}"))
        };
        let expected = read("expected.txt");
        let expected_code: i32 = read("expected-code")
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("{name}/expected-code: {e}"));
        if stdout != expected {
            failures.push(format!(
                "{name}: stdout differs\n--- expected\n{expected}--- actual\n{stdout}"
            ));
        }
        if code != expected_code {
            failures.push(format!(
                "{name}: exit code {code} instead of {expected_code}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed (DOJO_BLESS=1 rewrites the expected files):\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
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
    let output = dojo()
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
    let output = dojo()
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
