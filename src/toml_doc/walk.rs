//! Walks over a parsed TOML tree: its headers, the inline tables around an offset, its keys.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::doc::Header;

pub(super) fn collect_headers(
    source: &str,
    table: &DeTable<'_>,
    path: &mut Vec<String>,
    out: &mut Vec<Header>,
) {
    let is_header = |span: Range<usize>| source.get(span).is_some_and(|text| text.starts_with('['));
    for (key, value) in table.iter() {
        path.push(key.get_ref().to_string());
        match value.get_ref() {
            DeValue::Table(inner) => {
                if is_header(value.span()) {
                    out.push(Header {
                        start: value.span().start,
                        path: path.clone(),
                        array: false,
                    });
                }
                collect_headers(source, inner, path, out);
            }
            DeValue::Array(items) => {
                for item in items.iter() {
                    if let DeValue::Table(inner) = item.get_ref() {
                        if is_header(item.span()) {
                            out.push(Header {
                                start: item.span().start,
                                path: path.clone(),
                                array: true,
                            });
                        }
                        collect_headers(source, inner, path, out);
                    }
                }
            }
            _ => {}
        }
        path.pop();
    }
}

/// Calls `f` on every key of every table, depth first.
pub(super) fn visit_keys<'a>(
    table: &'a DeTable<'a>,
    f: &mut dyn FnMut(&'a toml::Spanned<std::borrow::Cow<'a, str>>, &'a toml::Spanned<DeValue<'a>>),
) {
    for (key, value) in table.iter() {
        f(key, value);
        match value.get_ref() {
            DeValue::Table(inner) => visit_keys(inner, f),
            DeValue::Array(items) => {
                for item in items.iter() {
                    if let DeValue::Table(inner) = item.get_ref() {
                        visit_keys(inner, f);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The name of the innermost key whose name or value is at `span`, dotted from its nearest
/// header table (`score.flow` for a value inside `score = { flow = ... }`).
pub(super) fn key_at(root: &DeTable<'_>, span: &Range<usize>) -> Option<String> {
    fn search(
        table: &DeTable<'_>,
        span: &Range<usize>,
        inline: &mut Vec<String>,
    ) -> Option<String> {
        for (key, value) in table.iter() {
            let name = key.get_ref().to_string();
            let value_span = value.span();
            let inside = value_span.start <= span.start && span.end <= value_span.end;
            match value.get_ref() {
                // An inline table's span covers its body; a header table's only its header.
                DeValue::Table(inner) if inside => {
                    inline.push(name.clone());
                    if let Some(found) = search(inner, span, inline) {
                        return Some(found);
                    }
                    inline.pop();
                }
                DeValue::Table(inner) => {
                    if let Some(found) = search(inner, span, &mut Vec::new()) {
                        return Some(found);
                    }
                }
                DeValue::Array(items) => {
                    for item in items.iter() {
                        if let DeValue::Table(inner) = item.get_ref()
                            && let Some(found) = search(inner, span, &mut Vec::new())
                        {
                            return Some(found);
                        }
                    }
                }
                _ => {}
            }
            if key.span() == *span || inside {
                let mut path = inline.clone();
                path.push(name);
                return Some(path.join("."));
            }
        }
        None
    }
    search(root, span, &mut Vec::new())
}
