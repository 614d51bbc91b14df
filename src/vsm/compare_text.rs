//! Two maps compared as text: both maps drawn, then a table of every figure before and after
//! with the change, in columns that fit the width given.

use super::compare::{Change, Comparison};
use super::map::Map;
use super::render_text::{MIN_WIDTH, TextOptions, render_text};
use super::text_canvas::{Line, Paint, fit, wrap};

/// The columns of a before or after value, and of a change.
const VALUE: usize = 15;
const CHANGE: usize = 21;

/// Both maps, then the table of changes.
pub fn render_compare_text(
    before: &Map,
    after: &Map,
    comparison: &Comparison,
    options: &TextOptions,
) -> String {
    let width = options.width.max(MIN_WIDTH);
    let mut out = String::new();
    let rule = |title: &str| {
        let head = format!("━━ {title} ");
        let fill = width.saturating_sub(unicode_width::UnicodeWidthStr::width(head.as_str()));
        Line::new()
            .with(
                &fit(&format!("{head}{}", "━".repeat(fill)), width),
                Paint::Bold,
            )
            .render(options.colour)
            + "\n"
    };
    out.push_str(&rule("Before"));
    out.push_str(&render_text(before, &comparison.before, options));
    out.push('\n');
    out.push_str(&rule("After"));
    out.push_str(&render_text(after, &comparison.after, options));
    out.push('\n');
    out.push_str(&rule("Before and after"));
    for line in table(before, after, comparison, width) {
        out.push_str(&line.render(options.colour));
        out.push('\n');
    }
    out
}

/// The table of changes in `width` columns.
fn table(before: &Map, after: &Map, comparison: &Comparison, width: usize) -> Vec<Line> {
    let (value, change) = if width >= 2 * VALUE + CHANGE + 3 + 20 {
        (VALUE, CHANGE)
    } else {
        (12, 14)
    };
    let figure = width.saturating_sub(2 * value + change + 3).max(8);
    let mut lines = Vec::new();
    let titles = format!("{} → {}", before.title, after.title);
    for part in wrap(&titles, width) {
        lines.push(Line::new().with(&part, Paint::Bold));
    }
    if comparison.after.improves.as_deref() == Some(before.id.as_str()) {
        let note = format!("{} is the future state of {}.", after.id, before.id);
        for part in wrap(&note, width) {
            lines.push(Line::new().with(&part, Paint::Dim));
        }
    }
    lines.push(Line::new());
    let row = |name: &str, b: &str, a: &str, c: &str, paint: Paint| {
        Line::new()
            .with(&fit(name, figure), Paint::Plain)
            .pad(figure + 1)
            .with(&format!("{:>value$}", fit(b, value)), Paint::Plain)
            .with(" ", Paint::Plain)
            .with(&format!("{:>value$}", fit(a, value)), Paint::Bold)
            .with(" ", Paint::Plain)
            .with(&format!("{:>change$}", fit(c, change)), paint)
    };
    lines.push(
        Line::new()
            .with(&fit("Figure", figure), Paint::Dim)
            .pad(figure + 1)
            .with(
                &format!(
                    "{:>value$} {:>value$} {:>change$}",
                    "Before", "After", "Change"
                ),
                Paint::Dim,
            ),
    );
    lines.push(Line::new().with(&"─".repeat(figure + 2 * value + change + 3), Paint::Dim));
    let mut step: Option<&str> = None;
    for c in &comparison.changes {
        if c.step.as_deref() != step {
            step = c.step.as_deref();
            if let Some(name) = step {
                lines.push(Line::new().with(&fit(name, width), Paint::Bold));
            }
        }
        let name = if c.step.is_some() {
            format!("  {}", c.figure)
        } else {
            c.figure.clone()
        };
        // In a narrow column the share goes first: "+2 weeks", not "+2 weeks (+26…".
        let shown = if unicode_width::UnicodeWidthStr::width(c.change.as_str()) > change {
            c.change.split(" (").next().unwrap_or(&c.change)
        } else {
            &c.change
        };
        lines.push(row(
            &name,
            c.before.as_deref().unwrap_or("–"),
            c.after.as_deref().unwrap_or("–"),
            shown,
            paint(c),
        ));
    }
    lines
}

fn paint(change: &Change) -> Paint {
    match change.better {
        Some(true) => Paint::Work,
        Some(false) => Paint::Alert,
        None => Paint::Plain,
    }
}
