//! Reading one `[[step]]` of a map file: its figures (durations on the map's calendar, a
//! percentage for %C/A), its links and the queue in front of it, every problem reported.

use std::ops::Range;

use toml::de::DeValue;

use crate::diagnostic::{Diagnostic, FileId};

use super::calendar::Calendar;
use super::duration::{self, ACCEPTED, Duration, DurationError};
use super::map::Queue;
use super::ratio::Ratio;
use super::toml_read::{At, Table, describe};

pub(super) const STEP_KEYS: &[&str] = &[
    "id", "name", "owner", "people", "lt", "pt", "ca", "after", "queue",
];
pub(super) const QUEUE_KEYS: &[&str] = &["name", "items"];

/// A step as written, before links are resolved; a field is `None` when it was missing or
/// wrong (and reported).
pub(super) struct Draft {
    pub header: Range<usize>,
    pub id: Option<At<String>>,
    pub name: Option<String>,
    pub owner: String,
    pub people: Option<u32>,
    pub lt: Option<At<Duration>>,
    pub pt: Option<At<Duration>>,
    pub ca: Option<Ratio>,
    pub after: Vec<At<String>>,
    pub after_span: Option<Range<usize>>,
    pub queue: Option<Queue>,
}

pub(super) fn read_steps(
    top: &Table<'_, '_>,
    text: &str,
    calendar: &Calendar,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Draft> {
    let Some(value) = top.get("step") else {
        diagnostics.push(no_steps(top.file, 0..0));
        return Vec::new();
    };
    let items = match value.get_ref() {
        DeValue::Array(items) => items,
        DeValue::Table(_) => {
            diagnostics.push(
                Diagnostic::error(
                    "invalid-value",
                    "steps are written `[[step]]`, with two brackets",
                )
                .at(
                    top.file,
                    value.span(),
                    "one pair of brackets makes a single table",
                )
                .hint("start every step with its own `[[step]]` header"),
            );
            return Vec::new();
        }
        other => {
            diagnostics.push(top.wrong_type("step", value.span(), other, "`[[step]]` tables"));
            return Vec::new();
        }
    };
    if items.is_empty() {
        diagnostics.push(no_steps(top.file, value.span()));
    }
    let mut drafts = Vec::new();
    for item in items.iter() {
        match item.get_ref() {
            DeValue::Table(table) => {
                let table = Table {
                    file: top.file,
                    table,
                    name: "[[step]]".into(),
                    at: item.span(),
                    keys: STEP_KEYS,
                };
                drafts.push(read_step(&table, text, calendar, diagnostics));
            }
            other => diagnostics.push(top.wrong_type("step", item.span(), other, "a table")),
        }
    }
    drafts
}

fn no_steps(file: FileId, span: Range<usize>) -> Diagnostic {
    Diagnostic::error("no-steps", "this map has no steps")
        .at(file, span, "a value stream needs at least one step")
        .hint("add a `[[step]]` table for each step, with `id`, `name`, `lt`, `pt` and `ca`")
}

fn read_step(
    table: &Table<'_, '_>,
    text: &str,
    calendar: &Calendar,
    diagnostics: &mut Vec<Diagnostic>,
) -> Draft {
    let before = diagnostics.len();
    let draft = read_step_keys(table, text, calendar, diagnostics);
    // A step key written below `[step.queue]` is reported there, with the TOML trap
    // explained; saying the step misses it too would be the same mistake twice.
    let trapped: Vec<String> = table
        .get("queue")
        .and_then(|q| q.get_ref().as_table())
        .map(|q| {
            q.iter()
                .map(|(k, _)| k.get_ref().to_string())
                .filter(|k| STEP_KEYS.contains(&k.as_str()) && !QUEUE_KEYS.contains(&k.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let mut index = 0;
    diagnostics.retain(|d| {
        index += 1;
        index <= before
            || !(d.code == "missing-key"
                && trapped
                    .iter()
                    .any(|k| d.message.starts_with(&format!("missing key `{k}`"))))
    });
    draft
}

fn read_step_keys(
    table: &Table<'_, '_>,
    text: &str,
    calendar: &Calendar,
    diagnostics: &mut Vec<Diagnostic>,
) -> Draft {
    table.unknown_keys(None, diagnostics);
    let id = table
        .required_string("id", "\"<step id>\"", diagnostics)
        .filter(|id| valid_id(table.file, id, diagnostics));
    let name = table
        .required_string("name", "\"<what the step is called>\"", diagnostics)
        .map(|n| n.value);
    let owner = table
        .string("owner", diagnostics)
        .map_or_else(String::new, |o| o.value);
    let people = table.whole("people", diagnostics).and_then(|p| {
        let people = u32::try_from(p.value).ok();
        if people.is_none() {
            diagnostics.push(
                Diagnostic::error("invalid-value", "`people` is too large").at(
                    table.file,
                    p.span,
                    "too many people",
                ),
            );
        }
        people
    });
    let lt = duration_key(table, text, "lt", calendar, diagnostics);
    let pt = duration_key(table, text, "pt", calendar, diagnostics);
    if let (Some(lt), Some(pt)) = (&lt, &pt) {
        if lt.value.is_zero() {
            diagnostics.push(
                Diagnostic::error("zero-lead-time", "the lead time of a step cannot be zero")
                    .at(table.file, lt.span.clone(), "zero")
                    .hint("LT runs from leaving the previous step until leaving this one; even an automated step takes some minutes"),
            );
        } else if pt.value > lt.value {
            diagnostics.push(
                Diagnostic::error(
                    "pt-over-lt",
                    format!(
                        "process time {} is longer than lead time {}",
                        pt.value.natural(calendar),
                        lt.value.natural(calendar)
                    ),
                )
                .at(table.file, pt.span.clone(), "process time")
                .also(table.file, lt.span.clone(), "lead time")
                .hint("PT is the part of LT someone works on the item, so it cannot be longer; check the units (`h` hours, `d` days)"),
            );
        }
    }
    let ca = read_ca(table, diagnostics);
    let after_span = table.get("after").map(|a| a.span());
    let after = table.strings("after", diagnostics).unwrap_or_default();
    let queue = read_queue(table, diagnostics);
    Draft {
        header: table.at.clone(),
        id,
        name,
        owner,
        people,
        lt,
        pt,
        ca,
        after,
        after_span,
        queue,
    }
}

/// Step ids are names in expressions (`step.plan.lead_time_hours`): letters, digits, `-`, `_`.
fn valid_id(file: FileId, id: &At<String>, diagnostics: &mut Vec<Diagnostic>) -> bool {
    let ok = !id.value.is_empty()
        && id
            .value
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if !ok {
        diagnostics.push(
            Diagnostic::error("bad-id", format!("`{}` is not a valid step id", id.value))
                .at(file, id.span.clone(), "letters, digits, `-` and `_` only")
                .hint("use a short name such as `design-approval`; the full name goes in `name`"),
        );
    }
    ok
}

fn duration_key(
    table: &Table<'_, '_>,
    text: &str,
    key: &str,
    calendar: &Calendar,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<At<Duration>> {
    let example = if key == "lt" { "\"2 days\"" } else { "\"4h\"" };
    let Some(value) = table.get(key) else {
        diagnostics.push(table.missing(key, example));
        return None;
    };
    let span = value.span();
    let written = match value.get_ref() {
        DeValue::String(written) => written,
        other => {
            let mut diagnostic = Diagnostic::error(
                "invalid-value",
                format!(
                    "`{key}` should be a duration in quotes, such as {example}, not {}",
                    describe(other)
                ),
            )
            .at(table.file, span, "expected a duration in quotes");
            if let DeValue::Integer(n) = other {
                diagnostic = diagnostic.hint(format!(
                    "a duration needs a unit: `{key} = \"{n} days\"` or `{key} = \"{n}h\"`"
                ));
            }
            diagnostics.push(diagnostic);
            return None;
        }
    };
    match duration::parse(written, calendar) {
        Ok(duration) => Some(At {
            value: duration,
            span,
        }),
        Err(error) => {
            // Point inside the quotes when the text is written as is (no escapes).
            let inner = text
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
                    .at(table.file, inner, label)
                    .hint(hint),
            );
            None
        }
    }
}

/// %C/A as a fraction of one, from a percentage written `70`, `72.5` or `"70%"`.
fn read_ca(table: &Table<'_, '_>, diagnostics: &mut Vec<Diagnostic>) -> Option<Ratio> {
    if table.get("ca").is_none() {
        diagnostics.push(table.missing("ca", "80"));
        return None;
    }
    let ca = table.number("ca", true, diagnostics)?;
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
            .at(table.file, ca.span, "more than 100%")
            .hint("%C/A is the share of work this step can use as it arrives: `ca = 80` for 80%"),
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
            .at(table.file, ca.span.clone(), "read as a percentage")
            .hint(format!(
                "%C/A is written as a percentage: for {}% write `ca = {}`",
                ca.value.mul(hundred).decimal(2),
                ca.value.mul(hundred).decimal(2)
            )),
        );
    }
    ca.value.div(hundred)
}

fn read_queue(table: &Table<'_, '_>, diagnostics: &mut Vec<Diagnostic>) -> Option<Queue> {
    let (inner, span) = table.table("queue", diagnostics)?;
    let queue = Table {
        file: table.file,
        table: inner,
        name: "[step.queue]".into(),
        at: span,
        keys: QUEUE_KEYS,
    };
    queue.unknown_keys(Some(("[[step]]", STEP_KEYS)), diagnostics);
    let name = queue
        .string("name", diagnostics)
        .map_or_else(|| "Queue".to_string(), |n| n.value);
    let Some(items) = queue.whole("items", diagnostics) else {
        if queue.get("items").is_none() {
            diagnostics.push(queue.missing("items", "20"));
        }
        return None;
    };
    Some(Queue {
        name,
        items: items.value,
    })
}
