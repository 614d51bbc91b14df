//! The verdict at an ending: score and maximum per competency, grade band, every answer.

use serde::{Deserialize, Serialize};

use crate::scenario::Scenario;
use crate::scenario::model::QuestionKind;

use super::env::SessionEnv;
use super::tally::{Maxima, saturating_sum, tally};
use super::{Answer, State};

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
    /// The scenario's pass mark, when it sets one.
    #[serde(default)]
    pub pass_mark: Option<u32>,
    /// The ending reached offers a retry: the author marks it a setback, which never passes,
    /// whatever the percent.
    #[serde(default)]
    pub setback: bool,
    pub questions: Vec<QuestionResult>,
    /// Each map the learner built, beside the map it was built against.
    #[serde(default)]
    pub(crate) maps: Vec<super::Comparison>,
    /// The attempts given up by taking a retry, first to last; the figures above are those of
    /// the attempt that reached this ending.
    #[serde(default)]
    pub retries: Vec<Attempt>,
}

impl Results {
    /// Whether the percent reaches the pass mark; `None` when the scenario sets none.
    pub fn passed(&self) -> Option<bool> {
        self.pass_mark
            .map(|mark| !self.setback && self.percent >= mark)
    }

    /// The verdict on the pass mark in words, for the results screen.
    pub fn pass_line(&self) -> Option<String> {
        let mark = self.pass_mark?;
        Some(if self.setback {
            format!(
                "Not passed: the story stopped short, whatever the score ({}%, and {mark}% passes).",
                self.percent
            )
        } else if self.percent >= mark {
            format!("Passed: {}%, and {mark}% passes.", self.percent)
        } else {
            format!("Not passed yet: {}%, and {mark}% passes.", self.percent)
        })
    }
}

impl Results {
    /// Which attempt this was and what the ones given up scored, for the results screen;
    /// `None` when the learner never went back.
    pub fn retry_line(&self) -> Option<String> {
        let given_up: Vec<String> = self
            .retries
            .iter()
            .map(|attempt| {
                format!(
                    "\"{}\" with {} of {} points",
                    attempt.ending.title, attempt.score, attempt.max
                )
            })
            .collect();
        let (last, earlier) = given_up.split_last()?;
        let attempt = match self.retries.len() + 1 {
            2 => "Second attempt".to_string(),
            3 => "Third attempt".to_string(),
            4 => "Fourth attempt".to_string(),
            n => format!("Attempt {n}"),
        };
        Some(if earlier.is_empty() {
            format!("{attempt}; the first ended in {last}.")
        } else {
            format!(
                "{attempt}; the earlier ones ended in {} and {last}.",
                earlier.join(", ")
            )
        })
    }
}

/// An attempt the learner gave up at an ending by going back to try again: where it ended and
/// what it had scored by then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    pub ending: EndingResult,
    pub score: i64,
    /// The most the questions met in that attempt could have given.
    pub max: i64,
    pub percent: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    pub kind: Kind,
    pub prompt: String,
    /// The answer as the learner saw it: option texts rather than ids.
    pub answer: String,
    /// The answer as given: option ids, a number or text.
    pub given: Answer,
    pub right: Option<bool>,
    pub feedback: Vec<String>,
    /// What the answer added to each competency, by competency id.
    pub score: Vec<(String, i64)>,
    /// Every option of the question, in the scenario's order, whether shown or not.
    pub options: Vec<OptionText>,
    /// Seconds since the Unix epoch, as the front end's clock said.
    pub at: u64,
}

/// An option's id and its text as the learner would read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionText {
    pub id: String,
    pub text: String,
}

/// What kind of answer a question took, in the engine's own words: records keep this rather
/// than the authoring model's type, so the scenario format can change without changing them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Single,
    Multiple,
    Number,
    Order,
    Text,
}

impl From<QuestionKind> for Kind {
    fn from(kind: QuestionKind) -> Kind {
        match kind {
            QuestionKind::Single => Kind::Single,
            QuestionKind::Multiple => Kind::Multiple,
            QuestionKind::Number => Kind::Number,
            QuestionKind::Order => Kind::Order,
            QuestionKind::Text => Kind::Text,
        }
    }
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
        pass_mark: scenario.meta.pass,
        setback: scenario
            .scene_index(&state.scene)
            .is_some_and(|ix| scenario.scenes[ix].retry.is_some()),
        questions: state
            .answers
            .iter()
            .map(|record| QuestionResult {
                scene: record.scene.clone(),
                kind: record.kind.into(),
                prompt: record.prompt.clone(),
                answer: record.shown.clone(),
                given: record.answer.clone(),
                right: record.right,
                feedback: record
                    .feedback
                    .iter()
                    .map(|line| line.text.clone())
                    .collect(),
                score: record.score.clone(),
                options: options(scenario, state, &record.scene),
                at: record.at,
            })
            .collect(),
        maps: (0..scenario.workbenches.len())
            .map(|bench| super::workbench::compare(scenario, &state.maps, bench))
            .collect(),
        retries: state.retries.clone(),
    }
}

/// The options of the question in `scene`, their texts rendered as the story stands in `state`
/// (at the end, for results).
pub(crate) fn options(scenario: &Scenario, state: &State, scene: &str) -> Vec<OptionText> {
    let Some(question) = scenario
        .scene_index(scene)
        .and_then(|index| scenario.scenes[index].question.as_ref())
    else {
        return Vec::new();
    };
    let env = SessionEnv { scenario, state };
    question
        .options
        .iter()
        .map(|option| OptionText {
            id: option.id.clone(),
            text: option.text.render(&env),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(title: &str, score: i64, max: i64) -> Attempt {
        Attempt {
            ending: EndingResult {
                scene: title.to_lowercase(),
                title: title.to_string(),
            },
            score,
            max,
            percent: 0,
        }
    }

    fn with_retries(retries: Vec<Attempt>) -> Results {
        Results {
            scenario: "s".into(),
            title: "S".into(),
            learner: "Ada".into(),
            seed: 1,
            ending: EndingResult {
                scene: "end".into(),
                title: "The end".into(),
            },
            competencies: Vec::new(),
            score: 0,
            max: 0,
            percent: 0,
            grade: None,
            pass_mark: None,
            setback: false,
            questions: Vec::new(),
            maps: Vec::new(),
            retries,
        }
    }

    #[test]
    fn a_setback_never_passes_whatever_the_percent() {
        let mut results = with_retries(Vec::new());
        results.percent = 90;
        assert_eq!(results.passed(), None, "no pass mark, no verdict");
        results.pass_mark = Some(60);
        assert_eq!(results.passed(), Some(true));
        results.setback = true;
        assert_eq!(results.passed(), Some(false));
        assert_eq!(
            results.pass_line().as_deref(),
            Some("Not passed: the story stopped short, whatever the score (90%, and 60% passes).")
        );
        results.setback = false;
        results.percent = 59;
        assert_eq!(results.passed(), Some(false));
        assert_eq!(
            results.pass_line().as_deref(),
            Some("Not passed yet: 59%, and 60% passes.")
        );
    }

    #[test]
    fn the_retry_line_names_the_attempt_and_what_the_earlier_ones_scored() {
        assert_eq!(with_retries(Vec::new()).retry_line(), None);
        assert_eq!(
            with_retries(vec![attempt("An empty chair", 34, 60)])
                .retry_line()
                .as_deref(),
            Some("Second attempt; the first ended in \"An empty chair\" with 34 of 60 points.")
        );
        assert_eq!(
            with_retries(vec![
                attempt("An empty chair", 34, 60),
                attempt("Dan logs off", 12, 40),
                attempt("An empty chair", 40, 60),
            ])
            .retry_line()
            .as_deref(),
            Some(
                "Fourth attempt; the earlier ones ended in \"An empty chair\" with 34 of 60 points, \"Dan logs off\" with 12 of 40 points and \"An empty chair\" with 40 of 60 points."
            )
        );
    }
}
