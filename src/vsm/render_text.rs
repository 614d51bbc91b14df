//! A value-stream map as text that fits a given width: the flow, the lead-time ladder, the
//! figures, and the conventions they were computed under. Colour is ANSI codes, only when
//! asked for; the command decides (a terminal, and no `NO_COLOR`).

use super::map::Map;
use super::metrics::Metrics;
use super::text_canvas::{Line, Paint, fit, wrap};
use super::text_flow::FlowDrawing;
use super::text_ladder;

/// Narrower than this, nothing reads well; the map is drawn at this width anyway.
pub(crate) const MIN_WIDTH: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextOptions {
    /// Columns available; every line fits in `max(width, MIN_WIDTH)`.
    pub width: usize,
    pub colour: bool,
    /// Whether to end with the box of computed figures. A scenario showing a map to a learner
    /// who is about to work those figures out leaves it off.
    pub figures: bool,
}

impl Default for TextOptions {
    fn default() -> TextOptions {
        TextOptions {
            width: 80,
            colour: false,
            figures: true,
        }
    }
}

pub fn render_text(map: &Map, metrics: &Metrics, options: &TextOptions) -> String {
    let width = options.width.max(MIN_WIDTH);
    let mut lines = Vec::new();
    for part in wrap(&map.title, width) {
        lines.push(Line::new().with(&part, Paint::Bold));
    }
    let queues = map.steps.iter().filter(|s| s.queue.is_some()).count();
    let mut facts = format!(
        "{} · {} · {} people",
        count(map.steps.len(), "step"),
        count(queues, "queue"),
        metrics.people
    );
    if let Some(improves) = &metrics.improves {
        facts.push_str(&format!(" · future state of {improves}"));
    }
    lines.push(Line::new().with(&fit(&facts, width), Paint::Dim));
    lines.push(Line::new());
    lines.extend(FlowDrawing { map, metrics }.draw(width));
    let legend = "▽ queue of items waiting · ╌ dashed box: off the critical path";
    for part in wrap(legend, width) {
        lines.push(Line::new().with(&part, Paint::Dim));
    }
    if !metrics.kaizen.is_empty() {
        lines.push(Line::new());
        lines.push(Line::new().with("Kaizen bursts", Paint::Bold));
        for burst in &metrics.kaizen {
            let text = format!("✸ {} {}: {}", burst.label, burst.name, burst.note);
            for (k, part) in wrap(&text, width.saturating_sub(2)).iter().enumerate() {
                let indent = if k == 0 { "" } else { "  " };
                lines.push(
                    Line::new()
                        .with(indent, Paint::Plain)
                        .with(part, Paint::Alert),
                );
            }
        }
    }
    lines.push(Line::new());
    lines.extend(text_ladder::draw(map, metrics, width));
    lines.push(Line::new());
    if options.figures {
        lines.extend(summary(map, metrics, width));
        lines.push(Line::new());
    }
    let conventions = format!("Conventions: {}", map.conventions.describe(&map.calendar));
    for part in wrap(&conventions, width) {
        lines.push(Line::new().with(&part, Paint::Dim));
    }
    let mut out = String::new();
    for line in lines {
        out.push_str(&line.render(options.colour));
        out.push('\n');
    }
    out
}

fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The figures in a box: totals, ratios, and the steps that stand out.
fn summary(map: &Map, metrics: &Metrics, width: usize) -> Vec<Line> {
    let label = |id: &str| map.step(id).map_or(String::new(), |s| s.label.clone());
    let mut rows: Vec<(&str, String, Paint)> = vec![
        ("Lead time", metrics.lead_time.all_units(), Paint::Bold),
        (
            "Process time",
            metrics.process_time.all_units(),
            Paint::Bold,
        ),
    ];
    if !metrics.queue_time.exact.is_zero() {
        rows.push((
            "Queue time",
            format!(
                "{} of demand, included in the lead time",
                metrics.queue_time.text
            ),
            Paint::Plain,
        ));
    }
    if let Some(demand) = &metrics.demand {
        rows.push(("Demand", demand.text.clone(), Paint::Plain));
        rows.push((
            "Takt time",
            format!(
                "{} = {} available a day / {} items",
                demand.takt.text,
                available(demand),
                demand.per_day_exact.decimal(2)
            ),
            Paint::Bold,
        ));
    }
    rows.extend([
        (
            "Activity ratio",
            format!("{} (PT / LT)", metrics.activity_ratio.text),
            Paint::Bold,
        ),
        (
            "Rolled %C/A",
            super::figure::rolled_ca_text(metrics, true),
            Paint::Bold,
        ),
        (
            "Critical path",
            map.path_labels(&metrics.critical_path),
            Paint::Plain,
        ),
        (
            "Longest LT",
            format!(
                "{} {}, {}",
                label(&metrics.longest_lead_time.step),
                metrics.longest_lead_time.name,
                metrics.longest_lead_time.value.text
            ),
            Paint::Alert,
        ),
    ]);
    if let Some(worst) = &metrics.worst_ca {
        rows.push((
            "Worst %C/A",
            format!(
                "{} {}, {}",
                label(&worst.step),
                worst.name,
                worst.value.short()
            ),
            Paint::Alert,
        ));
    }
    let worst = &metrics.worst_activity_ratio;
    let wait = metrics
        .step(&worst.step)
        .map_or(String::new(), |s| format!(", waits {}", s.wait.text));
    rows.push((
        "Worst step ratio",
        format!(
            "{} {}, {}{wait}",
            label(&worst.step),
            worst.name,
            worst.value.text
        ),
        Paint::Alert,
    ));
    if metrics.demand.is_some() {
        rows.push(("Over takt", over_takt(metrics), Paint::Alert));
    }
    if let Some(queue) = &metrics.biggest_queue {
        rows.push((
            "Biggest queue",
            format!(
                "{}, {} items, before {} {}",
                queue.name,
                queue.items,
                label(&queue.step),
                queue.step_name
            ),
            Paint::Queue,
        ));
    }
    let box_width = width.min(80);
    let inner = box_width - 4;
    let label_width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0) + 2;
    let value_width = inner.saturating_sub(label_width).max(10);
    let title = "─ Figures ";
    let mut lines = vec![Line::new().with(
        &format!(
            "┌{title}{}┐",
            "─".repeat(box_width.saturating_sub(title.chars().count() + 2))
        ),
        Paint::Dim,
    )];
    for (name, value, paint) in rows {
        for (k, part) in wrap(&value, value_width).iter().enumerate() {
            let head = if k == 0 { name } else { "" };
            let content = Line::new()
                .with(&format!("{head:label_width$}"), Paint::Plain)
                .with(part, paint)
                .pad(inner);
            lines.push(
                Line::new()
                    .with("│ ", Paint::Dim)
                    .with_line(content)
                    .with(" │", Paint::Dim),
            );
        }
    }
    lines.push(Line::new().with(
        &format!("└{}┘", "─".repeat(box_width.saturating_sub(2))),
        Paint::Dim,
    ));
    lines
}

/// The steps whose cycle time is longer than their takt: "2 Turning, C/T 72 s > takt 60 s".
pub(crate) fn over_takt(metrics: &Metrics) -> String {
    if metrics.bottlenecks.is_empty() {
        let timed = metrics.steps.iter().any(|s| s.factory.cycle_time.is_some());
        return if timed {
            "none: every cycle time is within takt".to_string()
        } else {
            "no step records a cycle time".to_string()
        };
    }
    metrics
        .bottlenecks
        .iter()
        .map(|b| {
            format!(
                "{} {}, C/T {} > takt {}",
                b.label,
                b.name,
                b.cycle_time.short(),
                b.takt.short()
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// "2 shifts × 27000 s = 54000 s", or "54000 s" for one shift.
pub(crate) fn available(demand: &super::takt::DemandFigures) -> String {
    if demand.shifts > 1 {
        format!(
            "{} shifts × {} = {}",
            demand.shifts,
            demand.available_per_shift.short(),
            demand.available_per_day.short()
        )
    } else {
        demand.available_per_day.short()
    }
}
