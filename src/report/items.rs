//! Item analysis: for every question, how many got it right, whether it tells stronger learners
//! from weaker ones, and how often each option was picked.
//!
//! Each learner's *first* answer to a question counts (a question met again in a loop is
//! practice, not a second data point). Difficulty is the share of right first answers among
//! graded ones. Discrimination is the point-biserial correlation of right (1) or wrong (0)
//! with the learner's total percent for the session, the item itself included. Pick rates count
//! learners who chose an option; for an order question, who put it first.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::engine::Kind;
use crate::progress::ResultsFile;

use super::stats::point_biserial;

/// Difficulty at or above this: nearly everyone gets the item right.
pub(crate) const EASY: f64 = 0.9;
/// Difficulty at or below this: nearly everyone gets it wrong.
pub(crate) const HARD: f64 = 0.1;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// The scene whose question this is.
    pub scene: String,
    pub kind: Kind,
    pub prompt: String,
    /// Learners who answered it.
    pub answered: usize,
    /// Of those, how many took an ending's retry somewhere in their session: the answer that
    /// counts may be their second try at the question.
    pub retried: usize,
    /// Of those, how many first answers were graded, and how many were right.
    pub graded: usize,
    pub right: usize,
    /// Share of graded first answers that were right, 0 to 1.
    pub difficulty: Option<f64>,
    /// Point-biserial correlation with the session's total percent, -1 to 1.
    pub discrimination: Option<f64>,
    /// Every option, with how many learners picked it (for an order question, put it first).
    pub options: Vec<Pick>,
    pub flags: Vec<Flag>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pick {
    pub id: String,
    pub text: String,
    pub picks: usize,
    /// Share of the learners who answered, 0 to 1; a multiple-choice item's add up to more.
    pub rate: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    NearlyAllRight,
    NearlyAllWrong,
    NegativeDiscrimination,
}

impl Flag {
    pub(crate) fn words(self) -> &'static str {
        match self {
            Flag::NearlyAllRight => "nearly all right",
            Flag::NearlyAllWrong => "nearly all wrong",
            Flag::NegativeDiscrimination => "negative discrimination",
        }
    }
}

/// One item per question met by anyone, in the order first met across the files.
pub(crate) fn analyse(sessions: &[&ResultsFile]) -> Vec<Item> {
    let mut order: Vec<String> = Vec::new();
    let mut firsts: BTreeMap<&str, Vec<(&ResultsFile, usize)>> = BTreeMap::new();
    for session in sessions {
        let mut seen = HashSet::new();
        for (index, question) in session.questions.iter().enumerate() {
            if !seen.insert(question.scene.as_str()) {
                continue;
            }
            let entry = firsts.entry(question.scene.as_str()).or_default();
            if entry.is_empty() {
                order.push(question.scene.clone());
            }
            entry.push((session, index));
        }
    }
    order
        .iter()
        .map(|scene| item(&firsts[scene.as_str()]))
        .collect()
}

fn item(answers: &[(&ResultsFile, usize)]) -> Item {
    let (first_session, first_index) = answers[0];
    let sample = &first_session.questions[first_index];
    let mut options: Vec<Pick> = sample
        .options
        .iter()
        .map(|o| Pick {
            id: o.id.clone(),
            text: o.text.clone(),
            picks: 0,
            rate: 0.0,
        })
        .collect();
    let mut pairs = Vec::new();
    for &(session, index) in answers {
        let question = &session.questions[index];
        if let Some(right) = question.right {
            pairs.push((right, f64::from(session.percent)));
        }
        // Every order answer holds every option: what tells answers apart is which came first.
        let picked = if question.kind == Kind::Order {
            &question.chosen[..question.chosen.len().min(1)]
        } else {
            &question.chosen[..]
        };
        for chosen in picked {
            match options.iter_mut().find(|o| &o.id == chosen) {
                Some(option) => option.picks += 1,
                // An option a later version of the scenario no longer has.
                None => options.push(Pick {
                    id: chosen.clone(),
                    text: chosen.clone(),
                    picks: 1,
                    rate: 0.0,
                }),
            }
        }
    }
    let answered = answers.len();
    let retried = answers
        .iter()
        .filter(|(session, _)| !session.retries.is_empty())
        .count();
    for option in &mut options {
        option.rate = option.picks as f64 / answered as f64;
    }
    let graded = pairs.len();
    let right = pairs.iter().filter(|p| p.0).count();
    let difficulty = (graded > 0).then(|| right as f64 / graded as f64);
    let discrimination = point_biserial(&pairs);
    let mut flags = Vec::new();
    match difficulty {
        Some(d) if d >= EASY => flags.push(Flag::NearlyAllRight),
        Some(d) if d <= HARD => flags.push(Flag::NearlyAllWrong),
        _ => {}
    }
    if discrimination.is_some_and(|r| r < 0.0) {
        flags.push(Flag::NegativeDiscrimination);
    }
    Item {
        scene: sample.scene.clone(),
        kind: sample.kind,
        prompt: sample.prompt.clone(),
        answered,
        retried,
        graded,
        right,
        difficulty,
        discrimination,
        options,
        flags,
    }
}
