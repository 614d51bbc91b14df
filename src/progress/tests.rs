//! Unit tests for the progress layer; each uses its own temporary data folder.

use std::fs;
use std::path::Path;

use jiff::Timestamp;
use uuid::Uuid;

use super::*;
use crate::engine::Answer;

fn time(second: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + second).unwrap()
}

fn header(scenario: &str) -> Header {
    Header {
        journal: JOURNAL_FORMAT,
        session: Uuid::from_u128(7),
        scenario: scenario.into(),
        fingerprint: "fp-1".into(),
        learner: "Ada".into(),
        learner_id: Uuid::from_u128(9),
        seed: 3,
        started: time(0),
    }
}

fn answer(second: i64, scene: &str, choice: &str) -> Event {
    Event::Answer {
        at: time(second),
        scene: scene.into(),
        answer: Answer::Choice(choice.into()),
    }
}

fn data() -> (tempfile::TempDir, DataDir) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = DataDir::at(tmp.path().join("data"));
    (tmp, dir)
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("folder exists")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn layout_follows_the_design() {
    let dir = DataDir::at("/d");
    assert_eq!(dir.root(), Path::new("/d"));
    assert_eq!(
        dir.save_path("pet").unwrap(),
        Path::new("/d/saves/pet.json")
    );
    assert_eq!(
        dir.journal_path("pet").unwrap(),
        Path::new("/d/saves/pet.jsonl")
    );
    assert_eq!(dir.sessions_dir(), Path::new("/d/sessions"));
    assert_eq!(dir.results_dir(), Path::new("/d/results"));
    assert_eq!(dir.profile_path(), Path::new("/d/profile.json"));
}

#[test]
fn override_wins_and_empty_override_is_ignored() {
    let dir = DataDir::resolve(Some("/custom".into())).unwrap();
    assert_eq!(dir.root(), Path::new("/custom"));
    // With no override the platform folder is used, or NoHome if there is none; either
    // way it must not panic, and a found folder ends in "dojo".
    match DataDir::resolve(Some("".into())) {
        Ok(dir) => assert!(dir.root().ends_with("dojo"), "{}", dir.root().display()),
        Err(err) => assert!(matches!(err, ProgressError::NoHome)),
    }
}

#[test]
fn results_never_overwrite() {
    let (_tmp, dir) = data();
    let first = dir
        .write_results("pet", 100, &serde_json::json!({ "run": 1 }))
        .unwrap();
    let second = dir
        .write_results("pet", 100, &serde_json::json!({ "run": 2 }))
        .unwrap();
    let third = dir
        .write_results("pet", 100, &serde_json::json!({ "run": 3 }))
        .unwrap();
    let other_second = dir
        .write_results("pet", 101, &serde_json::json!({ "run": 4 }))
        .unwrap();
    let results = dir.results_dir();
    assert_eq!(first, results.join("pet-100.json"));
    assert_eq!(second, results.join("pet-100-2.json"));
    assert_eq!(third, results.join("pet-100-3.json"));
    assert_eq!(other_second, results.join("pet-101.json"));
    for (path, run) in [(first, 1), (second, 2), (third, 3), (other_second, 4)] {
        let json: serde_json::Value = serde_json::from_slice(&fs::read(path).unwrap()).unwrap();
        assert_eq!(json["run"], run);
    }
    assert_eq!(names_in(&results).len(), 4, "no temporary files left");
}

#[test]
fn invalid_scenario_ids_are_rejected_everywhere() {
    let (_tmp, dir) = data();
    let too_long = "a".repeat(MAX_SCENARIO_ID_LEN + 1);
    let bad = [
        "",
        "..",
        "../escape",
        "a/b",
        "a\\b",
        "Pet",
        "pet.json",
        ".hidden",
        "-flag",
        "_x",
        "sp ace",
        "caf\u{e9}",
        "nul\0",
        too_long.as_str(),
    ];
    for id in bad {
        assert!(
            matches!(
                validate_scenario_id(id),
                Err(ProgressError::InvalidScenarioId { .. })
            ),
            "{id:?} should be rejected"
        );
        assert!(dir.read_journal(id).is_err(), "{id:?}");
        assert!(dir.discard(id).is_err(), "{id:?}");
        assert!(dir.write_results(id, 1, &1).is_err(), "{id:?}");
    }
    assert!(!dir.root().exists(), "nothing written for a bad id");
    let message = validate_scenario_id("../x").unwrap_err().to_string();
    assert!(message.contains("`../x`"), "{message}");

    let max = "a".repeat(MAX_SCENARIO_ID_LEN);
    for id in [
        "pet-clinic-vsm",
        "a",
        "9lives",
        "snake_case_1",
        max.as_str(),
    ] {
        assert!(
            validate_scenario_id(id).is_ok(),
            "{id:?} should be accepted"
        );
    }
}

#[test]
fn profile_round_trips_and_defaults_when_missing() {
    let (_tmp, dir) = data();
    assert_eq!(dir.load_profile().unwrap(), Profile::default());
    let profile = Profile {
        learner: Some("Ana Lúcia".into()),
        learner_id: None,
        lrs_told: Some("https://lrs.example.com/xAPI/".into()),
    };
    let path = dir.save_profile(&profile).unwrap();
    assert_eq!(path, dir.profile_path());
    assert_eq!(dir.load_profile().unwrap(), profile);
    // Written by another version: extra keys and a missing one still load.
    fs::write(&path, r#"{"theme": "dark"}"#).unwrap();
    assert_eq!(dir.load_profile().unwrap(), Profile::default());
}

#[test]
fn corrupt_profile_names_the_path() {
    let (_tmp, dir) = data();
    fs::create_dir_all(dir.root()).unwrap();
    fs::write(dir.profile_path(), "{").unwrap();
    let err = dir.load_profile().unwrap_err();
    assert!(
        matches!(
            err,
            ProgressError::Corrupt {
                kind: FileKind::Profile,
                ..
            }
        ),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.starts_with(&format!(
            "the profile {} is damaged",
            dir.profile_path().display()
        )),
        "{message}"
    );
}

#[test]
fn write_error_message_reads_like_the_design() {
    let err = ProgressError::Write {
        kind: FileKind::Save,
        path: "/x/saves/pet.json".into(),
        source: std::io::Error::from_raw_os_error(13),
    };
    assert_eq!(
        err.to_string(),
        format!(
            "could not write the save file /x/saves/pet.json: {}",
            std::io::Error::from_raw_os_error(13)
        )
    );
}

#[test]
fn clock_is_after_2020() {
    assert!(unix_now() > 1_577_836_800);
}

#[test]
fn runs_finishing_together_get_separate_results_files() {
    let (_tmp, dir) = data();
    let writers: Vec<_> = (0..8)
        .map(|run| {
            let dir = dir.clone();
            std::thread::spawn(move || dir.write_results("pet", 7, &run).unwrap())
        })
        .collect();
    let mut paths: Vec<_> = writers.into_iter().map(|w| w.join().unwrap()).collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), 8);
    assert_eq!(names_in(&dir.results_dir()).len(), 8);
}

#[test]
fn a_journal_reads_back_as_written_one_line_per_event() {
    let (_tmp, dir) = data();
    assert!(dir.read_journal("pet").unwrap().is_none());
    assert!(!dir.root().exists(), "looking must not create folders");
    let mut writer = dir.start_journal(header("pet")).unwrap();
    writer.append(answer(5, "a", "x")).unwrap();
    writer
        .append(Event::Quit {
            at: time(9),
            scene: "b".into(),
        })
        .unwrap();
    let read = dir.read_journal("pet").unwrap().expect("a journal");
    assert_eq!(&read, writer.journal());
    assert!(!read.torn);
    let text = fs::read_to_string(dir.journal_path("pet").unwrap()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(
        lines[0],
        r#"{"journal":1,"session":"00000000-0000-0000-0000-000000000007","scenario":"pet","fingerprint":"fp-1","learner":"Ada","learner_id":"00000000-0000-0000-0000-000000000009","seed":3,"started":"2027-01-15T08:00:00Z"}"#
    );
    assert_eq!(
        lines[1],
        r#"{"event":"answer","at":"2027-01-15T08:00:05Z","scene":"a","answer":{"kind":"choice","value":"x"}}"#
    );
    assert_eq!(
        lines[2],
        r#"{"event":"quit","at":"2027-01-15T08:00:09Z","scene":"b"}"#
    );
}

#[test]
fn a_cut_off_last_line_is_left_out_said_so_and_overwritten_by_the_next_event() {
    let (_tmp, dir) = data();
    let mut writer = dir.start_journal(header("pet")).unwrap();
    writer.append(answer(5, "a", "x")).unwrap();
    let path = dir.journal_path("pet").unwrap();
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str(r#"{"event":"answer","at":"2027-01-15T08:00:0"#);
    fs::write(&path, &text).unwrap();
    let read = dir.read_journal("pet").unwrap().unwrap();
    assert!(read.torn);
    assert_eq!(read.answers().len(), 1);
    let mut writer = dir.continue_journal(read).unwrap();
    writer.append(answer(8, "b", "y")).unwrap();
    let again = dir.read_journal("pet").unwrap().unwrap();
    assert!(!again.torn);
    let scenes: Vec<&str> = again.answers().iter().map(|g| g.scene).collect();
    assert_eq!(scenes, ["a", "b"]);
}

#[test]
fn a_bad_line_before_the_last_is_damage_naming_the_line_and_the_way_out() {
    let (_tmp, dir) = data();
    let mut writer = dir.start_journal(header("pet")).unwrap();
    writer.append(answer(5, "a", "x")).unwrap();
    let path = dir.journal_path("pet").unwrap();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("answer", "shrug");
    fs::write(&path, format!("{text}{text}")).unwrap();
    let error = dir.read_journal("pet").unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with(&format!(
            "the save file {} is damaged at line 2 and cannot be read (",
            path.display()
        )),
        "{message}"
    );
    assert!(
        message.ends_with("run it again with --restart"),
        "{message}"
    );
    for (content, reason) in [
        ("", "it is empty"),
        ("{\"journal\":1", "its header line is cut off"),
        (
            "{\"journal\":5}\n",
            "it is in journal format 5; this dojo reads format 1",
        ),
    ] {
        fs::write(&path, content).unwrap();
        let message = dir.read_journal("pet").unwrap_err().to_string();
        assert!(message.contains(&format!("({reason})")), "{message}");
    }
}

#[test]
fn a_journal_renamed_by_hand_is_not_resumed_as_another_scenario() {
    let (_tmp, dir) = data();
    let writer = dir.start_journal(header("pet")).unwrap();
    fs::rename(writer.path(), dir.journal_path("other").unwrap()).unwrap();
    let err = dir.read_journal("other").unwrap_err();
    assert!(
        matches!(err, ProgressError::WrongScenario { .. }),
        "{err:?}"
    );
}

#[test]
fn a_resume_that_keeps_fewer_answers_drops_the_rest_and_their_times() {
    let mut journal = Journal::new(header("pet"));
    journal.events = vec![
        answer(10, "a", "x"),
        answer(25, "b", "y"),
        Event::Quit {
            at: time(30),
            scene: "c".into(),
        },
        Event::Resume {
            at: time(1000),
            fingerprint: "fp-2".into(),
            kept: 1,
        },
        answer(1004, "b2", "z"),
        Event::End {
            at: time(1010),
            scene: "end".into(),
        },
    ];
    let scenes: Vec<&str> = journal.answers().iter().map(|g| g.scene).collect();
    assert_eq!(scenes, ["a", "b2"]);
    assert_eq!(journal.answer_seconds(), [10, 4]);
    // 10 + 15 + 5 before leaving, nothing while away, 4 + 6 after coming back.
    assert_eq!(journal.active_seconds(), 40);
    assert_eq!(journal.ending(), Some("end"));
    assert_eq!(journal.last_scene(), Some("end"));
    assert_eq!(journal.last_at(), time(1010));
}

#[test]
fn a_retry_is_replayed_and_drops_the_answers_of_the_attempt_given_up() {
    let mut journal = Journal::new(header("pet"));
    let retry = |second: i64, kept: usize| Event::Retry {
        at: time(second),
        scene: "walkout".into(),
        kept,
    };
    journal.events = vec![
        answer(10, "a", "x"),
        answer(20, "b", "shout"),
        retry(25, 1),
        answer(40, "b", "listen"),
        Event::Quit {
            at: time(50),
            scene: "c".into(),
        },
        // The resume kept all four moves: three answers and the retry between them.
        Event::Resume {
            at: time(1000),
            fingerprint: "fp-1".into(),
            kept: 4,
        },
        answer(1003, "c", "y"),
    ];
    let moves: Vec<String> = journal
        .moves()
        .iter()
        .map(|m| match m {
            Move::Answer(given) => given.scene.to_string(),
            Move::Retry { scene, kept, .. } => format!("retry at {scene} keeping {kept}"),
        })
        .collect();
    assert_eq!(moves, ["a", "b", "retry at walkout keeping 1", "b", "c"]);
    let counted: Vec<&str> = journal.answers().iter().map(|g| g.scene).collect();
    assert_eq!(counted, ["a", "b", "c"]);
    assert_eq!(
        journal.answers()[1].answer,
        &Answer::Choice("listen".into())
    );
    // The second answer to `b` took 15 seconds from the retry; the shout's 10 are dropped.
    assert_eq!(journal.answer_seconds(), [10, 15, 3]);
    assert_eq!(journal.last_scene(), Some("c"));
}

#[test]
fn discard_removes_journal_and_old_save_and_is_idempotent() {
    let (_tmp, dir) = data();
    assert!(!dir.discard("pet").unwrap(), "nothing to discard yet");
    dir.start_journal(header("pet")).unwrap();
    assert!(dir.discard("pet").unwrap());
    assert!(!dir.discard("pet").unwrap());
    assert!(dir.read_journal("pet").unwrap().is_none());
}

#[test]
fn finished_journals_move_to_sessions_by_session_id() {
    let (_tmp, dir) = data();
    let writer = dir.start_journal(header("pet")).unwrap();
    let archived = dir.archive_journal(writer).unwrap();
    assert_eq!(
        archived,
        dir.sessions_dir()
            .join("pet-00000000-0000-0000-0000-000000000007.jsonl")
    );
    assert!(dir.read_journal("pet").unwrap().is_none());
    let text = fs::read(&archived).unwrap();
    assert_eq!(
        parse_journal(&archived, &text).unwrap().header,
        header("pet")
    );
}

#[test]
fn starting_a_journal_leaves_no_temporary_file() {
    let (_tmp, dir) = data();
    dir.start_journal(header("pet")).unwrap();
    dir.start_journal(header("other")).unwrap();
    dir.save_profile(&Profile::default()).unwrap();
    assert_eq!(names_in(&dir.saves_dir()), ["other.jsonl", "pet.jsonl"]);
    assert_eq!(names_in(dir.root()), ["profile.json", "saves"]);
}

#[test]
fn failed_folder_creation_names_the_folder() {
    let (_tmp, dir) = data();
    // A file where the data folder should be.
    fs::write(dir.root(), "").unwrap();
    let err = dir.start_journal(header("pet")).unwrap_err();
    assert!(matches!(err, ProgressError::CreateDir { .. }), "{err:?}");
}

/// A whole-state save as dojo wrote them before the journal, trimmed to what it is read for
/// plus one field of the old state it ignores.
const OLD_SAVE: &str = r#"{"format":1,"scenario":"pet","fingerprint":"old-fp","saved_at":1800000100,
  "state":{"learner":"Ada","seed":42,"scene":"b","flags":{"met":true},
    "answers":[{"scene":"a","kind":"single","answer":{"kind":"choice","value":"x"},"at":1800000050}]}}"#;

#[test]
fn an_old_save_becomes_a_journal_of_the_same_answers_and_is_removed() {
    let (_tmp, dir) = data();
    let old = dir.save_path("pet").unwrap();
    fs::create_dir_all(old.parent().unwrap()).unwrap();
    fs::write(&old, OLD_SAVE).unwrap();
    let journal = dir
        .migrate_save("pet", Uuid::from_u128(9))
        .unwrap()
        .expect("migrated");
    assert!(
        !old.exists(),
        "the old save is gone once the journal holds it"
    );
    assert_eq!(journal.header.seed, 42);
    assert_eq!(journal.header.fingerprint, "old-fp");
    assert_eq!(journal.header.started, time(50));
    assert_eq!(
        journal.events,
        [answer(50, "a", "x")],
        "the same answer at the same time"
    );
    assert_eq!(dir.read_journal("pet").unwrap(), Some(journal));
    assert!(dir.migrate_save("pet", Uuid::nil()).unwrap().is_none());
}

#[test]
fn an_old_save_that_cannot_be_read_is_refused_and_kept() {
    let (_tmp, dir) = data();
    let old = dir.save_path("pet").unwrap();
    fs::create_dir_all(old.parent().unwrap()).unwrap();
    for (content, says) in [
        ("not json", "is damaged"),
        (r#"{"format": 7}"#, "format 7"),
        (
            &OLD_SAVE.replace(r#""scenario":"pet""#, r#""scenario":"dog""#),
            "belongs to the scenario `dog`",
        ),
    ] {
        fs::write(&old, content).unwrap();
        let message = dir
            .migrate_save("pet", Uuid::nil())
            .unwrap_err()
            .to_string();
        assert!(message.contains(says), "{message}");
        assert!(message.contains("--restart"), "{message}");
        assert_eq!(fs::read_to_string(&old).unwrap(), content, "kept as it was");
        assert!(!dir.journal_path("pet").unwrap().exists());
    }
}

#[test]
fn the_learner_id_is_made_once_and_kept() {
    let (_tmp, dir) = data();
    let first = dir.learner_id().unwrap();
    assert_eq!(dir.learner_id().unwrap(), first);
    assert_eq!(first.get_version_num(), 4);
    assert_eq!(dir.load_profile().unwrap().learner_id, Some(first));
}
