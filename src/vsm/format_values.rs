//! The figures of a map file judged once read: exact numbers from how they are written,
//! durations on the map's calendar, %C/A as a percentage; every problem reported where it is.

use std::ops::Range;

use toml::Spanned;

use crate::diagnostic::{Diagnostic, FileId};

use super::calendar::Calendar;
use super::duration::{self, ACCEPTED, Duration, DurationError};
use super::format_model::{DurationText, Percentage, Written};
use super::ratio::Ratio;

/// A value and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct At<T> {
    pub value: T,
    pub span: Range<usize>,
}

/// Where figures are written: the file, for diagnostics, and its text, to read numbers exactly
/// as written.
#[derive(Clone, Copy)]
pub(super) struct Source<'a> {
    pub file: FileId,
    pub text: &'a str,
}

impl Source<'_> {
    /// The number written at `span` (or given as `text`, such as `"70%"`, with an optional
    /// `%`), exactly; 0 or more, else `None` (reported).
    pub(super) fn number(
        &self,
        key: &str,
        span: Range<usize>,
        text: Option<&str>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<At<Ratio>> {
        let written = match text {
            Some(text) => text.trim().strip_suffix('%').unwrap_or(text.trim()).trim(),
            None => self.text.get(span.clone()).unwrap_or_default(),
        };
        let written = written.strip_prefix('+').unwrap_or(written);
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
                let what = if text.is_some() { "text" } else { "the number" };
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

    /// The duration `key` (`lt` or `pt`) on `calendar`, or `None` (reported).
    pub(super) fn duration(
        &self,
        key: &str,
        value: &Spanned<DurationText>,
        calendar: &Calendar,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<At<Duration>> {
        let example = duration_example(key);
        let span = value.span();
        let written = match &value.get_ref().0 {
            Written::Text(written) => written,
            Written::Number => {
                let number = self.text.get(span.clone()).unwrap_or_default();
                let mut diagnostic = Diagnostic::error(
                    "invalid-value",
                    format!(
                        "`{key}` should be a duration in quotes, such as {example}, not the number {number}"
                    ),
                )
                .at(self.file, span, "expected a duration in quotes");
                if !number.contains(['.', 'e', 'E', 'n']) {
                    diagnostic = diagnostic.hint(format!(
                        "a duration needs a unit: `{key} = \"{number} days\"` or `{key} = \"{number}h\"`"
                    ));
                }
                diagnostics.push(diagnostic);
                return None;
            }
        };
        let error = match duration::parse(written, calendar) {
            Ok(duration) => {
                return Some(At {
                    value: duration,
                    span,
                });
            }
            Err(error) => error,
        };
        // Point inside the quotes when the text is written as is (no escapes).
        let inner = self
            .text
            .get(span.clone())
            .filter(|raw| raw.len() == written.len() + 2)
            .and_then(|_| error.at())
            .map_or(span.clone(), |at| {
                span.start + 1 + at.start..span.start + 1 + at.end
            });
        let (message, label, hint) = match &error {
            DurationError::UnknownUnit { unit, .. } => (
                format!("unknown unit `{unit}` in `{key}`"),
                "not a unit",
                format!("use {ACCEPTED}"),
            ),
            DurationError::NotANumber { found, .. } => (
                format!("`{found}` is not a number in `{key}`"),
                "expected a number",
                format!("write a number, then a unit: {example}"),
            ),
            DurationError::MissingUnit { number, .. } => (
                format!("`{number}` has no unit in `{key}`"),
                "add a unit after the number",
                format!("use {ACCEPTED}"),
            ),
            DurationError::Negative { .. } => (
                format!("`{key}` cannot be negative"),
                "negative",
                "a duration is 0 or more".to_string(),
            ),
            DurationError::Empty => (
                format!("`{key}` is empty"),
                "no duration",
                format!("write a number, then a unit: {example}"),
            ),
        };
        diagnostics.push(
            Diagnostic::error("bad-duration", message)
                .at(self.file, inner, label)
                .hint(hint),
        );
        None
    }

    /// %C/A as a fraction of one, from a percentage written `70`, `72.5` or `"70%"`.
    pub(super) fn percent(
        &self,
        ca: &Spanned<Percentage>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Ratio> {
        let text = match &ca.get_ref().0 {
            Written::Text(text) => Some(text.as_str()),
            Written::Number => None,
        };
        let ca = self.number("ca", ca.span(), text, diagnostics)?;
        let hundred = Ratio::whole(100);
        if ca.value > hundred {
            diagnostics.push(
                Diagnostic::error(
                    "ca-out-of-range",
                    format!(
                        "%C/A is a percentage from 0 to 100, not {}",
                        ca.value.decimal(4)
                    ),
                )
                .at(self.file, ca.span, "more than 100%")
                .hint(
                    "%C/A is the share of work this step can use as it arrives: `ca = 80` for 80%",
                ),
            );
            return None;
        }
        if !ca.value.is_zero() && ca.value < Ratio::ONE {
            diagnostics.push(
                Diagnostic::warning(
                    "ca-looks-like-fraction",
                    format!(
                        "`ca = {}` means {}%, under one percent",
                        ca.value.decimal(4),
                        ca.value.decimal(4)
                    ),
                )
                .at(self.file, ca.span.clone(), "read as a percentage")
                .hint(format!(
                    "%C/A is written as a percentage: for {}% write `ca = {}`",
                    ca.value.mul(hundred).decimal(2),
                    ca.value.mul(hundred).decimal(2)
                )),
            );
        }
        ca.value.div(hundred)
    }
}

/// How the hint on a missing or wrong duration writes one.
pub(super) fn duration_example(key: &str) -> &'static str {
    match key {
        "lt" => "\"2 days\"",
        "ct" => "\"62 s\"",
        "co" => "\"10 min\"",
        "available" => "\"7.5h\"",
        _ => "\"4h\"",
    }
}

/// Text shown on one line of a map: control characters removed, line breaks made spaces.
pub(super) fn clean_line(text: &str) -> String {
    let text = crate::scenario::clean(text);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "`a`, `b`, `c`".
pub(super) fn list(items: &[&str]) -> String {
    // A hint lists a map's steps for every unknown one: a hostile map with thousands of each
    // would build gigabytes of hints.
    const MOST_LISTED: usize = 12;
    let shown = items
        .iter()
        .take(MOST_LISTED)
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match items.len().checked_sub(MOST_LISTED) {
        Some(more) if more > 0 => format!("{shown} and {more} more"),
        _ => shown,
    }
}
