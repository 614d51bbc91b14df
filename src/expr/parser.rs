//! Recursive-descent parser from tokens to an expression tree.

use std::ops::Range;

use super::lexer::{Spanned, Token, tokenize};
use super::{SyntaxError, Value};

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
            message: "the expression is empty".into(),
            span: 0..source.len(),
        });
    }
    let mut parser = Parser {
        tokens,
        at: 0,
        end: source.len(),
    };
    let expr = parser.or()?;
    if let Some((_, span)) = parser.tokens.get(parser.at) {
        return Err(SyntaxError {
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
        if self.eat(&Token::Not) {
            return Ok(Expr::Not(Box::new(self.not()?)));
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
        if self.eat(&Token::Minus) {
            return Ok(Expr::Negate(Box::new(self.unary()?)));
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Expr, SyntaxError> {
        let span = self.here();
        let Some((token, _)) = self.tokens.get(self.at).cloned() else {
            return Err(SyntaxError {
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
                let inner = self.or()?;
                if !self.eat(&Token::Close) {
                    return Err(SyntaxError {
                        message: "this `(` is never closed".into(),
                        span,
                    });
                }
                Ok(inner)
            }
            _ => Err(SyntaxError {
                message: "expected a value, a name or `(`".into(),
                span,
            }),
        }
    }
}
