//! The verdict at an ending: score and maximum per competency, grade band, every answer.

use serde::{Deserialize, Serialize};

use crate::scenario::model::QuestionKind;
use crate::scenario::{QuestionDef, Scenario};

use super::State;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub scenario: String,
    pub title: String,
    pub learner: String,
    pub seed: u64,
    pub ending: EndingResult,
    pub competencies: Vec<CompetencyResult>,
    pub score: i64,
    pub max: i64,
    /// Share of the attainable score, 0 to 100.
    pub percent: u32,
    pub grade: Option<GradeResult>,
    pub questions: Vec<QuestionResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndingResult {
    pub scene: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetencyResult {
    pub id: String,
    pub name: String,
    pub score: i64,
    /// The most the questions this learner met could have given.
    pub max: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GradeResult {
    pub name: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub scene: String,
    pub prompt: String,
    pub answer: String,
    pub right: Option<bool>,
    pub feedback: Vec<String>,
    pub at: u64,
}

/// The best a question can add to a competency: a branching story is graded on the questions
/// the learner actually met, not on scenes their path never reached.
fn best_gain(question: &QuestionDef, competency: usize) -> i64 {
    let delta = |effects: &crate::scenario::Effects| {
        effects
            .score
            .iter()
            .filter(|(c, _)| *c == competency)
            .map(|(_, d)| *d)
            .sum::<i64>()
    };
    match question.kind {
        QuestionKind::Single => question
            .options
            .iter()
            .map(|o| delta(&o.effects))
            .max()
            .unwrap_or(0)
            .max(0),
        QuestionKind::Multiple => question
            .options
            .iter()
            .map(|o| delta(&o.effects).max(0))
            .sum(),
        _ => [&question.right, &question.wrong]
            .iter()
            .filter_map(|o| o.as_ref().map(|o| delta(&o.effects)))
            .max()
            .unwrap_or(0)
            .max(0),
    }
}

pub fn results(scenario: &Scenario, state: &State, ending_title: String) -> Results {
    let competencies: Vec<CompetencyResult> = scenario
        .competencies
        .iter()
        .enumerate()
        .map(|(index, competency)| CompetencyResult {
            id: competency.id.clone(),
            name: competency.name.clone(),
            score: state.scores.get(&competency.id).copied().unwrap_or(0),
            max: state
                .answers
                .iter()
                .filter_map(|record| scenario.scene_index(&record.scene))
                .filter_map(|scene| scenario.scenes[scene].question.as_ref())
                .map(|question| best_gain(question, index))
                .sum(),
        })
        .collect();
    let score: i64 = competencies.iter().map(|c| c.score).sum();
    let max: i64 = competencies.iter().map(|c| c.max).sum();
    let percent = if max <= 0 {
        100
    } else {
        u32::try_from((score.clamp(0, max) * 100) / max).unwrap_or(0)
    };
    let grade = scenario
        .grades
        .iter()
        .find(|band| percent >= band.min)
        .map(|band| GradeResult {
            name: band.name.clone(),
            message: band.message.clone(),
        });
    Results {
        scenario: scenario.meta.id.clone(),
        title: scenario.meta.title.clone(),
        learner: state.learner.clone(),
        seed: state.seed,
        ending: EndingResult {
            scene: state.scene.clone(),
            title: ending_title,
        },
        competencies,
        score,
        max,
        percent,
        grade,
        questions: state
            .answers
            .iter()
            .map(|record| QuestionResult {
                scene: record.scene.clone(),
                prompt: record.prompt.clone(),
                answer: record.shown.clone(),
                right: record.right,
                feedback: record
                    .feedback
                    .iter()
                    .map(|line| line.text.clone())
                    .collect(),
                at: record.at,
            })
            .collect(),
    }
}
