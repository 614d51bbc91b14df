//! `dojo results`: a finished session's results again, latest by default or named by file,
//! journal or session id, as exact output.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{ADA_PLAYS_CODE_REVIEW, assert_golden, dojo, stderr_of, stdout_of};

const GOLDEN: &str = "tests/cli";

fn finish_code_review(data: &Path) {
    let output = dojo(data)
        .args(ADA_PLAYS_CODE_REVIEW)
        .write_stdin("1\n3\n1 2\nread run comment\nwrite a test\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
}

fn only_file(dir: &Path) -> PathBuf {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    entries.remove(0)
}

fn results(data: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = dojo(data).arg("results").args(args).output().unwrap();
    (output.status.code(), stdout_of(&output), stderr_of(&output))
}

#[test]
fn the_latest_session_is_shown_again_exactly() {
    let data = tempfile::tempdir().unwrap();
    finish_code_review(data.path());
    let (code, text, errors) = results(
        data.path(),
        &["--scenario", "tests/fixtures/scenarios/code-review"],
    );
    assert_eq!(code, Some(0), "{errors}");
    assert_golden(GOLDEN, "results-latest.out", &text, data.path());
}

#[test]
fn a_session_is_found_by_file_journal_or_id() {
    let data = tempfile::tempdir().unwrap();
    finish_code_review(data.path());
    let (_, latest, _) = results(data.path(), &[]);
    let file = only_file(&data.path().join("results"));
    let journal = only_file(&data.path().join("sessions"));
    let session: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    let id = session["session"].as_str().unwrap().to_string();
    for target in [
        file.display().to_string(),
        journal.display().to_string(),
        id.clone(),
        id[..8].to_string(),
    ] {
        let (code, text, errors) = results(data.path(), &[&target]);
        assert_eq!(code, Some(0), "{target}: {errors}");
        assert_eq!(text, latest, "{target}");
    }
}

#[test]
fn without_the_scenario_the_results_file_alone_is_enough() {
    let data = tempfile::tempdir().unwrap();
    finish_code_review(data.path());
    // code-review is neither embedded nor under ./scenarios: nothing to replay against.
    let (code, text, errors) = results(data.path(), &[]);
    assert_eq!(code, Some(0), "{errors}");
    assert_golden(GOLDEN, "results-from-file.out", &text, data.path());
}

#[test]
fn no_session_or_an_unknown_one_is_a_clear_error() {
    let data = tempfile::tempdir().unwrap();
    let (code, _, errors) = results(data.path(), &[]);
    assert_eq!(code, Some(1));
    assert_eq!(
        errors,
        format!(
            "error: no finished session yet: results appear in {}/results once a story ends\n",
            data.path().display()
        )
    );
    finish_code_review(data.path());
    let (code, _, errors) = results(data.path(), &["zzzz"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        errors,
        "error: no finished session matches `zzzz`: name a results file (*.json), a journal (*.jsonl) or a session id\n"
    );
}
