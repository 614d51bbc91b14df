//! Recursive-descent parser from tokens to an expression tree.

use std::ops::Range;

use super::lexer::{Spanned, Token, tokenize};
use super::{BAD_EXPRESSION, EXPRESSION_TOO_BIG, SyntaxError, Value};

/// The deepest nesting of `(`, `not` and `-` an expression may have. Every walk over the tree
/// (evaluation, checks, drawing, dropping it) recurses, so depth is what must be bounded.
pub(crate) const MAX_NESTING: u32 = 32;

/// The most tokens one expression may have: a chain of operators is as deep as it is long.
pub(crate) const MAX_TOKENS: usize = 1_000;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    Literal(Value),
    Path(Vec<String>),
    Not(Box<Expr>),
    Negate(Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BinaryOp {
    And,
    Or,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    Add,
    Sub,
    Mul,
    Div,
}

impl BinaryOp {
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            BinaryOp::And => "and",
            BinaryOp::Or => "or",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::In => "in",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
        }
    }
}

/// Parses a whole expression; trailing tokens are an error.
pub(crate) fn parse(source: &str) -> Result<Expr, SyntaxError> {
    let tokens = tokenize(source)?;
    if tokens.is_empty() {
        return Err(SyntaxError {
            code: BAD_EXPRESSION,
            message: "the expression is empty".into(),
            span: 0..source.len(),
        });
    }
    if let Some((_, span)) = tokens.get(MAX_TOKENS) {
        return Err(SyntaxError {
            code: EXPRESSION_TOO_BIG,
            message: format!("this expression is longer than {MAX_TOKENS} words and symbols"),
            span: span.start..source.len(),
        });
    }
    let mut parser = Parser {
        tokens,
        at: 0,
        end: source.len(),
        nesting: 0,
    };
    let expr = parser.or()?;
    if let Some((_, span)) = parser.tokens.get(parser.at) {
        return Err(SyntaxError {
            code: BAD_EXPRESSION,
            message: "expected an operator or the end of the expression".into(),
            span: span.clone(),
        });
    }
    Ok(expr)
}

struct Parser {
    tokens: Vec<Spanned>,
    at: usize,
    end: usize,
    /// How many `(`, `not` and `-` enclose the current token.
    nesting: u32,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at).map(|(token, _)| token)
    }

    fn eat(&mut self, token: &Token) -> bool {
        if self.peek() == Some(token) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn here(&self) -> Range<usize> {
        self.tokens
            .get(self.at)
            .map_or(self.end..self.end, |(_, span)| span.clone())
    }

    /// Parses `inner` one nesting level deeper, refusing to go past [`MAX_NESTING`].
    fn nested(
        &mut self,
        span: Range<usize>,
        inner: fn(&mut Self) -> Result<Expr, SyntaxError>,
    ) -> Result<Expr, SyntaxError> {
        if self.nesting == MAX_NESTING {
            return Err(SyntaxError {
                code: EXPRESSION_TOO_BIG,
                message: format!("this nests deeper than {MAX_NESTING} levels"),
                span,
            });
        }
        self.nesting += 1;
        let expr = inner(self);
        self.nesting -= 1;
        expr
    }

    fn binary_chain(
        &mut self,
        ops: &[(Token, BinaryOp)],
        operand: fn(&mut Self) -> Result<Expr, SyntaxError>,
    ) -> Result<Expr, SyntaxError> {
        let mut left = operand(self)?;
        'chain: loop {
            for (token, op) in ops {
                if self.eat(token) {
                    let right = operand(self)?;
                    left = Expr::Binary(*op, Box::new(left), Box::new(right));
                    continue 'chain;
                }
            }
            return Ok(left);
        }
    }

    fn or(&mut self) -> Result<Expr, SyntaxError> {
        self.binary_chain(&[(Token::Or, BinaryOp::Or)], Self::and)
    }

    fn and(&mut self) -> Result<Expr, SyntaxError> {
        self.binary_chain(&[(Token::And, BinaryOp::And)], Self::not)
    }

    fn not(&mut self) -> Result<Expr, SyntaxError> {
        let span = self.here();
        if self.eat(&Token::Not) {
            return Ok(Expr::Not(Box::new(self.nested(span, Self::not)?)));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, SyntaxError> {
        let left = self.sum()?;
        let op = match self.peek() {
            Some(Token::Eq) => BinaryOp::Eq,
            Some(Token::Ne) => BinaryOp::Ne,
            Some(Token::Lt) => BinaryOp::Lt,
            Some(Token::Le) => BinaryOp::Le,
            Some(Token::Gt) => BinaryOp::Gt,
            Some(Token::Ge) => BinaryOp::Ge,
            Some(Token::In) => BinaryOp::In,
            _ => return Ok(left),
        };
        self.at += 1;
        let right = self.sum()?;
        Ok(Expr::Binary(op, Box::new(left), Box::new(right)))
    }

    fn sum(&mut self) -> Result<Expr, SyntaxError> {
        self.binary_chain(
            &[(Token::Plus, BinaryOp::Add), (Token::Minus, BinaryOp::Sub)],
            Self::product,
        )
    }

    fn product(&mut self) -> Result<Expr, SyntaxError> {
        self.binary_chain(
            &[(Token::Star, BinaryOp::Mul), (Token::Slash, BinaryOp::Div)],
            Self::unary,
        )
    }

    fn unary(&mut self) -> Result<Expr, SyntaxError> {
        let span = self.here();
        if self.eat(&Token::Minus) {
            return Ok(Expr::Negate(Box::new(self.nested(span, Self::unary)?)));
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Expr, SyntaxError> {
        let span = self.here();
        let Some((token, _)) = self.tokens.get(self.at).cloned() else {
            return Err(SyntaxError {
                code: BAD_EXPRESSION,
                message: "the expression ends too early".into(),
                span,
            });
        };
        self.at += 1;
        match token {
            Token::Number(n) => Ok(Expr::Literal(Value::Number(n))),
            Token::Text(t) => Ok(Expr::Literal(Value::Text(t))),
            Token::True => Ok(Expr::Literal(Value::Bool(true))),
            Token::False => Ok(Expr::Literal(Value::Bool(false))),
            Token::Path(path) => Ok(Expr::Path(path)),
            Token::Open => {
                let inner = self.nested(span.clone(), Self::or)?;
                if !self.eat(&Token::Close) {
                    return Err(SyntaxError {
                        code: BAD_EXPRESSION,
                        message: "this `(` is never closed".into(),
                        span,
                    });
                }
                Ok(inner)
            }
            _ => Err(SyntaxError {
                code: BAD_EXPRESSION,
                message: "expected a value, a name or `(`".into(),
                span,
            }),
        }
    }
}
