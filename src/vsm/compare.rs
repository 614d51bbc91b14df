//! Two maps side by side, usually a current state and the future state that improves on it:
//! every figure before and after, with the change, computed exactly from both maps' metrics.
//!
//! Totals come first, then each step matched by id (steps of the later map in flow order, then
//! steps it no longer has). A change is said in the unit a person would use ("−2 weeks",
//! "+40 points") with, for times, the share of the figure before ("−20.83%").

use serde::Serialize;

use crate::diagnostic::Diagnostic;

use super::duration::Duration;
use super::figure::{Percent, Time};
use super::map::Map;
use super::metrics::{Metrics, StepFigures};
use super::ratio::Ratio;

/// Every figure of two maps, before and after.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub before: Metrics,
    pub after: Metrics,
    /// Totals, then each step's figures.
    pub changes: Vec<Change>,
}

/// One figure before and after.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// The metric name in `vsm.<map>.<name>` (without a unit suffix for times): `lead_time`,
    /// `step.plan.ca`.
    pub name: String,
    /// What a reader calls it: "Lead time", "LT".
    pub figure: String,
    /// The step's number and name in the later map (or the earlier, for a step it dropped);
    /// `None` for the stream's totals.
    pub step: Option<String>,
    /// As shown; `None` where the map has no such figure.
    pub before: Option<String>,
    pub after: Option<String>,
    /// "−2 weeks (−20.83%)", "+40 points", "same", "new", "gone".
    pub change: String,
    /// Whether the change is for the better; `None` when it is neither or cannot be said.
    pub better: Option<bool>,
}

/// Which way a figure is better.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Aim {
    Lower,
    Higher,
    Neither,
}

impl Comparison {
    pub fn new(before: Metrics, after: Metrics) -> Comparison {
        let mut changes = Vec::new();
        let (b, a) = (&before, &after);
        let mut total = |name: &str, figure: &str, change: Option<Change>| {
            if let Some(mut change) = change {
                change.name = name.to_string();
                change.figure = figure.to_string();
                changes.push(change);
            }
        };
        total(
            "lead_time",
            "Lead time",
            time(&b.lead_time, &a.lead_time, Aim::Lower),
        );
        total(
            "process_time",
            "Process time",
            time(&b.process_time, &a.process_time, Aim::Lower),
        );
        total(
            "wait_time",
            "Wait time",
            time(&b.wait_time, &a.wait_time, Aim::Lower),
        );
        if !(b.queue_time.exact.is_zero() && a.queue_time.exact.is_zero()) {
            total(
                "queue_time",
                "Queue time",
                time(&b.queue_time, &a.queue_time, Aim::Lower),
            );
        }
        total(
            "activity_ratio",
            "Activity ratio",
            percent(
                Some(&b.activity_ratio),
                Some(&a.activity_ratio),
                Aim::Higher,
            ),
        );
        total(
            "rolled_ca",
            "Rolled %C/A",
            percent(b.rolled_ca.as_ref(), a.rolled_ca.as_ref(), Aim::Higher),
        );
        let takt = |m: &Metrics| m.demand.as_ref().map(|d| d.takt.clone());
        total(
            "takt",
            "Takt time",
            optional_time(takt(b), takt(a), Aim::Neither),
        );
        if b.demand.is_some() || a.demand.is_some() {
            total(
                "bottlenecks",
                "Steps over takt",
                count(
                    b.bottlenecks.len() as u64,
                    a.bottlenecks.len() as u64,
                    Aim::Lower,
                ),
            );
        }
        total(
            "queue_items",
            "Items in queues",
            count(b.queue_items, a.queue_items, Aim::Lower),
        );
        total("people", "People", count(b.people, a.people, Aim::Neither));
        total(
            "steps",
            "Steps",
            count(b.steps.len() as u64, a.steps.len() as u64, Aim::Neither),
        );
        total(
            "longest_lead_time",
            "Longest step LT",
            picked_time(b, a, |m| {
                (&m.longest_lead_time.step, &m.longest_lead_time.value)
            }),
        );
        let worst_ca = |m: &Metrics| {
            m.worst_ca
                .as_ref()
                .map(|w| (w.step.clone(), w.value.clone()))
        };
        if let (Some(wb), Some(wa)) = (worst_ca(b), worst_ca(a)) {
            total("worst_ca", "Worst %C/A", picked_percent(b, a, &wb, &wa));
        }
        let ratio = |m: &Metrics| {
            (
                m.worst_activity_ratio.step.clone(),
                m.worst_activity_ratio.value.clone(),
            )
        };
        total(
            "worst_activity_ratio",
            "Worst step ratio",
            picked_percent(b, a, &ratio(b), &ratio(a)),
        );
        for step in &a.steps {
            changes.extend(step_changes(b.step(&step.id), Some(step)));
        }
        for step in b.steps.iter().filter(|s| a.step(&s.id).is_none()) {
            changes.extend(step_changes(Some(step), None));
        }
        Comparison {
            before,
            after,
            changes,
        }
    }
}

fn blank(
    before: Option<String>,
    after: Option<String>,
    change: String,
    better: Option<bool>,
) -> Change {
    Change {
        name: String::new(),
        figure: String::new(),
        step: None,
        before,
        after,
        change,
        better,
    }
}

fn judged(aim: Aim, up: bool) -> Option<bool> {
    match aim {
        Aim::Lower => Some(!up),
        Aim::Higher => Some(up),
        Aim::Neither => None,
    }
}

/// `after - before` as a size and a direction: `(size, up)`; `None` when equal.
fn difference(before: Ratio, after: Ratio) -> Option<(Ratio, bool)> {
    match after.checked_sub(before) {
        Some(up) if up.is_zero() => None,
        Some(up) => Some((up, true)),
        None => before.checked_sub(after).map(|down| (down, false)),
    }
}

fn sign(up: bool) -> &'static str {
    if up { "+" } else { "−" }
}

fn time(before: &Time, after: &Time, aim: Aim) -> Option<Change> {
    let (b, a) = (before.exact.minutes(), after.exact.minutes());
    let Some((size, up)) = difference(b, a) else {
        return Some(blank(
            Some(before.text.clone()),
            Some(after.text.clone()),
            "same".into(),
            None,
        ));
    };
    let calendar = &after.calendar;
    let size_d = Duration::from_minutes(size);
    let mut change = format!("{}{}", sign(up), size_d.natural(calendar));
    if let Some(share) = size.div(b) {
        change.push_str(&format!(
            " ({}{}%)",
            sign(up),
            share.mul(Ratio::whole(100)).decimal(2)
        ));
    }
    Some(blank(
        Some(before.text.clone()),
        Some(after.text.clone()),
        change,
        judged(aim, up),
    ))
}

fn optional_time(before: Option<Time>, after: Option<Time>, aim: Aim) -> Option<Change> {
    match (before, after) {
        (Some(b), Some(a)) => time(&b, &a, aim),
        (None, None) => None,
        (b, a) => Some(appeared(b.map(|t| t.text), a.map(|t| t.text))),
    }
}

fn appeared(before: Option<String>, after: Option<String>) -> Change {
    let change = if before.is_none() { "new" } else { "gone" };
    blank(before, after, change.into(), None)
}

fn percent(before: Option<&Percent>, after: Option<&Percent>, aim: Aim) -> Option<Change> {
    let (b, a) = match (before, after) {
        (Some(b), Some(a)) => (b, a),
        (None, None) => return None,
        (b, a) => return Some(appeared(b.map(|p| p.short()), a.map(|p| p.short()))),
    };
    let texts = (Some(b.short()), Some(a.short()));
    Some(match difference(b.exact_percent(), a.exact_percent()) {
        None => blank(texts.0, texts.1, "same".into(), None),
        Some((size, up)) => blank(
            texts.0,
            texts.1,
            format!("{}{} points", sign(up), size.decimal(2)),
            judged(aim, up),
        ),
    })
}

fn count(before: u64, after: u64, aim: Aim) -> Option<Change> {
    let texts = (Some(before.to_string()), Some(after.to_string()));
    Some(match before.cmp(&after) {
        std::cmp::Ordering::Equal => blank(texts.0, texts.1, "same".into(), None),
        std::cmp::Ordering::Less => blank(
            texts.0,
            texts.1,
            format!("+{}", after - before),
            judged(aim, true),
        ),
        std::cmp::Ordering::Greater => blank(
            texts.0,
            texts.1,
            format!("−{}", before - after),
            judged(aim, false),
        ),
    })
}

/// "3 weeks, step 3": a figure that stands out, with the number of the step it is on.
fn on_step(metrics: &Metrics, step: &str, value: String) -> String {
    match metrics.step(step) {
        Some(s) => format!("{value}, step {}", s.label),
        None => value,
    }
}

fn picked_time(b: &Metrics, a: &Metrics, pick: fn(&Metrics) -> (&String, &Time)) -> Option<Change> {
    let ((bs, bt), (as_, at)) = (pick(b), pick(a));
    let mut change = time(bt, at, Aim::Lower)?;
    change.before = Some(on_step(b, bs, bt.text.clone()));
    change.after = Some(on_step(a, as_, at.text.clone()));
    Some(change)
}

fn picked_percent(
    b: &Metrics,
    a: &Metrics,
    (bs, bp): &(String, Percent),
    (as_, ap): &(String, Percent),
) -> Option<Change> {
    let mut change = percent(Some(bp), Some(ap), Aim::Higher)?;
    change.before = Some(on_step(b, bs, bp.short()));
    change.after = Some(on_step(a, as_, ap.short()));
    Some(change)
}

/// A step's figures before and after; a step only one map has is "new" or "gone".
fn step_changes(before: Option<&StepFigures>, after: Option<&StepFigures>) -> Vec<Change> {
    let Some(named) = after.or(before) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let prefix = format!("step.{}", named.id);
    let mut add = |name: &str, figure: &str, change: Option<Change>| {
        if let Some(mut change) = change {
            change.name = format!("{prefix}.{name}");
            change.figure = figure.to_string();
            change.step = Some(format!("{} {}", named.label, named.name));
            out.push(change);
        }
    };
    let times = |key: fn(&StepFigures) -> Option<&Time>, aim: Aim| {
        optional_time(
            before.and_then(key).cloned(),
            after.and_then(key).cloned(),
            aim,
        )
    };
    add("lead_time", "LT", times(|s| Some(&s.lead_time), Aim::Lower));
    add(
        "process_time",
        "PT",
        times(|s| Some(&s.process_time), Aim::Lower),
    );
    add(
        "ca",
        "%C/A",
        percent(
            before.and_then(|s| s.ca.as_ref()),
            after.and_then(|s| s.ca.as_ref()),
            Aim::Higher,
        ),
    );
    add(
        "cycle_time",
        "C/T",
        times(|s| s.factory.cycle_time.as_ref(), Aim::Lower),
    );
    add(
        "changeover",
        "C/O",
        times(|s| s.factory.changeover.as_ref(), Aim::Lower),
    );
    add(
        "uptime",
        "Uptime",
        percent(
            before.and_then(|s| s.factory.uptime.as_ref()),
            after.and_then(|s| s.factory.uptime.as_ref()),
            Aim::Higher,
        ),
    );
    let items = |s: Option<&StepFigures>| s.and_then(|s| s.queue.as_ref()).map(|q| q.items);
    match (items(before), items(after)) {
        (None, None) => {}
        (b, a) if before.is_some() && after.is_some() => add(
            "queue_items",
            "Queue",
            count(b.unwrap_or(0), a.unwrap_or(0), Aim::Lower),
        ),
        (b, a) => add(
            "queue_items",
            "Queue",
            Some(appeared(b.map(|n| n.to_string()), a.map(|n| n.to_string()))),
        ),
    }
    out
}

/// A later map that names, in `improves`, some other map than the one it is compared with
/// (a warning: any two maps may be compared, but the pair is likely the wrong way round or
/// the wrong file).
pub(crate) fn pair_diagnostics(before: &Map, after: &Map) -> Vec<Diagnostic> {
    let swapped = before.improves.as_ref().is_some_and(|i| i.id == after.id);
    let hint = |other: &str| {
        if swapped {
            "the maps are the other way round: give the current state first, `--compare BEFORE AFTER`".to_string()
        } else {
            format!("compare it with the map whose id is `{other}`, or fix `improves`")
        }
    };
    match &after.improves {
        Some(improves) if improves.id != before.id => vec![
            Diagnostic::warning(
                "improves-other-map",
                format!(
                    "`{}` improves on `{}`, but it is compared with `{}`",
                    after.id, improves.id, before.id
                ),
            )
            .at(
                improves.file,
                improves.span.clone(),
                "the map it improves on",
            )
            .hint(hint(&improves.id)),
        ],
        None if swapped => {
            let improves = before.improves.as_ref().map(|i| (i.file, i.span.clone()));
            improves.map_or_else(Vec::new, |(file, span)| {
                vec![
                    Diagnostic::warning(
                        "improves-other-map",
                        format!(
                            "`{}` improves on `{}`, yet it is given first, as the map before",
                            before.id, after.id
                        ),
                    )
                    .at(file, span, "the map it improves on")
                    .hint(hint(&after.id)),
                ]
            })
        }
        _ => Vec::new(),
    }
}
