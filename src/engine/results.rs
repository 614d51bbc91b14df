//! The verdict at an ending: score and maximum per competency, grade band, every answer.

use serde::{Deserialize, Serialize};

use crate::scenario::Scenario;

use super::State;
use super::tally::{Maxima, saturating_sum, tally};

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
    /// Each map the learner built, beside the map it was built against.
    #[serde(default)]
    pub(crate) maps: Vec<super::Comparison>,
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

pub(super) fn results(scenario: &Scenario, state: &State, ending_title: String) -> Results {
    let tally = tally(scenario, state, &Maxima::new(scenario));
    let competencies: Vec<CompetencyResult> = scenario
        .competencies
        .iter()
        .zip(tally.scores.iter().zip(&tally.max))
        .map(|(competency, (&score, &max))| CompetencyResult {
            id: competency.id.clone(),
            name: competency.name.clone(),
            score,
            max,
        })
        .collect();
    Results {
        scenario: scenario.meta.id.clone(),
        title: scenario.meta.title.clone(),
        learner: state.learner.clone(),
        seed: state.seed,
        ending: EndingResult {
            scene: state.scene.clone(),
            title: ending_title,
        },
        score: saturating_sum(&tally.scores),
        max: saturating_sum(&tally.max),
        percent: tally.percent,
        grade: tally.grade.map(|band| GradeResult {
            name: scenario.grades[band].name.clone(),
            message: scenario.grades[band].message.clone(),
        }),
        competencies,
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
        maps: (0..scenario.workbenches.len())
            .map(|bench| super::workbench::compare(scenario, &state.maps, bench))
            .collect(),
    }
}
