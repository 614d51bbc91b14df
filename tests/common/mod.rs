//! Helpers for tests that run the `dojo` binary: a command with its own data folder, and
//! golden files (`DOJO_BLESS=1` rewrites them after a deliberate change).

use std::fs;
use std::path::Path;

use assert_cmd::Command;

pub const CODE_REVIEW: &str = "tests/fixtures/scenarios/code-review";

/// `dojo` with saves in `data`, no colour, and no data folder from the environment.
pub fn dojo(data: &Path) -> Command {
    let mut command = Command::cargo_bin("dojo").expect("binary is built");
    command
        .env("DOJO_DATA_DIR", data)
        .env("NO_COLOR", "1")
        .env_remove("XDG_DATA_HOME");
    command
}

/// Compares `actual` with the golden file `folder/name`, after replacing the temporary data
/// folder with `$DATA` and results files' times with `<time>`.
pub fn assert_golden(folder: &str, name: &str, actual: &str, data: &Path) {
    let actual = without_timestamps(&actual.replace(&data.display().to_string(), "$DATA"));
    let path = Path::new(folder).join(name);
    if std::env::var_os("DOJO_BLESS").is_some() {
        fs::write(&path, &actual).expect("golden file is writable");
        return;
    }
    let expected =
        fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing {}", path.display()));
    assert_eq!(actual, expected, "output differs from {}", path.display());
}

/// Results files are named by the second they were written; golden files say `<time>`.
pub fn without_timestamps(text: &str) -> String {
    text.lines()
        .map(|line| match line.rfind('-') {
            Some(dash) if line.contains("/results/") && line.ends_with(".json") => {
                let digits = &line[dash + 1..line.len() - ".json".len()];
                if digits.chars().all(|c| c.is_ascii_digit()) {
                    format!("{}-<time>.json", &line[..dash])
                } else {
                    line.to_string()
                }
            }
            _ => line.to_string(),
        })
        .map(|line| line + "\n")
        .collect()
}

pub fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

pub fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
