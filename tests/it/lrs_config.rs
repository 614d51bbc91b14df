//! The LRS configuration as a learner and an administrator meet it, with no LRS running: where
//! records go is said once, and a broken `lrs.toml` is located, never stops play, and leaves
//! the session's records in the outbox.

use std::fs;
use std::path::Path;

use crate::common::{ADA_PLAYS_CODE_REVIEW, dojo, stderr_of, stdout_of};

/// Nothing listens on the discard port of loopback: a send fails at once.
const NOWHERE: &str = "http://127.0.0.1:9/xAPI/";

fn write_lrs_toml(data: &Path, text: &str) -> String {
    let dir = data.join("config/dojo");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("lrs.toml");
    fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn lines(path: &Path) -> usize {
    fs::read_to_string(path).map_or(0, |text| text.lines().count())
}

#[test]
fn the_learner_is_told_once_where_records_go() {
    let data = tempfile::tempdir().unwrap();
    let play = |input: &str| {
        let output = dojo(data.path())
            .env("DOJO_LRS_ENDPOINT", NOWHERE)
            .args(ADA_PLAYS_CODE_REVIEW)
            .write_stdin(input.to_string())
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        stdout_of(&output)
    };
    let told = format!("Your learning records are sent to {NOWHERE}");
    let first = play("1\n3\n");
    assert_eq!(first.matches(&told).count(), 1, "{first}");
    let again = play("y\n1 2\n3 1 2\nwrite a test\n");
    assert!(!again.contains(&told), "told again:\n{again}");
    let profile = fs::read_to_string(data.path().join("profile.json")).unwrap();
    assert!(profile.contains(NOWHERE), "{profile}");
    // Another store is news: the learner hears where records go now.
    let elsewhere = dojo(data.path())
        .env("DOJO_LRS_ENDPOINT", "http://127.0.0.1:9/other/")
        .args(ADA_PLAYS_CODE_REVIEW)
        .write_stdin("1\n")
        .output()
        .unwrap();
    assert!(
        stdout_of(&elsewhere)
            .contains("Your learning records are sent to http://127.0.0.1:9/other/")
    );
}

#[test]
fn a_broken_lrs_toml_is_located_and_play_keeps_the_records() {
    let data = tempfile::tempdir().unwrap();
    let path = write_lrs_toml(
        data.path(),
        "endpoint = \"lrs.example.com/xAPI/\"\nusername = \"dojo\"\npasword = \"dojo-secret\"\n",
    );
    let check = dojo(data.path()).args(["lrs", "check"]).output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(stdout_of(&check), "");
    let expected = format!(
        "error[unknown-key]: unknown key `pasword` at the top level of lrs.toml
  ┌─ {path}:3:1
  │
3 │ pasword = \"dojo-secret\"
  │ ^^^^^^^ unknown key
  │
  = hint: did you mean `password`?

error[lrs-address]: `endpoint` is not a web address
  ┌─ {path}:1:12
  │
1 │ endpoint = \"lrs.example.com/xAPI/\"
  │            ^^^^^^^^^^^^^^^^^^^^^^^ no `https://` in front
  │
  = hint: write the whole address, such as \"https://lrs.example.com/xAPI/\"

error: the LRS configuration cannot be used: {path}: 2 errors
"
    );
    assert_eq!(stderr_of(&check), expected);

    let played = dojo(data.path())
        .args(ADA_PLAYS_CODE_REVIEW)
        .write_stdin("1\n3\n1 2\n3 1 2\nwrite a test\n")
        .output()
        .unwrap();
    assert!(played.status.success(), "{played:?}");
    let stderr = stderr_of(&played);
    assert!(stderr.starts_with("error[unknown-key]"), "{stderr}");
    assert!(
        stderr.contains("warning: the LRS configuration cannot be used"),
        "{stderr}"
    );
    assert!(
        stdout_of(&played).contains("Your learning records stay on this computer for now"),
        "{}",
        stdout_of(&played)
    );
    let outbox = data.path().join("outbox");
    assert_eq!(lines(&outbox.join("statements.jsonl")), 8);
    assert_eq!(lines(&outbox.join("delivered.jsonl")), 0);
}

#[test]
fn a_syntax_error_in_lrs_toml_is_located() {
    let data = tempfile::tempdir().unwrap();
    let path = write_lrs_toml(
        data.path(),
        "endpoint = \"http://127.0.0.1:9/xAPI/\nuser = 1\n",
    );
    let check = dojo(data.path()).args(["lrs", "check"]).output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    let stderr = stderr_of(&check);
    assert!(stderr.starts_with("error[toml-syntax]"), "{stderr}");
    assert!(stderr.contains(&format!("{path}:1:")), "{stderr}");
    let sync = dojo(data.path()).arg("sync").output().unwrap();
    assert_eq!(stderr_of(&sync), stderr);
}

#[test]
fn an_endpoint_in_the_environment_that_is_no_address_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let check = dojo(data.path())
        .env("DOJO_LRS_ENDPOINT", "ftp://lrs.example.com/")
        .args(["lrs", "check"])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(
        stderr_of(&check),
        "error: DOJO_LRS_ENDPOINT=ftp://lrs.example.com/ is not a web address: `ftp:` is not http or https\n"
    );
}
