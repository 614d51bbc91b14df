//! The binary from the outside: exact output and exit codes of plain-mode play and `dojo list`.
//! Expected outputs live in `tests/cli/*.out`; `DOJO_BLESS=1` rewrites them after a deliberate change.

use std::fs;

use crate::common::{
    ADA_PLAYS_CODE_REVIEW, CODE_REVIEW, assert_golden, dojo, leave_a_save, stderr_of, stdout_of,
};

const GOLDEN: &str = "tests/cli";

#[test]
fn plain_play_to_an_ending_prints_exactly_the_story_and_results() {
    let data = tempfile::tempdir().unwrap();
    let output = dojo(data.path())
        .args(ADA_PLAYS_CODE_REVIEW)
        .write_stdin("1\n3\n1 2\nread run comment\nwrite a test\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_golden(GOLDEN, "play-best.out", &stdout_of(&output), data.path());
    let results: Vec<_> = fs::read_dir(data.path().join("results")).unwrap().collect();
    assert_eq!(results.len(), 1, "one results file");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(results[0].as_ref().unwrap().path()).unwrap())
            .unwrap();
    assert_eq!(json["format"], 2);
    assert_eq!(json["ending"]["id"], "great-end");
    assert_eq!(json["percent"], 100);
    assert_eq!(json["questions"].as_array().map(Vec::len), Some(5));
    assert!(
        !data.path().join("saves/code-review.jsonl").exists(),
        "a finished run leaves no unfinished session"
    );
}

#[test]
fn invalid_answers_are_asked_again_with_the_reason() {
    let data = tempfile::tempdir().unwrap();
    let output = dojo(data.path())
        .args(ADA_PLAYS_CODE_REVIEW)
        .write_stdin("7\none\n1 2\n2\nthree\n\n3\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_golden(GOLDEN, "play-invalid.out", &stdout_of(&output), data.path());
}

#[test]
fn end_of_input_saves_and_a_second_run_resumes() {
    let data = tempfile::tempdir().unwrap();
    let first = dojo(data.path())
        .args(ADA_PLAYS_CODE_REVIEW)
        .write_stdin("1\n")
        .output()
        .unwrap();
    assert_eq!(first.status.code(), Some(0));
    assert!(data.path().join("saves/code-review.jsonl").exists());
    let second = dojo(data.path())
        .args(["play", CODE_REVIEW, "--plain", "--name", "Ada"])
        .write_stdin("y\n3\n1 2\nread run comment\nwrite a test\n")
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(0));
    let mut both = stdout_of(&first);
    both.push_str("---- second run ----\n");
    both.push_str(&stdout_of(&second));
    assert_golden(GOLDEN, "play-resume.out", &both, data.path());
}

#[test]
fn restart_discards_the_save() {
    let data = tempfile::tempdir().unwrap();
    leave_a_save(data.path());
    let output = dojo(data.path())
        .args(ADA_PLAYS_CODE_REVIEW)
        .arg("--restart")
        .write_stdin("")
        .output()
        .unwrap();
    let text = stdout_of(&output);
    assert!(!text.contains("unfinished session"), "{text}");
    assert!(text.starts_with("# A Friday Code Review\n"), "{text}");
}

#[test]
fn piped_answers_are_never_taken_for_a_name() {
    let data = tempfile::tempdir().unwrap();
    let first = dojo(data.path())
        .args(["play", CODE_REVIEW, "--plain", "--seed", "1"])
        .write_stdin("Grace\n")
        .output()
        .unwrap();
    let first = stdout_of(&first);
    assert!(
        first.starts_with("Playing as Learner: give --name NAME to be called something else.\n"),
        "{first}"
    );
    assert!(!first.contains("What should the team call you?"), "{first}");
    assert!(
        first.contains("Ana: Can you take this one, Learner?"),
        "{first}"
    );
    let profile = fs::read_to_string(data.path().join("profile.json")).unwrap_or_default();
    assert!(!profile.contains("Grace"), "no name saved: {profile}");
}

#[test]
fn a_name_in_the_profile_is_used() {
    let data = tempfile::tempdir().unwrap();
    fs::write(data.path().join("profile.json"), r#"{"learner":"Grace"}"#).unwrap();
    let output = dojo(data.path())
        .args(["play", CODE_REVIEW, "--plain", "--seed", "1"])
        .write_stdin("")
        .output()
        .unwrap();
    let text = stdout_of(&output);
    assert!(!text.contains("Playing as"), "{text}");
    assert!(
        text.contains("Ana: Can you take this one, Grace?"),
        "{text}"
    );
}

#[test]
fn authoring_sessions_write_no_profile() {
    let data = tempfile::tempdir().unwrap();
    let output = dojo(data.path())
        .args(["play", CODE_REVIEW, "--plain", "--from", "intro"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(!data.path().join("profile.json").exists());
    assert!(!data.path().join("saves").exists() || files(&data.path().join("saves")).is_empty());
}

fn files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    fs::read_dir(dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default()
}

#[test]
fn the_quit_message_names_the_command_as_it_was_started() {
    // The binary under test is in `target/debug` or `target/release`, as this test is.
    let cargo_run = if cfg!(debug_assertions) {
        "cargo run --"
    } else {
        "cargo run --release --"
    };
    for (cargo, expected) in [
        (
            false,
            "Progress saved. Run `dojo play tests/fixtures/scenarios/code-review --plain` to continue."
                .to_string(),
        ),
        (
            true,
            format!(
                "Progress saved. Run `{cargo_run} play tests/fixtures/scenarios/code-review --plain` to continue."
            ),
        ),
    ] {
        let data = tempfile::tempdir().unwrap();
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_dojo"));
        command
            .current_dir(crate::common::repo_root())
            .env("DOJO_DATA_DIR", data.path())
            .env("XDG_CONFIG_HOME", data.path().join("config"))
            .env_remove("DOJO_LRS_ENDPOINT")
            .args(["play", CODE_REVIEW, "--plain", "--name", "Ada"]);
        if cargo {
            command.env("CARGO", "cargo");
        } else {
            use std::os::unix::process::CommandExt;
            command.arg0("dojo").env_remove("CARGO");
        }
        let output = assert_cmd::Command::from_std(command)
            .write_stdin("1\n")
            .output()
            .unwrap();
        let text = stdout_of(&output);
        assert!(text.trim_end().ends_with(&expected), "{text}");
    }
}

#[test]
fn scenario_text_cannot_reach_the_terminal_as_escape_sequences() {
    let data = tempfile::tempdir().unwrap();
    let output = dojo(data.path())
        .args([
            "play",
            "tests/fixtures/scenarios/hostile",
            "--plain",
            "--name",
            "Eve\u{1b}[2J",
            "--seed",
            "1",
        ])
        .write_stdin("1\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = stdout_of(&output);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{9b}'),
        "{text:?}"
    );
    assert!(
        text.contains("Eve[31m: Ring  the bell and set the title ]0;owned please."),
        "{text}"
    );
}

#[test]
fn list_shows_the_embedded_scenario_and_local_folders() {
    let data = tempfile::tempdir().unwrap();
    let output = dojo(data.path()).arg("list").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = stdout_of(&output);
    assert!(text.starts_with("pet-clinic-vsm  "), "{text}");
    assert!(text.contains("    embedded: dojo play\n"), "{text}");
    assert_eq!(
        text.matches("Pet Clinic: Seeing the Flow").count(),
        1,
        "the embedded scenario's own folder is not listed again: {text}"
    );
    assert!(
        text.contains("    dojo play scenarios/first-on-call\n"),
        "{text}"
    );
}

#[test]
fn a_broken_scenario_is_not_played() {
    let data = tempfile::tempdir().unwrap();
    let output = dojo(data.path())
        .args(["play", "tests/fixtures/scenarios/no-such-folder", "--plain"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr_of(&output),
        "error: tests/fixtures/scenarios/no-such-folder does not exist\n"
    );
}

#[test]
fn unknown_commands_are_usage_errors() {
    let data = tempfile::tempdir().unwrap();
    let output = dojo(data.path()).arg("dance").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("unrecognized subcommand 'dance'"));
}

#[test]
fn a_learner_builds_a_map_and_sees_it_beside_the_team_s() {
    let data = tempfile::tempdir().unwrap();
    // One lead time off (Request: 1 day, not 2) and the checks in series: the map is the
    // learner's own, and the comparison at the end points at both.
    let answers = "request build test review ship\ntest ship\n1\n1\n2\n80\n1\n3\n90\n2\n1\n75\n3\n2\n100\n1\n1\n50\n31.62\n";
    let output = dojo(data.path())
        .args([
            "play",
            "tests/fixtures/scenarios/workbench",
            "--plain",
            "--name",
            "Ada",
            "--seed",
            "3",
        ])
        .write_stdin(answers)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_golden(
        GOLDEN,
        "play-workbench.out",
        &stdout_of(&output),
        data.path(),
    );
}

#[test]
fn a_session_that_ended_but_was_not_filed_is_filed_and_not_offered_again() {
    let data = tempfile::tempdir().unwrap();
    dojo(data.path())
        .args(ADA_PLAYS_CODE_REVIEW)
        .write_stdin("1\n3\n1 2\nread run comment\nwrite a test\n")
        .assert()
        .success();
    // What dojo leaves when it stops after writing the end and the results, before filing the
    // journal away: the ended journal still among the saves.
    let sessions = data.path().join("sessions");
    let filed = fs::read_dir(&sessions)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    fs::rename(&filed, data.path().join("saves/code-review.jsonl")).unwrap();
    let output = dojo(data.path())
        .args(ADA_PLAYS_CODE_REVIEW)
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let text = stdout_of(&output);
    assert!(!text.contains("unfinished session"), "{text}");
    assert!(
        text.contains("# A Friday Code Review"),
        "a new session: {text}"
    );
    assert!(filed.exists(), "the journal is filed again under sessions/");
}
