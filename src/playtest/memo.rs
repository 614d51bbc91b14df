//! What exhaustive exploration remembers of a state: only the parts that can change what
//! happens next, so that two ways into the same situation are explored once.
//!
//! Why this is sound. Where the story goes after a question depends on the options offered
//! (their `when`), the answer's rightness (a number question's `answer` expression), the
//! effects of the answer (fixed by the scenario), and the routes tried on the way on (their
//! `when`). Those conditions and expressions are the only places the engine evaluates anything
//! against the state (should it start evaluating expressions elsewhere, [`Reads::of`] must
//! collect those too), so the names they read are all the state that matters, together with
//! where the story stands (scene and cursor). Two states that agree on those behave alike from here
//! on: same options, same rightness, same effects, same scenes, same endings. What they differ
//! in does not feed back into any decision:
//!
//! - the learner's name and the seed are the same in every state of one exploration, and the
//!   seed only shuffles how options are shown, while answers are explored by option id;
//! - scores no condition reads only add up: each move's change is kept on the move itself, so
//!   score ranges over all paths are still exact;
//! - visits no condition reads, flags no condition reads and answers no condition reads
//!   (`answer.<scene>`, `correct.<scene>` name the latest answer to that scene) change nothing
//!   ahead; text interpolation reads names too, but only changes words on the screen.
//!
//! The key is made by leaving these out of the serialised state, not by picking fields into
//! it, so anything the engine keeps in [`State`] in future is part of the key until someone
//! decides it can go: a new field makes the search slower, never wrong. A condition that reads
//! anything else (a value-stream figure, say, which may be built from earlier answers) makes
//! the key keep every flag, score, visit and answer.

use std::collections::BTreeSet;

use serde_json::{Map, Value as Json};

use crate::engine::State;
use crate::expr::Expr;
use crate::scenario::Scenario;

pub struct Reads {
    flags: BTreeSet<String>,
    scores: BTreeSet<String>,
    visits: BTreeSet<String>,
    answers: BTreeSet<String>,
    /// A name outside flags, scores, visits, answers and the learner's name, first one found.
    other: Option<String>,
}

impl Reads {
    /// The names read by every route condition, option condition and number `answer`.
    pub fn of(scenario: &Scenario) -> Reads {
        let mut reads = Reads {
            flags: BTreeSet::new(),
            scores: BTreeSet::new(),
            visits: BTreeSet::new(),
            answers: BTreeSet::new(),
            other: None,
        };
        for scene in &scenario.scenes {
            let routes = scene.routes.iter().map(|route| &route.when);
            let question = scene.question.iter().flat_map(|question| {
                let options = question.options.iter().filter_map(|o| o.when.as_ref());
                options.chain(question.answer.as_ref())
            });
            for expr in routes.chain(question) {
                reads.add(expr);
            }
        }
        reads
    }

    fn add(&mut self, expr: &Expr) {
        for path in expr.paths() {
            let set = match path {
                [root] if root == "learner" => continue,
                [root, _] if root == "flag" => &mut self.flags,
                [root, _] if root == "score" => &mut self.scores,
                [root, _] if root == "visits" => &mut self.visits,
                [root, _] if root == "answer" || root == "correct" => &mut self.answers,
                _ => {
                    self.other.get_or_insert_with(|| path.join("."));
                    continue;
                }
            };
            set.insert(path[1].clone());
        }
    }

    /// Whether a condition can read the answer given in `scene`.
    pub fn reads_answer(&self, scene: &str) -> bool {
        self.other.is_some() || self.answers.contains(scene)
    }

    /// What the key keeps besides the scene and cursor, for the report.
    pub fn describe(&self) -> Vec<String> {
        if let Some(other) = &self.other {
            return vec![format!("the whole state (a condition reads `{other}`)")];
        }
        let named = |root: &str, set: &BTreeSet<String>| -> Vec<String> {
            set.iter().map(|name| format!("{root}.{name}")).collect()
        };
        [
            named("flag", &self.flags),
            named("score", &self.scores),
            named("visits", &self.visits),
            named("answer", &self.answers),
        ]
        .concat()
    }

    /// The memo key of a state waiting at a question.
    pub fn key(&self, state: &mut State) -> String {
        // The answers are the bulk of a state and mostly irrelevant: set them aside rather than
        // serialise them, and put back only what conditions can read.
        let answers = std::mem::take(&mut state.answers);
        let json = serde_json::to_value(&*state);
        state.answers = answers;
        let Ok(Json::Object(mut map)) = json else {
            // A state is plain data; should serialising ever fail, the whole debug text is a
            // key that still tells every state apart.
            return format!("{state:?}");
        };
        map.remove("learner");
        map.remove("seed");
        map.remove("answers");
        let latest: Vec<Json> = if self.other.is_some() {
            state.answers.iter().map(read_answer).collect()
        } else {
            keep_only(&mut map, "flags", &self.flags);
            keep_only(&mut map, "scores", &self.scores);
            keep_only(&mut map, "visits", &self.visits);
            self.answers
                .iter()
                .map(|scene| {
                    state
                        .answers
                        .iter()
                        .rev()
                        .find(|record| &record.scene == scene)
                        .map_or(Json::Null, read_answer)
                })
                .collect()
        };
        map.insert("read_answers".to_string(), Json::Array(latest));
        Json::Object(map).to_string()
    }
}

/// What `answer.<scene>` and `correct.<scene>` can see of an answer.
fn read_answer(record: &crate::engine::AnswerRecord) -> Json {
    serde_json::json!([record.scene, record.answer, record.right])
}

fn keep_only(map: &mut Map<String, Json>, field: &str, names: &BTreeSet<String>) {
    if let Some(Json::Object(values)) = map.get_mut(field) {
        values.retain(|name, _| names.contains(name));
    }
}
