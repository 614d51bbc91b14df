//! The small expression language of conditions (`when`), computed answers and `{...}` interpolation.
//!
//! Expressions are parsed once when a scenario loads; evaluating one reads variables through
//! [`Env`], so the language knows nothing about sessions or value-stream maps.

mod lexer;
mod parser;
mod template;
mod value;

pub(crate) use parser::{BinaryOp, Expr, parse};
pub(crate) use parser::{MAX_NESTING, MAX_TOKENS};
pub(crate) use template::{Piece, Template};
pub(crate) use value::{Value, format_number};

use std::ops::Range;

/// The diagnostic code of an expression that cannot be read.
pub(crate) const BAD_EXPRESSION: &str = "bad-expression";
/// The diagnostic code of an expression past a limit of [`parser`]: deeper or longer than any
/// author writes, and deep enough to exhaust the stack of whatever walks the tree.
pub(crate) const EXPRESSION_TOO_BIG: &str = "expression-too-big";

/// A syntax error in an expression, with the byte range inside the expression's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub(crate) struct SyntaxError {
    /// The diagnostic code: [`BAD_EXPRESSION`] or [`EXPRESSION_TOO_BIG`].
    pub code: &'static str,
    pub message: String,
    pub span: Range<usize>,
}

/// Where variables come from when an expression is evaluated.
pub(crate) trait Env {
    /// The value of a dotted name such as `score.facilitation`, or `None` if it names nothing.
    fn lookup(&self, path: &[String]) -> Option<Value>;
}

/// Why an expression could not be evaluated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum EvalError {
    #[error("`{0}` names nothing")]
    Unknown(String),
    #[error("cannot apply `{op}` to {left} and {right}")]
    Types {
        op: &'static str,
        left: &'static str,
        right: &'static str,
    },
    #[error("division by zero")]
    DivisionByZero,
}

impl Expr {
    /// Evaluates the expression; unknown names and type mismatches are errors, never panics.
    pub(crate) fn eval(&self, env: &dyn Env) -> Result<Value, EvalError> {
        match self {
            Expr::Literal(value) => Ok(value.clone()),
            Expr::Path(path) => env
                .lookup(path)
                .ok_or_else(|| EvalError::Unknown(path.join("."))),
            Expr::Not(inner) => Ok(Value::Bool(!inner.eval(env)?.truthy())),
            Expr::Negate(inner) => match inner.eval(env)? {
                Value::Number(n) => Ok(Value::Number(-n)),
                other => Err(EvalError::Types {
                    op: "-",
                    left: "nothing",
                    right: other.type_name(),
                }),
            },
            Expr::Binary(op, left, right) => {
                if *op == BinaryOp::And {
                    return Ok(Value::Bool(
                        left.eval(env)?.truthy() && right.eval(env)?.truthy(),
                    ));
                }
                if *op == BinaryOp::Or {
                    return Ok(Value::Bool(
                        left.eval(env)?.truthy() || right.eval(env)?.truthy(),
                    ));
                }
                op.apply(&left.eval(env)?, &right.eval(env)?)
            }
        }
    }

    /// Every dotted name the expression reads, for static checks.
    pub(crate) fn paths(&self) -> Vec<&[String]> {
        let mut found = Vec::new();
        self.collect_paths(&mut found);
        found
    }

    fn collect_paths<'a>(&'a self, found: &mut Vec<&'a [String]>) {
        match self {
            Expr::Literal(_) => {}
            Expr::Path(path) => found.push(path),
            Expr::Not(inner) | Expr::Negate(inner) => inner.collect_paths(found),
            Expr::Binary(_, left, right) => {
                left.collect_paths(found);
                right.collect_paths(found);
            }
        }
    }
}

impl BinaryOp {
    fn apply(self, left: &Value, right: &Value) -> Result<Value, EvalError> {
        use Value::{Bool, List, Number, Text};
        let mismatch = || EvalError::Types {
            op: self.symbol(),
            left: left.type_name(),
            right: right.type_name(),
        };
        Ok(match (self, left, right) {
            (BinaryOp::Eq, l, r) => Bool(l.loosely_equals(r)),
            (BinaryOp::Ne, l, r) => Bool(!l.loosely_equals(r)),
            (BinaryOp::In, needle, List(items)) => {
                Bool(items.iter().any(|i| needle.loosely_equals(i)))
            }
            (BinaryOp::In, Text(needle), Text(hay)) => {
                Bool(hay.to_lowercase().contains(&needle.to_lowercase()))
            }
            (BinaryOp::In, _, Value::Nothing) => Bool(false),
            (op, l, r) => {
                let (Some(a), Some(b)) = (l.as_number(), r.as_number()) else {
                    return Err(mismatch());
                };
                match op {
                    BinaryOp::Lt => Bool(a < b),
                    BinaryOp::Le => Bool(a <= b),
                    BinaryOp::Gt => Bool(a > b),
                    BinaryOp::Ge => Bool(a >= b),
                    BinaryOp::Add => Number(a + b),
                    BinaryOp::Sub => Number(a - b),
                    BinaryOp::Mul => Number(a * b),
                    BinaryOp::Div if b == 0.0 => return Err(EvalError::DivisionByZero),
                    BinaryOp::Div => Number(a / b),
                    _ => return Err(mismatch()),
                }
            }
        })
    }
}

#[cfg(test)]
mod tests;
