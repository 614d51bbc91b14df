//! Text with `{expression}` holes; `{{` and `}}` stand for literal braces.

use super::{BAD_EXPRESSION, Env, Expr, SyntaxError, parse};

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    Literal(String),
    Hole(Expr),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Template {
    pub pieces: Vec<Piece>,
}

impl Template {
    /// Parses a template; a syntax error's span is relative to the whole text.
    pub(crate) fn parse(text: &str) -> Result<Template, SyntaxError> {
        // Most text has no holes: skip the character walk.
        if !text.contains(['{', '}']) {
            return Ok(Template::literal(text));
        }
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut rest = text.char_indices().peekable();
        while let Some((at, c)) = rest.next() {
            match c {
                '{' if rest.peek().map(|&(_, n)| n) == Some('{') => {
                    rest.next();
                    literal.push('{');
                }
                '}' if rest.peek().map(|&(_, n)| n) == Some('}') => {
                    rest.next();
                    literal.push('}');
                }
                '{' => {
                    let Some(close) = text[at..].find('}') else {
                        return Err(SyntaxError {
                            code: BAD_EXPRESSION,
                            message: "this `{` is never closed (write `{{` for a literal brace)"
                                .into(),
                            span: at..at + 1,
                        });
                    };
                    let inner = &text[at + 1..at + close];
                    let expr = parse(inner).map_err(|e| SyntaxError {
                        code: e.code,
                        message: e.message,
                        span: at + 1 + e.span.start..at + 1 + e.span.end,
                    })?;
                    if !literal.is_empty() {
                        pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                    }
                    pieces.push(Piece::Hole(expr));
                    while rest.peek().is_some_and(|&(i, _)| i <= at + close) {
                        rest.next();
                    }
                }
                '}' => {
                    return Err(SyntaxError {
                        code: BAD_EXPRESSION,
                        message: "unmatched `}` (write `}}` for a literal brace)".into(),
                        span: at..at + 1,
                    });
                }
                _ => literal.push(c),
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Literal(literal));
        }
        Ok(Template { pieces })
    }

    /// A template of plain text, with no holes.
    pub(crate) fn literal(text: &str) -> Template {
        Template {
            pieces: vec![Piece::Literal(text.to_string())],
        }
    }

    /// Fills the holes. A hole that cannot be evaluated shows as `{?}` rather than failing the
    /// whole line: the learner keeps playing, and `dojo check` reports such holes ahead of time.
    pub(crate) fn render(&self, env: &dyn Env) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Literal(text) => out.push_str(text),
                Piece::Hole(expr) => match expr.eval(env) {
                    Ok(value) => out.push_str(&value.to_string()),
                    Err(_) => out.push_str("{?}"),
                },
            }
        }
        out
    }

    pub(crate) fn holes(&self) -> impl Iterator<Item = &Expr> {
        self.pieces.iter().filter_map(|piece| match piece {
            Piece::Hole(expr) => Some(expr),
            Piece::Literal(_) => None,
        })
    }
}
