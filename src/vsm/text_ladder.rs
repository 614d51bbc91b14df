//! The lead-time ladder as text: for each step on the critical path, a bar of its lead time
//! split into work (PT) and waiting (LT - PT), all on one scale, so the waiting shows.

use super::calendar::Calendar;
use super::calendar::Unit;
use super::duration::Duration;
use super::map::{Map, QueueRule};
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
    let lts: Vec<Duration> = rungs.iter().map(|r| r.lt).collect();
    let pts: Vec<Duration> = rungs.iter().map(|r| r.pt).collect();
    let lt_unit = match map.conventions.queues {
        // Inventory counted in days of demand: the tradition reads lead time in days.
        QueueRule::Demand { .. } => Unit::Day,
        QueueRule::InLeadTime => column_unit(&lts, metrics.lead_time.exact, calendar),
    };
    // A factory's work is timed in seconds: its column starts there.
    let pt_unit = if super::takt::is_factory(map) {
        climb(0, &pts, metrics.process_time.exact, calendar)
    } else {
        column_unit(&pts, metrics.process_time.exact, calendar)
    };
    let lt_text = |d: Duration| d.in_unit(lt_unit, calendar).decimal(1);
    let pt_text = |d: Duration| d.in_unit(pt_unit, calendar).decimal(1);
    let (lt_short, pt_short) = (lt_unit.short(), pt_unit.short());
    let label_width = rungs
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(1);
    let lt_width = rungs
        .iter()
        .map(|r| lt_text(r.lt).len())
        .chain([lt_text(metrics.lead_time.exact).len()])
        .max()
        .unwrap_or(1)
        .max(2);
    let pt_width = rungs
        .iter()
        .map(|r| pt_text(r.pt).len())
        .chain([pt_text(metrics.process_time.exact).len()])
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
    // Two fifths of the width keeps step names such as "Release planning & estimation" whole
    // at 80 columns and still leaves the bars most of the row.
    let name_width = longest_name.min(width * 2 / 5).max(8);
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
                "  {:>lt_width$} {lt_short}  {:>pt_width$} {pt_short}",
                lt_text(rung.lt),
                pt_text(rung.pt)
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
            "  {:>lt_width$} {lt_short}  {:>pt_width$} {pt_short}",
            lt_text(metrics.lead_time.exact),
            pt_text(metrics.process_time.exact)
        ),
        Paint::Bold,
    );
    lines.push(total);
    lines
}

/// The unit of one column: hours compare well at a glance, so hours unless a figure is under
/// an hour (then minutes) or under a minute (then seconds); and one unit larger while the
/// column would read in the thousands (never "22680.8 m").
const LADDER: [Unit; 4] = [Unit::Second, Unit::Minute, Unit::Hour, Unit::Day];

fn column_unit(durations: &[Duration], total: Duration, calendar: &Calendar) -> Unit {
    let shortest = durations.iter().filter(|d| !d.is_zero()).min();
    let under = |unit| shortest.is_some_and(|d| d.in_unit(unit, calendar) < Ratio::ONE);
    let rung = if under(Unit::Minute) {
        0
    } else if under(Unit::Hour) {
        1
    } else {
        2
    };
    climb(rung, durations, total, calendar)
}

/// The unit at `rung` of the ladder of units, or a larger one while the column would read in
/// the thousands.
fn climb(mut rung: usize, durations: &[Duration], total: Duration, calendar: &Calendar) -> Unit {
    let longest = durations
        .iter()
        .copied()
        .chain([total])
        .max()
        .unwrap_or(total);
    while rung + 1 < LADDER.len() && longest.in_unit(LADDER[rung], calendar) >= Ratio::whole(1000) {
        rung += 1;
    }
    LADDER[rung]
}
