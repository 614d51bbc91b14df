//! The player's own prompts in a real pseudo-terminal: the yes-or-no question on coming back
//! takes the keys every other prompt takes, the title card fits the screen, and the results are
//! kept before they are shown.

#![cfg(unix)]

use crate::pty::{PLAY, Run, child_of, files_in};

/// Answers one question and leaves with Ctrl-C, so the next run offers to continue.
fn leave_a_session(data: &std::path::Path) {
    let mut run = Run::start(data, PLAY, false);
    run.play_until(&[], 1);
    run.send("\x03");
    run.capture("Progress saved");
    run.finish();
}

#[test]
fn ctrl_u_clears_a_yes_or_no_being_typed() {
    let data = tempfile::tempdir().expect("temporary folder");
    leave_a_session(data.path());
    let mut run = Run::start(data.path(), PLAY, false);
    run.capture("Continue where you left off\\? \\(Y/n\\)");
    run.capture("Enter to continue");
    // `y`, cleared, then `n`: a Ctrl-U typed as a letter would leave "yun", which is refused.
    run.send("y");
    run.send("\x15");
    run.send("n");
    run.send("\r");
    run.capture("> No");
    // Starting over shows the title card again.
    run.capture("You will learn to:");
    run.capture("press any key");
    run.send("q");
    run.capture("Progress saved");
    let transcript = String::from_utf8_lossy(&run.finish()).into_owned();
    assert!(!transcript.contains("Type y or n"), "{transcript}");
}

#[test]
fn q_at_the_offer_to_continue_leaves_and_keeps_the_session() {
    let data = tempfile::tempdir().expect("temporary folder");
    leave_a_session(data.path());
    let before = std::fs::read(data.path().join("saves/pet-clinic-vsm.jsonl")).expect("a save");
    let mut run = Run::start(data.path(), PLAY, false);
    run.capture("Enter to continue · n to start over · q or Esc to quit");
    run.send("q");
    run.capture("\\(quit\\)");
    run.finish();
    assert_eq!(
        std::fs::read(data.path().join("saves/pet-clinic-vsm.jsonl")).expect("the save is kept"),
        before,
        "leaving at the offer changes nothing: {:?}",
        files_in(&data.path().join("saves"))
    );
}

#[test]
fn the_title_card_fits_80_by_24_and_60_by_20_with_its_title_in_view() {
    for (columns, rows) in [(80, 24), (60, 20)] {
        let data = tempfile::tempdir().expect("temporary folder");
        let mut run = Run::start_sized(data.path(), PLAY, false, &[], (columns, rows));
        run.capture("press any key");
        let screen = run.tail();
        let title = screen.rfind("══ Pet Clinic").expect("the title card");
        let above = screen[title..].matches('\n').count();
        assert!(
            above < usize::from(rows),
            "{columns}x{rows}: the title is {above} rows above the pause, off the screen:\n{}",
            &screen[title..]
        );
        // The length comes after the summary: a card paused on part way would not show it yet.
        assert!(
            screen[title..].contains("minutes · beginner level"),
            "{columns}x{rows}: the card is shown whole before the first pause:\n{}",
            &screen[title..]
        );
        run.send("q");
        run.capture("Progress saved");
        run.finish();
    }
}

#[test]
fn results_are_kept_before_the_learner_has_read_them() {
    let data = tempfile::tempdir().expect("temporary folder");
    let fixture = crate::common::repo_root().join("tests/fixtures/scenarios/retry");
    let args = format!("play '{}' {}", fixture.display(), &PLAY[5..]);
    let mut run = Run::start(data.path(), &args, false);
    // The second option each time: a rush, a shout that ends the story, and ending there.
    loop {
        match run
            .capture("press any key for every answer|press any key|Enter to choose")
            .as_str()
        {
            "Enter to choose" => {
                run.send("2");
                run.send("\r");
            }
            "press any key" => run.send(" "),
            _ => break,
        }
    }
    // The learner is reading the first results screen when the terminal goes away.
    let dojo = child_of(run.session.get_process().pid().as_raw() as u32);
    let killed = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("kill -TERM {dojo}"))
        .status()
        .expect("run kill");
    assert!(killed.success());
    run.finish_with("130");
    let results = files_in(&data.path().join("results"));
    assert!(
        results.iter().any(|name| name.ends_with(".json")),
        "a results file in {results:?}"
    );
    let saves = files_in(&data.path().join("saves"));
    assert!(
        !saves.iter().any(|name| name.ends_with(".jsonl")),
        "the ended session is filed away, not left to resume: {saves:?}"
    );
    assert_eq!(files_in(&data.path().join("sessions")).len(), 1);
}
