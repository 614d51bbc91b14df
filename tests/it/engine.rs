//! Engine playthroughs driven by data: each `tests/playthroughs/<case>.toml` names a scenario,
//! a seed and scripted answers; the transcript must equal `<case>.transcript` exactly.
//! `DOJO_BLESS=1 cargo test --test it engine` rewrites the transcripts after a deliberate change.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use dojo::engine::{Answer, Step, Story};
use dojo::scenario::model::QuestionKind;
use dojo::scenario::{Folder, Scenario, load};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    scenario: PathBuf,
    seed: u64,
    learner: String,
    /// One per question: option ids separated by spaces, a number, or text.
    answers: Vec<String>,
    ending: String,
}

fn load_scenario(path: &Path) -> Scenario {
    let loaded = load(&Folder::new(path)).expect("fixture readable");
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.scenario.expect("fixture scenario loads")
}

/// Builds an answer from ids rather than display numbers, so shuffling cannot break a script.
fn scripted(kind: QuestionKind, text: &str) -> Answer {
    let ids = || text.split_whitespace().map(str::to_string).collect();
    match kind {
        QuestionKind::Single => Answer::Choice(text.trim().to_string()),
        QuestionKind::Multiple => Answer::Choices(ids()),
        QuestionKind::Order => Answer::Order(ids()),
        QuestionKind::Number => Answer::Number(text.trim().parse().expect("scripted number")),
        QuestionKind::Text => Answer::Text(text.to_string()),
    }
}

/// Plays to the end, writing every step as a line a person can review in a diff.
fn transcript(
    story: &mut Story<'_>,
    answers: &mut impl Iterator<Item = String>,
) -> (String, Option<String>) {
    let mut out = String::new();
    let mut at = 1_000;
    loop {
        match story.next() {
            Step::Scene { id, title } => writeln!(
                out,
                "# {id}{}",
                title.map(|t| format!(": {t}")).unwrap_or_default()
            ),
            Step::Narration { text } => writeln!(out, "  {text}"),
            Step::Map(view) => match &view.map {
                Some(map) => writeln!(out, "  [map {}: {} steps]", view.title, map.steps.len()),
                None => writeln!(
                    out,
                    "  [map {}: needs {}]",
                    view.title,
                    view.missing.join(", ")
                ),
            },
            Step::Line { speaker, text } => writeln!(out, "  {}: {text}", speaker.name),
            Step::Question(question) => {
                let options: Vec<&str> = question.options.iter().map(|o| o.id.as_str()).collect();
                writeln!(out, "? {} [{}]", question.prompt, options.join(" ")).unwrap();
                let Some(reply) = answers.next() else {
                    return (out, None);
                };
                writeln!(out, "> {reply}").unwrap();
                at += 1;
                story
                    .answer(scripted(question.kind, &reply), at)
                    .expect("scripted answer is valid");
                Ok(())
            }
            Step::Feedback(feedback) => {
                let verdict = match feedback.right {
                    Some(true) => "right",
                    Some(false) => "wrong",
                    None => "noted",
                };
                let lines: Vec<String> = feedback.lines.iter().map(|l| l.text.clone()).collect();
                let score: Vec<String> = feedback
                    .score
                    .iter()
                    .map(|s| format!("{} {:+}", s.competency, s.delta))
                    .collect();
                writeln!(
                    out,
                    "  = {verdict}{}: {} [{}]",
                    feedback
                        .solution
                        .map(|s| format!(" (the answer: {s})"))
                        .unwrap_or_default(),
                    lines.join(" | "),
                    score.join(", ")
                )
            }
            Step::End(results) => {
                writeln!(out, "END {} — {}%", results.ending.title, results.percent).unwrap();
                for c in &results.competencies {
                    writeln!(out, "  {} {}/{}", c.name, c.score, c.max).unwrap();
                }
                if let Some(grade) = &results.grade {
                    writeln!(out, "  grade: {}", grade.name).unwrap();
                }
                for attempt in &results.retries {
                    writeln!(
                        out,
                        "  retried at {}: {}/{} ({}%)",
                        attempt.ending.scene, attempt.score, attempt.max, attempt.percent
                    )
                    .unwrap();
                }
                return (out, Some(results.ending.scene.clone()));
            }
        }
        .unwrap();
    }
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir("tests/playthroughs")
        .expect("tests/playthroughs exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_playthrough_matches_its_transcript() {
    let bless = std::env::var_os("DOJO_BLESS").is_some();
    let cases = cases();
    assert!(!cases.is_empty(), "no playthrough cases found");
    let mut failures = Vec::new();
    for path in cases {
        let case: Case = toml::from_str(&fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let scenario = load_scenario(&case.scenario);
        let mut story = Story::new(&scenario, &case.learner, case.seed);
        let (text, ending) = transcript(&mut story, &mut case.answers.clone().into_iter());
        assert_eq!(
            ending.as_deref(),
            Some(case.ending.as_str()),
            "{}: wrong ending\n{text}",
            path.display()
        );
        let expected_path = path.with_extension("transcript");
        if bless {
            fs::write(&expected_path, &text).unwrap();
        } else if fs::read_to_string(&expected_path).ok().as_deref() != Some(text.as_str()) {
            failures.push(format!("{} differs; got:\n{text}", expected_path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn same_answers_and_seed_give_the_same_transcript() {
    let scenario = load_scenario(Path::new("tests/fixtures/scenarios/code-review"));
    let answers = ["ask", "3", "null test", "read run comment", "a test please"].map(String::from);
    let play = |seed| {
        transcript(
            &mut Story::new(&scenario, "Ada", seed),
            &mut answers.clone().into_iter(),
        )
        .0
    };
    assert_eq!(play(42), play(42));
    let orders: std::collections::BTreeSet<String> = (0..20)
        .map(|seed| {
            play(seed)
                .lines()
                .find(|l| l.starts_with("? Put"))
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert!(
        orders.len() > 1,
        "order questions are shuffled by seed: {orders:?}"
    );
}

#[test]
fn a_state_handed_back_resumes_to_the_same_ending() {
    let scenario = load_scenario(Path::new("tests/fixtures/scenarios/code-review"));
    let answers = ["ask", "3", "null test", "read run comment", "a test please"].map(String::from);
    let (whole, _) = transcript(
        &mut Story::new(&scenario, "Ada", 9),
        &mut answers.clone().into_iter(),
    );

    let mut first = Story::new(&scenario, "Ada", 9);
    let (before, _) = transcript(&mut first, &mut answers[..2].iter().cloned());
    let mut resumed = Story::resume(&scenario, first.state().clone()).unwrap();
    let (after, ending) = transcript(&mut resumed, &mut answers[2..].iter().cloned());
    assert_eq!(ending.as_deref(), Some("great-end"));
    // The resumed half repeats the heading of the scene it stopped in, then goes on the same way.
    let tail_start = whole.find("? Which comments").unwrap();
    assert!(
        after.ends_with(&whole[tail_start..]),
        "resumed:\n{after}\nwhole:\n{whole}"
    );
    assert!(before.len() + after.len() > whole.len());
}

#[test]
fn invalid_answers_change_nothing() {
    let scenario = load_scenario(Path::new("tests/fixtures/scenarios/code-review"));
    let mut story = Story::new(&scenario, "Ada", 1);
    while !matches!(story.next(), Step::Question(_)) {}
    let before = story.state().clone();
    for (answer, message) in [
        (
            Answer::Choice("again".into()),
            "`again` is not one of the options",
        ),
        (
            Answer::Choice("nope".into()),
            "`nope` is not one of the options",
        ),
        (Answer::Number(3.0), "this question wants a single answer"),
    ] {
        assert_eq!(story.answer(answer, 5).unwrap_err().to_string(), message);
        assert_eq!(story.state(), &before);
    }
    story.answer(Answer::Choice("nitpick".into()), 5).unwrap();
    assert_eq!(
        story
            .answer(Answer::Choice("ask".into()), 6)
            .unwrap_err()
            .to_string(),
        "there is no question waiting for an answer"
    );
}

#[test]
fn conditions_offer_options_on_a_second_visit_only() {
    let scenario = load_scenario(Path::new("tests/fixtures/scenarios/code-review"));
    let mut story = Story::new(&scenario, "Ada", 1);
    let first = loop {
        if let Step::Question(q) = story.next() {
            break q;
        }
    };
    assert!(first.options.iter().all(|o| o.id != "again"));
    story.state_mut().visits.insert("intro".into(), 2);
    let second = story.question_view().unwrap();
    assert!(second.options.iter().any(|o| o.id == "again"));
}

#[test]
fn text_answers_are_cleaned_of_escape_sequences() {
    let scenario = load_scenario(Path::new("tests/fixtures/scenarios/code-review"));
    let mut story = Story::new(&scenario, "Ad\u{1b}[31ma", 1);
    assert_eq!(story.state().learner, "Ad[31ma");
    let answers = ["ask", "3", "null test", "read run comment"].map(String::from);
    let _ = transcript(&mut story, &mut answers.into_iter());
    story
        .answer(Answer::Text("a \u{1b}]0;pwned\u{7}test".into()), 1)
        .unwrap();
    let last = story.state().answers.last().unwrap();
    assert_eq!(last.answer, Answer::Text("a ]0;pwnedtest".into()));
}

#[test]
fn parallel_steps_may_be_put_in_either_order() {
    let scenario = load_scenario(Path::new("tests/fixtures/scenarios/workbench"));
    for (order, right) in [
        ("request build test review ship", true),
        ("request build review test ship", true),
        ("request test build review ship", false),
    ] {
        let mut story = Story::new(&scenario, "Ada", 1);
        while !matches!(story.next(), Step::Question(_)) {}
        story
            .answer(scripted(QuestionKind::Order, order), 1)
            .unwrap();
        assert_eq!(story.state().answers[0].right, Some(right), "{order}");
    }
}

/// Pet Clinic's problem statement judged as the learner types it, after the answers of the
/// flow ending up to that question.
fn problem_statement_verdict(typed: &str) -> (Option<bool>, String) {
    let scenario = load_scenario(Path::new("scenarios/pet-clinic-vsm"));
    let text = fs::read_to_string("scenarios/pet-clinic-vsm/playthroughs/flow-ending.answers")
        .expect("the flow ending's answers");
    let mut answers = text
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty());
    let mut story = Story::new(&scenario, "Ada", 1);
    loop {
        match story.next() {
            Step::Question(question) if question.scene == "problem-statement" => {
                story
                    .answer(Answer::Text(typed.to_string()), 1)
                    .expect("text is taken");
                let Step::Feedback(feedback) = story.next() else {
                    panic!("feedback follows the answer");
                };
                let lines: Vec<String> = feedback.lines.into_iter().map(|l| l.text).collect();
                return (feedback.right, lines.join(" "));
            }
            Step::Question(question) => {
                let reply = answers.next().expect("an answer for every question before");
                story
                    .answer(scripted(question.kind, reply), 1)
                    .expect("scripted answer is valid");
            }
            Step::End(_) => panic!("the story ended before the problem statement"),
            _ => {}
        }
    }
}

#[test]
fn a_problem_statement_that_blames_people_is_not_marked_right() {
    for (typed, says) in [
        ("Dan writes buggy code", "names a person"),
        ("The testers are too slow", "blames a group"),
        (
            "Developers ship bugs and testing takes weeks",
            "blames a group",
        ),
        ("QA is slow", "blames a group"),
        ("Ops are slow to deploy", "blames a group"),
        ("The business is slow to approve designs", "blames a group"),
    ] {
        let (right, feedback) = problem_statement_verdict(typed);
        assert_eq!(right, Some(false), "{typed:?} was marked right: {feedback}");
        assert!(feedback.contains(says), "{typed:?}: {feedback}");
    }
    for typed in [
        "Upgrades reach the clinics weeks late and full of defects",
        "Our deploys keep failing and the clinics cannot book appointments",
        "Nobody trusts our dates because releases slip",
        "Testing takes three weeks, so upgrades reach the clinics late",
    ] {
        let (right, feedback) = problem_statement_verdict(typed);
        assert_eq!(right, Some(true), "{typed:?} is about the work: {feedback}");
    }
}
