//! Reading the `[[step]]` tables of a map file: each deserialised on its own, then its figures
//! judged (durations on the map's calendar, a percentage for %C/A), every problem reported.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, FileId};
use crate::suggest::near;
use crate::toml_doc::{Doc, lenient};

use super::calendar::Calendar;
use super::format_factory::{FactoryKeys, read_factory};
use super::format_model::{QueueTable, StepTable, TABLE_KEYS};
use super::format_values::{At, Source, clean_line, duration_example};
use super::map::{Factory, Queue};
use super::ratio::Ratio;

/// A step as written, before links are resolved; a field is `None` when it was missing or
/// wrong (and reported).
pub(super) struct Draft {
    pub header: Range<usize>,
    pub id: Option<At<String>>,
    pub name: Option<String>,
    pub owner: String,
    pub people: Option<u32>,
    pub lt: Option<At<super::duration::Duration>>,
    pub pt: Option<At<super::duration::Duration>>,
    /// `Some(None)` when not written: %C/A is optional.
    pub ca: Option<Option<Ratio>>,
    pub after: Vec<At<String>>,
    pub after_span: Option<Range<usize>>,
    pub queue: Option<Queue>,
    /// `None` when a factory figure is wrong (reported).
    pub factory: Option<Factory>,
}

/// Steps in one map: far past any value stream a team walks, low enough that a file of
/// nothing but `[[step]]` headers is refused before the flow is analysed and drawn.
pub(crate) const MAX_STEPS: usize = 1_000;

/// Each `[[step]]` of `value` (the top level's `step`), read on its own.
pub(super) fn read_steps(
    doc: &Doc<'_>,
    source: Source<'_>,
    value: Option<&Spanned<DeValue<'_>>>,
    calendar: &Calendar,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Draft> {
    let Some(value) = value else {
        diagnostics.push(no_steps(source.file, 0..0));
        return Vec::new();
    };
    let items: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
        DeValue::Array(items) => items.iter().collect(),
        DeValue::Table(_) => {
            diagnostics.push(
                Diagnostic::error(
                    "invalid-value",
                    "steps are written `[[step]]`, with two brackets",
                )
                .at(
                    source.file,
                    value.span(),
                    "one pair of brackets makes a single table",
                )
                .hint("start every step with its own `[[step]]` header"),
            );
            return Vec::new();
        }
        _ => vec![value],
    };
    if items.is_empty() {
        diagnostics.push(no_steps(source.file, value.span()));
    }
    if let Some(extra) = items.get(MAX_STEPS) {
        // None is read: the links of a thousand steps to those left out would bury this one
        // problem under hundreds of unknown ids.
        diagnostics.push(
            Diagnostic::error(
                "too-many-steps",
                format!(
                    "this map has {} steps; at most {MAX_STEPS} are allowed",
                    items.len()
                ),
            )
            .at(source.file, extra.span(), format!("step {}", MAX_STEPS + 1))
            .hint("map the value stream at a coarser grain: a step is a handoff between people, not a task"),
        );
        return Vec::new();
    }
    let mut drafts = Vec::new();
    for item in items {
        // Not a table (reported): there is no step to speak of.
        let Some((step, _)) = lenient::<StepTable>(doc, item, diagnostics) else {
            continue;
        };
        let raw = item.get_ref().as_table();
        let read = Step {
            doc,
            source,
            header: item.span(),
            raw,
        };
        drafts.push(read.draft(step, calendar, diagnostics));
    }
    drafts
}

fn no_steps(file: FileId, span: Range<usize>) -> Diagnostic {
    Diagnostic::error("no-steps", "this map has no steps")
        .at(file, span, "a value stream needs at least one step")
        .hint("add a `[[step]]` table for each step, with `id`, `name`, `lt` and `pt`")
}

/// One `[[step]]` table: where it is, and its keys as written.
struct Step<'d, 'a> {
    doc: &'d Doc<'a>,
    source: Source<'a>,
    header: Range<usize>,
    raw: Option<&'d DeTable<'a>>,
}

impl Step<'_, '_> {
    /// Reports `key` missing from the step as written, unless it is already reported: for a
    /// wrong value, as a misspelt key, or below `[step.queue]` with the TOML trap explained.
    /// Saying the step misses it too would be the same mistake twice.
    fn missing(&self, key: &str, example: &str, diagnostics: &mut Vec<Diagnostic>) {
        let written = |table: Option<&DeTable<'_>>| table.is_some_and(|t| t.contains_key(key));
        let queue = self
            .raw
            .and_then(|step| step.get("queue"))
            .and_then(|queue| queue.get_ref().as_table());
        let trapped = written(queue) && !self.keys("step.queue").contains(&key);
        // A misspelt key (`nmae` for `name`) is reported as unknown, with the right spelling.
        let misspelt = self.raw.is_some_and(|step| {
            step.iter()
                .map(|(k, _)| k.get_ref().as_ref())
                .any(|k| !self.keys("step").contains(&k) && near(k, key).is_some())
        });
        let missing = !written(self.raw);
        if missing && !trapped && !misspelt {
            diagnostics.push(self.doc.missing_key(key, example, self.header.clone()));
        }
    }

    fn keys(&self, path: &str) -> &'static [&'static str] {
        TABLE_KEYS
            .iter()
            .find(|(p, _)| *p == path)
            .map_or(&[], |(_, keys)| *keys)
    }

    fn draft(
        &self,
        step: StepTable,
        calendar: &Calendar,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Draft {
        let file = self.source.file;
        if step.id.is_none() {
            self.missing("id", "\"<step id>\"", diagnostics);
        }
        let id = step
            .id
            .map(|id| At {
                value: clean_line(id.get_ref()),
                span: id.span(),
            })
            .filter(|id| valid_id(file, id, diagnostics));
        if step.name.is_none() {
            self.missing("name", "\"<what the step is called>\"", diagnostics);
        }
        let name = step.name.map(|name| clean_line(&name));
        let owner = step.owner.map_or_else(String::new, |o| clean_line(&o));
        let mut duration = |key: &str, value: Option<Spanned<_>>| match value {
            Some(value) => self.source.duration(key, &value, calendar, diagnostics),
            None => {
                self.missing(key, duration_example(key), diagnostics);
                None
            }
        };
        let lt = duration("lt", step.lt);
        let pt = duration("pt", step.pt);
        // A zero LT is allowed: shipping or a supermarket pull holds no time of its own.
        if let (Some(lt), Some(pt)) = (&lt, &pt)
            && pt.value > lt.value
        {
            diagnostics.push(
                Diagnostic::error(
                    "pt-over-lt",
                    format!(
                        "process time {} is longer than lead time {}",
                        pt.value.natural(calendar),
                        lt.value.natural(calendar)
                    ),
                )
                .at(file, pt.span.clone(), "process time")
                .also(file, lt.span.clone(), "lead time")
                .hint("PT is the part of LT someone works on the item, so it cannot be longer; check the units (`h` hours, `d` days)"),
            );
        }
        let ca = match &step.ca {
            Some(ca) => self.source.percent(ca, diagnostics).map(Some),
            None => Some(None),
        };
        let after_span = step.after.as_ref().map(Spanned::span);
        let after = step
            .after
            .map(Spanned::into_inner)
            .unwrap_or_default()
            .into_iter()
            .map(|name| At {
                value: name.get_ref().trim().to_string(),
                span: name.span(),
            })
            .collect();
        let queue = step.queue.and_then(|queue| self.queue(queue, diagnostics));
        let keys = FactoryKeys {
            ct: step.ct,
            co: step.co,
            uptime: step.uptime,
            shifts: step.shifts,
            available: step.available,
        };
        let factory = read_factory(self.source, keys, calendar, diagnostics);
        Draft {
            header: self.header.clone(),
            id,
            name,
            owner,
            people: step.people,
            lt,
            pt,
            ca,
            after,
            after_span,
            queue,
            factory,
        }
    }

    fn queue(
        &self,
        queue: Spanned<QueueTable>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Queue> {
        let span = queue.span();
        let queue = queue.into_inner();
        let name = queue
            .name
            .map_or_else(|| "Queue".to_string(), |n| clean_line(&n));
        let Some(items) = queue.items else {
            let written = self
                .raw
                .and_then(|step| step.get("queue"))
                .and_then(|queue| queue.get_ref().as_table())
                .is_some_and(|queue| queue.contains_key("items"));
            if !written {
                diagnostics.push(self.doc.missing_key("items", "20", span));
            }
            return None;
        };
        Some(Queue { name, items })
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
