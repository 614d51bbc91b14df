//! `dojo graph`: the exact DOT and Mermaid drawings of small scenarios.
//!
//! Each case draws a scenario folder and compares stdout with `tests/fixtures/graph/<case>.dot`
//! and `<case>.mmd`. `DOJO_BLESS=1 cargo test --test graph` rewrites them; read them (and
//! render them: `dot -Tsvg`, or a Mermaid live editor) before trusting them.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

const EXPECTED: &str = "tests/fixtures/graph";

/// Case name and scenario folder.
const CASES: &[(&str, &str)] = &[
    ("code-review", "tests/fixtures/scenarios/code-review"),
    // Quotes, backslashes, markup, `#`, `|`, an unreachable scene called `end`.
    ("escaping", "tests/fixtures/graph/escaping"),
];

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn dojo() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dojo"));
    command.current_dir(repo_root()).env("NO_COLOR", "1");
    command
}

fn blessing() -> bool {
    std::env::var_os("DOJO_BLESS").is_some_and(|v| v != "0" && !v.is_empty())
}

fn draw(folder: &str, format: Option<&str>) -> String {
    let mut command = dojo();
    command.args(["graph", folder]);
    if let Some(format) = format {
        command.args(["--format", format]);
    }
    let output = command.output().expect("dojo runs");
    assert_eq!(output.status.code(), Some(0), "{folder}");
    assert!(output.stderr.is_empty(), "{folder}: stderr is not empty");
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

#[test]
fn drawings_are_exactly_as_expected() {
    let mut failures = Vec::new();
    for (case, folder) in CASES {
        for (format, extension) in [(None, "dot"), (Some("mermaid"), "mmd")] {
            let drawing = draw(folder, format);
            let file = repo_root()
                .join(EXPECTED)
                .join(format!("{case}.{extension}"));
            if blessing() {
                fs::write(&file, &drawing).unwrap();
                continue;
            }
            let expected =
                fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            if drawing != expected {
                failures.push(format!(
                    "{case}.{extension} differs\n--- expected\n{expected}--- actual\n{drawing}"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "(DOJO_BLESS=1 rewrites the expected files)\n{}",
        failures.join("\n")
    );
}

#[test]
fn dot_is_the_default_and_names_the_format_explicitly_too() {
    let folder = "tests/fixtures/scenarios/code-review";
    assert_eq!(draw(folder, None), draw(folder, Some("dot")));
}

#[test]
fn a_scenario_with_errors_is_not_drawn() {
    let output = dojo()
        .args(["graph", "tests/fixtures/check/missing-scene"])
        .output()
        .expect("dojo runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error[missing-scene]"), "{stderr}");
    assert!(
        stderr.ends_with(
            "error: cannot draw tests/fixtures/check/missing-scene: 5 errors; fix the errors first (`dojo check tests/fixtures/check/missing-scene`)\n"
        ),
        "{stderr}"
    );
}

#[test]
fn a_missing_folder_is_unusable_input() {
    let output = dojo()
        .args(["graph", "tests/fixtures/no-such-folder"])
        .output()
        .expect("dojo runs");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: tests/fixtures/no-such-folder does not exist\n"
    );
}
