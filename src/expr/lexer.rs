//! Splits an expression into tokens, each with its byte range.

use std::ops::Range;

use super::{BAD_EXPRESSION, SyntaxError};

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token {
    Number(f64),
    Text(String),
    /// A dotted name such as `score.flow` or `visits.war-room`.
    Path(Vec<String>),
    True,
    False,
    And,
    Or,
    Not,
    In,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Plus,
    Minus,
    Star,
    Slash,
    Open,
    Close,
}

pub(crate) type Spanned = (Token, Range<usize>);

pub(crate) fn tokenize(source: &str) -> Result<Vec<Spanned>, SyntaxError> {
    let bytes = source.as_bytes();
    let mut tokens = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let c = bytes[at];
        let start = at;
        if c.is_ascii_whitespace() {
            at += 1;
            continue;
        }
        let two = source.get(at..at + 2).unwrap_or("");
        let (token, len) = match (c, two) {
            (_, "==") => (Token::Eq, 2),
            (_, "!=") => (Token::Ne, 2),
            (_, "<=") => (Token::Le, 2),
            (_, ">=") => (Token::Ge, 2),
            (_, "&&") => (Token::And, 2),
            (_, "||") => (Token::Or, 2),
            (b'<', _) => (Token::Lt, 1),
            (b'>', _) => (Token::Gt, 1),
            (b'!', _) => (Token::Not, 1),
            (b'+', _) => (Token::Plus, 1),
            (b'-', _) => (Token::Minus, 1),
            (b'*', _) => (Token::Star, 1),
            (b'/', _) => (Token::Slash, 1),
            (b'(', _) => (Token::Open, 1),
            (b')', _) => (Token::Close, 1),
            (b'"' | b'\'', _) => {
                let end = source[at + 1..]
                    .find(c as char)
                    .ok_or_else(|| SyntaxError {
                        code: BAD_EXPRESSION,
                        message: "this text is never closed".into(),
                        span: start..source.len(),
                    })?;
                let text = source[at + 1..at + 1 + end].to_string();
                (Token::Text(text), end + 2)
            }
            (b'0'..=b'9' | b'.', _) => {
                let len = source[at..]
                    .find(|ch: char| !(ch.is_ascii_digit() || ch == '.'))
                    .unwrap_or(source.len() - at);
                let digits = &source[at..at + len];
                let number = digits.parse::<f64>().map_err(|_| SyntaxError {
                    code: BAD_EXPRESSION,
                    message: format!("`{digits}` is not a number"),
                    span: start..start + len,
                })?;
                (Token::Number(number), len)
            }
            (c, _) if c.is_ascii_alphabetic() || c == b'_' => {
                let len = name_length(&bytes[at..]);
                let text = &source[at..at + len];
                let token = match text {
                    "and" => Token::And,
                    "or" => Token::Or,
                    "not" => Token::Not,
                    "in" => Token::In,
                    "true" => Token::True,
                    "false" => Token::False,
                    _ => Token::Path(text.split('.').map(str::to_string).collect()),
                };
                (token, len)
            }
            _ => {
                let ch = source[at..].chars().next().unwrap_or('?');
                return Err(SyntaxError {
                    code: BAD_EXPRESSION,
                    message: format!("unexpected `{ch}`"),
                    span: start..start + ch.len_utf8(),
                });
            }
        };
        at += len;
        tokens.push((token, start..at));
    }
    Ok(tokens)
}

/// Length of a dotted name. A hyphen between two name characters stays inside the name, so ids
/// like `war-room` read naturally; subtraction needs spaces (`a - b`).
fn name_length(bytes: &[u8]) -> usize {
    let is_name = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut len = 0;
    while len < bytes.len() {
        let b = bytes[len];
        let joins = (b == b'-' || b == b'.')
            && len > 0
            && is_name(bytes[len - 1])
            && bytes.get(len + 1).is_some_and(|&next| is_name(next));
        if is_name(b) || joins {
            len += 1;
        } else {
            break;
        }
    }
    len
}
