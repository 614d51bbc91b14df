//! The flow drawn as text: a box per step from customer to customer, queues between them,
//! parallel branches side by side (or one under the other, marked, when they do not fit).

use super::calendar::Unit;
use super::figure::{ca_text, is_worst_ca};
use super::flow::Segment;
use super::map::{Map, Step};
use super::metrics::Metrics;
use super::text_canvas::{Line, Paint, fit, wrap};

/// Boxes wider than this read worse, not better.
const MAX_BOX: usize = 46;
/// Narrower than this, parallel branches are drawn one under the other.
const MIN_BRANCH: usize = 24;

pub(crate) struct FlowDrawing<'a> {
    pub map: &'a Map,
    pub metrics: &'a Metrics,
}

/// Where the flow runs in a column `width` wide: the middle of its boxes.
fn centre(width: usize) -> usize {
    let box_width = width.min(MAX_BOX);
    (width - box_width) / 2 + box_width / 2
}

/// A line with `glyph` at column `at`, and `text` after it.
fn mark(width: usize, at: usize, glyph: &str, paint: Paint) -> Line {
    Line::new()
        .with(&" ".repeat(at), Paint::Plain)
        .with(glyph, paint)
        .pad(width)
}

/// The box-drawing character joining lines going up, down, left and right.
fn junction(up: bool, down: bool, left: bool, right: bool) -> &'static str {
    match (up, down, left, right) {
        (true, true, true, true) => "┼",
        (true, false, true, true) => "┴",
        (false, true, true, true) => "┬",
        (true, true, false, true) => "├",
        (true, true, true, false) => "┤",
        (false, true, false, true) | (true, false, false, true) => {
            if down {
                "┌"
            } else {
                "└"
            }
        }
        (false, true, true, false) | (true, false, true, false) => {
            if down {
                "┐"
            } else {
                "┘"
            }
        }
        (true, true, false, false) => "│",
        _ => "─",
    }
}

/// A horizontal rule from the leftmost to the rightmost of `ends`, joined to `from` above
/// (or below, when `below` is set) and to each of `ends` on the other side.
fn rail(width: usize, from: usize, ends: &[usize], below: bool) -> Line {
    let (low, high) = (
        ends.iter().copied().chain([from]).min().unwrap_or(from),
        ends.iter().copied().chain([from]).max().unwrap_or(from),
    );
    let mut line = Line::new().with(&" ".repeat(low), Paint::Plain);
    for x in low..=high {
        let end = ends.contains(&x);
        let origin = x == from;
        let (up, down) = if below { (end, origin) } else { (origin, end) };
        let glyph = if up || down {
            junction(up, down, x > low, x < high)
        } else {
            "─"
        };
        line.push(glyph, Paint::Dim);
    }
    line.pad(width)
}

impl FlowDrawing<'_> {
    /// The whole flow in `width` columns, customer to customer.
    pub(crate) fn draw(&self, width: usize) -> Vec<Line> {
        let at = centre(width);
        // A named customer ("Clinics") is labelled as the customer; the default name says it.
        let customer = if self.map.customer.eq_ignore_ascii_case("customer") {
            self.map.customer.clone()
        } else {
            format!("{} (customer)", self.map.customer)
        };
        let customer_line = |customer: &str, paint: Paint| {
            let text = fit(customer, width);
            let start = at.saturating_sub(text.chars().count() / 2);
            let start = start
                .min(width.saturating_sub(unicode_width::UnicodeWidthStr::width(text.as_str())));
            Line::new()
                .with(&" ".repeat(start), Paint::Plain)
                .with(&text, paint)
                .pad(width)
        };
        let mut lines = vec![customer_line(&customer, Paint::Bold)];
        if let Some(demand) = &self.metrics.demand {
            let text = format!("{} · takt {}", demand.text, demand.takt.short());
            for part in wrap(&text, width) {
                lines.push(customer_line(&part, Paint::Dim));
            }
        }
        if matches!(self.map.flow.first(), Some(Segment::Parallel(_))) {
            lines.push(mark(width, at, "│", Paint::Dim));
        }
        lines.extend(self.series(&self.map.flow, width));
        lines.push(mark(width, at, "▼", Paint::Dim));
        lines.push(customer_line(&customer, Paint::Bold));
        lines
    }

    fn series(&self, segments: &[Segment], width: usize) -> Vec<Line> {
        let mut lines = Vec::new();
        for segment in segments {
            match segment {
                Segment::Step(i) => lines.extend(self.step(&self.map.steps[*i], width)),
                Segment::Parallel(branches) => lines.extend(self.parallel(branches, width)),
            }
        }
        lines
    }

    fn parallel(&self, branches: &[Vec<Segment>], width: usize) -> Vec<Line> {
        let count = branches.len().max(1);
        let branch_width = width.saturating_sub(count - 1) / count;
        if branch_width < MIN_BRANCH {
            return self.stacked(branches, width);
        }
        let at = centre(width);
        let drawn: Vec<Vec<Line>> = branches
            .iter()
            .map(|b| {
                if b.is_empty() {
                    vec![mark(branch_width, centre(branch_width), "│", Paint::Dim)]
                } else {
                    self.series(b, branch_width)
                }
            })
            .collect();
        let centres: Vec<usize> = (0..count)
            .map(|k| k * (branch_width + 1) + centre(branch_width))
            .collect();
        let height = drawn.iter().map(Vec::len).max().unwrap_or(0);
        let mut lines = vec![rail(width, at, &centres, false)];
        for row in 0..height {
            let mut line = Line::new();
            for (k, branch) in drawn.iter().enumerate() {
                if k > 0 {
                    line.push(" ", Paint::Plain);
                }
                // A shorter branch runs on as a plain line down to the join.
                line.append(
                    branch.get(row).cloned().unwrap_or_else(|| {
                        mark(branch_width, centre(branch_width), "│", Paint::Dim)
                    }),
                );
            }
            lines.push(line.pad(width));
        }
        lines.push(rail(width, at, &centres, true));
        lines
    }

    /// Branches one under the other, each marked along its left edge.
    fn stacked(&self, branches: &[Vec<Segment>], width: usize) -> Vec<Line> {
        let at = centre(width);
        let inner = width.saturating_sub(2);
        let mut lines = Vec::new();
        for (k, branch) in branches.iter().enumerate() {
            let title = format!("┏ in parallel, branch {} of {}", k + 1, branches.len());
            lines.push(
                Line::new()
                    .with(&fit(&title, width), Paint::Bold)
                    .pad(width),
            );
            for line in self.series(branch, inner) {
                lines.push(Line::new().with("┃ ", Paint::Bold).with_line(line));
            }
        }
        lines.push(
            Line::new()
                .with(&fit("┗ the branches join", width), Paint::Bold)
                .pad(width),
        );
        lines.push(mark(width, at, "│", Paint::Dim));
        lines
    }

    /// A step: the queue (or plain line) in front of it, then its box.
    fn step(&self, step: &Step, width: usize) -> Vec<Line> {
        let metrics = self.metrics;
        let figures = metrics.step(&step.id);
        let critical = figures.is_none_or(|f| f.on_critical_path);
        let box_width = width.min(MAX_BOX);
        let left = (width - box_width) / 2;
        let at = left + box_width / 2;
        let mut lines = Vec::new();
        match &step.queue {
            Some(queue) => {
                let biggest = metrics
                    .biggest_queue
                    .as_ref()
                    .is_some_and(|b| b.step == step.id);
                let mut text = format!("▽ {}: {}", queue.name, queue.items);
                let queue_time = self.map.queue_time(step);
                if !queue_time.is_zero() {
                    // Queues in the demand tradition are read in days.
                    let days = queue_time.text_in(Unit::Day, &self.map.calendar);
                    text.push_str(&format!(" = {days} of demand"));
                }
                let text = fit(&text, width);
                let length = unicode_width::UnicodeWidthStr::width(text.as_str());
                let start = at.min(width.saturating_sub(length));
                let paint = if biggest { Paint::Alert } else { Paint::Queue };
                lines.push(
                    Line::new()
                        .with(&" ".repeat(start), Paint::Plain)
                        .with(&text, paint)
                        .pad(width),
                );
            }
            None => lines.push(mark(width, at, "│", Paint::Dim)),
        }
        let (h, v) = if critical {
            ("─", "│")
        } else {
            ("╌", "╎")
        };
        let c = box_width / 2;
        let pad = " ".repeat(left);
        let edge = |l: &str, mid: &str, r: &str| {
            let text = format!(
                "{l}{}{mid}{}{r}",
                h.repeat(c.saturating_sub(1)),
                h.repeat(box_width.saturating_sub(c + 2))
            );
            Line::new()
                .with(&pad, Paint::Plain)
                .with(&text, Paint::Dim)
                .pad(width)
        };
        lines.push(edge("┌", "▼", "┐"));
        let inner = box_width.saturating_sub(4);
        for content in self.content(step, inner) {
            lines.push(
                Line::new()
                    .with(&pad, Paint::Plain)
                    .with(&format!("{v} "), Paint::Dim)
                    .with_line(content.pad(inner))
                    .with(&format!(" {v}"), Paint::Dim)
                    .pad(width),
            );
        }
        lines.push(edge("└", "┬", "┘"));
        lines
    }

    /// The text inside a step's box: number and name, owner and people, LT PT %C/A.
    fn content(&self, step: &Step, inner: usize) -> Vec<Line> {
        let metrics = self.metrics;
        let calendar = &self.map.calendar;
        let label_width = step.label.chars().count() + 1;
        let text_width = inner.saturating_sub(label_width).max(1);
        let indent = " ".repeat(label_width);
        let mut lines = Vec::new();
        for (k, part) in wrap(&step.name, text_width).iter().enumerate() {
            let mut line = Line::new();
            if k == 0 {
                line.push(&format!("{} ", step.label), Paint::Dim);
            } else {
                line.push(&indent, Paint::Plain);
            }
            line.push(part, Paint::Bold);
            lines.push(line);
        }
        let people = match step.people {
            Some(1) => Some("1 person".to_string()),
            Some(n) => Some(format!("{n} people")),
            None => None,
        };
        let who = match (step.owner.is_empty(), people) {
            (false, Some(people)) => format!("{} · {people}", step.owner),
            (false, None) => step.owner.clone(),
            (true, Some(people)) => people,
            (true, None) => String::new(),
        };
        for part in wrap(&who, text_width).iter().filter(|p| !p.is_empty()) {
            lines.push(
                Line::new()
                    .with(&indent, Paint::Plain)
                    .with(part, Paint::Plain),
            );
        }
        let alert = |yes: bool| if yes { Paint::Alert } else { Paint::Plain };
        let (lt, pt) = metrics.step(&step.id).map_or_else(
            || (step.lt.natural(calendar), step.pt.natural(calendar)),
            |f| (f.lead_time.text.clone(), f.process_time.text.clone()),
        );
        let cells = [
            (
                format!("LT {lt}"),
                alert(metrics.longest_lead_time.step == step.id),
            ),
            (format!("PT {pt}"), Paint::Plain),
            (
                format!("%C/A {}", ca_text(step.ca)),
                alert(is_worst_ca(metrics, &step.id)),
            ),
        ];
        lines.extend(cell_lines(&cells, &indent, text_width, inner));
        if let Some(figures) = metrics.step(&step.id).filter(|f| !f.factory.is_empty()) {
            let f = &figures.factory;
            let mut cells = Vec::new();
            if let Some(ct) = &f.cycle_time {
                cells.push((format!("C/T {}", ct.short()), alert(f.over_takt)));
            }
            if let Some(co) = &f.changeover {
                cells.push((format!("C/O {}", co.short()), Paint::Plain));
            }
            if let Some(uptime) = &f.uptime {
                cells.push((format!("Up {}", uptime.short()), Paint::Plain));
            }
            if let Some(shifts) = f.shifts {
                let word = if shifts == 1 { "shift" } else { "shifts" };
                cells.push((format!("{shifts} {word}"), Paint::Plain));
            }
            if let Some(available) = &f.available_per_shift {
                cells.push((format!("{} avail.", available.short()), Paint::Plain));
            }
            lines.extend(cell_lines(&cells, &indent, text_width, inner));
        }
        if self
            .map
            .kaizen
            .iter()
            .any(|k| self.map.steps[k.step].id == step.id)
        {
            lines.push(
                Line::new()
                    .with(&indent, Paint::Plain)
                    .with("✸ kaizen", Paint::Alert),
            );
        }
        lines
    }
}

/// Cells of figures side by side, as many to a line as fit.
fn cell_lines(
    cells: &[(String, Paint)],
    indent: &str,
    text_width: usize,
    inner: usize,
) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut current: Option<Line> = None;
    for (text, paint) in cells.iter().cloned() {
        let text = fit(&text, text_width);
        let cell_width = unicode_width::UnicodeWidthStr::width(text.as_str());
        match current.as_mut() {
            Some(line) if line.width() + 2 + cell_width <= inner => {
                line.push("  ", Paint::Plain);
                line.push(&text, paint);
            }
            _ => {
                lines.extend(current.take());
                current = Some(Line::new().with(indent, Paint::Plain).with(&text, paint));
            }
        }
    }
    lines.extend(current);
    lines
}
