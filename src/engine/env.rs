//! The variables expressions read during play: learner, scores, flags, visits, answers.

use crate::expr::{Env, Value};
use crate::scenario::model::FlagValue;
use crate::scenario::{MapRef, Scenario};

use super::{Answer, State};

pub(crate) struct SessionEnv<'a> {
    pub scenario: &'a Scenario,
    pub state: &'a State,
}

impl Env for SessionEnv<'_> {
    fn lookup(&self, path: &[String]) -> Option<Value> {
        let (root, rest) = path.split_first()?;
        if root == "vsm" {
            return self.figure(rest);
        }
        let name = match rest {
            [] => None,
            [name] => Some(name.as_str()),
            _ => return None,
        };
        match (root.as_str(), name) {
            ("learner", None) => Some(Value::Text(self.state.learner.clone())),
            ("flag", Some(flag)) => Some(match self.state.flags.get(flag) {
                None => Value::Nothing,
                Some(FlagValue::Bool(b)) => Value::Bool(*b),
                Some(FlagValue::Int(n)) => Value::Number(*n as f64),
                Some(FlagValue::Text(t)) => Value::Text(t.clone()),
            }),
            ("score", Some(id)) => {
                self.scenario.competency_index(id)?;
                Some(Value::Number(
                    self.state.scores.get(id).copied().unwrap_or(0) as f64,
                ))
            }
            ("visits", Some(id)) => {
                self.scenario.scene_index(id)?;
                Some(Value::Number(f64::from(
                    self.state.visits.get(id).copied().unwrap_or(0),
                )))
            }
            ("answer", Some(id)) => Some(
                self.last_answer(id)
                    .map_or(Value::Nothing, |record| answer_value(&record.answer)),
            ),
            ("correct", Some(id)) => Some(Value::Bool(
                self.last_answer(id).and_then(|r| r.right).unwrap_or(false),
            )),
            _ => None,
        }
    }
}

impl SessionEnv<'_> {
    /// `vsm.<map>.<figure>`: from a reference map's figures, or from the learner's map once it
    /// is complete (before that it reads as nothing).
    fn figure(&self, path: &[String]) -> Option<Value> {
        let (map, name) = path.split_first()?;
        let name = name.join(".");
        let value = match self.scenario.map_ref(map)? {
            MapRef::Reference(index) => self.scenario.maps[index].metrics.get(&name)?,
            MapRef::Workbench(bench) => {
                match super::workbench::learner_map(self.scenario, &self.state.maps, bench) {
                    Ok(learner) => crate::vsm::Metrics::compute(&learner).get(&name)?,
                    Err(_) => return Some(Value::Nothing),
                }
            }
        };
        Some(match value.as_f64() {
            Some(number) => Value::Number(number),
            None => Value::Text(value.display()),
        })
    }

    fn last_answer(&self, scene: &str) -> Option<&super::AnswerRecord> {
        self.state
            .answers
            .iter()
            .rev()
            .find(|record| record.scene == scene)
    }
}

fn answer_value(answer: &Answer) -> Value {
    match answer {
        Answer::Choice(id) => Value::Text(id.clone()),
        Answer::Choices(ids) | Answer::Order(ids) => {
            Value::List(ids.iter().cloned().map(Value::Text).collect())
        }
        Answer::Number(n) => Value::Number(*n),
        Answer::Text(text) => Value::Text(text.clone()),
    }
}
