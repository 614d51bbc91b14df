//! The factory data and future-state keys of a map file, judged once read: `[demand]` (the
//! customer's demand and the shifts that meet it), a step's C/T, C/O, uptime and shifts,
//! `improves` and `[[kaizen]]` bursts. Every problem is reported where it is written.

use std::ops::Range;

use toml::Spanned;

use crate::diagnostic::{Diagnostic, FileId};
use crate::suggest::Suggester;
use crate::toml_doc::Doc;

use super::calendar::{Calendar, Unit};
use super::duration::Duration;
use super::format_model::{Decimal, DemandTable, DurationText, KaizenTable, Percentage, Written};
use super::format_values::{At, Source, clean_line, list};
use super::map::{Demand, Factory, Improves, Kaizen};
use super::ratio::Ratio;

/// A step's factory keys as written.
pub(super) struct FactoryKeys {
    pub ct: Option<Spanned<DurationText>>,
    pub co: Option<Spanned<DurationText>>,
    pub uptime: Option<Spanned<Percentage>>,
    pub shifts: Option<Spanned<u32>>,
    pub available: Option<Spanned<DurationText>>,
}

/// The step's factory data, or `None` when a figure is wrong (reported).
pub(super) fn read_factory(
    source: Source<'_>,
    keys: FactoryKeys,
    calendar: &Calendar,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Factory> {
    let mut ok = true;
    let mut duration = |key: &str, value: Option<Spanned<DurationText>>| match value {
        Some(value) => {
            let read = source.duration(key, &value, calendar, diagnostics);
            ok &= read.is_some();
            read
        }
        None => None,
    };
    let ct = duration("ct", keys.ct);
    let co = duration("co", keys.co);
    let available = duration("available", keys.available);
    let uptime = keys.uptime.map(|u| uptime(source, &u, diagnostics));
    let shifts = keys.shifts.map(|s| shifts(source.file, &s, diagnostics));
    let available = available.filter(|a| positive(source.file, "available", a, diagnostics));
    let factory = Factory {
        ct: ct.map(|c| c.value),
        co: co.map(|c| c.value),
        uptime: match uptime {
            Some(Some(uptime)) => Some(uptime),
            Some(None) => return None,
            None => None,
        },
        shifts: match shifts {
            Some(Some(shifts)) => Some(shifts),
            Some(None) => return None,
            None => None,
        },
        available: available.map(|a| a.value),
    };
    ok.then_some(factory)
}

/// Uptime as a fraction of one, from a percentage written `85` or `"85%"`.
fn uptime(
    source: Source<'_>,
    value: &Spanned<Percentage>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Ratio> {
    let text = match &value.get_ref().0 {
        Written::Text(text) => Some(text.as_str()),
        Written::Number => None,
    };
    let at = source.number("uptime", value.span(), text, diagnostics)?;
    let hundred = Ratio::whole(100);
    if at.value > hundred {
        diagnostics.push(
            Diagnostic::error(
                "invalid-value",
                format!(
                    "uptime is a percentage from 0 to 100, not {}",
                    at.value.decimal(4)
                ),
            )
            .at(source.file, at.span, "more than 100%")
            .hint("uptime is the share of available time the step can run: `uptime = 85` for 85%"),
        );
        return None;
    }
    at.value.div(hundred)
}

fn shifts(file: FileId, value: &Spanned<u32>, diagnostics: &mut Vec<Diagnostic>) -> Option<u32> {
    let shifts = *value.get_ref();
    if shifts == 0 {
        diagnostics.push(
            Diagnostic::error("invalid-value", "`shifts` must be at least 1")
                .at(file, value.span(), "no shift")
                .hint("the shifts worked in a day: `shifts = 2`"),
        );
        return None;
    }
    Some(shifts)
}

/// Whether an available time is more than zero (else reported).
fn positive(
    file: FileId,
    key: &str,
    value: &At<Duration>,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    if value.value.is_zero() {
        diagnostics.push(
            Diagnostic::error("invalid-value", format!("`{key}` must be more than 0"))
                .at(file, value.span.clone(), "no working time")
                .hint("the working time of one shift, breaks taken out: `available = \"7.5h\"`"),
        );
    }
    !value.value.is_zero()
}

/// `[demand]`: `Some(None)` when the map has none, `None` when it is wrong (reported).
pub(super) fn read_demand(
    doc: &Doc<'_>,
    source: Source<'_>,
    demand: Option<Spanned<DemandTable>>,
    calendar: &Calendar,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Option<Demand>> {
    let Some(demand) = demand else {
        return Some(None);
    };
    let span = demand.span();
    let demand = demand.into_inner();
    let file = source.file;
    let mut number = |key: &str, value: Option<Spanned<Decimal>>| {
        let value = value?;
        let at = source.number(key, value.span(), None, diagnostics);
        match at {
            Some(at) if at.value.is_zero() => {
                diagnostics.push(
                    Diagnostic::error("invalid-value", format!("`{key}` must be more than 0"))
                        .at(file, at.span, "zero"),
                );
                Some(None)
            }
            at => Some(at),
        }
    };
    let per_day = number("per_day", demand.per_day);
    let per_month = number("per_month", demand.per_month);
    let working_days = number("working_days", demand.working_days);
    let shifts = demand.shifts.map(|s| shifts(file, &s, diagnostics));
    let available = demand
        .available
        .map(|a| source.duration("available", &a, calendar, diagnostics))
        .map(|a| a.filter(|a| positive(file, "available", a, diagnostics)));
    let daily =
        match (per_day, per_month, working_days) {
            (Some(day), Some(month), _) => {
                let (day_span, month_span) = (spot(&day), spot(&month));
                diagnostics.push(
                    Diagnostic::error(
                        "invalid-value",
                        "give the demand `per_day` or `per_month`, not both",
                    )
                    .at(file, month_span, "a second demand")
                    .also(file, day_span, "the first")
                    .hint("keep one: `per_month` with `working_days`, or `per_day`"),
                );
                None
            }
            (Some(day), None, Some(days)) => {
                diagnostics.push(
                    Diagnostic::warning(
                        "unused-demand",
                        "`working_days` is not used with a demand `per_day`",
                    )
                    .at(file, spot(&days), "not used")
                    .hint("`working_days` turns a demand `per_month` into one a day"),
                );
                day.map(|d| (d.value, None))
            }
            (Some(day), None, None) => day.map(|d| (d.value, None)),
            (None, Some(month), Some(days)) => match (month, days) {
                (Some(month), Some(days)) => month
                    .value
                    .div(days.value)
                    .map(|daily| (daily, Some((month.value, days.value)))),
                _ => None,
            },
            (None, Some(month), None) => {
                if month.is_some() {
                    diagnostics.push(doc.missing_key("working_days", "20", span.clone()));
                }
                None
            }
            (None, None, _) => {
                diagnostics.push(doc.missing_key("per_day", "460", span.clone()).hint(
                    "add `per_day = <items a working day>`, or `per_month` with `working_days`",
                ));
                None
            }
        };
    let shifts = match shifts {
        Some(Some(shifts)) => shifts,
        Some(None) => return None,
        None => 1,
    };
    let available = match available {
        Some(Some(available)) => {
            let day = available.value.times(Ratio::whole(u128::from(shifts)));
            let clock_day = Duration::of(Ratio::whole(24), Unit::Hour, calendar);
            if day > clock_day {
                diagnostics.push(
                    Diagnostic::error(
                        "invalid-value",
                        format!(
                            "{shifts} shifts of {} make more than 24 hours a day",
                            available.value.natural(calendar)
                        ),
                    )
                    .at(file, available.span, "available in one shift")
                    .hint("`available` is the working time of one shift, breaks taken out"),
                );
                return None;
            }
            Some(available.value)
        }
        Some(None) => return None,
        None => None,
    };
    let (per_day, per_month) = daily?;
    Some(Some(Demand {
        per_day,
        per_month,
        shifts,
        available,
    }))
}

/// Where a figure is written, whether or not it could be read.
fn spot(at: &Option<At<Ratio>>) -> Range<usize> {
    at.as_ref().map_or(0..0, |a| a.span.clone())
}

/// `improves`, checked against the map's own id.
pub(super) fn read_improves(
    file: FileId,
    improves: Option<Spanned<String>>,
    own_id: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Option<Improves>> {
    let Some(improves) = improves else {
        return Some(None);
    };
    let span = improves.span();
    let id = clean_line(improves.get_ref());
    if id.is_empty() || Some(id.as_str()) == own_id {
        diagnostics.push(
            Diagnostic::error(
                "improves-itself",
                if id.is_empty() {
                    "`improves` names no map".to_string()
                } else {
                    format!("this map improves on itself: its own id is `{id}`")
                },
            )
            .at(file, span, "the map this one improves on")
            .hint("name the `id` of the current-state map: `improves = \"pet-clinic-current\"`"),
        );
        return None;
    }
    Some(Some(Improves { id, file, span }))
}

/// The `[[kaizen]]` bursts, each on a step of the map; `None` when one is wrong (reported).
pub(super) fn read_kaizen(
    doc: &Doc<'_>,
    file: FileId,
    bursts: Option<Vec<Spanned<KaizenTable>>>,
    ids: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<Kaizen>> {
    let mut ok = true;
    let mut out = Vec::new();
    let suggester = Suggester::default();
    for burst in bursts.unwrap_or_default() {
        let span = burst.span();
        let burst = burst.into_inner();
        let note = match burst.note {
            Some(note) if clean_line(note.get_ref()).is_empty() => {
                diagnostics.push(
                    Diagnostic::error("invalid-value", "a kaizen burst's `note` is empty")
                        .at(file, note.span(), "no note")
                        .hint("say the improvement in a few words: `note = \"plan every week\"`"),
                );
                None
            }
            Some(note) => Some(clean_line(note.get_ref())),
            None => {
                diagnostics.push(doc.missing_key("note", "\"<the improvement>\"", span.clone()));
                None
            }
        };
        let step = match burst.step {
            Some(step) => {
                let name = step.get_ref().trim();
                let found = ids.iter().position(|id| *id == name);
                if found.is_none() {
                    let hint = match suggester.closest(name, ids.iter().copied()) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => {
                            let named: Vec<&str> =
                                ids.iter().copied().filter(|i| !i.is_empty()).collect();
                            format!("steps in this map: {}", list(&named))
                        }
                    };
                    diagnostics.push(
                        Diagnostic::error(
                            "unknown-step",
                            format!(
                                "a kaizen burst names `{name}`, which is not a step of this map"
                            ),
                        )
                        .at(file, step.span(), "no step has this id")
                        .hint(hint),
                    );
                }
                found
            }
            None => {
                diagnostics.push(doc.missing_key("step", "\"<step id>\"", span.clone()));
                None
            }
        };
        match (step, note) {
            (Some(step), Some(note)) => out.push(Kaizen { step, note }),
            _ => ok = false,
        }
    }
    ok.then_some(out)
}
