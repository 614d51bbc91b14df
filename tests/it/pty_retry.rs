//! A learner in a real pseudo-terminal slips in Pet Clinic, walks into an early ending, takes
//! the retry it offers and plays on into the map-reading act; the first results screen then
//! says it took a second attempt, and still fits 80x24. The plain front end reads each answer
//! as a line typed at the terminal, by option id, so the shuffled order does not matter; the
//! terminal front end is driven with arrow keys, each option found where the menu drew it.

#![cfg(unix)]

use std::process::Command;

use expectrl::session::OsSession;
use expectrl::{Expect, Regex};

use crate::common::{dojo, in_pty, stdout_of};
use crate::pty::Run;

/// The answers of `brenda-leaves.answers`, which end with Brenda walking out after the laugh;
/// then the retry, and from the same dig on, the answers of `flow-ending.answers`.
fn answers() -> Vec<String> {
    let read = |name: &str| -> Vec<String> {
        let path = format!("scenarios/pet-clinic-vsm/playthroughs/{name}.answers");
        let text = std::fs::read_to_string(&path).expect("the golden answers");
        text.lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut answers = read("brenda-leaves");
    assert_eq!(
        answers.pop().as_deref(),
        Some("end"),
        "the golden declines the retry"
    );
    answers.push("retry".to_string());
    let flow = read("flow-ending");
    let from = flow
        .iter()
        .position(|answer| answer == "protect-honesty")
        .expect("the flow ending answers the dig well");
    answers.extend_from_slice(&flow[from..]);
    answers
}

fn expect(session: &mut OsSession, pattern: &str, seen: &mut String) {
    match session.expect(Regex(pattern)) {
        Ok(found) => seen.push_str(&String::from_utf8_lossy(found.as_bytes())),
        Err(error) => {
            let start = seen.len().saturating_sub(2000);
            let start = (start..seen.len())
                .find(|&i| seen.is_char_boundary(i))
                .unwrap_or(0);
            panic!("waiting for /{pattern}/: {error}\n{}", &seen[start..]);
        }
    }
}

#[test]
fn a_walk_out_offers_a_retry_that_leads_on_to_reading_the_map() {
    let data = tempfile::tempdir().expect("temporary folder");
    let mut command = Command::new(env!("CARGO_BIN_EXE_dojo"));
    command.args(["play", "--plain", "--name", "Tester", "--seed", "1"]);
    let mut session = in_pty(command, data.path(), false, (80, 24));
    let mut seen = String::new();
    let mut retried = false;
    for answer in answers() {
        expect(
            &mut session,
            r"Type [^\n]*: |== The team's map ==",
            &mut seen,
        );
        if seen.contains("== The team's map ==") {
            break;
        }
        if answer == "retry" {
            assert!(
                seen.contains("This ending can be undone. What now?"),
                "the walk-out offers a retry"
            );
            retried = true;
        }
        session.send(format!("{answer}\r")).expect("type an answer");
    }
    assert!(retried, "the retry was taken");
    assert!(
        seen.contains("== The team's map =="),
        "act 6 reached after the retry"
    );
    assert!(
        seen.contains("== An empty chair =="),
        "the walk-out came first"
    );
    let _ = session.send("\x04");
}

/// The answers of `brenda-leaves.answers` before the laugh: the session stops at the dig.
fn answers_before_the_dig() -> String {
    let mut answers = answers();
    let dig = answers
        .iter()
        .position(|answer| answer == "laugh")
        .expect("the walk-out's laugh");
    answers.truncate(dig);
    answers.iter().map(|answer| format!("{answer}\n")).collect()
}

/// Picks the option holding `wanted` in the menu asked by `prompt`, with ↓ from the first,
/// as a learner does: the options are ranked by where the menu drew them.
fn choose(run: &mut Run, prompt: &str, options: &[&str], wanted: &str) {
    run.capture("Enter to choose");
    let screen = run.tail();
    let menu = &screen[screen
        .rfind(prompt)
        .unwrap_or_else(|| panic!("{prompt} on screen:\n{screen}"))..];
    let mut drawn: Vec<(usize, &str)> = options
        .iter()
        .map(|option| {
            let at = menu
                .find(option)
                .unwrap_or_else(|| panic!("{option} in the menu:\n{menu}"));
            (at, *option)
        })
        .collect();
    drawn.sort();
    let downs = drawn
        .iter()
        .position(|(_, option)| *option == wanted)
        .expect("the wanted option is one of the options");
    for _ in 0..downs {
        run.send("\x1b[B");
    }
    run.send("\r");
}

/// Presses a key at every pause until `pattern` shows.
fn read_on_until(run: &mut Run, pattern: &str) {
    loop {
        let seen = run.capture(&format!("press any key|{pattern}"));
        if seen != "press any key" {
            return;
        }
        run.send(" ");
    }
}

const DIG: &str = "Dan has turned it into a dig";
const DIG_OPTIONS: [&str; 3] = ["Laugh along", "Thank Brenda", "Say nothing"];
const RETRY: &str = "This ending can be undone. What now?";
const RETRY_OPTIONS: [&str; 2] = ["Go back to the choice", "End here"];

#[test]
fn the_retry_in_the_terminal_is_a_menu_that_goes_back_to_the_dig() {
    let data = tempfile::tempdir().expect("temporary folder");
    dojo(data.path())
        .args(["play", "--plain", "--name", "Tester", "--seed", "1"])
        .write_stdin(answers_before_the_dig())
        .assert()
        .success();

    let mut run = Run::start(
        data.path(),
        "play --name Tester --seed 1 --no-animation",
        false,
    );
    run.capture("Enter to continue");
    run.send("\r");
    read_on_until(&mut run, DIG);
    let warned = run.tail();
    assert!(
        warned.contains("patience is short"),
        "Brenda's patience is shown before it runs out:\n{warned}"
    );
    choose(&mut run, DIG, &DIG_OPTIONS, "Laugh along");
    read_on_until(&mut run, RETRY);
    assert!(run.tail().contains("An empty chair"), "{}", run.tail());
    choose(&mut run, RETRY, &RETRY_OPTIONS, "Go back to the choice");
    read_on_until(&mut run, DIG);
    choose(&mut run, DIG, &DIG_OPTIONS, "Thank Brenda");
    run.capture("press any key");
    run.send("q");
    run.capture("Progress saved");
    run.finish();

    let flow = answers();
    let after_the_dig = &flow[flow
        .iter()
        .rposition(|answer| answer == "protect-honesty")
        .expect("the good answer to the dig")
        + 1..];
    let input: String = std::iter::once("y".to_string())
        .chain(after_the_dig.iter().cloned())
        .map(|answer| format!("{answer}\n"))
        .collect();
    let played = dojo(data.path())
        .args(["play", "--plain", "--seed", "1"])
        .write_stdin(input)
        .output()
        .expect("dojo runs");
    let plain = stdout_of(&played);
    assert!(plain.contains("== Reading the map =="), "{plain}");
    assert!(
        plain.contains("Second attempt; the first ended in \"An empty chair\""),
        "{plain}"
    );
}

/// Rows from the last line holding `from` to the end of `screen`: how far up it is.
fn rows_above_the_end(screen: &str, from: &str) -> usize {
    let start = screen
        .rfind(from)
        .unwrap_or_else(|| panic!("{from} in:\n{screen}"));
    screen[start..].matches('\n').count()
}

#[test]
fn the_first_results_screen_says_it_took_a_retry_and_still_fits_80_by_24() {
    let data = tempfile::tempdir().expect("temporary folder");
    let input: String = answers().iter().map(|a| format!("{a}\n")).collect();
    let played = dojo(data.path())
        .args(["play", "--plain", "--name", "Tester", "--seed", "1"])
        .write_stdin(input)
        .output()
        .expect("dojo runs");
    let plain = stdout_of(&played);
    let said = "Second attempt; the first ended in \"An empty chair\" with ";
    assert!(plain.contains(said), "{plain}");

    let again = stdout_of(
        &dojo(data.path())
            .args(["results", "--plain"])
            .output()
            .expect("dojo runs"),
    );
    assert!(again.contains(said), "dojo results says so too:\n{again}");

    let mut run = Run::start(data.path(), "results", false);
    let pause = run.capture("press any key for every answer and the maps|press any key");
    let screen = run.tail();
    assert_eq!(
        pause, "press any key for every answer and the maps",
        "the first screen is shown whole, without a pause part way:\n{screen}"
    );
    assert!(screen.contains(said), "{screen}");
    let rows = rows_above_the_end(&screen, "══ The end:");
    assert!(
        rows < 24,
        "the verdict is {rows} rows up, off the screen:\n{screen}"
    );
    assert!(screen.contains("Your map matches the team's"), "{screen}");
    run.send("q");
    run.finish();
}
