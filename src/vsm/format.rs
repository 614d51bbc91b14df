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

use toml::de::DeTable;

use crate::diagnostic::{Diagnostic, FileId, Sources};

use super::calendar::Calendar;
use super::flow;
use super::format_links::{flow_diagnostic, resolve};
use super::format_steps::read_steps;
use super::map::{CaRecordedOn, Conventions, Map, QueueRule, Step};
use super::toml_read::{At, Table, list};

pub(super) const TOP_KEYS: &[&str] =
    &["id", "title", "customer", "calendar", "conventions", "step"];
pub(super) const CALENDAR_KEYS: &[&str] = &["hours_per_day", "days_per_week"];
pub(super) const CONVENTION_KEYS: &[&str] = &["queues", "daily_demand", "ca_recorded_on"];

/// Reads the map in `file`. Every problem is appended to `diagnostics`; the map comes back
/// only when none of them is an error.
pub(crate) fn read(
    sources: &Sources,
    file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Map> {
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
    let mut lines = std::collections::HashSet::new();
    for error in &errors {
        let line = error.span().map(|s| sources.line_col(file, s.start).0);
        // One mistake often confuses the parser for the rest of its line: report it once.
        if lines.insert(line) {
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
