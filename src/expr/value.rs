//! Values that expressions compute and variables hold.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// What an unanswered question or an unset name reads as: false, empty, equal to nothing.
    Nothing,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<Value>),
}

impl Value {
    pub(crate) fn truthy(&self) -> bool {
        match self {
            Value::Nothing => false,
            Value::Bool(b) => *b,
            Value::Number(n) => *n != 0.0,
            Value::Text(t) => !t.is_empty(),
            Value::List(items) => !items.is_empty(),
        }
    }

    pub(crate) fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
            Value::Nothing => Some(0.0),
            Value::Text(_) | Value::List(_) => None,
        }
    }

    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Value::Nothing => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::Text(_) => "text",
            Value::List(_) => "a list",
        }
    }

    /// Equality as an author means it: numbers by value, text without regard to case.
    pub(crate) fn loosely_equals(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Text(a), Value::Text(b)) => a.eq_ignore_ascii_case(b),
            (Value::Number(a), Value::Number(b)) => (a - b).abs() < 1e-9,
            (Value::Nothing, Value::Nothing) => true,
            (Value::Nothing, Value::Bool(b)) | (Value::Bool(b), Value::Nothing) => !b,
            (a, b) => a == b,
        }
    }
}

/// Formats a number for reading: whole numbers without decimals, others with at most two.
pub(crate) fn format_number(n: f64) -> String {
    let text = if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        let text = format!("{n:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    // -0.001 rounds to a sign with nothing after it.
    if text == "-0" { "0".to_string() } else { text }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Nothing => Ok(()),
            Value::Bool(b) => write!(f, "{}", if *b { "yes" } else { "no" }),
            Value::Number(n) => f.write_str(&format_number(*n)),
            Value::Text(t) => f.write_str(t),
            Value::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                Ok(())
            }
        }
    }
}
