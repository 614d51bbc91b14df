//! The results file, format 2: one finished session as an instructor reads it. Its doc comments
//! are the descriptions of its JSON Schema (`dojo schema results`).

use std::collections::BTreeMap;

use jiff::Timestamp;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::engine::{Answer, Comparison, Kind, Results};
use crate::vsm::Metrics;

use super::journal::Journal;

/// The results format this version writes, in every file's `format` key; the only one read.
pub const RESULTS_FORMAT: u64 = 2;

/// One finished session of a dojo scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "dojo results file")]
pub struct ResultsFile {
    /// The layout of this file: 2.
    pub format: u64,
    /// The scenario played.
    pub scenario: ScenarioRef,
    /// Who played it.
    pub learner: LearnerRef,
    /// The session's id (a UUID), the same as in its journal.
    #[schemars(with = "String")]
    pub session: Uuid,
    /// When the session started (RFC 3339).
    #[schemars(with = "String")]
    pub started: Timestamp,
    /// When the story reached its ending (RFC 3339).
    #[schemars(with = "String")]
    pub ended: Timestamp,
    /// Seconds spent playing, without the time between leaving and coming back.
    pub active_seconds: u64,
    /// The seed of the option order; replaying the answers with it shows the same options.
    pub seed: u64,
    /// The ending reached.
    pub ending: EndingRef,
    /// Total score over every competency.
    pub score: i64,
    /// The most the questions this learner met could have given.
    pub max: i64,
    /// Share of the attainable score, 0 to 100, rounded down.
    pub percent: u32,
    /// The grade band earned, if the scenario has one that fits.
    pub grade: Option<GradeRef>,
    /// The pass mark and whether the percent reached it; absent when the scenario sets none.
    #[serde(default)]
    pub pass: Option<PassRef>,
    /// Each competency of the scenario, in its order.
    pub competencies: Vec<CompetencyScore>,
    /// Every answer, in the order given.
    pub questions: Vec<QuestionRecord>,
    /// Each map the learner built, with its figures beside the team's.
    pub maps: Vec<MapFigures>,
    /// Each attempt given up by taking an ending's retry, first to last; the figures above are the final attempt's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retries: Vec<RetryRecord>,
}

/// An attempt given up at an ending by going back to try again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RetryRecord {
    /// The ending the attempt reached.
    pub ending: EndingRef,
    /// What the attempt had scored by then.
    pub score: i64,
    /// The most the questions met in that attempt could have given.
    pub max: i64,
    /// Score over maximum, 0 to 100, rounded down.
    pub percent: u32,
}

/// A scenario, by id, title and the fingerprint of its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ScenarioRef {
    /// The scenario's id from scenario.toml.
    pub id: String,
    /// The scenario's title.
    pub title: String,
    /// A hash of the scenario's files when the session started: equal fingerprints mean the
    /// same text.
    pub fingerprint: String,
}

/// A learner, by name and by an anonymous id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LearnerRef {
    /// The name the learner gave.
    pub name: String,
    /// A random UUID kept in the learner's profile: the same in every results file from one
    /// data folder, and says nothing about who the learner is.
    #[schemars(with = "String")]
    pub id: Uuid,
}

/// An ending scene.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EndingRef {
    /// The ending scene's id.
    pub id: String,
    /// Its heading, or its id when it has none.
    pub title: String,
}

/// A grade band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GradeRef {
    /// The band's name.
    pub name: String,
    /// What the band tells the learner.
    pub message: String,
}

/// A pass mark and the verdict on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PassRef {
    /// The lowest percent that passes, 0 to 100.
    pub mark: u32,
    /// Whether `percent` reached it, at an ending that is not a setback.
    pub passed: bool,
    /// The ending offers a retry: the author marks it a setback, which never passes, whatever
    /// the percent.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub setback: bool,
}

/// One competency's score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CompetencyScore {
    /// The competency's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The score earned.
    pub score: i64,
    /// The most the questions this learner met could have given.
    pub max: i64,
    /// Score over maximum, 0 to 100, rounded down; 100 when nothing could be earned.
    pub percent: u32,
}

/// One answer to one question. A scene has at most one question, so the scene id names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct QuestionRecord {
    /// The id of the scene whose question this is.
    pub scene: String,
    /// single, multiple, number, order or text.
    #[schemars(with = "KindSchema")]
    pub kind: Kind,
    /// The question as the learner read it.
    pub prompt: String,
    /// The option ids chosen, in the order given (empty for number and text questions).
    pub chosen: Vec<String>,
    /// The number typed, for a number question.
    pub number: Option<f64>,
    /// The text typed, for a text question.
    pub text: Option<String>,
    /// The answer as shown to the learner: option texts rather than ids.
    pub shown: String,
    /// Whether it was right; absent for a question without a right answer.
    pub right: Option<bool>,
    /// What the answer added to each competency, by competency id.
    pub score: BTreeMap<String, i64>,
    /// Seconds from the previous answer (or the start, or coming back) to this one.
    pub seconds: u64,
    /// When it was given (RFC 3339).
    #[schemars(with = "String")]
    pub at: Timestamp,
    /// Every option of the question, in the scenario's order, shown or not.
    pub options: Vec<OptionRef>,
}

/// The kinds of question, for the schema only.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[expect(
    dead_code,
    reason = "describes the values for the schema; none is ever made"
)]
enum KindSchema {
    Single,
    Multiple,
    Number,
    Order,
    Text,
}

/// An option of a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OptionRef {
    /// The option's id.
    pub id: String,
    /// Its text.
    pub text: String,
}

/// A map the learner built against the team's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MapFigures {
    /// The workbench's id.
    pub id: String,
    /// The map's title.
    pub title: String,
    /// Whether the learner's map was complete enough to compute.
    pub complete: bool,
    /// What the map still lacked, when it was not complete.
    pub missing: Vec<String>,
    /// What differs from the team's map, one sentence each.
    pub differences: Vec<String>,
    /// Figures of both maps, as numbers with units.
    pub figures: Vec<Figure>,
}

/// A figure of both maps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Figure {
    /// lead_time, process_time, activity_ratio or rolled_ca.
    pub name: String,
    /// days, hours or percent.
    pub unit: String,
    /// On the learner's map; absent when the map was not complete.
    pub yours: Option<f64>,
    /// On the team's map.
    pub team: f64,
}

impl ResultsFile {
    /// The record of a session that ended with `results`, timed by its journal.
    pub fn new(results: &Results, journal: &Journal) -> ResultsFile {
        let header = &journal.header;
        let seconds = journal.answer_seconds();
        let times = journal.answers();
        ResultsFile {
            format: RESULTS_FORMAT,
            scenario: ScenarioRef {
                id: results.scenario.clone(),
                title: results.title.clone(),
                fingerprint: header.fingerprint.clone(),
            },
            learner: LearnerRef {
                name: results.learner.clone(),
                id: header.learner_id,
            },
            session: header.session,
            started: header.started,
            ended: journal.last_at(),
            active_seconds: journal.active_seconds(),
            seed: results.seed,
            ending: EndingRef {
                id: results.ending.scene.clone(),
                title: results.ending.title.clone(),
            },
            score: results.score,
            max: results.max,
            percent: results.percent,
            grade: results.grade.as_ref().map(|grade| GradeRef {
                name: grade.name.clone(),
                message: grade.message.clone(),
            }),
            pass: results.pass_mark.map(|mark| PassRef {
                mark,
                passed: results.passed().unwrap_or(false),
                setback: results.setback,
            }),
            competencies: results
                .competencies
                .iter()
                .map(|c| CompetencyScore {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    score: c.score,
                    max: c.max,
                    percent: percent(c.score, c.max),
                })
                .collect(),
            questions: results
                .questions
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    let (chosen, number, text) = match &q.given {
                        Answer::Choice(id) => (vec![id.clone()], None, None),
                        Answer::Choices(ids) | Answer::Order(ids) => (ids.clone(), None, None),
                        Answer::Number(n) => (Vec::new(), Some(*n), None),
                        Answer::Text(t) => (Vec::new(), None, Some(t.clone())),
                    };
                    QuestionRecord {
                        scene: q.scene.clone(),
                        kind: q.kind,
                        prompt: q.prompt.clone(),
                        chosen,
                        number,
                        text,
                        shown: q.answer.clone(),
                        right: q.right,
                        score: q.score.iter().cloned().collect(),
                        seconds: seconds.get(i).copied().unwrap_or(0),
                        at: times.get(i).map_or(header.started, |given| given.at),
                        options: q
                            .options
                            .iter()
                            .map(|o| OptionRef {
                                id: o.id.clone(),
                                text: o.text.clone(),
                            })
                            .collect(),
                    }
                })
                .collect(),
            maps: results.maps.iter().map(map_figures).collect(),
            retries: results
                .retries
                .iter()
                .map(|attempt| RetryRecord {
                    ending: EndingRef {
                        id: attempt.ending.scene.clone(),
                        title: attempt.ending.title.clone(),
                    },
                    score: attempt.score,
                    max: attempt.max,
                    percent: attempt.percent,
                })
                .collect(),
        }
    }
}

/// `score` of `max` as a whole percentage, as the verdict rounds it.
fn percent(score: i64, max: i64) -> u32 {
    if max <= 0 {
        100
    } else {
        u32::try_from(score.clamp(0, max) * 100 / max).unwrap_or(0)
    }
}

fn map_figures(comparison: &Comparison) -> MapFigures {
    let yours = comparison.learner_map.as_deref().map(Metrics::compute);
    let team = comparison.reference_map.as_deref().map(Metrics::compute);
    let figures = team.map_or_else(Vec::new, |team| {
        let pick = |m: &Metrics| {
            [
                ("lead_time", "days", Some(m.lead_time.days)),
                ("process_time", "hours", Some(m.process_time.hours)),
                ("activity_ratio", "percent", Some(m.activity_ratio.percent)),
                // A map that records no %C/A has no rolled figure to compare.
                (
                    "rolled_ca",
                    "percent",
                    m.rolled_ca.as_ref().map(|r| r.percent),
                ),
            ]
        };
        let mine = yours.as_ref().map(pick);
        pick(&team)
            .into_iter()
            .enumerate()
            .filter_map(|(i, (name, unit, value))| {
                Some(Figure {
                    name: name.to_string(),
                    unit: unit.to_string(),
                    yours: mine.as_ref().and_then(|m| m[i].2),
                    team: value?,
                })
            })
            .collect()
    });
    MapFigures {
        id: comparison.workbench.clone(),
        title: comparison.title.clone(),
        complete: comparison.missing.is_empty() && comparison.learner_map.is_some(),
        missing: comparison.missing.clone(),
        differences: comparison.differences.clone(),
        figures,
    }
}
