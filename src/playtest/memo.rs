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
//! Value-stream figures (`vsm.<map>.<figure>`) need nothing more: a reference map's are fixed,
//! and a learner's map is built in [`State::maps`], which the key keeps whole.
//!
//! The key is made by leaving these out of the serialised state, not by picking fields into
//! it, so anything the engine keeps in [`State`] in future is part of the key until someone
//! decides it can go: a new field makes the search slower, never wrong. A condition that reads
//! a name of any other kind makes the key keep every flag, score, visit and answer.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value as Json;

use crate::engine::State;
use crate::expr::Expr;
use crate::scenario::Scenario;

pub(crate) struct Reads {
    flags: BTreeSet<String>,
    scores: BTreeSet<String>,
    visits: BTreeSet<String>,
    /// Scenes whose latest answer a condition reads (`answer.<scene>`).
    answers: BTreeSet<String>,
    /// Scenes whose latest answer's rightness a condition reads (`correct.<scene>`).
    rightness: BTreeSet<String>,
    /// A name of no kind above, nor the learner's name or a value-stream figure; the first found.
    other: Option<String>,
}

impl Reads {
    /// The names read by every route condition, option condition and number `answer`.
    pub(crate) fn of(scenario: &Scenario) -> Reads {
        let mut reads = Reads {
            flags: BTreeSet::new(),
            scores: BTreeSet::new(),
            visits: BTreeSet::new(),
            answers: BTreeSet::new(),
            rightness: BTreeSet::new(),
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
                [root, ..] if root == "vsm" => continue,
                [root, _] if root == "flag" => &mut self.flags,
                [root, _] if root == "score" => &mut self.scores,
                [root, _] if root == "visits" => &mut self.visits,
                [root, _] if root == "answer" => &mut self.answers,
                [root, _] if root == "correct" => &mut self.rightness,
                _ => {
                    self.other.get_or_insert_with(|| path.join("."));
                    continue;
                }
            };
            set.insert(path[1].clone());
        }
    }

    /// Whether a condition can read the answer given in `scene` itself, not only its rightness.
    pub(crate) fn reads_answer(&self, scene: &str) -> bool {
        self.other.is_some() || self.answers.contains(scene)
    }

    /// What the key keeps besides the scene and cursor, for the report.
    pub(crate) fn describe(&self) -> Vec<String> {
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
            named("correct", &self.rightness),
        ]
        .concat()
    }

    /// The memo key of a state waiting at a question: `[state, read answers]` as JSON, the state
    /// without what is left out.
    pub(crate) fn key(&self, state: &mut State) -> String {
        let latest: Vec<Json> = if self.other.is_some() {
            state.answers.iter().map(read_answer).collect()
        } else {
            let latest = |scene: &String| {
                state
                    .answers
                    .iter()
                    .rev()
                    .find(|record| &record.scene == scene)
            };
            let answers = self.answers.iter().map(|scene| {
                latest(scene).map_or(Json::Null, |record| serde_json::json!(record.answer))
            });
            let rightness = self.rightness.iter().map(|scene| {
                latest(scene).map_or(Json::Null, |record| serde_json::json!(record.right))
            });
            answers.chain(rightness).collect()
        };
        // What the key leaves out is set aside while the rest is serialised, then put back:
        // cheaper than copying the state, and the answers are most of it.
        let answers = std::mem::take(&mut state.answers);
        let learner = std::mem::take(&mut state.learner);
        let seed = std::mem::take(&mut state.seed);
        let kept = (self.other.is_none()).then(|| {
            (
                narrow(&mut state.flags, &self.flags),
                narrow(&mut state.scores, &self.scores),
                narrow(&mut state.visits, &self.visits),
            )
        });
        let text = serde_json::to_string(&*state);
        state.answers = answers;
        state.learner = learner;
        state.seed = seed;
        if let Some((flags, scores, visits)) = kept {
            state.flags = flags;
            state.scores = scores;
            state.visits = visits;
        }
        // A state is plain data; should serialising ever fail, its debug text is a key that
        // still tells every state apart.
        let text = text.unwrap_or_else(|_| format!("{state:?}"));
        // A JSON array, so the parts can be read back to say why there are so many keys.
        format!("[{text},{}]", Json::Array(latest))
    }
}

/// What `answer.<scene>` and `correct.<scene>` can see of an answer.
fn read_answer(record: &crate::engine::AnswerRecord) -> Json {
    serde_json::json!([record.scene, record.answer, record.right])
}

/// Keeps only the entries of `map` named in `names`; returns the whole map as it was.
fn narrow<V: Clone>(
    map: &mut BTreeMap<String, V>,
    names: &BTreeSet<String>,
) -> BTreeMap<String, V> {
    let kept = names
        .iter()
        .filter_map(|name| Some((name.clone(), map.get(name)?.clone())))
        .collect();
    std::mem::replace(map, kept)
}
