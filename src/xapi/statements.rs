//! Statements about one session, in xAPI 1.0.3 (which every LRS accepts; 2.0 would add
//! `context.contextAgents` and drop nothing used here).
//!
//! Ids: every statement's id is a name-based UUID (v5) in the session's namespace, named by
//! the index of the journal event it describes (0 for the header) and a part letter, so the
//! same session always yields the same ids.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::engine::{Answer, Kind};
use crate::progress::{Event, Journal, PassRef, QuestionRecord, ResultsFile};
use crate::scenario::model::QuestionKind;
use crate::scenario::{QuestionDef, Scenario};

mod retried;

/// Where identifiers point: activity ids are `<base>/scenarios/<id>` and
/// `<base>/scenarios/<id>/scenes/<scene>`, extensions `<base>/xapi/<name>` (and dojo's one verb
/// `<base>/xapi/verbs/retried`), and the learner's account lives at `home_page`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base {
    pub activities: String,
    pub home_page: String,
}

impl Default for Base {
    fn default() -> Base {
        Base {
            activities: "https://dojo.invalid".to_string(),
            home_page: "https://dojo.invalid".to_string(),
        }
    }
}

const VERBS: &str = "http://adlnet.gov/expapi/verbs/";
const INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";
const ASSESSMENT: &str = "http://adlnet.gov/expapi/activities/assessment";

/// Every statement the session has produced so far, in the order of its journal. `questions`
/// (the answers that count, as graded) add prompts, options, rightness and score changes;
/// `results`, the session's results file when it ended, the final score; `scenario`, when at
/// hand, the options and the correct response patterns, and where each retry went back to.
pub fn statements(
    journal: &Journal,
    questions: &[QuestionRecord],
    results: Option<&ResultsFile>,
    scenario: Option<&Scenario>,
    base: &Base,
) -> Vec<Value> {
    let maker = Maker {
        journal,
        results,
        scenario,
        base,
    };
    let given_up = retried::given_up(journal, scenario, results);
    let mut out = vec![maker.simple(0, 'a', "initialized", journal.header.started)];
    // Answers are matched to the results' question records in order; a resume that drops
    // answers drops them from the records too, so the count restarts at what it kept.
    // A retry keeps only the answers before the point it goes back to, so the count goes back
    // too; `after` holds the count after each move, for a resume that keeps only some moves.
    let mut answered = 0;
    let mut after: Vec<usize> = Vec::new();
    for (i, event) in journal.events.iter().enumerate() {
        let index = i + 1;
        match event {
            Event::Answer { at, scene, answer } => {
                let record = questions.get(answered);
                out.push(maker.answered(index, *at, scene, answer, record));
                answered += 1;
                after.push(answered);
            }
            Event::Retry { at, scene, kept } => {
                out.push(maker.retried(index, *at, scene, *kept, given_up.get(&index)));
                answered = *kept;
                after.push(answered);
            }
            Event::Quit { at, scene } => {
                let mut suspended = maker.simple(index, 'a', "suspended", *at);
                suspended["context"]["extensions"][maker.extension("scene")] = json!(scene);
                out.push(suspended);
            }
            Event::Resume { at, kept, .. } => {
                after.truncate(*kept);
                answered = after.last().copied().unwrap_or(0);
                let mut resumed = maker.simple(index, 'a', "resumed", *at);
                resumed["context"]["extensions"][maker.extension("answers-kept")] = json!(answered);
                out.push(resumed);
            }
            Event::End { at, .. } => {
                out.push(maker.completed(index, *at));
                if let Some(pass) = results.and_then(|r| r.pass) {
                    out.push(maker.judged(index, *at, pass));
                }
                out.push(maker.simple(index, 'z', "terminated", *at));
            }
        }
    }
    out
}

struct Maker<'a> {
    journal: &'a Journal,
    results: Option<&'a ResultsFile>,
    scenario: Option<&'a Scenario>,
    base: &'a Base,
}

impl Maker<'_> {
    fn id(&self, index: usize, part: char) -> Uuid {
        Uuid::new_v5(
            &self.journal.header.session,
            format!("{index}{part}").as_bytes(),
        )
    }

    fn scenario_iri(&self) -> String {
        format!(
            "{}/scenarios/{}",
            self.base.activities.trim_end_matches('/'),
            self.journal.header.scenario
        )
    }

    fn scenario_activity(&self) -> Value {
        let title = self
            .results
            .map_or(self.journal.header.scenario.as_str(), |r| {
                r.scenario.title.as_str()
            });
        json!({
            "objectType": "Activity",
            "id": self.scenario_iri(),
            "definition": { "type": ASSESSMENT, "name": { "en": title } },
        })
    }

    fn frame(&self, index: usize, part: char, verb: Value, at: Timestamp, object: Value) -> Value {
        let header = &self.journal.header;
        let mut context = json!({
            "registration": header.session,
            "platform": "dojo",
            "extensions": {
                self.extension("scenario-fingerprint"): header.fingerprint,
                self.extension("event"): index,
            },
        });
        if object["id"] != Value::String(self.scenario_iri()) {
            context["contextActivities"] = json!({ "parent": [self.scenario_activity()] });
        }
        json!({
            "id": self.id(index, part),
            "actor": {
                "objectType": "Agent",
                "name": header.learner,
                "account": { "homePage": self.base.home_page, "name": header.learner_id },
            },
            "verb": verb,
            "object": object,
            "context": context,
            "timestamp": at.to_string(),
        })
    }

    fn extension(&self, name: &str) -> String {
        format!("{}/xapi/{name}", self.base.activities.trim_end_matches('/'))
    }

    /// A verb of ADL's vocabulary, which every LRS and reader knows.
    fn adl(verb: &str) -> Value {
        json!({ "id": format!("{VERBS}{verb}"), "display": { "en-US": verb } })
    }

    fn simple(&self, index: usize, part: char, verb: &str, at: Timestamp) -> Value {
        self.frame(index, part, Self::adl(verb), at, self.scenario_activity())
    }

    fn answered(
        &self,
        index: usize,
        at: Timestamp,
        scene: &str,
        answer: &Answer,
        record: Option<&QuestionRecord>,
    ) -> Value {
        let record = record.filter(|r| r.scene == scene);
        let (kind, response) = match answer {
            Answer::Choice(id) => (Kind::Single, id.clone()),
            Answer::Choices(ids) => (Kind::Multiple, ids.join("[,]")),
            Answer::Order(ids) => (Kind::Order, ids.join("[,]")),
            Answer::Number(n) => (Kind::Number, n.to_string()),
            Answer::Text(t) => (Kind::Text, t.clone()),
        };
        let interaction = match kind {
            Kind::Single | Kind::Multiple => "choice",
            Kind::Order => "sequencing",
            Kind::Number => "numeric",
            Kind::Text => "fill-in",
        };
        let mut definition = json!({
            "type": INTERACTION,
            "interactionType": interaction,
            "extensions": { self.extension("question-kind"): kind },
        });
        if let Some(record) = record {
            definition["name"] = json!({ "en": record.prompt });
            if matches!(kind, Kind::Single | Kind::Multiple | Kind::Order) {
                definition["choices"] = record
                    .options
                    .iter()
                    .map(|o| json!({ "id": o.id, "description": { "en": o.text } }))
                    .collect();
            }
        }
        if let Some(question) = self.question(scene) {
            let ids = || question.options.iter().map(|o| o.id.clone());
            if definition.get("choices").is_none_or(|c| c == &json!([]))
                && matches!(kind, Kind::Single | Kind::Multiple | Kind::Order)
            {
                definition["choices"] = ids().map(|id| json!({ "id": id })).collect();
            }
            if let Some(patterns) = correct_patterns(question) {
                definition["correctResponsesPattern"] = json!(patterns);
            }
        }
        let object = json!({
            "objectType": "Activity",
            "id": format!("{}/scenes/{scene}", self.scenario_iri()),
            "definition": definition,
        });
        let mut result = json!({ "response": response });
        if let Some(record) = record {
            if let Some(right) = record.right {
                result["success"] = json!(right);
            }
            let changes: BTreeMap<&str, i64> =
                record.score.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            result["extensions"] = json!({ self.extension("score-change"): changes });
            result["duration"] = json!(format!("PT{}S", record.seconds));
        }
        let mut statement = self.frame(index, 'a', Self::adl("answered"), at, object);
        statement["result"] = result;
        statement
    }

    fn question(&self, scene: &str) -> Option<&QuestionDef> {
        let scenario = self.scenario?;
        let index = scenario.scene_index(scene)?;
        scenario.scenes.get(index)?.question.as_ref()
    }

    fn completed(&self, index: usize, at: Timestamp) -> Value {
        let mut statement = self.simple(index, 'a', "completed", at);
        let mut result = json!({
            "completion": true,
            "duration": format!("PT{}S", self.journal.active_seconds()),
        });
        if let Some(results) = self.results {
            result["score"] = score(results.score, results.max, results.percent);
            let competencies: Vec<Value> = results
                .competencies
                .iter()
                .map(|c| json!({ "id": c.id, "name": c.name, "score": c.score, "max": c.max, "percent": c.percent }))
                .collect();
            result["extensions"] = json!({
                self.extension("ending"): { "id": results.ending.id, "title": results.ending.title },
                self.extension("grade"): results.grade,
                self.extension("competencies"): competencies,
                self.extension("retries"): results.retries,
            });
        }
        statement["result"] = result;
        statement
    }

    /// `passed` or `failed`, with the score and the mark it was judged against.
    fn judged(&self, index: usize, at: Timestamp, pass: PassRef) -> Value {
        let verb = if pass.passed { "passed" } else { "failed" };
        let mut statement = self.simple(index, 'p', verb, at);
        if let Some(results) = self.results {
            statement["result"] = json!({
                "success": pass.passed,
                "score": score(results.score, results.max, results.percent),
                "extensions": { self.extension("pass-mark"): pass.mark },
            });
        }
        statement
    }
}

/// A score as xAPI has it: raw within min 0 and max, and scaled from the grade's percent.
fn score(raw: i64, max: i64, percent: u32) -> Value {
    json!({
        "raw": raw.clamp(0, max.max(0)),
        "min": 0,
        "max": max.max(0),
        "scaled": f64::from(percent) / 100.0,
    })
}

/// The right responses as cmi.interaction patterns: each right option of a single-choice
/// question, all right options of a multiple-choice one together, the options in the
/// scenario's order for an order question. Number and text questions are judged by a
/// tolerance and by words contained, which no pattern states, so they get none.
fn correct_patterns(question: &QuestionDef) -> Option<Vec<String>> {
    let right = || {
        question
            .options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.id.clone())
    };
    let patterns: Vec<String> = match question.kind {
        QuestionKind::Single => right().collect(),
        QuestionKind::Multiple => {
            let all: Vec<String> = right().collect();
            if all.is_empty() {
                Vec::new()
            } else {
                vec![all.join("[,]")]
            }
        }
        QuestionKind::Order => vec![
            question
                .options
                .iter()
                .map(|o| o.id.as_str())
                .collect::<Vec<_>>()
                .join("[,]"),
        ],
        QuestionKind::Number | QuestionKind::Text => Vec::new(),
    };
    (!patterns.is_empty()).then_some(patterns)
}
