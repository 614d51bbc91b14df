//! Expressions and templates written back as text, for graph labels and messages.
//!
//! The compiled scenario keeps parsed expressions, not their source; printing one back with
//! just the parentheses its operators need gives the condition an author wrote.

use crate::expr::{BinaryOp, Expr, Piece, Template, Value};

/// `expr` as an author would write it.
pub(crate) fn expr_text(expr: &Expr) -> String {
    let mut out = String::new();
    write(expr, &mut out);
    out
}

/// A template with its holes written back as `{...}`.
pub(crate) fn template_text(template: &Template) -> String {
    let mut out = String::new();
    for piece in &template.pieces {
        match piece {
            Piece::Literal(text) => out.push_str(text),
            Piece::Hole(expr) => {
                out.push('{');
                write(expr, &mut out);
                out.push('}');
            }
        }
    }
    out
}

/// How tightly each form binds, as the parser reads them (higher binds tighter).
fn level(expr: &Expr) -> u8 {
    match expr {
        Expr::Binary(op, _, _) => op_level(*op),
        Expr::Not(_) => 3,
        Expr::Negate(_) => 7,
        Expr::Literal(_) | Expr::Path(_) => 8,
    }
}

fn op_level(op: BinaryOp) -> u8 {
    match op {
        BinaryOp::Or => 1,
        BinaryOp::And => 2,
        BinaryOp::Eq
        | BinaryOp::Ne
        | BinaryOp::Lt
        | BinaryOp::Le
        | BinaryOp::Gt
        | BinaryOp::Ge
        | BinaryOp::In => 4,
        BinaryOp::Add | BinaryOp::Sub => 5,
        BinaryOp::Mul | BinaryOp::Div => 6,
    }
}

fn write(expr: &Expr, out: &mut String) {
    match expr {
        Expr::Literal(value) => literal(value, out),
        Expr::Path(path) => out.push_str(&path.join(".")),
        Expr::Not(inner) => {
            out.push_str("not ");
            operand(inner, level(inner) < 3, out);
        }
        Expr::Negate(inner) => {
            out.push('-');
            operand(inner, level(inner) < 7, out);
        }
        Expr::Binary(op, left, right) => {
            let own = op_level(*op);
            // Chains read left to right; a comparison takes no comparison as an operand.
            let left_parens = level(left) < own || (own == 4 && level(left) == 4);
            operand(left, left_parens, out);
            out.push(' ');
            out.push_str(op.symbol());
            out.push(' ');
            operand(right, level(right) <= own, out);
        }
    }
}

fn operand(expr: &Expr, parens: bool, out: &mut String) {
    if parens {
        out.push('(');
    }
    write(expr, out);
    if parens {
        out.push(')');
    }
}

fn literal(value: &Value, out: &mut String) {
    match value {
        // Rust prints the shortest text that reads back as the same number.
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        // Text cannot hold the quote that delimits it, so pick the other quote when needed.
        Value::Text(text) if text.contains('"') => {
            out.push('\'');
            out.push_str(text);
            out.push('\'');
        }
        Value::Text(text) => {
            out.push('"');
            out.push_str(text);
            out.push('"');
        }
        Value::Nothing | Value::List(_) => out.push_str(&value.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::parse;

    #[test]
    fn prints_what_it_parses() {
        for text in [
            "flag.brenda_warned and flag.brenda_fed_up",
            "flag.team_shrugs and (flag.brenda_warned or flag.brenda_fed_up)",
            "visits.war-room > 1",
            "not flag.skip",
            "2 / (2 + 6) * 100",
            "a - (b - c)",
            "-(a + 1) * 2",
            "\"qa\" in answer.who-attends",
            "not (a and b)",
        ] {
            let expr = parse(text).unwrap();
            assert_eq!(expr_text(&expr), text);
            assert_eq!(parse(&expr_text(&expr)).unwrap(), expr);
        }
    }
}
