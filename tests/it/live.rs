//! Live authoring from the outside: `dojo play --from/--set/--score` start mid-story with a
//! preset state and save nothing, and `--watch` reloads a scenario edited between two answers.
//! Expected outputs live in `tests/live/*.out`; `DOJO_BLESS=1` rewrites them.

use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::common::{
    ADA_PLAYS_CODE_REVIEW, CODE_REVIEW, assert_golden, dojo, dojo_process, leave_a_save, stderr_of,
    stdout_of,
};

const GOLDEN: &str = "tests/live";

#[test]
fn from_starts_in_the_scene_without_the_title_and_saves_nothing() {
    let data = tempfile::tempdir().unwrap();
    let output = dojo(data.path())
        .args(ADA_PLAYS_CODE_REVIEW)
        .args(["--from", "count"])
        .write_stdin("3\n1 2\nread run comment\nwrite a test\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_golden(GOLDEN, "from.out", &stdout_of(&output), data.path());
    assert!(!data.path().join("saves").exists(), "no save");
    assert!(!data.path().join("results").exists(), "no results");
}

#[test]
fn set_and_score_preset_the_state_conditions_and_texts_read() {
    let data = tempfile::tempdir().unwrap();
    let output = dojo(data.path())
        .args(ADA_PLAYS_CODE_REVIEW)
        .args([
            "--from",
            "wrap-up",
            "--set",
            "asked=true",
            "--score",
            "review=6",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_golden(GOLDEN, "preset.out", &stdout_of(&output), data.path());
}

#[test]
fn a_learner_s_save_survives_an_authoring_session() {
    let data = tempfile::tempdir().unwrap();
    leave_a_save(data.path());
    let save = data.path().join("saves/code-review.jsonl");
    let saved = fs::read_to_string(&save).unwrap();
    let output = dojo(data.path())
        .args(ADA_PLAYS_CODE_REVIEW)
        .args(["--from", "lesson"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_golden(GOLDEN, "quit.out", &stdout_of(&output), data.path());
    assert_eq!(
        fs::read_to_string(&save).unwrap(),
        saved,
        "the save is untouched"
    );
}

/// Runs `dojo play CODE_REVIEW --plain` with `args` and no input; exit code and stderr.
fn refused(args: &[&str]) -> (Option<i32>, String) {
    let data = tempfile::tempdir().unwrap();
    let output = dojo(data.path())
        .args(["play", CODE_REVIEW, "--plain", "--name", "Ada"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(stdout_of(&output), "", "nothing is played");
    (output.status.code(), stderr_of(&output))
}

#[test]
fn unknown_ids_are_refused_with_the_known_ones() {
    assert_eq!(
        refused(&["--from", "outro"]),
        (
            Some(2),
            "error: --from: no scene has the id `outro`; the scenes are `intro`, `sulk`, `count`, \
             `pick`, `steps`, `lesson`, `wrap-up`, `great-end`, `okay-end`\n"
                .to_string()
        )
    );
    assert_eq!(
        refused(&["--from", "intro", "--score", "speed=2"]),
        (
            Some(2),
            "error: --score: no competency has the id `speed`; the competencies are `review`, \
             `kindness`\n"
                .to_string()
        )
    );
    assert_eq!(
        refused(&["--from", "intro", "--set", "askd=true"]),
        (
            Some(2),
            "error: --set: nothing in this scenario sets or reads the flag `askd`; the flags are \
             `asked`\n"
                .to_string()
        )
    );
}

#[test]
fn malformed_presets_are_usage_errors() {
    let (code, stderr) = refused(&["--set", "asked"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with(
            "error: invalid value 'asked' for '--set <FLAG=VALUE>': expected FLAG=VALUE, such as `asked=true`\n"
        ),
        "{stderr}"
    );
    let (code, stderr) = refused(&["--score", "review=lots"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("`lots` is not a whole number; expected COMPETENCY=N"),
        "{stderr}"
    );
    let (code, stderr) = refused(&["--from", "intro", "--restart"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("cannot be used with"), "{stderr}");
}

/// A `dojo play --watch` session fed through a pipe, its output collected as it comes.
struct Session {
    child: Child,
    output: Arc<Mutex<String>>,
    reader: thread::JoinHandle<()>,
}

impl Session {
    fn start(folder: &Path, data: &Path) -> Session {
        let mut child = dojo_process(data)
            .args(["play", "--plain", "--watch", "--name", "Ada", "--seed", "1"])
            .arg(folder)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("dojo starts");
        let output = Arc::new(Mutex::new(String::new()));
        let mut stdout = child.stdout.take().expect("piped stdout");
        let collected = Arc::clone(&output);
        let reader = thread::spawn(move || {
            let mut buffer = [0; 4096];
            while let Ok(n) = stdout.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                let text = String::from_utf8_lossy(&buffer[..n]).into_owned();
                collected.lock().unwrap().push_str(&text);
            }
        });
        Session {
            child,
            output,
            reader,
        }
    }

    fn answer(&mut self, line: &str) {
        let stdin = self.child.stdin.as_mut().expect("piped stdin");
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
    }

    /// Waits until the output holds `text` `times` times: dojo then waits for an answer.
    fn wait_for(&self, text: &str, times: usize) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let output = self.output.lock().unwrap().clone();
            if output.matches(text).count() >= times {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no `{text}` (x{times}) in:\n{output}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Closes the input and waits for the end: stdout and stderr.
    fn finish(mut self) -> (String, String) {
        drop(self.child.stdin.take());
        let status = self.child.wait().unwrap();
        let mut stderr = String::new();
        if let Some(mut pipe) = self.child.stderr.take() {
            pipe.read_to_string(&mut stderr).unwrap();
        }
        assert!(status.success(), "{stderr}");
        // The reader ends with the pipe, once it has every byte.
        self.reader.join().expect("the reader does not panic");
        let stdout = self.output.lock().unwrap().clone();
        (stdout, stderr)
    }
}

#[test]
fn watch_reloads_an_edited_scenario_and_replays_the_answers() {
    let folder = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    for file in ["scenario.toml", "scenes.toml"] {
        fs::copy(Path::new(CODE_REVIEW).join(file), folder.path().join(file)).unwrap();
    }
    let scenes = folder.path().join("scenes.toml");
    let original = fs::read_to_string(&scenes).unwrap();
    let edited = original.replace("Three: one per function.", "Three, one in each function.");
    assert_ne!(original, edited);

    let mut session = Session::start(folder.path(), data.path());
    session.answer("1");
    session.wait_for("Type a number (in checks):", 1);
    // Edited while the question waits: seen once it is answered.
    fs::write(&scenes, &edited).unwrap();
    session.answer("3");
    session.wait_for("Type the numbers of all that apply", 1);
    // A broken version is reported, and the one before it plays on.
    fs::write(&scenes, format!("{edited}\n[[scene]]\nid = \"count\"\n")).unwrap();
    session.answer("1 2");
    session.wait_for("Type the numbers in order", 1);
    // Fixed again: reloaded, with every answer so far replayed.
    fs::write(&scenes, &edited).unwrap();
    session.answer("read run comment");
    session.wait_for("Type your answer:", 1);
    session.answer("write a test");
    let (stdout, stderr) = session.finish();

    assert!(
        stderr.contains("the scene id `count` is used twice"),
        "{stderr}"
    );
    assert!(!stdout.contains("Three: one per function."), "{stdout}");
    let reload = stdout
        .find("scenario changed: reloaded, replayed 2 answers\n")
        .expect("the first reload is reported");
    let new_text = stdout.find("Three, one in each function.").unwrap();
    assert!(reload < new_text, "{stdout}");
    assert_golden(GOLDEN, "watch.out", &stdout, data.path());
}
