//! The lead-time ladder as text: for each step on the critical path, a bar of its lead time
//! split into work (PT) and waiting (LT - PT), all on one scale, so the waiting shows.

use super::calendar::Unit;
use super::duration::Duration;
use super::map::Map;
use super::metrics::Metrics;
use super::ratio::Ratio;
use super::text_canvas::{Line, Paint, fit};

/// One rung: a step, or the days of demand a queue adds in front of it.
struct Rung {
    label: String,
    name: String,
    lt: Duration,
    pt: Duration,
}

pub(super) fn draw(map: &Map, metrics: &Metrics, width: usize) -> Vec<Line> {
    let calendar = &map.calendar;
    let mut rungs = Vec::new();
    for id in &metrics.critical_path {
        let Some(step) = map.step(id) else { continue };
        let queue_time = map.queue_time(step);
        if let (Some(queue), false) = (&step.queue, queue_time.is_zero()) {
            rungs.push(Rung {
                label: "▽".into(),
                name: queue.name.clone(),
                lt: queue_time,
                pt: Duration::ZERO,
            });
        }
        rungs.push(Rung {
            label: step.label.clone(),
            name: step.name.clone(),
            lt: step.lt,
            pt: step.pt,
        });
    }
    // Hours compare well at a glance; a stream of minute-long steps is shown in minutes.
    let unit = if rungs
        .iter()
        .flat_map(|r| [r.lt, r.pt])
        .any(|d| !d.is_zero() && d.in_unit(Unit::Hour, calendar) < Ratio::ONE)
    {
        Unit::Minute
    } else {
        Unit::Hour
    };
    let hours = |d: Duration| d.in_unit(unit, calendar).decimal(1);
    let short = unit.short();
    let label_width = rungs
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(1);
    let lt_width = rungs
        .iter()
        .map(|r| hours(r.lt).len())
        .chain([hours(metrics.lead_time.exact).len()])
        .max()
        .unwrap_or(1)
        .max(2);
    let pt_width = rungs
        .iter()
        .map(|r| hours(r.pt).len())
        .chain([hours(metrics.process_time.exact).len()])
        .max()
        .unwrap_or(1)
        .max(2);
    // "  120 h    1 h"
    let figures_width = lt_width + pt_width + 8;
    let longest_name = rungs
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(8);
    let name_width = longest_name.min(width / 3).max(8);
    let bar_width = width
        .saturating_sub(label_width + 1 + name_width + 1 + figures_width)
        .max(4);
    let longest = rungs.iter().map(|r| r.lt).max().unwrap_or(Duration::ZERO);
    let cells = |d: Duration| -> usize {
        let share = d.minutes().div(longest.minutes()).unwrap_or(Ratio::ZERO);
        let cells = share.mul(Ratio::whole(bar_width as u128));
        // Anything above zero gets a cell, so a short step stays visible.
        let rounded = usize::try_from(cells.round()).unwrap_or(bar_width);
        if d.is_zero() { 0 } else { rounded.max(1) }
    };
    let title = Line::new()
        .with("Lead-time ladder", Paint::Bold)
        .with(", critical path", Paint::Plain);
    let key = Line::new()
        .with("█", Paint::Work)
        .with(" work (PT)  ", Paint::Plain)
        .with("░", Paint::Wait)
        .with(" waiting (LT − PT)", Paint::Plain);
    let mut lines = if title.width() + 2 + key.width() <= width {
        vec![title.with("  ", Paint::Plain).with_line(key)]
    } else {
        vec![title, key]
    };
    let columns = Line::new()
        .pad(label_width + 1 + name_width + 1 + bar_width)
        .with(
            &format!("  {:>lt_width$}    {:>pt_width$}", "LT", "PT"),
            Paint::Dim,
        );
    lines.push(columns);
    for rung in &rungs {
        let total = cells(rung.lt).min(bar_width);
        let work = cells(rung.pt).min(total);
        let name = fit(&rung.name, name_width);
        let mut line = Line::new()
            .with(&format!("{:>label_width$} ", rung.label), Paint::Dim)
            .with(&name, Paint::Plain)
            .with(
                &" ".repeat(name_width - unicode_width::UnicodeWidthStr::width(name.as_str()) + 1),
                Paint::Plain,
            )
            .with(&"█".repeat(work), Paint::Work)
            .with(&"░".repeat(total - work), Paint::Wait)
            .pad(label_width + 1 + name_width + 1 + bar_width);
        line.push(
            &format!(
                "  {:>lt_width$} {short}  {:>pt_width$} {short}",
                hours(rung.lt),
                hours(rung.pt)
            ),
            Paint::Plain,
        );
        lines.push(line);
    }
    let mut total = Line::new()
        .with(&" ".repeat(label_width + 1), Paint::Plain)
        .with(&fit("Total", name_width), Paint::Bold)
        .pad(label_width + 1 + name_width + 1 + bar_width);
    total.push(
        &format!(
            "  {:>lt_width$} {short}  {:>pt_width$} {short}",
            hours(metrics.lead_time.exact),
            hours(metrics.process_time.exact)
        ),
        Paint::Bold,
    );
    lines.push(total);
    lines
}
