//! Turns TOML parse and shape errors into diagnostics that say which table a key landed in.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, FileId};

/// A diagnostic for an error from parsing or deserialising `root`.
pub fn toml_diagnostic(
    error: &toml::de::Error,
    file: FileId,
    root: &DeTable<'_>,
    fallback: Range<usize>,
) -> Diagnostic {
    let span = error.span().unwrap_or(fallback);
    let message = error.message().trim_end_matches('\n').to_string();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default();
        let expected = rest
            .split_once("expected ")
            .map(|(_, list)| list.trim_end_matches('.').to_string());
        let table = header_at(root, span.start);
        let place = table.as_deref().unwrap_or("the top level");
        let mut hint = String::new();
        if let Some(table) = &table {
            if table.matches('.').count() > 0 {
                hint.push_str(&format!(
                    "keys written after a `{table}` header belong to that table; if `{key}` is meant for an enclosing table, move it above the header. "
                ));
            }
        }
        if let Some(expected) = expected {
            hint.push_str(&format!("Keys allowed here: {expected}."));
        }
        let mut diagnostic = Diagnostic::error(
            "unknown-key",
            format!("unknown key `{key}` in {place}"),
        )
        .at(file, span, "not a key of this table");
        if !hint.is_empty() {
            diagnostic = diagnostic.hint(hint.trim_end());
        }
        return diagnostic;
    }
    if let Some(field) = message.strip_prefix("missing field `") {
        let key = field.split('`').next().unwrap_or_default();
        let table = header_at(root, span.start).unwrap_or_else(|| "the top level".into());
        return Diagnostic::error("missing-key", format!("missing key `{key}` in {table}")).at(
            file,
            span,
            format!("`{key}` is required here"),
        );
    }
    let code = if error.span().is_some() && is_shape_error(&message) {
        "invalid-value"
    } else {
        "toml-syntax"
    };
    Diagnostic::error(code, message).at(file, span, "here")
}

fn is_shape_error(message: &str) -> bool {
    message.starts_with("invalid type")
        || message.starts_with("invalid value")
        || message.starts_with("unknown variant")
        || message.starts_with("data did not match")
        || message.starts_with("invalid length")
}

/// The header of the innermost table around `offset`, written as an author would:
/// `[[scene.question.option]]` or `[scene.question]`.
pub fn header_at(root: &DeTable<'_>, offset: usize) -> Option<String> {
    let mut path: Vec<String> = Vec::new();
    let mut in_array = false;
    let mut table = root;
    'descend: loop {
        for (key, value) in table.iter() {
            match value.get_ref() {
                DeValue::Table(inner) if contains(value, offset) => {
                    path.push(key.get_ref().to_string());
                    in_array = false;
                    table = inner;
                    continue 'descend;
                }
                DeValue::Array(items) => {
                    for item in items.iter() {
                        if let DeValue::Table(inner) = item.get_ref() {
                            if contains(item, offset) {
                                path.push(key.get_ref().to_string());
                                in_array = true;
                                table = inner;
                                continue 'descend;
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        break;
    }
    if path.is_empty() {
        return None;
    }
    let name = path.join(".");
    Some(if in_array {
        format!("[[{name}]]")
    } else {
        format!("[{name}]")
    })
}

fn contains(value: &Spanned<DeValue<'_>>, offset: usize) -> bool {
    let span = value.span();
    span.start <= offset && offset < span.end.max(span.start + 1)
}
