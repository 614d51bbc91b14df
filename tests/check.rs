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
//! Adding a folder adds a case. `DOJO_BLESS=1 cargo test --test check` rewrites the expected
//! files from the current output; read every rewritten file before trusting it.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const FIXTURES: &str = "tests/fixtures/check";

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

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn run_case(case: &Path) -> Run {
    let name = case
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a UTF-8 case name");
    let args: Vec<String> = match fs::read_to_string(case.join("args")) {
        Ok(text) => text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect(),
        Err(_) => vec![format!("{FIXTURES}/{name}")],
    };
    let output = dojo().arg("check").args(&args).output().expect("dojo runs");
    Run {
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        code: output.status.code().expect("dojo exits with a code"),
    }
}

fn blessing() -> bool {
    std::env::var_os("DOJO_BLESS").is_some_and(|v| v != "0" && !v.is_empty())
}

#[test]
fn every_fixture_case_reports_exactly_what_is_expected() {
    let cases = cases();
    assert!(cases.len() > 20, "expected the fixture cases in {FIXTURES}");
    let bless = blessing();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let run = run_case(case);
        let stderr_file = case.join("expected-stderr");
        if bless {
            fs::write(case.join("expected.txt"), &run.stdout).unwrap();
            fs::write(case.join("expected-code"), format!("{}\n", run.code)).unwrap();
            if run.stderr.is_empty() {
                let _ = fs::remove_file(&stderr_file);
            } else {
                fs::write(&stderr_file, &run.stderr).unwrap();
            }
            continue;
        }
        let read = |file: &str| {
            fs::read_to_string(case.join(file)).unwrap_or_else(|e| panic!("{name}/{file}: {e}"))
        };
        let expected_stdout = read("expected.txt");
        let expected_code: i32 = read("expected-code")
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("{name}/expected-code: {e}"));
        let expected_stderr = fs::read_to_string(&stderr_file).unwrap_or_default();
        if run.stdout != expected_stdout {
            failures.push(format!(
                "{name}: stdout differs\n--- expected\n{expected_stdout}--- actual\n{}",
                run.stdout
            ));
        }
        if run.stderr != expected_stderr {
            failures.push(format!(
                "{name}: stderr differs\n--- expected\n{expected_stderr}--- actual\n{}",
                run.stderr
            ));
        }
        if run.code != expected_code {
            failures.push(format!(
                "{name}: exit code {} instead of {expected_code}",
                run.code
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
fn json_format_gives_each_problem_with_its_place() {
    let output = dojo()
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
    let output = dojo()
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
    let output = dojo()
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
