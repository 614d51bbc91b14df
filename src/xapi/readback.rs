//! Statements read back from an LRS turned into what `dojo report` reads: a results file for
//! each session that reached an ending, a journal for each that did not. The reverse of
//! `statements.rs`, so a cohort reported from the LRS has the figures of the same cohort
//! reported from its files (a results file's `shown`, `seed` and `maps` are not sent and stay
//! empty; no report figure reads them). A `retried` statement is the journal's `retry` event
//! again, so the answers of an attempt given up count no more.

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::Timestamp;
use serde_json::Value;
use uuid::Uuid;

use super::statements::Base;
use crate::engine::{Answer, Kind};
use crate::progress::{
    CompetencyScore, EndingRef, Event, GradeRef, Header, JOURNAL_FORMAT, Journal, LearnerRef,
    OptionRef, PassRef, QuestionRecord, RESULTS_FORMAT, ResultsFile, ScenarioRef,
};
use crate::report::{Inputs, Rejected};

/// The report's inputs from `statements` (any order, any number of sessions); `source` names
/// where they came from in the report's list of sessions left out.
pub fn cohort_inputs(statements: &[Value], base: &Base, source: &str) -> Inputs {
    let mut sessions: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for statement in statements {
        if let Some(registration) = statement["context"]["registration"].as_str() {
            sessions
                .entry(registration.to_string())
                .or_default()
                .push(statement);
        }
    }
    let reader = Reader { base };
    let mut inputs = Inputs::default();
    for (registration, mut found) in sessions {
        let path = PathBuf::from(format!("{source} registration {registration}"));
        found.sort_by_key(|s| reader.order(s));
        match reader.session(&found) {
            Ok(Session::Finished(results)) => inputs.results.push((path, *results)),
            Ok(Session::Unfinished(journal)) => inputs.journals.push((path, *journal)),
            Err(reason) => inputs.rejected.push(Rejected {
                path: path.display().to_string(),
                reason,
            }),
        }
    }
    // As results files are named by the time they were written: the report meets questions
    // in the order of the first file, so both sources must agree on which is first.
    inputs.results.sort_by_key(|(_, r)| (r.ended, r.session));
    inputs
}

enum Session {
    Finished(Box<ResultsFile>),
    Unfinished(Box<Journal>),
}

struct Reader<'a> {
    base: &'a Base,
}

impl Reader<'_> {
    fn extension<'v>(&self, within: &'v Value, name: &str) -> &'v Value {
        let key = format!("{}/xapi/{name}", self.base.activities.trim_end_matches('/'));
        &within["extensions"][key]
    }

    /// The journal event a statement describes, then its place among that event's statements.
    fn order(&self, statement: &Value) -> (u64, u8) {
        let event = self
            .extension(&statement["context"], "event")
            .as_u64()
            .unwrap_or(u64::MAX);
        let last = verb(statement) == "terminated";
        (event, u8::from(last))
    }

    fn session(&self, statements: &[&Value]) -> Result<Session, String> {
        let first = statements
            .first()
            .filter(|s| verb(s) == "initialized")
            .ok_or("no `initialized` statement, so not a whole dojo session")?;
        let header = self.header(first)?;
        let mut events = Vec::new();
        let mut questions: Vec<QuestionRecord> = Vec::new();
        let mut completed = None;
        let mut pass = None;
        for statement in &statements[1..] {
            let at = timestamp(statement)?;
            let context = &statement["context"];
            match verb(statement) {
                "answered" => {
                    let (record, answer) = self.answer(statement, at)?;
                    events.push(Event::Answer {
                        at,
                        scene: record.scene.clone(),
                        answer,
                    });
                    questions.push(record);
                }
                "suspended" => events.push(Event::Quit {
                    at,
                    scene: text(self.extension(context, "scene")),
                }),
                "resumed" => {
                    let kept = self.answers_kept(context, "resumed")?;
                    // Answers a changed scenario no longer fitted are out of the results too.
                    questions.truncate(kept);
                    events.push(Event::Resume {
                        at,
                        fingerprint: header.fingerprint.clone(),
                        kept: moves_kept(&events, kept),
                    });
                }
                "retried" => {
                    let kept = self.answers_kept(context, "retried")?;
                    // The answers of the attempt given up count no more, as in the journal.
                    questions.truncate(kept);
                    let ending = self.extension(&statement["result"], "ending");
                    events.push(Event::Retry {
                        at,
                        scene: text(&ending["id"]),
                        kept,
                    });
                }
                "completed" => {
                    let ending = self.extension(&statement["result"], "ending");
                    events.push(Event::End {
                        at,
                        scene: text(&ending["id"]),
                    });
                    completed = Some(*statement);
                }
                "passed" | "failed" => {
                    let result = &statement["result"];
                    let mark = self.extension(result, "pass-mark").as_u64();
                    pass = mark
                        .and_then(|m| u32::try_from(m).ok())
                        .map(|mark| PassRef {
                            mark,
                            passed: result["success"].as_bool().unwrap_or(false),
                            setback: false,
                        });
                }
                _ => {}
            }
        }
        let mut journal = Journal::new(header);
        journal.events = events;
        // Without a score and an ending (a session that ended without its results, or a
        // statement from an older dojo) it counts as ended, as its journal alone would.
        let whole = |c: &&Value| {
            c["result"]["score"].is_object()
                && self.extension(&c["result"], "ending")["id"].is_string()
        };
        match completed.filter(whole) {
            Some(completed) => Ok(Session::Finished(Box::new(
                self.results(journal, completed, questions, pass)?,
            ))),
            None => Ok(Session::Unfinished(Box::new(journal))),
        }
    }

    fn answers_kept(&self, context: &Value, verb: &str) -> Result<usize, String> {
        let kept = self.extension(context, "answers-kept").as_u64();
        let kept = kept.ok_or_else(|| format!("a `{verb}` without answers kept"))?;
        usize::try_from(kept).map_err(|e| e.to_string())
    }

    fn header(&self, initialized: &Value) -> Result<Header, String> {
        let actor = &initialized["actor"];
        let iri = text(&initialized["object"]["id"]);
        let scenario = iri
            .rsplit_once("/scenarios/")
            .map(|(_, id)| id.to_string())
            .ok_or_else(|| format!("`{iri}` is not a dojo scenario's activity id"))?;
        Ok(Header {
            journal: JOURNAL_FORMAT,
            session: uuid(&initialized["context"]["registration"])?,
            scenario,
            fingerprint: text(self.extension(&initialized["context"], "scenario-fingerprint")),
            learner: text(&actor["name"]),
            learner_id: uuid(&actor["account"]["name"])?,
            // The seed orders options on screen; no statement carries it, no figure needs it.
            seed: 0,
            started: timestamp(initialized)?,
        })
    }

    fn answer(&self, statement: &Value, at: Timestamp) -> Result<(QuestionRecord, Answer), String> {
        let object = &statement["object"];
        let definition = &object["definition"];
        let result = &statement["result"];
        let scene = text(&object["id"])
            .rsplit_once("/scenes/")
            .map(|(_, scene)| scene.to_string())
            .ok_or("an `answered` statement about no scene")?;
        let response = text(&result["response"]);
        let kind = match serde_json::from_value(self.extension(definition, "question-kind").clone())
        {
            Ok(kind) => kind,
            // Statements from before the kind was sent: the interaction type nearly says it.
            Err(_) => match definition["interactionType"].as_str() {
                Some("choice") if response.contains("[,]") => Kind::Multiple,
                Some("choice") => Kind::Single,
                Some("sequencing") => Kind::Order,
                Some("numeric") => Kind::Number,
                Some("fill-in") => Kind::Text,
                _ => return Err("an answer of no kind dojo knows".to_string()),
            },
        };
        let ids = || {
            response
                .split("[,]")
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        let (answer, chosen, number, typed) = match kind {
            Kind::Single => (
                Answer::Choice(response.clone()),
                vec![response.clone()],
                None,
                None,
            ),
            Kind::Multiple => (Answer::Choices(ids()), ids(), None, None),
            Kind::Order => (Answer::Order(ids()), ids(), None, None),
            Kind::Number => {
                let n: f64 = response
                    .parse()
                    .map_err(|_| format!("`{response}` is not a number"))?;
                (Answer::Number(n), Vec::new(), Some(n), None)
            }
            Kind::Text => (
                Answer::Text(response.clone()),
                Vec::new(),
                None,
                Some(response.clone()),
            ),
        };
        let options = definition["choices"]
            .as_array()
            .map(|choices| {
                choices
                    .iter()
                    .map(|c| {
                        let id = text(&c["id"]);
                        let description = c["description"]["en"].as_str();
                        OptionRef {
                            text: description.map_or_else(|| id.clone(), str::to_string),
                            id,
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let score = self
            .extension(result, "score-change")
            .as_object()
            .map(|changes| {
                changes
                    .iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_i64()?)))
                    .collect()
            })
            .unwrap_or_default();
        let record = QuestionRecord {
            scene,
            kind,
            prompt: text(&definition["name"]["en"]),
            chosen,
            number,
            text: typed,
            shown: String::new(),
            right: result["success"].as_bool(),
            score,
            seconds: seconds(&result["duration"]),
            at,
            options,
        };
        Ok((record, answer))
    }

    fn results(
        &self,
        journal: Journal,
        completed: &Value,
        questions: Vec<QuestionRecord>,
        pass: Option<PassRef>,
    ) -> Result<ResultsFile, String> {
        let result = &completed["result"];
        let score = &result["score"];
        let ending = self.extension(result, "ending");
        let grade = self.extension(result, "grade");
        let competencies = self
            .extension(result, "competencies")
            .as_array()
            .map(|all| {
                all.iter()
                    .map(|c| CompetencyScore {
                        id: text(&c["id"]),
                        name: text(&c["name"]),
                        score: c["score"].as_i64().unwrap_or(0),
                        max: c["max"].as_i64().unwrap_or(0),
                        percent: c["percent"]
                            .as_u64()
                            .and_then(|p| u32::try_from(p).ok())
                            .unwrap_or(0),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let scaled = score["scaled"].as_f64().ok_or("a score without `scaled`")?;
        // `scaled` is the percent over 100, so this gives the whole percent back exactly.
        let percent = (scaled * 100.0).round().clamp(0.0, 100.0) as u32;
        let header = journal.header;
        Ok(ResultsFile {
            format: RESULTS_FORMAT,
            scenario: ScenarioRef {
                id: header.scenario,
                title: text(&completed["object"]["definition"]["name"]["en"]),
                fingerprint: header.fingerprint,
            },
            learner: LearnerRef {
                name: header.learner,
                id: header.learner_id,
            },
            session: header.session,
            started: header.started,
            ended: timestamp(completed)?,
            active_seconds: seconds(&result["duration"]),
            seed: header.seed,
            ending: EndingRef {
                id: text(&ending["id"]),
                title: text(&ending["title"]),
            },
            score: score["raw"].as_i64().unwrap_or(0),
            max: score["max"].as_i64().unwrap_or(0),
            percent,
            grade: grade.is_object().then(|| GradeRef {
                name: text(&grade["name"]),
                message: text(&grade["message"]),
            }),
            // A statement says only passed or failed: a fail at or above the mark was a setback.
            pass: pass.map(|pass| PassRef {
                setback: !pass.passed && percent >= pass.mark,
                ..pass
            }),
            competencies,
            questions,
            maps: Vec::new(),
            // Attempts given up by a retry travel with `completed`; statements from before
            // retries existed have none.
            retries: serde_json::from_value(self.extension(result, "retries").clone())
                .unwrap_or_default(),
        })
    }
}

/// How many of the moves before it (answers and retries) a resume kept, from the answers it
/// kept, which is what `resumed` says: the latest point at which that many answers counted.
/// A resume keeps every move unless the scenario changed under it; when an earlier point had
/// the same count, the moves between end with a retry back to it, so both count the same
/// answers.
fn moves_kept(events: &[Event], answers: usize) -> usize {
    let mut after: Vec<usize> = Vec::new();
    for event in events {
        let count = after.last().copied().unwrap_or(0);
        match event {
            Event::Answer { .. } => after.push(count + 1),
            Event::Retry { kept, .. } => after.push(*kept),
            Event::Resume { kept, .. } => after.truncate(*kept),
            Event::Quit { .. } | Event::End { .. } => {}
        }
    }
    (1..=after.len())
        .rev()
        .find(|&k| after[k - 1] == answers)
        .unwrap_or(answers.min(after.len()))
}

fn verb(statement: &Value) -> &str {
    statement["verb"]["id"]
        .as_str()
        .and_then(|id| id.rsplit('/').next())
        .unwrap_or("")
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

fn uuid(value: &Value) -> Result<Uuid, String> {
    let text = value.as_str().unwrap_or_default();
    Uuid::parse_str(text).map_err(|_| format!("`{text}` is not a UUID"))
}

fn timestamp(statement: &Value) -> Result<Timestamp, String> {
    let text = statement["timestamp"].as_str().unwrap_or_default();
    text.parse()
        .map_err(|_| format!("`{text}` is not an RFC 3339 timestamp"))
}

/// Whole seconds of a `PT<n>S` duration, the only form dojo writes.
fn seconds(value: &Value) -> u64 {
    value
        .as_str()
        .and_then(|d| d.strip_prefix("PT")?.strip_suffix('S')?.parse().ok())
        .unwrap_or(0)
}
