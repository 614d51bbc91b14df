//! Judging an answer against its question: right or wrong, and what it sets in motion; and,
//! apart from that, the feedback and the answer in words, which only a learner reads.

use crate::expr::{Env, Template, Value, format_number};
use crate::scenario::model::QuestionKind;
use crate::scenario::{Effects, OutcomeDef, QuestionDef, RejectDef};

use super::{Answer, AnswerError};

/// What an answer earned: its rightness, and where its effects and feedback come from.
pub(crate) struct Judgement<'s> {
    question: &'s QuestionDef,
    pub right: Option<bool>,
    /// The options answered, by position in the question's list: as ordered for an order
    /// question, in the author's order otherwise.
    picked: Vec<usize>,
    /// The value a number question expected, when it could be computed.
    expected: Option<f64>,
    earned: Earned<'s>,
    /// The `reject` a text answer matched: its feedback replaces the wrong outcome's.
    rejected: Option<&'s RejectDef>,
}

/// Where the effects and feedback of an answer come from.
enum Earned<'s> {
    /// The options picked (single and multiple choice).
    Options,
    /// The outcome reached by an answer judged as a whole, if the author wrote one.
    Outcome(Option<&'s OutcomeDef>),
}

/// One piece of feedback: about a chosen option, about a right option the learner missed, or
/// about the answer as a whole (`option: None`).
pub(crate) struct FeedbackItem<'s> {
    pub option: Option<usize>,
    pub missed: bool,
    pub text: &'s Template,
}

/// Checks that the answer fits the question as shown (`shown`: the options on screen, by
/// position in the question's list), then judges it.
pub(crate) fn judge<'s>(
    question: &'s QuestionDef,
    shown: &[usize],
    answer: &Answer,
    env: &dyn Env,
) -> Result<Judgement<'s>, AnswerError> {
    let invalid = |message: &str| AnswerError::Invalid(message.to_string());
    let option_index = |id: &str| -> Result<usize, AnswerError> {
        question
            .options
            .iter()
            .position(|o| o.id == id)
            .filter(|index| shown.contains(index))
            .ok_or_else(|| AnswerError::Invalid(format!("`{id}` is not one of the options")))
    };
    let by_options = |right: Option<bool>, picked: Vec<usize>| Judgement {
        question,
        right,
        picked,
        expected: None,
        earned: Earned::Options,
        rejected: None,
    };
    match (question.kind, answer) {
        (QuestionKind::Single, Answer::Choice(id)) => {
            let index = option_index(id)?;
            let right = question
                .is_graded()
                .then_some(question.options[index].correct);
            Ok(by_options(right, vec![index]))
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
            // Only the options on screen count: a right option hidden by its `when` cannot be
            // expected of the learner.
            let right = question
                .options
                .iter()
                .enumerate()
                .filter(|(i, _)| shown.contains(i))
                .all(|(i, o)| o.correct == chosen.contains(&i));
            Ok(by_options(question.is_graded().then_some(right), chosen))
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
            if seen.len() != shown.len() {
                return Err(AnswerError::Invalid(format!(
                    "put all {} options in order, each once",
                    shown.len()
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
            Ok(outcome(question, right, seen, None))
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
            Ok(outcome(question, right, Vec::new(), expected))
        }
        (QuestionKind::Text, Answer::Text(text)) => {
            if text.trim().is_empty() {
                return Err(invalid("type an answer"));
            }
            let lower = text.to_lowercase();
            // What an answer must not say is checked first: a sentence that blames someone is
            // wrong even when it also holds a word the question looks for.
            let rejected = question
                .rejects
                .iter()
                .find(|reject| reject.matches(&lower));
            let right = rejected.is_none()
                && (question.expect.is_empty()
                    || question
                        .expect
                        .iter()
                        .any(|word| lower.contains(word.as_str())));
            let mut judgement = outcome(question, right, Vec::new(), None);
            judgement.rejected = rejected;
            if !question.is_graded() {
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
    picked: Vec<usize>,
    expected: Option<f64>,
) -> Judgement<'_> {
    let reached = if right {
        &question.right
    } else {
        &question.wrong
    };
    Judgement {
        question,
        right: Some(right),
        picked,
        expected,
        earned: Earned::Outcome(reached.as_ref()),
        rejected: None,
    }
}

impl<'s> Judgement<'s> {
    /// The effects to apply, in order.
    pub(crate) fn effects(&self) -> impl Iterator<Item = &'s Effects> + '_ {
        let (options, outcome) = match self.earned {
            Earned::Options => (self.picked.as_slice(), None),
            Earned::Outcome(outcome) => (&[][..], outcome),
        };
        let question = self.question;
        options
            .iter()
            .map(move |&i| &question.options[i].effects)
            .chain(outcome.map(|o| &o.effects))
    }

    /// The total change to each competency the effects touch, once per competency, in the
    /// order the scenario declares them.
    pub(crate) fn score_changes(&self) -> Vec<(usize, i64)> {
        let mut changes: Vec<(usize, i64)> = Vec::new();
        for &(competency, delta) in self.effects().flat_map(|effects| &effects.score) {
            match changes.binary_search_by_key(&competency, |&(c, _)| c) {
                Ok(at) => changes[at].1 = changes[at].1.saturating_add(delta),
                Err(at) => changes.insert(at, (competency, delta)),
            }
        }
        changes
    }

    /// The feedback to show.
    pub(crate) fn feedback(&self, shown: &[usize]) -> Vec<FeedbackItem<'s>> {
        let question = self.question;
        let whole = |text| FeedbackItem {
            option: None,
            missed: false,
            text,
        };
        if let Some(reject) = self.rejected {
            return vec![whole(&reject.feedback)];
        }
        match (&self.earned, question.kind) {
            (Earned::Outcome(outcome), _) => {
                outcome.map(|o| whole(&o.feedback)).into_iter().collect()
            }
            (Earned::Options, QuestionKind::Multiple) => {
                let graded = question.is_graded();
                let chosen = &self.picked;
                // A right option left unselected gets its feedback too: the learner most needs
                // to hear why the thing they missed matters.
                question
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(i, o)| {
                        chosen.contains(i) || (graded && o.correct && shown.contains(i))
                    })
                    .filter_map(|(i, o)| {
                        o.feedback.as_ref().map(|text| FeedbackItem {
                            option: Some(i),
                            missed: !chosen.contains(&i),
                            text,
                        })
                    })
                    .collect()
            }
            (Earned::Options, _) => self
                .picked
                .iter()
                .filter_map(|&i| question.options[i].feedback.as_ref())
                .map(whole)
                .collect(),
        }
    }

    /// The answer as a person reads it, and the right answer after a wrong one: options by
    /// their text as shown, numbers with their unit.
    pub(crate) fn words(
        &self,
        shown: &[usize],
        answer: &Answer,
        env: &dyn Env,
    ) -> (String, Option<String>) {
        let question = self.question;
        // An option the learner was not shown is named by its id.
        let text = |index: usize| {
            let option = &question.options[index];
            if shown.contains(&index) {
                option.text.render(env)
            } else {
                option.id.clone()
            }
        };
        let join = |indices: &[usize], between: &str| {
            indices
                .iter()
                .map(|&i| text(i))
                .collect::<Vec<_>>()
                .join(between)
        };
        let wrong = self.right == Some(false);
        match answer {
            Answer::Choice(_) | Answer::Choices(_) => {
                let correct: Vec<String> = (0..question.options.len())
                    .filter(|&i| wrong && question.options[i].correct && shown.contains(&i))
                    .map(text)
                    .collect();
                // Two right options of a single choice are alternatives, not a pair to pick
                // together; the options of a multiple choice are one selection.
                let solution = (!correct.is_empty()).then(|| {
                    if matches!(answer, Answer::Choice(_)) && correct.len() > 1 {
                        correct
                            .iter()
                            .map(|option| as_sentence(option))
                            .collect::<Vec<_>>()
                            .join(" Or: ")
                    } else {
                        list(&correct)
                    }
                });
                let picked: Vec<String> = self.picked.iter().map(|&i| text(i)).collect();
                (list(&picked), solution)
            }
            Answer::Order(_) => {
                let solution = wrong.then(|| {
                    let all: Vec<usize> = (0..question.options.len()).collect();
                    join(&all, " → ")
                });
                (join(&self.picked, " → "), solution)
            }
            Answer::Number(given) => {
                let unit = question.unit.as_deref();
                let solution = self.expected.filter(|_| wrong).map(|e| with_unit(e, unit));
                (with_unit(*given, unit), solution)
            }
            Answer::Text(text) => (text.clone(), None),
        }
    }
}

/// "14.58%", "1 day", "3 days": a number with its unit as a person writes it.
pub(crate) fn with_unit(number: f64, unit: Option<&str>) -> String {
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

/// Option texts as one list: with more than one, each one's closing full stop is dropped, so
/// none reads `.;`.
fn list(options: &[String]) -> String {
    if let [only] = options {
        return only.clone();
    }
    options
        .iter()
        .map(|option| option.strip_suffix('.').unwrap_or(option))
        .collect::<Vec<_>>()
        .join("; ")
}

/// An option's text as a sentence of its own.
fn as_sentence(option: &str) -> String {
    if option.ends_with(['.', '!', '?', '"', '\'', '”', '’', ')']) {
        option.to_string()
    } else {
        format!("{option}.")
    }
}
