//! Whether a number question's expected `answer` can ever be worked out.
//!
//! The answer is evaluated during play, so its names have no values yet; what is known is the
//! kind of value each name holds: a score, a visit count or a number answer is a number, a text
//! or single-choice answer is text, a multiple-choice or order answer is a list, `correct.` is
//! yes or no, and a flag holds whatever kinds of value the scenario sets it to. Names under a
//! root this analysis does not know (such as `vsm.`) may hold anything, so they never cause a
//! report. An answer or flag not given yet reads as nothing (0 in arithmetic); the check judges
//! the values names hold once given, since an answer that works only before then is no answer.
//!
//! Each operation is tried on one value of every kind its operands may hold, with the real
//! evaluator, so the check cannot drift from how expressions behave; a part with no names is
//! simply evaluated. The answer cannot be worked out when every try fails, or when it can only
//! come out as something other than a number (the engine then marks every learner wrong).

use std::collections::HashMap;

use crate::expr::{BinaryOp, Env, EvalError, Expr, Value};
use crate::scenario::Scenario;
use crate::scenario::model::{FlagValue, QuestionKind};

/// Why an answer can never be worked out.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Uncomputable {
    /// An operation fails whatever the names hold.
    Fails(EvalError),
    /// It always works out to something else: a kind such as "text" or "yes or no".
    NotANumber(&'static str),
}

impl std::fmt::Display for Uncomputable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Uncomputable::Fails(error) => write!(f, "{error}"),
            Uncomputable::NotANumber(kind) => write!(f, "this works out to {kind}, not a number"),
        }
    }
}

/// What each name of a scenario holds, gathered once for every answer to check.
pub(crate) struct Names {
    /// The kind of each scene's question.
    questions: HashMap<String, QuestionKind>,
    /// The kinds of value each flag is set to.
    flags: HashMap<String, u8>,
}

impl Names {
    pub(crate) fn new(scenario: &Scenario) -> Names {
        let mut flags: HashMap<String, u8> = HashMap::new();
        let mut questions = HashMap::new();
        for scene in &scenario.scenes {
            let Some(question) = &scene.question else {
                continue;
            };
            questions.insert(scene.id.clone(), question.kind);
            let options = question.options.iter().map(|o| &o.effects);
            let outcomes = [&question.right, &question.wrong]
                .into_iter()
                .flatten()
                .map(|o| &o.effects);
            for (flag, value) in options.chain(outcomes).flat_map(|e| &e.set) {
                *flags.entry(flag.clone()).or_default() |= match value {
                    FlagValue::Bool(_) => BOOL,
                    FlagValue::Int(_) => NUMBER,
                    FlagValue::Text(_) => TEXT,
                };
            }
        }
        Names { questions, flags }
    }
}

/// Checks the expected answer of a number question.
pub(crate) fn check_answer(expr: &Expr, names: &Names) -> Result<(), Uncomputable> {
    let kinds = Kinds::of(expr, names).map_err(Uncomputable::Fails)?;
    if kinds.0 & NUMBER != 0 {
        return Ok(());
    }
    Err(Uncomputable::NotANumber(kinds.name()))
}

/// What kind of value each name in an expression holds, as far as a scenario tells.
pub(crate) fn name_kind(path: &[String], names: &Names) -> Option<&'static str> {
    let kinds = path_kinds(path, names);
    (kinds.0 != ANY).then(|| kinds.name())
}

const NOTHING: u8 = 1;
const BOOL: u8 = 2;
const NUMBER: u8 = 4;
const TEXT: u8 = 8;
const LIST: u8 = 16;
const ANY: u8 = 31;

/// The kinds of value an expression may have, and its value when it has no names.
#[derive(Debug, Clone, Copy)]
struct Kinds(u8);

impl Kinds {
    fn of_value(value: &Value) -> Kinds {
        Kinds(match value {
            Value::Nothing => NOTHING,
            Value::Bool(_) => BOOL,
            Value::Number(_) => NUMBER,
            Value::Text(_) => TEXT,
            Value::List(_) => LIST,
        })
    }

    fn name(self) -> &'static str {
        match self.0 {
            NOTHING => "nothing",
            BOOL => "yes or no",
            NUMBER => "a number",
            TEXT => "text",
            LIST => "a list",
            _ => "several kinds of value",
        }
    }

    /// One value of each kind held; a number is 1, so no division by it fails.
    fn samples(self) -> Vec<Value> {
        [
            (NOTHING, Value::Nothing),
            (BOOL, Value::Bool(true)),
            (NUMBER, Value::Number(1.0)),
            (TEXT, Value::Text("a".into())),
            (LIST, Value::List(Vec::new())),
        ]
        .into_iter()
        .filter(|(bit, _)| self.0 & bit != 0)
        .map(|(_, value)| value)
        .collect()
    }

    fn of(expr: &Expr, names: &Names) -> Result<Kinds, EvalError> {
        if let Some(result) = constant(expr) {
            return result.map(|value| Kinds::of_value(&value));
        }
        match expr {
            Expr::Literal(value) => Ok(Kinds::of_value(value)),
            Expr::Path(path) => Ok(path_kinds(path, names)),
            Expr::Not(inner) => Kinds::of(inner, names).map(|_| Kinds(BOOL)),
            Expr::Negate(inner) => {
                let inner = sampled(inner, names)?;
                try_each(inner.into_iter().map(|v| Expr::Negate(Box::new(lit(v)))))
            }
            Expr::Binary(op @ (BinaryOp::And | BinaryOp::Or), left, right) => {
                Kinds::of(left, names)?;
                // The right side runs only when the left does not decide; its failure is
                // certain only when the left is a constant that never decides.
                match (Kinds::of(right, names), constant(left)) {
                    (Err(error), Some(Ok(value))) if value.truthy() == (*op == BinaryOp::And) => {
                        Err(error)
                    }
                    _ => Ok(Kinds(BOOL)),
                }
            }
            Expr::Binary(op, left, right) => {
                let lefts = sampled(left, names)?;
                let rights = sampled(right, names)?;
                try_each(lefts.iter().flat_map(|l| {
                    rights.iter().map(|r| {
                        Expr::Binary(*op, Box::new(lit(l.clone())), Box::new(lit(r.clone())))
                    })
                }))
            }
        }
    }
}

/// The values to try for an operand: its own value when it has no names, else samples.
fn sampled(part: &Expr, names: &Names) -> Result<Vec<Value>, EvalError> {
    match constant(part) {
        Some(result) => result.map(|value| vec![value]),
        None => Kinds::of(part, names).map(Kinds::samples),
    }
}

/// Evaluates every candidate; the kinds of the results, or the first error if all fail.
fn try_each(candidates: impl Iterator<Item = Expr>) -> Result<Kinds, EvalError> {
    let mut kinds = 0;
    let mut first_error = None;
    for candidate in candidates {
        match candidate.eval(&NoNames) {
            Ok(value) => kinds |= Kinds::of_value(&value).0,
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    match (kinds, first_error) {
        (0, Some(error)) => Err(error),
        (kinds, _) => Ok(Kinds(kinds)),
    }
}

fn lit(value: Value) -> Expr {
    Expr::Literal(value)
}

/// The value of an expression without names; `None` when it has names.
fn constant(expr: &Expr) -> Option<Result<Value, EvalError>> {
    expr.paths().is_empty().then(|| expr.eval(&NoNames))
}

struct NoNames;

impl Env for NoNames {
    fn lookup(&self, _: &[String]) -> Option<Value> {
        None
    }
}

fn path_kinds(path: &[String], names: &Names) -> Kinds {
    let (root, rest) = match path.split_first() {
        Some((root, rest)) => (root.as_str(), rest),
        None => return Kinds(ANY),
    };
    match (root, rest) {
        ("learner", []) => Kinds(TEXT),
        ("score" | "visits", [_]) => Kinds(NUMBER),
        ("correct", [_]) => Kinds(BOOL),
        ("answer", [scene]) => names.questions.get(scene).map_or(Kinds(ANY), |kind| {
            Kinds(match kind {
                QuestionKind::Number => NUMBER,
                QuestionKind::Single | QuestionKind::Text => TEXT,
                QuestionKind::Multiple | QuestionKind::Order => LIST,
            })
        }),
        // Never set, a flag reads as nothing.
        ("flag", [flag]) => Kinds(names.flags.get(flag).copied().unwrap_or(NOTHING)),
        _ => Kinds(ANY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::parse;

    fn names() -> Names {
        Names {
            questions: [
                ("who".to_string(), QuestionKind::Text),
                ("count".to_string(), QuestionKind::Number),
                ("pick".to_string(), QuestionKind::Multiple),
            ]
            .into(),
            flags: [
                ("word".to_string(), TEXT),
                ("mixed".to_string(), TEXT | NUMBER),
            ]
            .into(),
        }
    }

    fn check(text: &str) -> Result<(), Uncomputable> {
        check_answer(&parse(text).unwrap(), &names())
    }

    #[test]
    fn numbers_from_numbers_can_be_worked_out() {
        for text in [
            "2 / (2 + 6) * 100",
            "answer.count * 2",
            "visits.intro + score.flow",
            "flag.mixed + 1",
            "flag.never_set + 1",
            "vsm.team.lead_time / 8",
            "(score.flow > 1 and 1 / 0) + 1",
            "correct.count * 10",
        ] {
            assert_eq!(check(text), Ok(()), "{text}");
        }
    }

    #[test]
    fn answers_that_can_never_be_worked_out() {
        let fails = |text: &str| match check(text) {
            Err(Uncomputable::Fails(error)) => error.to_string(),
            other => panic!("{text}: {other:?}"),
        };
        assert_eq!(
            fails("answer.who * 2"),
            "cannot apply `*` to text and a number"
        );
        assert_eq!(fails("10 / (5 - 5)"), "division by zero");
        assert_eq!(fails("score.flow / 0"), "division by zero");
        assert_eq!(
            fails("flag.word + 1"),
            "cannot apply `+` to text and a number"
        );
        assert_eq!(
            fails("-answer.pick"),
            "cannot apply `-` to nothing and a list"
        );
        assert_eq!(
            check("score.flow > 1"),
            Err(Uncomputable::NotANumber("yes or no"))
        );
        assert_eq!(check("learner"), Err(Uncomputable::NotANumber("text")));
    }
}
