//! Judging an answer against its question: right or wrong, and what it sets in motion.

use crate::expr::{Env, Template, Value, format_number};
use crate::scenario::model::QuestionKind;
use crate::scenario::{Effects, QuestionDef};

use super::{Answer, AnswerError, QuestionView};

/// What an answer earned: its rightness, the effects to apply and the feedback to show.
pub struct Judgement<'s> {
    pub right: Option<bool>,
    pub effects: Vec<&'s Effects>,
    pub feedback: Vec<FeedbackItem<'s>>,
    pub solution: Option<String>,
    pub shown: String,
}

/// One piece of feedback: about a chosen option, about a right option the learner missed, or
/// about the answer as a whole (`option: None`).
pub struct FeedbackItem<'s> {
    pub option: Option<usize>,
    pub missed: bool,
    pub text: &'s Template,
}

/// Checks that the answer fits the question as shown, then judges it.
pub fn judge<'s>(
    question: &'s QuestionDef,
    view: &QuestionView,
    answer: &Answer,
    env: &dyn Env,
) -> Result<Judgement<'s>, AnswerError> {
    let invalid = |message: &str| AnswerError::Invalid(message.to_string());
    let option_index = |id: &str| -> Result<usize, AnswerError> {
        view.options
            .iter()
            .any(|o| o.id == id)
            .then(|| question.options.iter().position(|o| o.id == id))
            .flatten()
            .ok_or_else(|| AnswerError::Invalid(format!("`{id}` is not one of the options")))
    };
    let option_text = |index: usize| view_text(view, &question.options[index].id);
    match (question.kind, answer) {
        (QuestionKind::Single, Answer::Choice(id)) => {
            let index = option_index(id)?;
            let option = &question.options[index];
            let graded = question.is_graded();
            Ok(Judgement {
                right: graded.then_some(option.correct),
                effects: vec![&option.effects],
                feedback: option
                    .feedback
                    .iter()
                    .map(|text| FeedbackItem {
                        option: None,
                        missed: false,
                        text,
                    })
                    .collect(),
                solution: (graded && !option.correct)
                    .then(|| correct_texts(question, view))
                    .flatten(),
                shown: option_text(index),
            })
        }
        (QuestionKind::Multiple, Answer::Choices(ids)) => {
            if ids.is_empty() {
                return Err(invalid("select at least one option"));
            }
            let mut chosen = Vec::new();
            for id in ids {
                let index = option_index(id)?;
                if chosen.contains(&index) {
                    return Err(AnswerError::Invalid(format!("`{id}` is selected twice")));
                }
                chosen.push(index);
            }
            chosen.sort_unstable();
            let graded = question.is_graded();
            // Only the options on screen count: a right option hidden by its `when` cannot be
            // expected of the learner.
            let right = question
                .options
                .iter()
                .enumerate()
                .filter(|(_, o)| view.options.iter().any(|v| v.id == o.id))
                .all(|(i, o)| o.correct == chosen.contains(&i));
            Ok(Judgement {
                right: graded.then_some(right),
                effects: chosen
                    .iter()
                    .map(|&i| &question.options[i].effects)
                    .collect(),
                // A right option left unselected gets its feedback too: the learner most needs
                // to hear why the thing they missed matters.
                feedback: question
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(i, o)| {
                        chosen.contains(i)
                            || (graded && o.correct && view.options.iter().any(|v| v.id == o.id))
                    })
                    .filter_map(|(i, o)| {
                        o.feedback.as_ref().map(|text| FeedbackItem {
                            option: Some(i),
                            missed: !chosen.contains(&i),
                            text,
                        })
                    })
                    .collect(),
                solution: (graded && !right)
                    .then(|| correct_texts(question, view))
                    .flatten(),
                shown: chosen
                    .iter()
                    .map(|&i| option_text(i))
                    .collect::<Vec<_>>()
                    .join("; "),
            })
        }
        (QuestionKind::Order, Answer::Order(ids)) => {
            let mut seen = Vec::new();
            for id in ids {
                let index = option_index(id)?;
                if seen.contains(&index) {
                    return Err(AnswerError::Invalid(format!(
                        "`{id}` appears twice; use each option once"
                    )));
                }
                seen.push(index);
            }
            if seen.len() != view.options.len() {
                return Err(AnswerError::Invalid(format!(
                    "put all {} options in order, each once",
                    view.options.len()
                )));
            }
            // Options that may trade places (parallel steps of a map) count as one place.
            let place_of = |index: usize| {
                question
                    .interchangeable
                    .iter()
                    .find(|group| group.contains(&index))
                    .and_then(|group| group.iter().min().copied())
                    .unwrap_or(index)
            };
            let right = seen
                .iter()
                .enumerate()
                .all(|(place, &index)| place_of(place) == place_of(index));
            let solution = question
                .options
                .iter()
                .map(|o| view_text(view, &o.id))
                .collect::<Vec<_>>()
                .join(" → ");
            Ok(outcome(
                question,
                right,
                (!right).then_some(solution),
                seen.iter()
                    .map(|&i| option_text(i))
                    .collect::<Vec<_>>()
                    .join(" → "),
            ))
        }
        (QuestionKind::Number, Answer::Number(given)) => {
            let expected = question
                .answer
                .as_ref()
                .and_then(|expr| expr.eval(env).ok())
                .and_then(|v| match v {
                    Value::Number(n) => Some(n),
                    _ => None,
                });
            let right = expected.is_some_and(|e| (given - e).abs() <= question.tolerance + 1e-9);
            let unit = question.unit.as_deref();
            let solution = expected.filter(|_| !right).map(|e| with_unit(e, unit));
            Ok(outcome(question, right, solution, with_unit(*given, unit)))
        }
        (QuestionKind::Text, Answer::Text(text)) => {
            if text.trim().is_empty() {
                return Err(invalid("type an answer"));
            }
            let lower = text.to_lowercase();
            let right = question.expect.is_empty()
                || question
                    .expect
                    .iter()
                    .any(|word| lower.contains(word.as_str()));
            let mut judgement = outcome(question, right, None, text.clone());
            if question.expect.is_empty() {
                judgement.right = None;
            }
            Ok(judgement)
        }
        (kind, _) => Err(AnswerError::Invalid(format!(
            "this question wants a {} answer",
            kind.as_str()
        ))),
    }
}

fn outcome(
    question: &QuestionDef,
    right: bool,
    solution: Option<String>,
    shown: String,
) -> Judgement<'_> {
    let chosen = if right {
        &question.right
    } else {
        &question.wrong
    };
    Judgement {
        right: Some(right),
        effects: chosen.iter().map(|o| &o.effects).collect(),
        feedback: chosen
            .iter()
            .map(|o| FeedbackItem {
                option: None,
                missed: false,
                text: &o.feedback,
            })
            .collect(),
        solution,
        shown,
    }
}

/// "14.58%", "1 day", "3 days": a number with its unit as a person writes it.
fn with_unit(number: f64, unit: Option<&str>) -> String {
    let text = format_number(number);
    match unit {
        None => text,
        Some(unit) if unit.starts_with('%') => format!("{text}{unit}"),
        // Authors write units in the plural; one of them reads better without the s.
        Some(unit) if text == "1" && unit.len() > 1 && unit.ends_with('s') => {
            format!("{text} {}", &unit[..unit.len() - 1])
        }
        Some(unit) => format!("{text} {unit}"),
    }
}

fn view_text(view: &QuestionView, id: &str) -> String {
    view.options
        .iter()
        .find(|o| o.id == id)
        .map(|o| o.text.clone())
        .unwrap_or_else(|| id.to_string())
}

fn correct_texts(question: &QuestionDef, view: &QuestionView) -> Option<String> {
    let texts: Vec<String> = question
        .options
        .iter()
        .filter(|o| o.correct)
        .filter(|o| view.options.iter().any(|v| v.id == o.id))
        .map(|o| view_text(view, &o.id))
        .collect();
    (!texts.is_empty()).then(|| texts.join("; "))
}
