//! The lower half of the SVG map: the lead-time ladder along the critical path, the figures
//! on a sticky note, what stands out, and the conventions the figures follow.

use super::map::Map;
use super::metrics::Metrics;
use super::render_svg::Frame;
use super::svg_doc::{ALERT, Anchor, Font, INK, MUTED, STICKY, Svg, wrap_px};
use super::svg_layout::Grid;

/// The lead-time ladder along the critical path: LT on the upper rung over each gap, PT on
/// the lower rung under each box.
pub(super) fn ladder(
    shapes: &mut Svg,
    labels: &mut Svg,
    map: &Map,
    metrics: &Metrics,
    frame: &Frame,
    grid: &Grid,
    top: f64,
) {
    let low = top + 40.0;
    let calendar = &map.calendar;
    let mut points = vec![(frame.x0(), top)];
    let mut before = frame.x0();
    for id in &metrics.critical_path {
        let Some(i) = map.steps.iter().position(|s| &s.id == id) else {
            continue;
        };
        let Some((col, _)) = grid.cells[i] else {
            continue;
        };
        let step = &map.steps[i];
        let (left, right) = (frame.box_left(col), frame.box_right(col));
        points.extend([(left, top), (left, low), (right, low), (right, top)]);
        let figures = metrics.step(id);
        let text = |time: Option<&super::figure::Time>, d: super::duration::Duration| {
            time.map_or_else(|| d.natural(calendar), |t| t.text.clone())
        };
        let mut lt = text(figures.map(|f| &f.lead_time), step.lt);
        let queue_time = map.queue_time(step);
        if !queue_time.is_zero() {
            // Days of demand, as the queue says them; a step holding no time adds nothing.
            let days = queue_time.text_in(super::calendar::Unit::Day, calendar);
            lt = if step.lt.is_zero() {
                days
            } else {
                format!("{days} + {lt}")
            };
        }
        let pt = text(figures.map(|f| &f.process_time), step.pt);
        labels.text(
            (before + left) / 2.0,
            top - 8.0,
            Font::new(13.0).bold().anchor(Anchor::Middle),
            &lt,
        );
        labels.text(
            (left + right) / 2.0,
            low + 18.0,
            Font::new(13.0)
                .colour("#2e7d32")
                .bold()
                .anchor(Anchor::Middle),
            &pt,
        );
        before = right;
    }
    shapes.polyline(
        &points,
        &format!(r#"stroke="{INK}" stroke-width="2.4" stroke-linejoin="round""#),
    );
    labels.text(
        frame.x0() - 6.0,
        top + 4.0,
        Font::new(11.0).italic().colour(MUTED).anchor(Anchor::End),
        "LT",
    );
    labels.text(
        frame.x0() - 6.0,
        low + 4.0,
        Font::new(11.0).italic().colour(MUTED).anchor(Anchor::End),
        "PT",
    );
    // The ladder's totals at its end, where a VSM writes them.
    let end_x = frame.x_end() - 4.0;
    labels.text(
        end_x,
        top + 4.0,
        Font::new(13.0).bold().anchor(Anchor::End),
        &format!("LT {}", metrics.lead_time.text),
    );
    labels.text(
        end_x,
        low + 4.0,
        Font::new(13.0).bold().colour("#2e7d32").anchor(Anchor::End),
        &format!("PT {}", metrics.process_time.text),
    );
}

/// The figures on a sticky note, what stands out beside it, and the conventions underneath.
/// Returns the bottom of what it drew.
pub(super) fn notes(
    shapes: &mut Svg,
    labels: &mut Svg,
    map: &Map,
    metrics: &Metrics,
    frame: &Frame,
    top: f64,
) -> f64 {
    let label = |id: &str| map.step(id).map_or(String::new(), |s| s.label.clone());
    let mut figures = vec![
        ("Lead time", metrics.lead_time.all_units()),
        ("Process time", metrics.process_time.all_units()),
        ("Activity ratio", metrics.activity_ratio.text.clone()),
        ("Rolled %C/A", super::figure::rolled_ca_text(metrics, false)),
    ];
    if let Some(demand) = &metrics.demand {
        figures.push(("Takt time", demand.takt.text.clone()));
    }
    let worst = &metrics.worst_activity_ratio;
    let wait = metrics
        .step(&worst.step)
        .map_or(String::new(), |s| s.wait.text.clone());
    let mut stand_out = vec![(
        "Longest lead time",
        format!(
            "{} {} ({})",
            label(&metrics.longest_lead_time.step),
            metrics.longest_lead_time.name,
            metrics.longest_lead_time.value.text
        ),
    )];
    if let Some(worst_ca) = &metrics.worst_ca {
        stand_out.push((
            "Worst %C/A",
            format!(
                "{} {} ({})",
                label(&worst_ca.step),
                worst_ca.name,
                worst_ca.value.short()
            ),
        ));
    }
    stand_out.push((
        "Worst step ratio",
        format!(
            "{} {} ({}, waits {wait})",
            label(&worst.step),
            worst.name,
            worst.value.text
        ),
    ));
    if let Some(queue) = &metrics.biggest_queue {
        stand_out.push((
            "Biggest queue",
            format!(
                "{} ({} items, before {})",
                queue.name,
                queue.items,
                label(&queue.step)
            ),
        ));
    }
    if metrics.demand.is_some() {
        stand_out.push(("Over takt", super::render_text::over_takt(metrics)));
    }
    stand_out.push(("Critical path", map.path_labels(&metrics.critical_path)));
    for (k, burst) in metrics.kaizen.iter().enumerate() {
        stand_out.push((
            "Kaizen",
            format!(
                "K{} on {} {}: {}",
                k + 1,
                burst.label,
                burst.name,
                burst.note
            ),
        ));
    }

    // The sticky note, a little askew, at the right.
    let note_w = 420.0;
    let note_h = 34.0 + figures.len() as f64 * 24.0;
    let note_x = frame.x_end() - note_w;
    shapes.raw(&format!(
        r#"<g transform="rotate(-1.2 {:.1} {:.1})">"#,
        note_x + note_w / 2.0,
        top + note_h / 2.0
    ));
    shapes.rect(
        note_x,
        top,
        note_w,
        note_h,
        &format!(r##"fill="{STICKY}" stroke="#b59b3a" stroke-width="1.2""##),
    );
    shapes.raw("</g>");
    labels.raw(&format!(
        r#"<g transform="rotate(-1.2 {:.1} {:.1})">"#,
        note_x + note_w / 2.0,
        top + note_h / 2.0
    ));
    labels.text(
        note_x + 16.0,
        top + 24.0,
        Font::new(14.0).bold(),
        "Figures (critical path)",
    );
    for (k, (name, value)) in figures.iter().enumerate() {
        let y = top + 50.0 + k as f64 * 24.0;
        labels.text(note_x + 16.0, y, Font::new(14.0), name);
        labels.text(note_x + 150.0, y, Font::new(15.0).bold(), value);
    }
    labels.raw("</g>");

    let list_x = frame.x0();
    let value_x = list_x + 150.0;
    let value_w = (note_x - 40.0 - value_x).max(200.0);
    labels.text(
        list_x,
        top + 24.0,
        Font::new(14.0).bold(),
        "What stands out",
    );
    let mut y = top + 50.0;
    for (name, value) in &stand_out {
        labels.text(list_x, y, Font::new(13.0).colour(MUTED), name);
        let lines = wrap_px(value, value_w, 13.0);
        let colour = if matches!(*name, "Critical path" | "Kaizen") {
            INK
        } else {
            ALERT
        };
        labels.lines(value_x, y, Font::new(13.0).colour(colour), &lines);
        y += lines.len().max(1) as f64 * 15.6 + 6.0;
    }
    let bottom = y.max(top + note_h + 10.0) + 14.0;
    let conventions = format!(
        "Conventions: {} Dashed box: off the critical path. Red: the figure that stands out.",
        map.conventions.describe(&map.calendar)
    );
    let lines = wrap_px(&conventions, frame.x_end() - list_x, 11.0);
    labels.lines(
        list_x,
        bottom,
        Font::new(11.0).italic().colour(MUTED),
        &lines,
    );
    bottom + lines.len() as f64 * 13.2
}
