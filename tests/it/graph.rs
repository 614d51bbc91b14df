//! `dojo graph`: the exact DOT and Mermaid drawings of small scenarios.
//!
//! Each case draws a scenario folder and compares stdout with `tests/fixtures/graph/<case>.dot`
//! and `<case>.mmd`. `DOJO_BLESS=1 cargo test --test it graph` rewrites them; read them (and
//! render them: `dot -Tsvg`, or a Mermaid live editor) before trusting them.

use crate::common::{Goldens, dojo_in_repo, repo_root, stderr_of};

const EXPECTED: &str = "tests/fixtures/graph";

/// Case name and scenario folder.
const CASES: &[(&str, &str)] = &[
    ("code-review", "tests/fixtures/scenarios/code-review"),
    // Quotes, backslashes, markup, `#`, `|`, an unreachable scene called `end`.
    ("escaping", "tests/fixtures/graph/escaping"),
];

fn draw(folder: &str, format: Option<&str>) -> String {
    let mut command = dojo_in_repo();
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
    let mut goldens = Goldens::from_env();
    for (case, folder) in CASES {
        for (format, extension) in [(None, "dot"), (Some("mermaid"), "mmd")] {
            let file = repo_root()
                .join(EXPECTED)
                .join(format!("{case}.{extension}"));
            goldens.compare(&format!("{case}.{extension}"), &file, &draw(folder, format));
        }
    }
    goldens.assert_none_failed(CASES.len());
}

#[test]
fn dot_is_the_default_and_names_the_format_explicitly_too() {
    let folder = "tests/fixtures/scenarios/code-review";
    assert_eq!(draw(folder, None), draw(folder, Some("dot")));
}

/// Folders that do not load, under `tests/fixtures/graph/`: each is drawn as far as it could be
/// read, into `<case>.dot` and `<case>.mmd`, with its diagnostics in `<case>.stderr`.
const BROKEN: &[&str] = &[
    // An option's `goto` names no scene.
    "broken-goto",
    // A `next` names no scene; a route and an unreachable ending stay as they are.
    "broken-next",
    // A listed scene file is missing, so the scene it would hold is a ghost "not read".
    "missing-file",
];

#[test]
fn a_scenario_with_errors_is_drawn_as_far_as_it_reads() {
    let mut goldens = Goldens::from_env();
    for case in BROKEN {
        let folder = format!("{EXPECTED}/{case}");
        for (format, extension) in [("dot", "dot"), ("mermaid", "mmd")] {
            let output = dojo_in_repo()
                .args(["graph", &folder, "--format", format])
                .output()
                .expect("dojo runs");
            assert_eq!(output.status.code(), Some(1), "{case}");
            let expected = repo_root().join(EXPECTED);
            let stdout = String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8");
            let name = format!("{case}.{extension}");
            goldens.compare(&name, &expected.join(&name), &stdout);
            let name = format!("{case}.stderr");
            goldens.compare(&name, &expected.join(&name), &stderr_of(&output));
        }
    }
    goldens.assert_none_failed(BROKEN.len());
}

#[test]
fn a_missing_folder_is_unusable_input() {
    let output = dojo_in_repo()
        .args(["graph", "tests/fixtures/no-such-folder"])
        .output()
        .expect("dojo runs");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr_of(&output),
        "error: tests/fixtures/no-such-folder does not exist\n"
    );
}
