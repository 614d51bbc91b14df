//! Comparisons of `answer.<scene>` with an option id the question does not have: a typo such as
//! `answer.inbox == 'aprove'` is always false, and nothing at play time would say so.

use toml::Spanned;

use crate::diagnostic::{Diagnostic, FileId};
use crate::expr::{BinaryOp, Expr, Value};
use crate::scenario::literal::LiteralSpans;
use crate::suggest::quoted;

use super::Compiler;

impl Compiler<'_> {
    /// Reports each text compared with `answer.<scene>` (by `==`, `!=` or `in`) that is not an
    /// option id of that scene's question.
    pub(super) fn check_option_refs(
        &mut self,
        file: FileId,
        source: &Spanned<String>,
        exprs: &[&Expr],
    ) {
        let mut found = Vec::new();
        for expr in exprs {
            compared_ids(expr, &mut found);
        }
        let mut searched_from = 0;
        let literal = LiteralSpans::new(self.sources.text(file), &source.span(), source.get_ref());
        for (scene, id) in found {
            let Some(options) = self.known.option_ids.get(scene) else {
                continue;
            };
            if options.iter().any(|o| o.eq_ignore_ascii_case(id)) {
                continue;
            }
            let span = match find_quoted(source.get_ref(), id, searched_from) {
                Some(range) => {
                    searched_from = range.end;
                    literal.inner(range)
                }
                None => source.span(),
            };
            let hint = self
                .suggest(id, options.iter())
                .map(|close| format!("did you mean `{close}`?"))
                .unwrap_or_else(|| format!("the options of `{scene}` are {}", quoted(options)));
            self.push(
                Diagnostic::error(
                    "unknown-option",
                    format!("the question in `{scene}` has no option `{id}`"),
                )
                .at(file, span, "no such option, so this comparison never holds")
                .hint(hint),
            );
        }
    }
}

/// Every (scene, text) pair the expression compares: `answer.<scene> == 'text'` either way
/// round, `!=`, and `'text' in answer.<scene>`.
fn compared_ids<'a>(expr: &'a Expr, found: &mut Vec<(&'a str, &'a str)>) {
    match expr {
        Expr::Literal(_) | Expr::Path(_) => {}
        Expr::Not(inner) | Expr::Negate(inner) => compared_ids(inner, found),
        Expr::Binary(op, left, right) => {
            let pair = match op {
                BinaryOp::Eq | BinaryOp::Ne => {
                    answer_and_text(left, right).or_else(|| answer_and_text(right, left))
                }
                BinaryOp::In => answer_and_text(right, left),
                _ => None,
            };
            match pair {
                Some(pair) => found.push(pair),
                None => {
                    compared_ids(left, found);
                    compared_ids(right, found);
                }
            }
        }
    }
}

fn answer_and_text<'a>(answer: &'a Expr, text: &'a Expr) -> Option<(&'a str, &'a str)> {
    match (answer, text) {
        (Expr::Path(path), Expr::Literal(Value::Text(id))) => match path.as_slice() {
            [root, scene] if root == "answer" => Some((scene.as_str(), id.as_str())),
            _ => None,
        },
        _ => None,
    }
}

/// The byte range of `id` inside quotes in `text`, at or after `from`.
fn find_quoted(text: &str, id: &str, from: usize) -> Option<std::ops::Range<usize>> {
    ['\'', '"'].into_iter().find_map(|quote| {
        let quoted = format!("{quote}{id}{quote}");
        let start = from + text.get(from..)?.find(&quoted)?;
        Some(start + 1..start + 1 + id.len())
    })
}
