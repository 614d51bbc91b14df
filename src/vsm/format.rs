//! The map file format (`*.vsm.toml`), read into a checked [`Map`] with every problem reported.
//!
//! ```toml
//! id = "pet-clinic-current"
//! title = "Pet Clinic: current state"
//!
//! [calendar]                 # optional; 8 h days and 5-day weeks by default
//! hours_per_day = 8
//! days_per_week = 5
//!
//! [conventions]              # optional; these are the defaults
//! queues = "in-lead-time"    # or "demand", with daily_demand = <items a day>
//! ca_recorded_on = "receiving"
//!
//! [[step]]
//! id = "plan"
//! name = "Release planning"
//! owner = "PMO"
//! people = 3
//! lt = "3 weeks"
//! pt = "1h"
//! ca = 60
//! after = ["approve"]        # none: the step follows the customer
//! [step.queue]               # the queue in front of this step
//! name = "Backlog"
//! items = 120
//! ```

use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, FileId, Sources};

use super::calendar::Calendar;
use super::duration::{self, ACCEPTED, Duration, DurationError};
use super::flow::{self, FlowProblem};
use super::map::{CaRecordedOn, Conventions, Map, Queue, QueueRule, Step};
use super::ratio::Ratio;
use super::toml_read::{At, Table, closest, describe, list};

const TOP_KEYS: &[&str] = &["id", "title", "customer", "calendar", "conventions", "step"];
const CALENDAR_KEYS: &[&str] = &["hours_per_day", "days_per_week"];
const CONVENTION_KEYS: &[&str] = &["queues", "daily_demand", "ca_recorded_on"];
const STEP_KEYS: &[&str] = &[
    "id", "name", "owner", "people", "lt", "pt", "ca", "after", "queue",
];
const QUEUE_KEYS: &[&str] = &["name", "items"];

/// Reads the map in `file`. Every problem is appended to `diagnostics`; the map comes back
/// only when none of them is an error.
pub fn read(sources: &Sources, file: FileId, diagnostics: &mut Vec<Diagnostic>) -> Option<Map> {
    let mut found = Vec::new();
    let map = read_all(sources, file, &mut found);
    // Top to bottom, as an author fixes them.
    found.sort_by_key(|d| d.primary.as_ref().map_or(0, |l| l.location.span.start));
    let broken = found.iter().any(Diagnostic::is_error);
    diagnostics.extend(found);
    map.filter(|_| !broken)
}

fn read_all(sources: &Sources, file: FileId, diagnostics: &mut Vec<Diagnostic>) -> Option<Map> {
    let text = sources.text(file);
    let (root, errors) = DeTable::parse_recoverable(text);
    let mut lines = Vec::new();
    for error in &errors {
        let line = error.span().map(|s| sources.line_col(file, s.start).0);
        // One mistake often confuses the parser for the rest of its line: report it once.
        if !lines.contains(&line) {
            lines.push(line);
            diagnostics.push(syntax(file, text, error));
        }
    }
    let name = std::path::Path::new(sources.name(file))
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let top = Table {
        file,
        table: root.get_ref(),
        name: format!("the top level of {name}"),
        at: 0..0,
        keys: TOP_KEYS,
    };
    top.unknown_keys(None, diagnostics);
    let id = top.required_string("id", "\"my-value-stream\"", diagnostics);
    let title = top.required_string("title", "\"...\"", diagnostics);
    let customer = top
        .string("customer", diagnostics)
        .map_or_else(|| "Customer".to_string(), |c| c.value);
    let calendar = read_calendar(&top, diagnostics);
    let conventions = read_conventions(&top, diagnostics);
    let drafts = read_steps(&top, text, &calendar, diagnostics);
    let after = resolve(file, &drafts, diagnostics)?;
    let segments = match flow::analyse(&after) {
        Ok(segments) => segments,
        Err(problems) => {
            for problem in problems {
                diagnostics.push(flow_diagnostic(file, &drafts, &problem));
            }
            return None;
        }
    };
    let labels = flow::labels(&segments, drafts.len());
    let mut steps = Vec::new();
    for ((draft, after), label) in drafts.into_iter().zip(after).zip(labels) {
        steps.push(Step {
            id: draft.id?.value,
            name: draft.name?,
            owner: draft.owner,
            people: draft.people,
            lt: draft.lt?.value,
            pt: draft.pt?.value,
            ca: draft.ca?,
            after,
            queue: draft.queue,
            label,
        });
    }
    Some(Map {
        id: id?.value,
        title: title?.value,
        customer,
        calendar,
        conventions: conventions?,
        steps,
        flow: segments,
    })
}

/// A TOML syntax error as a diagnostic: what the parser found, and what it expected.
fn syntax(file: FileId, text: &str, error: &toml::de::Error) -> Diagnostic {
    let span = error.span().unwrap_or(text.len()..text.len());
    let message = error.message().trim_end_matches('\n');
    let (what, expected) = match message.split_once(", expected ") {
        Some((what, expected)) => (what, Some(expected)),
        None => (message, None),
    };
    let label = expected.map_or_else(|| "here".to_string(), |e| format!("expected {e}"));
    if what.starts_with("string values must be quoted") {
        return Diagnostic::error("toml-syntax", what)
            .at(file, span, "text needs quotes")
            .hint("put text in quotes, durations too: `lt = \"2 days\"`");
    }
    let diagnostic = Diagnostic::error("toml-syntax", what).at(file, span, label);
    if what == "duplicate key" {
        diagnostic.hint("a key appears once per table; start a new `[[step]]` for another step")
    } else {
        diagnostic
    }
}

fn read_calendar(top: &Table<'_, '_>, diagnostics: &mut Vec<Diagnostic>) -> Calendar {
    let Some((table, span)) = top.table("calendar", diagnostics) else {
        return Calendar::default();
    };
    let table = Table {
        file: top.file,
        table,
        name: "[calendar]".into(),
        at: span,
        keys: CALENDAR_KEYS,
    };
    table.unknown_keys(None, diagnostics);
    let default = Calendar::default();
    let hours = table.number("hours_per_day", false, diagnostics);
    let days = table.number("days_per_week", false, diagnostics);
    let hours_value = hours.as_ref().map_or(default.hours_per_day(), |h| h.value);
    let days_value = days.as_ref().map_or(default.days_per_week(), |d| d.value);
    match Calendar::new(hours_value, days_value) {
        Ok(calendar) => calendar,
        Err(error) => {
            let span = match error {
                super::calendar::CalendarError::HoursPerDay => hours.map(|h| h.span),
                super::calendar::CalendarError::DaysPerWeek => days.map(|d| d.span),
            }
            .unwrap_or(table.at.clone());
            diagnostics.push(
                Diagnostic::error("bad-calendar", error.to_string())
                    .at(top.file, span, "out of range")
                    .hint("a calendar of 8 h days and 5-day weeks is `hours_per_day = 8`, `days_per_week = 5`"),
            );
            default
        }
    }
}

/// The conventions, or `None` (reported) when they cannot be known.
fn read_conventions(top: &Table<'_, '_>, diagnostics: &mut Vec<Diagnostic>) -> Option<Conventions> {
    let Some((table, span)) = top.table("conventions", diagnostics) else {
        return top.get("conventions").is_none().then(Conventions::default);
    };
    let table = Table {
        file: top.file,
        table,
        name: "[conventions]".into(),
        at: span,
        keys: CONVENTION_KEYS,
    };
    table.unknown_keys(None, diagnostics);
    let queues = choice(&table, "queues", &["in-lead-time", "demand"], diagnostics);
    let ca = choice(
        &table,
        "ca_recorded_on",
        &["receiving", "producing"],
        diagnostics,
    );
    let demand = table.number("daily_demand", false, diagnostics);
    let queues = match (queues, demand) {
        (Err(()), _) => None,
        (Ok(Some(At { value, span })), demand) if value == "demand" => {
            match demand {
                Some(At { value, span }) if value.is_zero() => {
                    diagnostics.push(
                        Diagnostic::error("invalid-value", "`daily_demand` must be more than 0")
                            .at(top.file, span, "items the customer takes per working day"),
                    );
                    None
                }
                Some(demand) => Some(QueueRule::Demand {
                    daily_demand: demand.value,
                }),
                None if table.get("daily_demand").is_some() => None,
                None => {
                    diagnostics.push(
                    Diagnostic::error(
                        "missing-demand",
                        "queues counted in days of demand need `daily_demand`",
                    )
                    .at(top.file, span, "converts queues using the daily demand")
                    .hint("add `daily_demand = <items the customer takes per working day>` to [conventions]"),
                );
                    None
                }
            }
        }
        (Ok(_), demand) => {
            if let Some(demand) = demand {
                diagnostics.push(
                    Diagnostic::warning(
                        "unused-demand",
                        "`daily_demand` is not used when queues are inside the lead time",
                    )
                    .at(top.file, demand.span, "not used")
                    .hint("set `queues = \"demand\"` to add queue days to the lead time, or remove `daily_demand`"),
                );
            }
            Some(QueueRule::InLeadTime)
        }
    };
    let ca_recorded_on = match ca {
        Ok(Some(At { value, .. })) if value == "producing" => CaRecordedOn::Producing,
        Ok(_) => CaRecordedOn::Receiving,
        Err(()) => return None,
    };
    Some(Conventions {
        queues: queues?,
        ca_recorded_on,
    })
}

/// One of `choices`, `Ok(None)` when absent, `Err` (reported) when wrong.
fn choice(
    table: &Table<'_, '_>,
    key: &str,
    choices: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<At<String>>, ()> {
    if table.get(key).is_none() {
        return Ok(None);
    }
    let value = table.string(key, diagnostics).ok_or(())?;
    if choices.contains(&value.value.as_str()) {
        return Ok(Some(value));
    }
    diagnostics.push(
        Diagnostic::error(
            "invalid-value",
            format!("`{}` is not a valid `{key}`", value.value),
        )
        .at(table.file, value.span, "unknown value")
        .hint(format!("`{key}` is one of {}", list(choices))),
    );
    Err(())
}

/// A step as written, before links are resolved; a field is `None` when it was missing or
/// wrong (and reported).
struct Draft {
    header: Range<usize>,
    id: Option<At<String>>,
    name: Option<String>,
    owner: String,
    people: Option<u32>,
    lt: Option<At<Duration>>,
    pt: Option<At<Duration>>,
    ca: Option<Ratio>,
    after: Vec<At<String>>,
    after_span: Option<Range<usize>>,
    queue: Option<Queue>,
}

fn read_steps(
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

/// Each step's predecessors as indices, or `None` when ids are missing, repeated or unknown
/// (each reported), since the flow cannot be judged then.
fn resolve(
    file: FileId,
    drafts: &[Draft],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<Vec<usize>>> {
    let mut ok = drafts.iter().all(|d| d.id.is_some());
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, draft) in drafts.iter().enumerate() {
        let Some(id) = &draft.id else { continue };
        if let Some(&first) = index.get(id.value.as_str()) {
            let first_span = drafts[first].id.as_ref().map_or(0..0, |f| f.span.clone());
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-step",
                    format!("two steps have the id `{}`", id.value),
                )
                .at(file, id.span.clone(), "used again here")
                .also(file, first_span, "first used here")
                .hint("give each step its own id"),
            );
            ok = false;
        } else {
            index.insert(&id.value, i);
        }
    }
    let ids: Vec<&str> = drafts
        .iter()
        .filter_map(|d| d.id.as_ref().map(|i| i.value.as_str()))
        .collect();
    let mut links = Vec::new();
    for draft in drafts {
        let mut before = Vec::new();
        for name in &draft.after {
            match index.get(name.value.as_str()) {
                Some(&i) => before.push(i),
                None => {
                    let hint = match closest(&name.value, &ids) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => format!("steps in this map: {}", list(&ids)),
                    };
                    diagnostics.push(
                        Diagnostic::error(
                            "unknown-step",
                            format!(
                                "`after` names `{}`, which is not a step of this map",
                                name.value
                            ),
                        )
                        .at(file, name.span.clone(), "no step has this id")
                        .hint(hint),
                    );
                    ok = false;
                }
            }
        }
        links.push(before);
    }
    ok.then_some(links)
}

fn flow_diagnostic(file: FileId, drafts: &[Draft], problem: &FlowProblem) -> Diagnostic {
    let id = |i: usize| {
        drafts
            .get(i)
            .and_then(|d| d.id.as_ref())
            .map_or("?", |id| id.value.as_str())
    };
    let id_span = |i: usize| {
        drafts.get(i).map_or(0..0, |d| {
            d.id.as_ref().map_or(d.header.clone(), |id| id.span.clone())
        })
    };
    // Where step `i` names step `before` in its `after` list.
    let link = |i: usize, before: usize| {
        drafts.get(i).map_or(0..0, |d| {
            d.after.iter().find(|a| a.value == id(before)).map_or_else(
                || d.after_span.clone().unwrap_or(d.header.clone()),
                |a| a.span.clone(),
            )
        })
    };
    match problem {
        FlowProblem::Cycle { steps } => {
            let first = steps[0];
            let last = steps[steps.len() - 1];
            let mut circle: Vec<&str> = steps.iter().map(|&s| id(s)).collect();
            circle.push(id(first));
            let mut diagnostic = Diagnostic::error(
                "flow-cycle",
                format!("the flow goes round in a circle: {}", circle.join(" → ")),
            )
            .at(
                file,
                link(first, last),
                format!("`{}` follows `{}`", id(first), id(last)),
            );
            for pair in steps.windows(2) {
                diagnostic = diagnostic.also(
                    file,
                    link(pair[1], pair[0]),
                    format!("`{}` follows `{}`", id(pair[1]), id(pair[0])),
                );
            }
            diagnostic.hint("a value stream runs one way, from request to delivery; work sent back shows in %C/A, not as a link back")
        }
        FlowProblem::SeveralEnds { ends, split } => {
            let names: Vec<String> = ends.iter().map(|&e| format!("\"{}\"", id(e))).collect();
            let mut diagnostic = Diagnostic::error(
                "never-joins",
                format!(
                    "the flow splits and never joins again: {} steps deliver to the customer",
                    ends.len()
                ),
            );
            diagnostic = match split {
                Some(split) => {
                    diagnostic.at(file, id_span(*split), "the flow splits after this step")
                }
                None => diagnostic.at(file, id_span(ends[0]), "delivers to the customer"),
            };
            for &end in ends.iter().skip(usize::from(split.is_none())) {
                diagnostic = diagnostic.also(file, id_span(end), "delivers to the customer");
            }
            diagnostic.hint(format!(
                "parallel branches meet again before the customer: the step where they join lists the last step of each, `after = [{}]`",
                names.join(", ")
            ))
        }
        FlowProblem::Crossing { step } => {
            let span = drafts
                .get(*step)
                .and_then(|d| d.after_span.clone())
                .unwrap_or_else(|| id_span(*step));
            Diagnostic::error(
                "crossing-branches",
                format!("branches cross at `{}`: it follows steps of branches that have not joined", id(*step)),
            )
            .at(file, span, "follows steps on different branches")
            .hint("parallel branches leave one step together and all meet at one step; make each step follow steps of its own branch, or the step where all branches join")
        }
    }
}
