//! Helpers for tests that run the `dojo` binary: the command with its test environment, golden
//! files (`DOJO_BLESS=1` rewrites them after a deliberate change), and the runner for fixture
//! folders whose every case holds its expected stdout, exit code and stderr.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

pub const CODE_REVIEW: &str = "tests/fixtures/scenarios/code-review";

/// The usual learner: Ada plays the code-review fixture in plain mode, seed 1.
pub const ADA_PLAYS_CODE_REVIEW: [&str; 7] = [
    "play",
    CODE_REVIEW,
    "--plain",
    "--name",
    "Ada",
    "--seed",
    "1",
];

/// Ada answers the first question and the input ends, which leaves a save in `data` for the
/// test to resume, restart or protect.
pub fn leave_a_save(data: &Path) {
    dojo(data)
        .args(ADA_PLAYS_CODE_REVIEW)
        .write_stdin("1\n")
        .assert()
        .success();
}

/// The package root, where fixture paths in arguments and golden files are relative to.
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `dojo` run from the repository root with no colour, so its output is the same on every
/// terminal and machine; enough for commands that only read files.
pub fn dojo_in_repo() -> Command {
    Command::from_std(process_in_repo())
}

/// `dojo` with saves and results in `data` and no data folder from the environment, so a
/// test neither reads nor writes the developer's own.
pub fn dojo(data: &Path) -> Command {
    Command::from_std(dojo_process(data))
}

/// [`dojo`] as a plain process, for a test that must talk to it while it runs.
pub fn dojo_process(data: &Path) -> std::process::Command {
    let mut command = process_in_repo();
    inside(&mut command, data);
    command
}

/// Keeps whatever `command` runs inside `data`: saves, results, configuration and home, and
/// no learning records sent unless a test configures an LRS itself.
pub fn inside(command: &mut std::process::Command, data: &Path) {
    command
        .env("DOJO_DATA_DIR", data)
        .env("HOME", data.join("home"))
        .env_remove("XDG_DATA_HOME")
        .env("XDG_CONFIG_HOME", data.join("config"))
        .env_remove("DOJO_LRS_ENDPOINT")
        .env_remove("DOJO_LRS_USERNAME")
        .env_remove("DOJO_LRS_PASSWORD");
}

/// Ada's plain session of the code-review fixture, running with its input on a pipe the test
/// writes to, for tests that act on it (kill it, race it) mid-play.
pub fn ada_playing(data: &Path) -> std::process::Child {
    use std::process::Stdio;
    dojo_process(data)
        .args(ADA_PLAYS_CODE_REVIEW)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("dojo starts")
}

/// Ada comes back to the code-review fixture and types `input`: `y` to continue her session,
/// then answers.
pub fn ada_returns(data: &Path, input: &str) -> Output {
    dojo(data)
        .args(["play", CODE_REVIEW, "--plain", "--name", "Ada"])
        .write_stdin(input.to_string())
        .output()
        .expect("dojo runs")
}

/// Generous for a loaded CI machine, short enough that a stuck prompt fails rather than hangs.
#[cfg(unix)]
pub const PTY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// `command` in a pseudo-terminal of `columns` by `rows` as a learner's terminal is set up
/// (`TERM=xterm-256color`; colour as `colour` says), kept inside `data`.
#[cfg(unix)]
pub fn in_pty(
    mut command: std::process::Command,
    data: &Path,
    colour: bool,
    (columns, rows): (u16, u16),
) -> expectrl::session::OsSession {
    inside(&mut command, data);
    command.env("TERM", "xterm-256color");
    if colour {
        command.env_remove("NO_COLOR");
    } else {
        command.env("NO_COLOR", "1");
    }
    let mut session = expectrl::Session::spawn(command).expect("spawn in a pty");
    session.set_expect_timeout(Some(PTY_TIMEOUT));
    session
        .get_process_mut()
        .set_window_size(columns, rows)
        .expect("set the pty size");
    session
}

/// dojo as an installed learner starts it: named `dojo`, not through `cargo run` (whose
/// `CARGO` variable `cargo test` passes on), so messages that name a command say `dojo`.
fn process_in_repo() -> std::process::Command {
    use std::os::unix::process::CommandExt;
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_dojo"));
    command
        .arg0("dojo")
        .current_dir(repo_root())
        .env("NO_COLOR", "1")
        .env_remove("CARGO");
    command
}

pub fn stdout_of(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

pub fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// What one run of `dojo` printed and how it exited.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Run {
    pub fn of(command: &mut Command) -> Run {
        let output = command.output().expect("dojo runs");
        Run {
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
            code: output.status.code().expect("dojo exits with a code"),
        }
    }
}

/// Whether `DOJO_BLESS` asks for golden files to be rewritten; `0` or empty does not, so it
/// can be switched off without unsetting it.
pub fn blessing() -> bool {
    std::env::var_os("DOJO_BLESS").is_some_and(|v| v != "0" && !v.is_empty())
}

/// Compares `actual` with the golden file `folder/name`, after replacing the temporary data
/// folder with `$DATA` and results files' times with `<time>`.
pub fn assert_golden(folder: &str, name: &str, actual: &str, data: &Path) {
    let actual = without_timestamps(&actual.replace(&data.display().to_string(), "$DATA"));
    let path = Path::new(folder).join(name);
    if blessing() {
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

/// Golden files checked in a loop: differences are collected rather than panicking, so one run
/// shows every case that changed; when blessing, the files are rewritten instead.
pub struct Goldens {
    bless: bool,
    failures: Vec<String>,
}

impl Goldens {
    /// Blessing or comparing, as `DOJO_BLESS` says.
    pub fn from_env() -> Goldens {
        Goldens {
            bless: blessing(),
            failures: Vec::new(),
        }
    }

    pub fn blessing(&self) -> bool {
        self.bless
    }

    pub fn fail(&mut self, failure: String) {
        self.failures.push(failure);
    }

    /// `actual` against `file`, named `label` in a failure; a missing file is a mistake in the
    /// fixtures, not a difference, so it panics.
    pub fn compare(&mut self, label: &str, file: &Path, actual: &str) {
        if self.bless {
            fs::write(file, actual).expect("golden file is writable");
            return;
        }
        let expected =
            fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        self.compare_text(label, &expected, actual);
    }

    /// Like [`Goldens::compare`] for text already read, such as an optional file's.
    pub fn compare_text(&mut self, label: &str, expected: &str, actual: &str) {
        if actual != expected {
            self.fail(format!(
                "{label} differs\n--- expected\n{expected}--- actual\n{actual}"
            ));
        }
    }

    /// One failure listing them all; a case may differ in several ways, so they are counted
    /// apart from the `cases` run.
    pub fn assert_none_failed(self, cases: usize) {
        assert!(
            self.failures.is_empty(),
            "{} difference(s) in {cases} cases (DOJO_BLESS=1 rewrites the expected files):\n\n{}",
            self.failures.len(),
            self.failures.join("\n\n")
        );
    }
}

/// What a fixture case may print on stderr.
#[derive(PartialEq)]
pub enum Stderr {
    /// Exactly `expected-stderr`, or nothing when the case has no such file.
    AsExpected,
    /// Nothing, ever: blessing does not make a stderr file either.
    Empty,
}

/// Fixture folders in which every subfolder is one case, run from the repository root as
/// `dojo <subcommand> <args>`. The arguments are the lines of the case's `args` file, or else
/// the case folder (with `target` appended when it is not empty). Next to them, `expected.txt`
/// holds the exact stdout and `expected-code` the exit code.
pub struct FixtureCases<'a> {
    /// `tests/fixtures/<kind>`, relative to the repository root.
    pub folder: &'a str,
    pub subcommand: &'a str,
    /// A file inside each case folder to pass instead of the folder itself, or "".
    pub target: &'a str,
    pub stderr: Stderr,
    /// Fewer case folders than this means the fixtures went missing, not that all is well.
    pub at_least: usize,
}

impl FixtureCases<'_> {
    /// Runs every case, then fails once with every difference found.
    pub fn assert_all_as_expected(&self) {
        let cases = self.cases();
        assert!(
            cases.len() >= self.at_least,
            "expected the fixture cases in {}",
            self.folder
        );
        let mut goldens = Goldens::from_env();
        for case in &cases {
            self.check(case, &mut goldens);
        }
        goldens.assert_none_failed(cases.len());
    }

    fn cases(&self) -> Vec<PathBuf> {
        let mut cases: Vec<PathBuf> = fs::read_dir(repo_root().join(self.folder))
            .expect("the fixture folder exists")
            .map(|entry| entry.expect("a readable fixture entry").path())
            .filter(|path| path.is_dir())
            .collect();
        cases.sort();
        cases
    }

    fn args(&self, case: &Path, name: &str) -> Vec<String> {
        match fs::read_to_string(case.join("args")) {
            Ok(text) => text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string)
                .collect(),
            Err(_) if self.target.is_empty() => vec![format!("{}/{name}", self.folder)],
            Err(_) => vec![format!("{}/{name}/{}", self.folder, self.target)],
        }
    }

    fn check(&self, case: &Path, goldens: &mut Goldens) {
        let name = case
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a UTF-8 case name");
        let run = Run::of(
            dojo_in_repo()
                .arg(self.subcommand)
                .args(self.args(case, name)),
        );
        let stderr_file = case.join("expected-stderr");
        if self.stderr == Stderr::Empty && !run.stderr.is_empty() {
            goldens.fail(format!("{name}: stderr is not empty:\n{}", run.stderr));
        }
        goldens.compare(
            &format!("{name}: stdout"),
            &case.join("expected.txt"),
            &run.stdout,
        );
        if goldens.blessing() {
            fs::write(case.join("expected-code"), format!("{}\n", run.code)).unwrap();
            if self.stderr == Stderr::AsExpected {
                // No file stands for an empty stderr, so most cases need only two files.
                if run.stderr.is_empty() {
                    let _ = fs::remove_file(&stderr_file);
                } else {
                    fs::write(&stderr_file, &run.stderr).unwrap();
                }
            }
            return;
        }
        if self.stderr == Stderr::AsExpected {
            let expected_stderr = fs::read_to_string(&stderr_file).unwrap_or_default();
            goldens.compare_text(&format!("{name}: stderr"), &expected_stderr, &run.stderr);
        }
        let expected_code: i32 = fs::read_to_string(case.join("expected-code"))
            .unwrap_or_else(|e| panic!("{name}/expected-code: {e}"))
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("{name}/expected-code: {e}"));
        if run.code != expected_code {
            goldens.fail(format!(
                "{name}: exit code {} instead of {expected_code}",
                run.code
            ));
        }
    }
}
