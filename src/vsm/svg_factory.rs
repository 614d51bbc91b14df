//! The factory and future-state marks of the SVG map: which factory rows the data boxes carry
//! (C/T, C/O, uptime, shifts), and the kaizen burst drawn on a step an improvement targets.

use super::metrics::Metrics;
use super::svg_doc::{ALERT, Anchor, Font, Svg};

/// The factory rows of the data boxes: those any step of the map fills.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum FactoryRow {
    CycleTime,
    Changeover,
    Uptime,
    Shifts,
}

pub(super) fn factory_rows(metrics: &Metrics) -> Vec<FactoryRow> {
    let any = |has: fn(&super::takt::FactoryFigures) -> bool| {
        metrics.steps.iter().any(|s| has(&s.factory))
    };
    let mut rows = Vec::new();
    if any(|f| f.cycle_time.is_some()) {
        rows.push(FactoryRow::CycleTime);
    }
    if any(|f| f.changeover.is_some()) {
        rows.push(FactoryRow::Changeover);
    }
    if any(|f| f.uptime.is_some()) {
        rows.push(FactoryRow::Uptime);
    }
    if any(|f| f.shifts.is_some() && !f.is_empty()) {
        rows.push(FactoryRow::Shifts);
    }
    rows
}

/// A kaizen burst: a jagged red star centred on (x, y), as drawn on a future-state map.
pub(super) fn kaizen_burst(shapes: &mut Svg, labels: &mut Svg, x: f64, y: f64, label: &str) {
    let points: Vec<(f64, f64)> = (0..16)
        .map(|k| {
            let angle = std::f64::consts::PI * f64::from(k) / 8.0;
            let r = if k % 2 == 0 { 17.0 } else { 9.5 };
            (x + r * angle.cos(), y + r * angle.sin())
        })
        .collect();
    shapes.polygon(
        &points,
        &format!(r##"fill="#ffd6d6" stroke="{ALERT}" stroke-width="2""##),
    );
    labels.text(
        x,
        y + 4.0,
        Font::new(10.0).bold().colour(ALERT).anchor(Anchor::Middle),
        label,
    );
}
