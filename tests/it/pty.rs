//! The terminal front end in a real pseudo-terminal, driven as a learner would drive it: arrow
//! keys, Space and Enter at inquire's prompts, any key at the pauses.
//!
//! The tests do not know the scenario's content (the embedded one is still being written): they
//! react to whatever prompt appears, recognised by its help line. Each run is wrapped in
//! `sh -c 'stty -g; dojo ...; stty -g'` so the terminal settings before and after can be
//! compared, which is how a raw mode left on (or a hidden cursor's cousin, echo off) shows up.

#![cfg(unix)]

use std::path::Path;
use std::process::Command;

use expectrl::session::OsSession;
use expectrl::{Expect, Regex};

use crate::common::in_pty;
/// More prompts and pauses than any sane opening scenario, so a loop cannot run forever.
const MAX_STEPS: usize = 400;

/// What the learner sees, matched by text that appears once per prompt or pause (inquire
/// redraws only the rows that change, and help lines never change).
const SCREEN: &str = "press any key|Enter to choose|Space to mark|A number|Enter to answer|Enter to keep it|Enter to continue|Your results are saved in|Progress saved";

pub(crate) struct Run {
    pub(crate) session: OsSession,
    /// Everything the program wrote so far, for failure messages and escape checks.
    transcript: Vec<u8>,
    before: String,
}

impl Run {
    pub(crate) fn start(data: &Path, args: &str, colour: bool) -> Run {
        Run::start_with(data, args, colour, &[])
    }

    pub(crate) fn start_with(data: &Path, args: &str, colour: bool, env: &[(&str, &str)]) -> Run {
        Run::start_sized(data, args, colour, env, (80, 24))
    }

    /// As [`Run::start_with`] in a terminal of `size` (columns, rows).
    pub(crate) fn start_sized(
        data: &Path,
        args: &str,
        colour: bool,
        env: &[(&str, &str)],
        size: (u16, u16),
    ) -> Run {
        let script = format!(
            r#"echo "BEFORE $(stty -g)"; "$DOJO" {args}; echo "EXIT $?"; echo "AFTER $(stty -g)""#
        );
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(script)
            .env("DOJO", env!("CARGO_BIN_EXE_dojo"));
        for (key, value) in env {
            command.env(key, value);
        }
        let session = in_pty(command, data, colour, size);
        let mut run = Run {
            session,
            transcript: Vec::new(),
            before: String::new(),
        };
        run.before = run.capture_group(r"BEFORE ([0-9a-fA-F:]+)", 1);
        run
    }

    /// Waits for `pattern` and returns what `group` of its first match caught (0: all of it).
    ///
    /// expectrl lists every match in what it has read, each followed by its groups, and
    /// consumes up to the last; a pattern is only ever looked for when one screen is waiting.
    fn capture_group(&mut self, pattern: &str, group: usize) -> String {
        let found = match self.session.expect(Regex(pattern)) {
            Ok(found) => found,
            Err(error) => panic!(
                "waiting for /{pattern}/: {error}\n--- screen so far ---\n{}",
                self.tail()
            ),
        };
        self.transcript.extend_from_slice(found.as_bytes());
        String::from_utf8_lossy(found.get(group).unwrap_or_default()).into_owned()
    }

    /// Waits for `pattern` and returns the text it matched.
    pub(crate) fn capture(&mut self, pattern: &str) -> String {
        self.capture_group(pattern, 0)
    }

    pub(crate) fn send(&mut self, keys: &str) {
        // One write per key: an escape sequence split across writes reads as Esc, which quits.
        self.session.send(keys).expect("write to the pty");
    }

    /// The end of the transcript, readable: enough to see which prompt a test got stuck on.
    pub(crate) fn tail(&self) -> String {
        let text = String::from_utf8_lossy(&self.transcript);
        let start = text.len().saturating_sub(3000);
        let start = (start..text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        text[start..].replace('\u{1b}', "⎋")
    }

    /// Answers whatever is on screen, `answers` prompts at most (pauses do not count), until
    /// the line matching `stop` appears. Returns the line that stopped it.
    pub(crate) fn play_until(&mut self, stop: &[&str], mut answers: usize) -> String {
        for _ in 0..MAX_STEPS {
            let seen = self.capture(SCREEN);
            if stop.contains(&seen.as_str()) {
                return seen;
            }
            if seen != "press any key" {
                if answers == 0 {
                    return seen;
                }
                answers -= 1;
            }
            match seen.as_str() {
                "press any key" => self.send(" "),
                "Enter to choose" => {
                    self.send("\x1b[B");
                    self.send("\r");
                }
                "Space to mark" => {
                    self.send(" ");
                    self.send("\r");
                }
                "A number" => {
                    self.send("42");
                    self.send("\r");
                }
                "Enter to answer" => {
                    self.send("queues and waiting");
                    self.send("\r");
                }
                "Enter to keep it" | "Enter to continue" => self.send("\r"),
                other => panic!("stopped at {other:?}\n{}", self.tail()),
            }
        }
        panic!("no end after {MAX_STEPS} steps\n{}", self.tail());
    }

    /// Waits for the shell to report dojo's exit code and the terminal settings afterwards, and
    /// checks both.
    pub(crate) fn finish(self) -> Vec<u8> {
        self.finish_with("0")
    }

    /// As [`Run::finish`], for a run expected to end with another exit code.
    pub(crate) fn finish_with(mut self, expected: &str) -> Vec<u8> {
        let code = self.capture_group(r"EXIT (\d+)", 1);
        let after = self.capture_group(r"AFTER ([0-9a-fA-F:]+)", 1);
        assert_eq!(code, expected, "dojo exit code\n{}", self.tail());
        assert_eq!(after, self.before, "stty settings before and after dojo");
        self.session.get_process().wait().expect("shell exits");
        self.transcript
    }
}

pub(crate) fn files_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) const PLAY: &str = "play --name Tester --seed 7 --no-animation";

/// An SGR escape that sets a colour, as crossterm writes them (`38;5;n`, `38;2;r;g;b`) or as
/// inquire's 16 colours might be (`3n`, `9n`).
fn has_colour(transcript: &[u8]) -> bool {
    let text = String::from_utf8_lossy(transcript);
    text.split('\u{1b}').skip(1).any(|escape| {
        let Some(params) = escape.strip_prefix('[') else {
            return false;
        };
        let Some(end) = params.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            return false;
        };
        params[end..].starts_with('m')
            && params[..end].split(';').any(|p| {
                matches!(p.len(), 2 if p.starts_with('3') || p.starts_with('9') || p.starts_with('4'))
            })
    })
}

#[test]
fn plays_to_the_results_and_restores_the_terminal() {
    let data = tempfile::tempdir().expect("temporary folder");
    let mut run = Run::start(data.path(), PLAY, true);
    run.play_until(&["Your results are saved in"], usize::MAX);
    let transcript = run.finish();
    assert!(
        has_colour(&transcript),
        "colour is on: speakers and markers are coloured"
    );
    let results = files_in(&data.path().join("results"));
    assert!(
        results.iter().any(|name| name.ends_with(".json")),
        "a results file in {results:?}"
    );
    assert!(
        files_in(&data.path().join("saves")).is_empty(),
        "the save is gone once finished"
    );
}

#[test]
fn no_color_means_no_colour_escapes_at_all() {
    let data = tempfile::tempdir().expect("temporary folder");
    let mut run = Run::start(data.path(), PLAY, false);
    run.play_until(&["Your results are saved in"], usize::MAX);
    let transcript = run.finish();
    assert!(
        !has_colour(&transcript),
        "NO_COLOR is set, yet a colour escape was written"
    );
    assert!(
        !String::from_utf8_lossy(&transcript).contains("\u{1b}[1m"),
        "NO_COLOR is set, yet bold was written"
    );
}

#[test]
fn ctrl_c_saves_restores_the_terminal_and_resumes() {
    let data = tempfile::tempdir().expect("temporary folder");
    let mut run = Run::start(data.path(), PLAY, true);
    // Answers one question and stops at the next, where inquire has the terminal in raw mode
    // and Ctrl-C arrives as a key rather than a signal.
    run.play_until(&[], 1);
    run.send("\x03");
    run.capture("Progress saved");
    run.finish();
    let saves = files_in(&data.path().join("saves"));
    assert!(
        saves.iter().any(|name| name.ends_with(".jsonl")),
        "a save in {saves:?}"
    );

    let mut again = Run::start(data.path(), PLAY, true);
    again.capture("unfinished session");
    again.capture("Continue where you left off");
    again.capture("Enter to continue");
    // Esc at the offer leaves without touching the save.
    again.send("\x1b");
    again.finish();
    let saves = files_in(&data.path().join("saves"));
    assert!(
        saves.iter().any(|name| name.ends_with(".jsonl")),
        "the save is kept: {saves:?}"
    );
}

#[test]
fn q_while_text_types_itself_out_saves_and_restores_the_terminal() {
    let data = tempfile::tempdir().expect("temporary folder");
    let mut run = Run::start(data.path(), "play --name Tester --seed 7", true);
    // The title card and its pauses; after them the first scene types itself out for seconds.
    for _ in 0..MAX_STEPS {
        if run.capture("press any key|── ") == "── " {
            break;
        }
        run.send(" ");
    }
    run.send("q");
    run.capture("Progress saved");
    run.finish();
    let saves = files_in(&data.path().join("saves"));
    assert!(
        saves.iter().any(|name| name.ends_with(".jsonl")),
        "a save in {saves:?}"
    );
}

#[test]
fn scenario_text_cannot_steer_the_terminal() {
    let data = tempfile::tempdir().expect("temporary folder");
    let hostile = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios/hostile");
    let args = format!(
        "play '{}' --name Tester --seed 7 --no-animation",
        hostile.display()
    );
    let mut run = Run::start(data.path(), &args, true);
    run.play_until(&["Your results are saved in"], usize::MAX);
    let transcript = String::from_utf8_lossy(&run.finish()).into_owned();
    for (sequence, what) in [
        ("\u{1b}[2J", "clear screen"),
        ("\u{7}", "bell"),
        ("\u{1b}]", "operating system command (window title)"),
        ("\u{1b}[5m", "blink"),
        ("\u{9b}", "8-bit control sequence introducer"),
    ] {
        assert!(
            !transcript.contains(sequence),
            "the {what} escape in the scenario reached the terminal"
        );
    }
    assert!(
        transcript.contains("Ring  the bell"),
        "the text around the escapes is shown"
    );
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the deliberate panic (DOJO_TEST_PANIC) is compiled into debug builds only"
)]
fn a_panic_mid_animation_restores_the_terminal() {
    let data = tempfile::tempdir().expect("temporary folder");
    let mut run = Run::start_with(
        data.path(),
        "play --name Tester --seed 7",
        true,
        &[("DOJO_TEST_PANIC", "1")],
    );
    // The title card prints at once; the first text typed out after its pause panics.
    for _ in 0..MAX_STEPS {
        if run.capture("press any key|DOJO_TEST_PANIC is set") != "press any key" {
            break;
        }
        run.send(" ");
    }
    run.finish_with("101");
}

/// The shell's child: dojo itself, found through /proc so the test needs no extra tools.
pub(crate) fn child_of(pid: u32) -> u32 {
    let children = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .expect("Linux /proc lists children");
    children
        .split_whitespace()
        .next()
        .and_then(|child| child.parse().ok())
        .expect("the shell has started dojo")
}

#[test]
fn a_kill_at_a_prompt_restores_the_terminal_and_keeps_progress() {
    let data = tempfile::tempdir().expect("temporary folder");
    let mut run = Run::start(
        data.path(),
        "play --name Tester --seed 7 --no-animation",
        true,
    );
    // One question answered; the next prompt is on screen, in raw mode.
    run.play_until(&[], 1);
    let dojo = child_of(run.session.get_process().pid().as_raw() as u32);
    let killed = Command::new("sh")
        .arg("-c")
        .arg(format!("kill -TERM {dojo}"))
        .status()
        .expect("run kill");
    assert!(killed.success());
    run.finish_with("130");
    let saves = files_in(&data.path().join("saves"));
    assert!(
        saves.iter().any(|name| name.ends_with(".jsonl")),
        "a save in {saves:?}"
    );
}

#[test]
fn sigquit_at_a_prompt_restores_the_terminal() {
    let data = tempfile::tempdir().expect("temporary folder");
    let mut run = Run::start(
        data.path(),
        "play --name Tester --seed 7 --no-animation",
        true,
    );
    run.play_until(&[], 1);
    let dojo = child_of(run.session.get_process().pid().as_raw() as u32);
    let killed = Command::new("sh")
        .arg("-c")
        .arg(format!("kill -QUIT {dojo}"))
        .status()
        .expect("run kill");
    assert!(killed.success());
    run.finish_with("131");
}

#[test]
fn the_first_results_screen_holds_the_verdict_and_the_comparison_and_the_rest_waits() {
    let data = tempfile::tempdir().expect("temporary folder");
    crate::plain::play_pet_clinic(data.path());
    let mut run = Run::start(data.path(), "results", false);
    run.capture("press any key for every answer and the maps");
    let first = String::from_utf8_lossy(&run.transcript).into_owned();
    for part in [
        "The end: Seeing the flow",
        "Flow finder",
        "Measuring what matters",
        "Your map beside Pet Clinic",
        "Total lead time",
        "Your map matches the team's",
    ] {
        assert!(first.contains(part), "{part} on the first screen:\n{first}");
    }
    assert!(!first.contains("Your answers"), "{first}");
    run.send(" ");
    run.capture("Your answers");
    // The answers run past a screen: the pause part way has nothing to save after the end.
    run.capture("press any key · q to finish");
    run.send("q");
    let transcript = String::from_utf8_lossy(&run.finish()).into_owned();
    assert!(!transcript.contains("saves and quits"), "{transcript}");
}

#[test]
fn a_long_single_choice_option_is_indented_past_its_first_row() {
    let data = tempfile::tempdir().expect("temporary folder");
    let mut run = Run::start(data.path(), PLAY, false);
    // The first question's options are longer than a row at 80 columns.
    run.play_until(&["Enter to choose"], usize::MAX);
    let screen = String::from_utf8_lossy(&run.transcript).into_owned();
    let start = screen
        .rfind("Everyone has found a culprit")
        .expect("the first question");
    let menu: Vec<&str> = screen[start..]
        .split(['\r', '\n'])
        .filter(|row| !row.is_empty())
        .collect();
    let continued = menu
        .iter()
        .find(|row| row.contains("step by step.") && !row.contains("Ask everyone"))
        .unwrap_or_else(|| panic!("the long option's second row:\n{menu:#?}"));
    assert!(
        continued.starts_with("    ") && !continued.starts_with("     "),
        "indented four columns, past the option's text: {continued:?}"
    );
    run.send("\x1b");
    run.finish();
}

#[test]
fn q_at_a_menu_saves_and_leaves() {
    let data = tempfile::tempdir().expect("temporary folder");
    let mut run = Run::start(data.path(), PLAY, false);
    run.play_until(&["Enter to choose"], usize::MAX);
    run.send("q");
    run.capture("Progress saved");
    run.finish();
    let saves = files_in(&data.path().join("saves"));
    assert!(
        saves.iter().any(|name| name.ends_with(".jsonl")),
        "a save in {saves:?}"
    );
}

#[test]
fn ctrl_u_clears_a_number_being_typed() {
    let data = tempfile::tempdir().expect("temporary folder");
    let mut run = Run::start(data.path(), PLAY, false);
    run.play_until(&["A number"], usize::MAX);
    run.send("12");
    run.send("\x15");
    run.send("106");
    run.send("\r");
    run.capture("press any key");
    let screen = String::from_utf8_lossy(&run.transcript).into_owned();
    assert!(screen.contains("> 106 person-hours"), "{}", run.tail());
    assert!(
        !screen.contains("12u") && !screen.contains("12106"),
        "{}",
        run.tail()
    );
    run.send("\x1b");
    run.finish();
}

#[test]
fn plain_mode_at_a_terminal_wraps_at_word_boundaries() {
    let data = tempfile::tempdir().expect("temporary folder");
    let mut run = Run::start_with(
        data.path(),
        "play --plain --name Tester --seed 7",
        false,
        &[("TERM", "dumb")],
    );
    run.capture("Type the number of your choice:");
    let screen = String::from_utf8_lossy(&run.transcript).into_owned();
    let rows: Vec<&str> = screen
        .split(['\r', '\n'])
        .filter(|row| !row.starts_with("BEFORE "))
        .collect();
    for row in &rows {
        assert!(
            unicode_width::UnicodeWidthStr::width(*row) <= 80,
            "wider than the terminal: {row:?}"
        );
    }
    // The long option goes on under its text, a word at a time, never mid-word.
    assert!(
        rows.iter().any(|row| row.starts_with("     step by step.")),
        "{rows:#?}"
    );
    run.send("q\r");
    run.capture("Progress saved");
    run.finish();
}
