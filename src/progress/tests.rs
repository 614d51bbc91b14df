//! Unit tests for the progress layer; each uses its own temporary data folder.

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::*;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Session {
    scene: String,
    score: i32,
    flags: Vec<String>,
}

fn session() -> Session {
    Session {
        scene: "war-room".into(),
        score: 3,
        flags: vec!["met-brenda".into()],
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
fn save_round_trips() {
    let (_tmp, dir) = data();
    let path = dir
        .save("pet-clinic-vsm", "fp-1", &session(), 1_700_000_000)
        .unwrap();
    assert_eq!(path, dir.root().join("saves/pet-clinic-vsm.json"));

    let saved: Saved<Session> = dir.load("pet-clinic-vsm").unwrap().expect("a save");
    assert_eq!(
        saved,
        Saved {
            scenario: "pet-clinic-vsm".into(),
            fingerprint: "fp-1".into(),
            saved_at: 1_700_000_000,
            state: session(),
        }
    );
}

#[test]
fn save_file_has_the_documented_shape() {
    let (_tmp, dir) = data();
    let path = dir.save("pet", "abc", &session(), 42).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&fs::read(path).unwrap()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "format": 1,
            "scenario": "pet",
            "fingerprint": "abc",
            "saved_at": 42,
            "state": { "scene": "war-room", "score": 3, "flags": ["met-brenda"] },
        })
    );
}

#[test]
fn saving_again_replaces_the_save() {
    let (_tmp, dir) = data();
    dir.save("pet", "fp", &session(), 1).unwrap();
    let later = Session {
        score: 9,
        ..session()
    };
    dir.save("pet", "fp", &later, 2).unwrap();
    let saved: Saved<Session> = dir.load("pet").unwrap().unwrap();
    assert_eq!((saved.saved_at, saved.state), (2, later));
}

#[test]
fn missing_save_is_none() {
    let (_tmp, dir) = data();
    // The data folder does not even exist yet.
    assert!(dir.load::<Session>("pet").unwrap().is_none());
    assert!(!dir.root().exists(), "looking must not create folders");
}

#[test]
fn corrupt_save_is_a_typed_error_naming_the_path_and_the_way_out() {
    let (_tmp, dir) = data();
    let path = dir.save_path("pet").unwrap();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    for content in [
        "",
        "{\"format\": 1, \"scenario\": \"pet\"",
        "not json at all",
    ] {
        fs::write(&path, content).unwrap();
        let err = dir.load::<Session>("pet").unwrap_err();
        assert!(
            matches!(&err, ProgressError::Corrupt { kind: FileKind::Save, path: p, .. } if *p == path),
            "{err:?}"
        );
        let message = err.to_string();
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("--restart"), "{message}");
        assert_eq!(err.path(), Some(path.as_path()));
    }
}

#[test]
fn state_of_the_wrong_shape_is_corrupt() {
    let (_tmp, dir) = data();
    dir.save("pet", "fp", &"just a string", 1).unwrap();
    let err = dir.load::<Session>("pet").unwrap_err();
    assert!(matches!(err, ProgressError::Corrupt { .. }), "{err:?}");
}

#[test]
fn unreadable_save_names_the_path_and_the_way_out() {
    let (_tmp, dir) = data();
    // A folder where the save should be: reading fails for a reason other than absence.
    let path = dir.save_path("pet").unwrap();
    fs::create_dir_all(&path).unwrap();
    let err = dir.load::<Session>("pet").unwrap_err();
    assert!(
        matches!(
            err,
            ProgressError::Read {
                kind: FileKind::Save,
                ..
            }
        ),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.starts_with(&format!(
        "could not read the save file {}: ",
        path.display()
    )));
    assert!(message.contains("--restart"), "{message}");
}

#[test]
fn other_format_versions_are_refused_clearly() {
    let (_tmp, dir) = data();
    let path = dir.save_path("pet").unwrap();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, r#"{"format": 2, "something": "new"}"#).unwrap();
    let err = dir.load::<Session>("pet").unwrap_err();
    assert!(
        matches!(err, ProgressError::UnsupportedFormat { found: 2, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("format 2"));
}

#[test]
fn a_save_renamed_by_hand_is_not_resumed_as_another_scenario() {
    let (_tmp, dir) = data();
    let original = dir.save("pet", "fp", &session(), 1).unwrap();
    fs::rename(&original, dir.save_path("other").unwrap()).unwrap();
    let err = dir.load::<Session>("other").unwrap_err();
    assert!(
        matches!(err, ProgressError::WrongScenario { .. }),
        "{err:?}"
    );
}

#[test]
fn discard_is_idempotent() {
    let (_tmp, dir) = data();
    assert!(!dir.discard("pet").unwrap(), "nothing to discard yet");
    dir.save("pet", "fp", &session(), 1).unwrap();
    assert!(dir.discard("pet").unwrap());
    assert!(!dir.discard("pet").unwrap());
    assert!(dir.load::<Session>("pet").unwrap().is_none());
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
fn atomic_writes_leave_no_temporary_files() {
    let (_tmp, dir) = data();
    for now in 0..3 {
        dir.save("pet", "fp", &session(), now).unwrap();
        dir.save("other", "fp", &session(), now).unwrap();
    }
    dir.save_profile(&Profile::default()).unwrap();
    assert_eq!(names_in(&dir.saves_dir()), ["other.json", "pet.json"]);
    assert_eq!(names_in(dir.root()), ["profile.json", "saves"]);
}

#[test]
fn failed_write_reports_the_target_and_cleans_up() {
    let (_tmp, dir) = data();
    // A non-empty folder where the save should go makes the final rename fail after
    // the temporary file was written.
    let path = dir.save_path("pet").unwrap();
    fs::create_dir_all(path.join("blocker")).unwrap();
    let err = dir.save("pet", "fp", &session(), 1).unwrap_err();
    assert!(
        matches!(
            err,
            ProgressError::Write {
                kind: FileKind::Save,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().starts_with(&format!(
            "could not write the save file {}: ",
            path.display()
        )),
        "{err}"
    );
    assert_eq!(
        names_in(&dir.saves_dir()),
        ["pet.json"],
        "temporary file removed"
    );
}

#[test]
fn failed_folder_creation_names_the_folder() {
    let (_tmp, dir) = data();
    // A file where the data folder should be.
    fs::write(dir.root(), "").unwrap();
    let err = dir.save("pet", "fp", &session(), 1).unwrap_err();
    assert!(matches!(err, ProgressError::CreateDir { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("could not create the folder "),
        "{err}"
    );
}

#[test]
fn encoding_failure_keeps_the_old_save() {
    use std::collections::HashMap;
    let (_tmp, dir) = data();
    dir.save("pet", "fp", &session(), 1).unwrap();
    // JSON object keys must be strings, so this state cannot be encoded.
    let bad: HashMap<Vec<u8>, i32> = HashMap::from([(vec![1], 1)]);
    let err = dir.save("pet", "fp", &bad, 2).unwrap_err();
    assert!(matches!(err, ProgressError::Encode { .. }), "{err:?}");
    let saved: Saved<Session> = dir.load("pet").unwrap().unwrap();
    assert_eq!(saved.saved_at, 1);
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
        assert!(dir.save(id, "fp", &session(), 1).is_err(), "{id:?}");
        assert!(dir.load::<Session>(id).is_err(), "{id:?}");
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
fn readers_never_see_a_half_written_save() {
    let (_tmp, dir) = data();
    let big = |n: i32| Session {
        score: n,
        flags: vec!["x".repeat(4096); 64],
        ..session()
    };
    dir.save("pet", "fp", &big(0), 0).unwrap();
    let writer = {
        let dir = dir.clone();
        std::thread::spawn(move || {
            for n in 1..=40 {
                dir.save("pet", "fp", &big(n), n as u64).unwrap();
            }
        })
    };
    while !writer.is_finished() {
        let saved: Saved<Session> = dir.load("pet").unwrap().expect("the save never vanishes");
        assert_eq!(saved.state.flags.len(), 64);
    }
    writer.join().unwrap();
    assert_eq!(dir.load::<Session>("pet").unwrap().unwrap().state.score, 40);
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
