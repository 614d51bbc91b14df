//! The memoised search of `dojo test --exhaustive` against a plain enumeration of every path
//! of the code review fixture, walked one by one with nothing remembered: both must find the same
//! endings, path counts and score ranges.

use std::collections::BTreeMap;
use std::path::Path;

use crate::engine::{Answer, Step, Story};
use crate::scenario::model::QuestionKind;
use crate::scenario::{Folder, Scenario, load};

use super::{LEARNER, Paths, exhaustive};

fn load_scenario(path: &Path) -> Scenario {
    let loaded = load(&Folder::new(path)).expect("fixture readable");
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.scenario.expect("fixture scenario loads")
}

/// What a plain enumeration of every path finds: paths per ending and the score range per
/// competency.
#[derive(Debug, Default, PartialEq)]
struct Tally {
    endings: BTreeMap<String, u128>,
    scores: BTreeMap<String, (i64, i64)>,
}

/// Every path, walked one by one with a fresh story per answer and nothing remembered, telling
/// answers apart as `dojo test --exhaustive` documents: each option, each selection, right or
/// wrong for order, number and text.
fn enumerate(scenario: &Scenario, story: &mut Story<'_>, tally: &mut Tally) {
    let view = loop {
        match story.next() {
            Step::Question(view) => break view,
            Step::End(results) => {
                *tally
                    .endings
                    .entry(results.ending.scene.clone())
                    .or_default() += 1;
                for c in &results.competencies {
                    let range = tally
                        .scores
                        .entry(c.id.clone())
                        .or_insert((c.score, c.score));
                    *range = (range.0.min(c.score), range.1.max(c.score));
                }
                return;
            }
            _ => {}
        }
    };
    let scene = scenario.scene_index(&view.scene).expect("a scene");
    let question = scenario.scenes[scene]
        .question
        .as_ref()
        .expect("a question");
    let ids: Vec<String> = view.options.iter().map(|o| o.id.clone()).collect();
    let answers: Vec<Answer> = match question.kind {
        QuestionKind::Single => ids.into_iter().map(Answer::Choice).collect(),
        QuestionKind::Multiple => (1..1usize << ids.len())
            .map(|mask| {
                let chosen = ids.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0);
                Answer::Choices(chosen.map(|(_, id)| id.clone()).collect())
            })
            .collect(),
        QuestionKind::Order => {
            let right: Vec<String> = question.options.iter().map(|o| o.id.clone()).collect();
            let wrong: Vec<String> = right.iter().rev().cloned().collect();
            vec![Answer::Order(right), Answer::Order(wrong)]
        }
        QuestionKind::Number => {
            let expected = story.expected_number().expect("a computable answer");
            let wrong = expected + question.tolerance + 1.0;
            vec![Answer::Number(expected), Answer::Number(wrong)]
        }
        QuestionKind::Text => vec![
            Answer::Text(question.expect[0].clone()),
            Answer::Text("no idea".into()),
        ],
    };
    for answer in answers {
        let mut branch = Story::new(scenario, LEARNER, 0);
        *branch.state_mut() = story.state().clone();
        branch.answer(answer, 0).expect("a valid answer");
        enumerate(scenario, &mut branch, tally);
    }
}

#[test]
fn memoised_paths_match_a_plain_enumeration() {
    let scenario = load_scenario(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios/code-review"),
    );
    let mut plain = Tally::default();
    enumerate(
        &scenario,
        &mut Story::new(&scenario, LEARNER, 0),
        &mut plain,
    );
    let report = exhaustive(&scenario, 1_000).expect("small enough");
    let mut memoised = Tally::default();
    for ending in &report.endings {
        memoised
            .endings
            .insert(ending.scene.clone(), ending.paths.expect("no loops"));
    }
    for range in report.scores.expect("no loops") {
        memoised
            .scores
            .insert(range.competency.clone(), (range.min, range.max));
    }
    assert_eq!(memoised, plain);
    let Paths::Counted { count } = report.paths else {
        panic!("no loops in the code review");
    };
    assert_eq!(count, plain.endings.values().sum::<u128>());
    // Fewer situations than paths: that is the point of remembering them.
    assert!(report.states < count as usize, "{}", report.states);
}
