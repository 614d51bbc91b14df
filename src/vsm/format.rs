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
//! [demand]                  # optional: for takt time
//! per_day = 460              # or per_month = 9200 with working_days = 20
//! shifts = 2
//! available = "7.5h"         # in one shift
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
//!
//! [[kaizen]]                 # a kaizen burst on the step it targets
//! step = "plan"
//! note = "plan every week"
//! ```

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, FileId, Sources};
use crate::toml_doc::{self, Doc, Format, lenient};

use super::calendar::Calendar;
use super::flow;
use super::format_factory::{read_demand, read_improves, read_kaizen};
use super::format_links::{flow_diagnostic, resolve};
use super::format_model::{self, CalendarTable, ConventionsTable, MapTable, QueueRule};
use super::format_steps::read_steps;
use super::format_values::{At, Source, clean_line};
use super::map::{CaRecordedOn, Conventions, Map, QueueRule as Rule, Step};
use super::ratio::Ratio;

/// Map files for the diagnostics of [`toml_doc`].
static MAP: Format = Format {
    tables: format_model::TABLE_KEYS,
    entries: "another step",
    headers_twice: &[],
    examples: &[],
    untagged: &[],
    range_hints: &[],
};

/// Reads the map in `file`. Every problem is appended to `diagnostics`; the map comes back
/// only when none of them is an error.
pub(crate) fn read(
    sources: &Sources,
    file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Map> {
    let mut found = Vec::new();
    let map = read_all(sources, file, &mut found);
    toml_doc::quiet_after_syntax(sources, &mut found);
    // Top to bottom, as an author fixes them.
    found.sort_by_key(|d| d.primary.as_ref().map_or(0, |l| l.location.span.start));
    let broken = found.iter().any(Diagnostic::is_error);
    diagnostics.extend(found);
    map.filter(|_| !broken)
}

fn read_all(sources: &Sources, file: FileId, diagnostics: &mut Vec<Diagnostic>) -> Option<Map> {
    let text = sources.text(file);
    let (table, _) = toml_doc::parse(&MAP, sources, file, diagnostics);
    let root = table.get_ref();
    let doc = Doc::new(&MAP, file, sources.name(file), text, root);
    let source = Source { file, text };
    // Each step is read on its own, so one bad step hides no other.
    let mut head = DeTable::new();
    for (key, value) in root.iter().filter(|(key, _)| key.get_ref() != "step") {
        head.insert(key.clone(), value.clone());
    }
    let head = Spanned::new(table.span(), DeValue::Table(head));
    let top = lenient::<MapTable>(&doc, &head, diagnostics)
        .map_or_else(MapTable::default, |(top, _)| top);
    let mut required = |key: &str, example: &str, value: Option<String>| {
        if value.is_none() && !root.contains_key(key) {
            diagnostics.push(doc.missing_top_key(key, example));
        }
        value.map(|v| clean_line(&v))
    };
    let id = required("id", "\"my-value-stream\"", top.id);
    let title = required("title", "\"...\"", top.title);
    let customer = top
        .customer
        .map_or_else(|| "Customer".to_string(), |c| clean_line(&c));
    let calendar = read_calendar(source, top.calendar, diagnostics);
    let demand = read_demand(&doc, source, top.demand, &calendar, diagnostics);
    let conventions = read_conventions(
        source,
        top.conventions,
        root.get("conventions"),
        demand.as_ref().map(|d| d.as_ref().map(|d| d.per_day)),
        diagnostics,
    );
    let improves = read_improves(file, top.improves, id.as_deref(), diagnostics);
    let drafts = read_steps(&doc, source, root.get("step"), &calendar, diagnostics);
    // Without steps (reported) there is no flow to judge.
    if drafts.is_empty() {
        return None;
    }
    let ids: Vec<&str> = drafts
        .iter()
        .map(|d| d.id.as_ref().map_or("", |id| id.value.as_str()))
        .collect();
    let kaizen = read_kaizen(&doc, file, top.kaizen, &ids, diagnostics);
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
            factory: draft.factory?,
            label,
        });
    }
    Some(Map {
        id: id?,
        title: title?,
        customer,
        improves: improves?,
        calendar,
        conventions: conventions?,
        demand: demand?,
        kaizen: kaizen?,
        steps,
        flow: segments,
    })
}

fn read_calendar(
    source: Source<'_>,
    calendar: Option<Spanned<CalendarTable>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Calendar {
    let default = Calendar::default();
    let Some(calendar) = calendar else {
        return default;
    };
    let at = calendar.span();
    let calendar = calendar.into_inner();
    let mut number = |key: &str, value: Option<Spanned<_>>| {
        value.and_then(|value: Spanned<_>| source.number(key, value.span(), None, diagnostics))
    };
    let hours = number("hours_per_day", calendar.hours_per_day);
    let days = number("days_per_week", calendar.days_per_week);
    let hours_value = hours.as_ref().map_or(default.hours_per_day(), |h| h.value);
    let days_value = days.as_ref().map_or(default.days_per_week(), |d| d.value);
    match Calendar::new(hours_value, days_value) {
        Ok(calendar) => calendar,
        Err(error) => {
            let span = match error {
                super::calendar::CalendarError::HoursPerDay => hours.map(|h| h.span),
                super::calendar::CalendarError::DaysPerWeek => days.map(|d| d.span),
            }
            .unwrap_or(at);
            diagnostics.push(
                Diagnostic::error("bad-calendar", error.to_string())
                    .at(source.file, span, "out of range")
                    .hint("a calendar of 8 h days and 5-day weeks is `hours_per_day = 8`, `days_per_week = 5`"),
            );
            default
        }
    }
}

/// The conventions, or `None` when they cannot be known (a value is wrong, and reported).
/// `raw` is the value as written: a key written there but not read had a wrong value.
fn read_conventions(
    source: Source<'_>,
    conventions: Option<Spanned<ConventionsTable>>,
    raw: Option<&Spanned<DeValue<'_>>>,
    from_demand: Option<Option<Ratio>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Conventions> {
    let table = raw.and_then(|value| value.get_ref().as_table());
    let written = |key: &str| table.is_some_and(|table| table.contains_key(key));
    let Some(conventions) = conventions else {
        return raw.is_none().then(Conventions::default);
    };
    let conventions = conventions.into_inner();
    if written("queues") && conventions.queues.is_none() {
        return None;
    }
    let demand = conventions
        .daily_demand
        .and_then(|d| source.number("daily_demand", d.span(), None, diagnostics));
    let queues = match conventions.queues {
        Some(queues) if *queues.get_ref() == QueueRule::Demand => match demand {
            Some(At { value, span }) if value.is_zero() => {
                diagnostics.push(
                    Diagnostic::error("invalid-value", "`daily_demand` must be more than 0").at(
                        source.file,
                        span,
                        "items the customer takes per working day",
                    ),
                );
                None
            }
            Some(demand) => Some(Rule::Demand {
                daily_demand: demand.value,
            }),
            None if written("daily_demand") => None,
            // `[demand]` says what the customer takes a day; a broken one is reported there.
            None if from_demand != Some(None) => from_demand
                .flatten()
                .map(|daily_demand| Rule::Demand { daily_demand }),
            None => {
                diagnostics.push(
                    Diagnostic::error(
                        "missing-demand",
                        "queues counted in days of demand need `daily_demand`",
                    )
                    .at(source.file, queues.span(), "converts queues using the daily demand")
                    .hint("add `daily_demand = <items the customer takes per working day>` to [conventions], or a `[demand]` table with `per_day`"),
                );
                None
            }
        },
        _ => {
            if let Some(demand) = demand {
                diagnostics.push(
                    Diagnostic::warning(
                        "unused-demand",
                        "`daily_demand` is not used when queues are inside the lead time",
                    )
                    .at(source.file, demand.span, "not used")
                    .hint("set `queues = \"demand\"` to add queue days to the lead time, or remove `daily_demand`"),
                );
            }
            Some(Rule::InLeadTime)
        }
    };
    let ca_recorded_on = match conventions.ca_recorded_on {
        Some(format_model::CaRecordedOn::Producing) => CaRecordedOn::Producing,
        Some(format_model::CaRecordedOn::Receiving) => CaRecordedOn::Receiving,
        None if written("ca_recorded_on") => return None,
        None => CaRecordedOn::Receiving,
    };
    Some(Conventions {
        queues: queues?,
        ca_recorded_on,
    })
}
