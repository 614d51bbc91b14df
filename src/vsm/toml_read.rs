//! Reading values out of a parsed TOML table by hand, with one diagnostic per wrong key.
//!
//! A map file is small and its values need more than serde's types (durations in a calendar,
//! percentages written `70` or `"70%"`), so each table is walked key by key: every problem in
//! every table is reported, and each diagnostic points at the exact value.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, FileId};

use super::ratio::Ratio;

/// A value and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct At<T> {
    pub value: T,
    pub span: Range<usize>,
}

/// One table of a map file, with what may be written in it.
pub(super) struct Table<'d, 'a> {
    pub file: FileId,
    pub table: &'d DeTable<'a>,
    /// How messages name it: `[[step]]`, `[calendar]`, `the top level of pets.vsm.toml`.
    pub name: String,
    /// Where a missing key is reported: the table's header, or the start of the file.
    pub at: Range<usize>,
    pub keys: &'static [&'static str],
}

impl<'d, 'a> Table<'d, 'a> {
    /// "in [[step]]", "at the top level of pets.vsm.toml".
    pub(super) fn place(&self) -> String {
        if self.name.starts_with('[') {
            format!("in {}", self.name)
        } else {
            format!("at {}", self.name)
        }
    }

    pub(super) fn get(&self, key: &str) -> Option<&'d toml::Spanned<DeValue<'a>>> {
        self.table.get(key)
    }

    /// Reports every key this table does not know. `parent` names the enclosing table and
    /// its keys, to explain the TOML trap of a key written below a sub-table's header.
    pub(super) fn unknown_keys(
        &self,
        parent: Option<(&str, &[&str])>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        for (key, _) in self.table.iter() {
            let name = key.get_ref().as_ref();
            if self.keys.contains(&name) {
                continue;
            }
            let diagnostic = Diagnostic::error(
                "unknown-key",
                format!("unknown key `{name}` {}", self.place()),
            )
            .at(self.file, key.span(), self.unknown_label());
            let hint = match parent {
                Some((owner, keys)) if keys.contains(&name) => format!(
                    "`{name}` is a key of {owner}, but every key written after a {} header lands in that table: move `{name}` above it",
                    self.name
                ),
                _ => match crate::suggest::closest(name, self.keys.iter().copied()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!("keys allowed {}: {}", self.place(), list(self.keys)),
                },
            };
            diagnostics.push(diagnostic.hint(hint));
        }
    }

    fn unknown_label(&self) -> String {
        if self.name.starts_with('[') {
            format!("not a key of {}", self.name)
        } else {
            "unknown key".to_string()
        }
    }

    /// A diagnostic for a required key that is not there.
    pub(super) fn missing(&self, key: &str, example: &str) -> Diagnostic {
        Diagnostic::error(
            "missing-key",
            format!("missing key `{key}` {}", self.place()),
        )
        .at(
            self.file,
            self.at.clone(),
            format!("this table has no `{key}`"),
        )
        .hint(format!("add `{key} = {example}`"))
    }

    /// The text of `key`, or `None` (reported) when it is not text.
    pub(super) fn string(
        &self,
        key: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<At<String>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::String(text) => Some(At {
                value: clean_line(text),
                span: value.span(),
            }),
            other => {
                diagnostics.push(self.wrong_type(key, value.span(), other, "text in quotes"));
                None
            }
        }
    }

    /// Like [`Table::string`], and reported when missing.
    pub(super) fn required_string(
        &self,
        key: &str,
        example: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<At<String>> {
        if self.get(key).is_none() {
            diagnostics.push(self.missing(key, example));
            return None;
        }
        self.string(key, diagnostics)
    }

    /// A number written as a whole number or a decimal (or, with `text_ok`, as text such as
    /// `"70%"` with an optional `%`), exactly; 0 or more.
    pub(super) fn number(
        &self,
        key: &str,
        text_ok: bool,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<At<Ratio>> {
        let value = self.get(key)?;
        let span = value.span();
        let (written, quoted) = match value.get_ref() {
            DeValue::Integer(n) if n.radix() == 10 => (n.as_str().to_string(), false),
            DeValue::Float(f) => (f.as_str().to_string(), false),
            DeValue::String(text) if text_ok => {
                let text = text.trim();
                (
                    text.strip_suffix('%').unwrap_or(text).trim().to_string(),
                    true,
                )
            }
            other => {
                diagnostics.push(self.wrong_type(key, span, other, "a number"));
                return None;
            }
        };
        let written = written.strip_prefix('+').unwrap_or(&written);
        if written.starts_with('-') {
            diagnostics.push(
                Diagnostic::error("invalid-value", format!("`{key}` cannot be negative")).at(
                    self.file,
                    span,
                    "a number, 0 or more",
                ),
            );
            return None;
        }
        match Ratio::parse_decimal(written) {
            Some(number) => Some(At {
                value: number,
                span,
            }),
            None => {
                let what = if quoted { "text" } else { "the number" };
                diagnostics.push(
                    Diagnostic::error(
                        "invalid-value",
                        format!("`{key}` should be a plain number, not {what} {written}"),
                    )
                    .at(
                        self.file,
                        span,
                        "expected a number such as `12` or `1.5`",
                    ),
                );
                None
            }
        }
    }

    /// A whole number, 0 or more.
    pub(super) fn whole(&self, key: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<At<u64>> {
        let value = self.get(key)?;
        let span = value.span();
        match value.get_ref() {
            DeValue::Integer(n) => {
                match u64::from_str_radix(&n.as_str().replace('_', ""), n.radix()) {
                    Ok(n) => Some(At { value: n, span }),
                    Err(_) => {
                        diagnostics.push(
                            Diagnostic::error(
                                "invalid-value",
                                format!("`{key}` should be a whole number, 0 or more"),
                            )
                            .at(
                                self.file,
                                span,
                                "expected a whole number, 0 or more",
                            ),
                        );
                        None
                    }
                }
            }
            other => {
                diagnostics.push(self.wrong_type(key, span, other, "a whole number"));
                None
            }
        }
    }

    /// A list of text values; each wrong item is reported and skipped.
    pub(super) fn strings(
        &self,
        key: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Vec<At<String>>> {
        let value = self.get(key)?;
        let DeValue::Array(items) = value.get_ref() else {
            let mut diagnostic =
                self.wrong_type(key, value.span(), value.get_ref(), "a list `[...]`");
            if value.get_ref().is_str() {
                diagnostic =
                    diagnostic.hint("write a list in brackets, even for one item: `[\"...\"]`");
            }
            diagnostics.push(diagnostic);
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(text) => out.push(At {
                    value: text.trim().to_string(),
                    span: item.span(),
                }),
                other => {
                    diagnostics.push(self.wrong_type(key, item.span(), other, "text in quotes"))
                }
            }
        }
        Some(out)
    }

    /// The sub-table at `key` (written `[a.b]` or inline `{ ... }`).
    pub(super) fn table(
        &self,
        key: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<(&'d DeTable<'a>, Range<usize>)> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Table(table) => Some((table, value.span())),
            other => {
                diagnostics.push(self.wrong_type(key, value.span(), other, "a table"));
                None
            }
        }
    }

    pub(super) fn wrong_type(
        &self,
        key: &str,
        span: Range<usize>,
        found: &DeValue<'_>,
        expected: &str,
    ) -> Diagnostic {
        let diagnostic = Diagnostic::error(
            "invalid-value",
            format!("`{key}` should be {expected}, not {}", describe(found)),
        )
        .at(self.file, span, format!("expected {expected}"));
        match (expected, found) {
            ("text in quotes", _) => diagnostic.hint("put the value in quotes"),
            ("a number" | "a whole number", DeValue::String(_)) => {
                diagnostic.hint("write the number without quotes")
            }
            _ => diagnostic,
        }
    }
}

/// How a diagnostic names a value that has the wrong type.
pub(super) fn describe(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(text) => format!("text {:?}", text.as_ref()),
        DeValue::Integer(n) => format!("the number {n}"),
        DeValue::Float(f) => format!("the number {f}"),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(d) => format!("the date {d}"),
        DeValue::Array(_) => "a list".into(),
        DeValue::Table(_) => "a table".into(),
    }
}

/// Text shown on one line of a map: control characters removed, line breaks made spaces.
pub(super) fn clean_line(text: &str) -> String {
    let text = crate::scenario::clean(text);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "`a`, `b`, `c`".
pub(super) fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
