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

use crate::expr::{BinaryOp, Env, EvalError, Expr, Value};
use crate::scenario::model::{FlagValue, QuestionKind};
use crate::scenario::{Effects, Scenario};

/// Why an answer can never be worked out.
#[derive(Debug, Clone, PartialEq)]
pub enum Uncomputable {
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

/// Checks the expected answer of a number question.
pub fn check_answer(expr: &Expr, scenario: &Scenario) -> Result<(), Uncomputable> {
    let kinds = Kinds::of(expr, scenario).map_err(Uncomputable::Fails)?;
    if kinds.0 & NUMBER != 0 {
        return Ok(());
    }
    Err(Uncomputable::NotANumber(kinds.name()))
}

/// What kind of value each name in an expression holds, as far as a scenario tells.
pub fn name_kind(path: &[String], scenario: &Scenario) -> Option<&'static str> {
    let kinds = path_kinds(path, scenario);
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

    fn of(expr: &Expr, scenario: &Scenario) -> Result<Kinds, EvalError> {
        if let Some(result) = constant(expr) {
            return result.map(|value| Kinds::of_value(&value));
        }
        match expr {
            Expr::Literal(value) => Ok(Kinds::of_value(value)),
            Expr::Path(path) => Ok(path_kinds(path, scenario)),
            Expr::Not(inner) => Kinds::of(inner, scenario).map(|_| Kinds(BOOL)),
            Expr::Negate(inner) => {
                let inner = sampled(inner, scenario)?;
                try_each(inner.into_iter().map(|v| Expr::Negate(Box::new(lit(v)))))
            }
            Expr::Binary(op @ (BinaryOp::And | BinaryOp::Or), left, right) => {
                Kinds::of(left, scenario)?;
                // The right side runs only when the left does not decide; its failure is
                // certain only when the left is a constant that never decides.
                match (Kinds::of(right, scenario), constant(left)) {
                    (Err(error), Some(Ok(value)))
                        if value.truthy() == (*op == BinaryOp::And) =>
                    {
                        Err(error)
                    }
                    _ => Ok(Kinds(BOOL)),
                }
            }
            Expr::Binary(op, left, right) => {
                let lefts = sampled(left, scenario)?;
                let rights = sampled(right, scenario)?;
                try_each(lefts.iter().flat_map(|l| {
                    rights
                        .iter()
                        .map(|r| Expr::Binary(*op, Box::new(lit(l.clone())), Box::new(lit(r.clone()))))
                }))
            }
        }
    }
}

/// The values to try for an operand: its own value when it has no names, else samples.
fn sampled(part: &Expr, scenario: &Scenario) -> Result<Vec<Value>, EvalError> {
    match constant(part) {
        Some(result) => result.map(|value| vec![value]),
        None => Kinds::of(part, scenario).map(Kinds::samples),
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

fn path_kinds(path: &[String], scenario: &Scenario) -> Kinds {
    let (root, rest) = match path.split_first() {
        Some((root, rest)) => (root.as_str(), rest),
        None => return Kinds(ANY),
    };
    match (root, rest) {
        ("learner", []) => Kinds(TEXT),
        ("score" | "visits", [_]) => Kinds(NUMBER),
        ("correct", [_]) => Kinds(BOOL),
        ("answer", [scene]) => scenario
            .scene_index(scene)
            .and_then(|s| scenario.scenes[s].question.as_ref())
            .map_or(Kinds(ANY), |question| {
                Kinds(match question.kind {
                    QuestionKind::Number => NUMBER,
                    QuestionKind::Single | QuestionKind::Text => TEXT,
                    QuestionKind::Multiple | QuestionKind::Order => LIST,
                })
            }),
        ("flag", [flag]) => {
            let kinds = flag_values(scenario, flag).fold(0, |kinds, value| {
                kinds
                    | match value {
                        FlagValue::Bool(_) => BOOL,
                        FlagValue::Int(_) => NUMBER,
                        FlagValue::Text(_) => TEXT,
                    }
            });
            // Never set, it reads as nothing.
            Kinds(if kinds == 0 { NOTHING } else { kinds })
        }
        _ => Kinds(ANY),
    }
}

/// Every value the scenario sets `flag` to.
fn flag_values<'s>(scenario: &'s Scenario, flag: &'s str) -> impl Iterator<Item = &'s FlagValue> {
    scenario
        .scenes
        .iter()
        .filter_map(|scene| scene.question.as_ref())
        .flat_map(|q| {
            let options = q.options.iter().map(|o| &o.effects);
            let outcomes = [&q.right, &q.wrong].into_iter().flatten().map(|o| &o.effects);
            options.chain(outcomes)
        })
        .flat_map(|effects: &Effects| effects.set.iter())
        .filter(move |(name, _)| name == flag)
        .map(|(_, value)| value)
}
