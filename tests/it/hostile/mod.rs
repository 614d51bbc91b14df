//! The hostile corpus: files, answers and folders made to break dojo, each run through the
//! binary with a time limit and a cap on what is read back, each asserting the exit code and
//! the first line of the message (stderr's, or stdout's when stderr is empty). Special files
//! (FIFOs, links) are made at test time in a temporary folder; nothing large is committed or
//! left behind.

use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use super::common::dojo_process;

mod cases;

use cases::cases;

/// What a case keeps of each stream: enough for any message, and a bug that prints without
/// end cannot fill memory (the time limit ends it).
const READ_CAP: u64 = 256 * 1024;

/// A case that takes longer has hung.
const TIME_LIMIT: Duration = Duration::from_secs(20);

pub(super) const MANIFEST: &str = r#"id = "hostile"
title = "Hostile input"
start = "ask"
scenes = ["scenes.toml"]

[[competency]]
id = "flow"
name = "Flow"

[[grade]]
min = 50
name = "Good"

[[grade]]
min = 0
name = "Practise"
"#;

pub(super) const SCENES: &str = r#"[[scene]]
id = "ask"
title = "A question"
narration = "Hello, {learner}."
next = "done"

[scene.question]
kind = "single"
prompt = "Pick one."

[[scene.question.option]]
id = "right"
text = "The right one."
feedback = "Yes."
correct = true
score = { flow = 2 }

[[scene.question.option]]
id = "wrong"
text = "The wrong one."
feedback = "No."

[[scene]]
id = "done"
title = "The end"
ending = true
narration = "Done."
"#;

pub(super) const MAP: &str = r#"id = "m"
title = "A map"

[[step]]
id = "build"
name = "Build"
owner = "Developers"
people = 1
lt = "2 days"
pt = "1 day"
ca = 90
"#;

pub(super) struct Case {
    pub name: &'static str,
    /// Makes the files under the case's folder; `s` is the scenario folder inside it.
    pub setup: fn(&Path),
    /// Arguments; `@` stands for the case's folder.
    pub args: &'static [&'static str],
    pub stdin: String,
    pub code: i32,
    pub first_line: &'static str,
    /// A further check on the files the case's folder holds afterwards.
    pub after: Option<fn(&Path)>,
    /// The most bytes the case may print on stdout and stderr together.
    pub most_printed: Option<u64>,
}

/// A case run with `args`, no input and no further check.
pub(super) fn case(
    name: &'static str,
    setup: fn(&Path),
    args: &'static [&'static str],
    code: i32,
    first_line: &'static str,
) -> Case {
    Case {
        name,
        setup,
        args,
        stdin: String::new(),
        code,
        first_line,
        after: None,
        most_printed: None,
    }
}

impl Case {
    pub(super) fn typing(mut self, stdin: impl Into<String>) -> Case {
        self.stdin = stdin.into();
        self
    }

    pub(super) fn then(mut self, after: fn(&Path)) -> Case {
        self.after = Some(after);
        self
    }

    pub(super) fn printing_at_most(mut self, bytes: u64) -> Case {
        self.most_printed = Some(bytes);
        self
    }
}

pub(super) fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("a folder");
    }
    fs::write(path, text).expect("a file");
}

/// The base scenario in `s`, with `scenes.toml` replaced by `scenes`.
pub(super) fn scenario(dir: &Path, scenes: &str) {
    write(dir, "s/scenario.toml", MANIFEST);
    write(dir, "s/scenes.toml", scenes);
}

pub(super) fn with_manifest(dir: &Path, manifest: &str) {
    write(dir, "s/scenario.toml", manifest);
    write(dir, "s/scenes.toml", SCENES);
}

/// The base scenes with `text` in place of the first scene's narration.
pub(super) fn narration(dir: &Path, text: &str) {
    scenario(dir, &SCENES.replace("\"Hello, {learner}.\"", text));
}

/// The base scenes with `when` as the route condition of the first scene.
pub(super) fn route(dir: &Path, when: &str) {
    scenario(
        dir,
        &SCENES.replace(
            "next = \"done\"\n",
            &format!("next = \"done\"\n\n[[scene.route]]\nwhen = \"{when}\"\ngoto = \"done\"\n"),
        ),
    );
}

#[cfg(unix)]
pub(super) fn fifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
}

#[cfg(unix)]
pub(super) fn link(target: &str, path: &Path) {
    std::os::unix::fs::symlink(target, path).expect("a link");
}

struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    /// Bytes printed on both streams, including those past [`READ_CAP`].
    printed: u64,
}

fn run(case: &Case, dir: &Path, data: &Path) -> Ran {
    let folder = dir.display().to_string();
    let args: Vec<String> = case.args.iter().map(|a| a.replace('@', &folder)).collect();
    let mut child = dojo_process(data)
        .args(&args)
        .env("HOME", data)
        .env("XDG_CONFIG_HOME", data)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dojo starts");
    let stdin = child.stdin.take();
    let input = case.stdin.clone();
    let feeder = std::thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            let _ = std::io::Write::write_all(&mut stdin, input.as_bytes());
        }
    });
    let out = capped(child.stdout.take());
    let err = capped(child.stderr.take());
    let code = wait(&mut child);
    let _ = feeder.join();
    let (stdout, out_bytes) = out.join().unwrap_or_default();
    let (stderr, err_bytes) = err.join().unwrap_or_default();
    Ran {
        code,
        stdout,
        stderr,
        printed: out_bytes + err_bytes,
    }
}

/// The first [`READ_CAP`] bytes of `stream` as text, and how many bytes it held in all.
fn capped(stream: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<(String, u64)> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let mut rest = 0;
        if let Some(mut stream) = stream {
            let _ = (&mut stream).take(READ_CAP).read_to_end(&mut bytes);
            // The rest is read and dropped, so dojo never sees a closed pipe.
            rest = std::io::copy(&mut stream, &mut std::io::sink()).unwrap_or(0);
        }
        let total = bytes.len() as u64 + rest;
        (String::from_utf8_lossy(&bytes).into_owned(), total)
    })
}

/// The exit code, or `None` when the case ran past the time limit and was killed.
fn wait(child: &mut Child) -> Option<i32> {
    let started = Instant::now();
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status.code().unwrap_or(-1));
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn every_hostile_input_gets_a_clear_answer_in_bounded_time() {
    let cases = cases();
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let mut failures = String::new();
    for case in &cases {
        let dir = tempfile::tempdir().expect("a temporary folder");
        // The data folder is inside the case's folder, so a case can plant a damaged journal.
        let data = dir.path().join("data");
        fs::create_dir_all(&data).expect("a data folder");
        (case.setup)(dir.path());
        let ran = run(case, dir.path(), &data);
        let message = if ran.stderr.trim().is_empty() {
            &ran.stdout
        } else {
            &ran.stderr
        };
        let first = message
            .lines()
            .next()
            .unwrap_or("")
            .replace(&dir.path().display().to_string(), "@");
        // Nothing from a file or a learner may reach the terminal as an escape sequence.
        for stream in [&ran.stdout, &ran.stderr] {
            if stream.contains(['\u{1b}', '\u{9b}', '\u{7}']) {
                let _ = writeln!(failures, "{}: output holds an escape character", case.name);
            }
        }
        if let Some(after) = case.after {
            after(dir.path());
        }
        if let Some(most) = case.most_printed
            && ran.printed > most
        {
            let _ = writeln!(
                failures,
                "{}: printed {} bytes, more than {most}",
                case.name, ran.printed
            );
        }
        if ran.code != Some(case.code) || first != case.first_line {
            let _ = writeln!(
                failures,
                "{}: exit {:?}, first line\n    {first:?}\n  expected exit {}, first line\n    {:?}",
                case.name, ran.code, case.code, case.first_line
            );
        }
    }
    assert!(failures.is_empty(), "{failures}");
}
