//! The figures of a verdict without its words: score and maximum per competency, share and grade
//! band, so that many runs can be added up without writing a results page for each.

use crate::scenario::{Scenario, SceneIx};

use super::State;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tally {
    /// Per competency, in the scenario's order.
    pub scores: Vec<i64>,
    /// The most the questions met could have given, per competency.
    pub max: Vec<i64>,
    /// Share of the attainable score, 0 to 100.
    pub percent: u32,
    /// Index of the grade band earned, into the scenario's bands.
    pub grade: Option<usize>,
}

/// The most one answer to each scene's question can give, per competency: worked out once for
/// every scene, where tallying many runs would otherwise work it out again for every answer.
pub(crate) struct Maxima {
    /// Per scene; empty for a scene without a question.
    best: Vec<Vec<i64>>,
}

impl Maxima {
    pub(crate) fn new(scenario: &Scenario) -> Maxima {
        let count = scenario.competencies.len();
        Maxima {
            best: scenario
                .scenes
                .iter()
                .map(|scene| {
                    scene
                        .question
                        .as_ref()
                        .map_or_else(Vec::new, |question| question.best_answer(count))
                })
                .collect(),
        }
    }

    fn of(&self, scene: SceneIx) -> &[i64] {
        &self.best[scene]
    }
}

pub(crate) fn tally(scenario: &Scenario, state: &State, maxima: &Maxima) -> Tally {
    let mut max = vec![0i64; scenario.competencies.len()];
    for scene in state
        .answers
        .iter()
        .filter_map(|record| scenario.scene_index(&record.scene))
    {
        for (sum, gain) in max.iter_mut().zip(maxima.of(scene)) {
            *sum = sum.saturating_add(*gain);
        }
    }
    let scores: Vec<i64> = scenario
        .competencies
        .iter()
        .map(|competency| state.scores.get(&competency.id).copied().unwrap_or(0))
        .collect();
    let score = i128::from(saturating_sum(&scores));
    let attainable = i128::from(saturating_sum(&max));
    // Widened: a hundred times a score near the edge of an i64 still fits.
    let percent = if attainable <= 0 {
        100
    } else {
        u32::try_from((score.clamp(0, attainable) * 100) / attainable).unwrap_or(0)
    };
    Tally {
        scores,
        max,
        percent,
        grade: scenario.grades.iter().position(|band| percent >= band.min),
    }
}

/// The sum of `values`, held at the edge of an `i64` instead of wrapping: scores from a save
/// can be anything, and a wrapped figure would be a wrong grade.
pub(crate) fn saturating_sum(values: &[i64]) -> i64 {
    values.iter().fold(0, |sum, v| sum.saturating_add(*v))
}
