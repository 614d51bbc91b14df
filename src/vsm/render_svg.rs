//! A value-stream map as an SVG picture in the style of one drawn on a whiteboard: the
//! customer at both ends, process boxes with data boxes underneath, inventory triangles with
//! their counts, push arrows, parallel steps stacked, the lead-time ladder (LT up, PT down)
//! and the figures on a sticky note. Every piece of text from the map file is escaped.

use super::map::{Map, Step};
use super::metrics::Metrics;
use super::svg_doc::{ALERT, Anchor, Font, INK, MUTED, PAPER, STICKY, Svg, wrap_px};
use super::svg_factory::{FactoryRow, factory_rows, kaizen_burst};
use super::svg_figures::{ladder, notes};
use super::svg_layout::{End, Grid, Joint, layout};

const MARGIN: f64 = 30.0;
const COL_W: f64 = 150.0;
const GAP: f64 = 100.0;
const ROW_GAP: f64 = 34.0;
const DATA_ROW: f64 = 19.0;
const TOP: f64 = 210.0;
const FONTS: &str = "'Segoe Print', 'Bradley Hand', 'Comic Neue', 'Comic Sans MS', 'Patrick Hand', 'Kalam', cursive, sans-serif";

/// Pixel positions of the grid's columns and rows.
pub(super) struct Frame {
    cols: usize,
    box_h: f64,
    data_h: f64,
}

impl Frame {
    /// The x of the customer's request line: the left edge of the first gap.
    pub(super) fn x0(&self) -> f64 {
        MARGIN + 45.0
    }

    pub(super) fn box_left(&self, col: usize) -> f64 {
        self.x0() + GAP + col as f64 * (COL_W + GAP)
    }

    pub(super) fn box_right(&self, col: usize) -> f64 {
        self.box_left(col) + COL_W
    }

    /// The x of delivery to the customer: the right edge of the last gap.
    pub(super) fn x_end(&self) -> f64 {
        self.box_left(self.cols)
    }

    pub(super) fn gap_left(&self, col: usize) -> f64 {
        if col == 0 {
            self.x0()
        } else {
            self.box_right(col - 1)
        }
    }

    pub(super) fn gap_right(&self, col: usize) -> f64 {
        if col >= self.cols {
            self.x_end()
        } else {
            self.box_left(col)
        }
    }

    pub(super) fn row_h(&self) -> f64 {
        self.box_h + 6.0 + self.data_h + ROW_GAP
    }

    pub(super) fn row_top(&self, row: usize) -> f64 {
        TOP + row as f64 * self.row_h()
    }

    /// The height at which arrows enter and leave the boxes of `row`.
    pub(super) fn flow_y(&self, row: usize) -> f64 {
        self.row_top(row) + self.box_h / 2.0
    }

    pub(super) fn width(&self) -> f64 {
        self.x_end() + 45.0 + MARGIN
    }
}

pub fn render_svg(map: &Map, metrics: &Metrics) -> String {
    draw(map, metrics, "hand").svg
}

/// A finished picture and its size in pixels.
pub(super) struct Drawing {
    pub svg: String,
    pub width: f64,
    pub height: f64,
}

/// The map as a whole `<svg>` element; `filter` names its hand-drawn filter, so that two maps
/// in one document keep their own.
pub(super) fn draw(map: &Map, metrics: &Metrics, filter: &str) -> Drawing {
    let grid = layout(&map.flow, map.steps.len());
    let name_lines = map
        .steps
        .iter()
        .map(|s| wrap_px(&s.name, COL_W - 18.0, 13.0).len())
        .max()
        .unwrap_or(1) as f64;
    let extra = factory_rows(metrics);
    let frame = Frame {
        cols: grid.cols.max(1),
        box_h: 16.0 + name_lines * 15.6 + 22.0,
        data_h: (4 + extra.len()) as f64 * DATA_ROW + 2.0,
    };
    let mut shapes = Svg::new();
    let mut labels = Svg::new();
    let rows_bottom = frame.row_top(grid.rows) - ROW_GAP;
    let ladder_top = rows_bottom + 58.0;
    let notes_top = ladder_top + 100.0;

    header(&mut shapes, &mut labels, map, metrics, &frame);
    for joint in &grid.joints {
        arrows(&mut shapes, &frame, &grid, joint);
        queues(&mut shapes, &mut labels, map, metrics, &frame, &grid, joint);
    }
    for (i, step) in map.steps.iter().enumerate() {
        if let Some((col, row)) = grid.cells[i] {
            process_box(
                &mut shapes,
                &mut labels,
                map,
                metrics,
                &frame,
                step,
                (col, row),
                &extra,
            );
        }
    }
    ladder(
        &mut shapes,
        &mut labels,
        map,
        metrics,
        &frame,
        &grid,
        ladder_top,
    );
    let height = notes(&mut shapes, &mut labels, map, metrics, &frame, notes_top) + MARGIN;

    let width = frame.width();
    let mut svg = Svg::new();
    svg.raw(&format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="{FONTS}">"#
    ));
    svg.raw("<defs>");
    // A little noise bends the straight lines the way a marker on a whiteboard does.
    svg.raw(&format!(r#"<filter id="{filter}" x="-2%" y="-2%" width="104%" height="104%"><feTurbulence type="fractalNoise" baseFrequency="0.025" numOctaves="2" seed="7" result="noise"/><feDisplacementMap in="SourceGraphic" in2="noise" scale="2.5" xChannelSelector="R" yChannelSelector="G"/></filter>"#));
    svg.raw("</defs>");
    svg.rect(0.0, 0.0, width, height, &format!(r#"fill="{PAPER}""#));
    svg.raw(&format!(
        r#"<g filter="url(#{filter})" stroke-linejoin="round">"#
    ));
    svg.raw(&shapes.finish());
    svg.raw("</g>");
    svg.raw("<g>");
    svg.raw(&labels.finish());
    svg.raw("</g>");
    svg.raw("</svg>");
    Drawing {
        svg: svg.finish(),
        width,
        height,
    }
}

/// Title, and the customer at both ends: the request comes in on the left, value goes out on
/// the right.
fn header(shapes: &mut Svg, labels: &mut Svg, map: &Map, metrics: &Metrics, frame: &Frame) {
    let middle = frame.width() / 2.0;
    labels.text(
        middle,
        48.0,
        Font::new(26.0).bold().anchor(Anchor::Middle),
        &map.title,
    );
    let subtitle = format!(
        "Value stream map · {} steps · {} people · {}",
        metrics.steps.len(),
        metrics.people,
        map.calendar.describe()
    );
    labels.text(
        middle,
        74.0,
        Font::new(14.0).colour(MUTED).anchor(Anchor::Middle),
        &subtitle,
    );
    for (x, anchor, words) in [
        (frame.x0(), Anchor::Start, "makes a request"),
        (frame.x_end(), Anchor::End, "receives the value"),
    ] {
        customer_icon(shapes, x, 104.0);
        let text_x = match anchor {
            Anchor::End => x - 50.0,
            _ => x + 50.0,
        };
        labels.text(
            text_x,
            128.0,
            Font::new(15.0).bold().anchor(anchor),
            &map.customer,
        );
        labels.text(
            text_x,
            146.0,
            Font::new(12.0).italic().colour(MUTED).anchor(anchor),
            words,
        );
    }
    if let Some(demand) = &metrics.demand {
        let text = format!("Demand {} · takt time {}", demand.text, demand.takt.text);
        labels.text(
            middle,
            100.0,
            Font::new(14.0).bold().anchor(Anchor::Middle),
            &text,
        );
    }
    // The request comes down into the flow; delivery goes up to the customer.
    let y = frame.flow_y(0);
    shapes.line(frame.x0(), 158.0, frame.x0(), y, &stroke(INK, 2.5));
    shapes.line(frame.x_end(), y, frame.x_end(), 168.0, &stroke(INK, 2.5));
    arrow_head(shapes, frame.x_end(), 158.0, 0.0, -1.0);
}

/// The "outside source" factory: a box under a saw-tooth roof, centred on `x`.
fn customer_icon(svg: &mut Svg, x: f64, top: f64) {
    let (left, w, h) = (x - 40.0, 80.0, 54.0);
    let tooth = w / 3.0;
    let d = format!(
        "M {left:.1} {b:.1} V {r:.1} L {t1:.1} {top:.1} V {r:.1} L {t2:.1} {top:.1} V {r:.1} L {t3:.1} {top:.1} V {b:.1} Z",
        b = top + h,
        r = top + 18.0,
        t1 = left + tooth,
        t2 = left + 2.0 * tooth,
        t3 = left + w,
    );
    svg.path(
        &d,
        &format!(r#"fill="white" stroke="{INK}" stroke-width="2.2""#),
    );
    svg.rect(
        x - 9.0,
        top + h - 20.0,
        18.0,
        20.0,
        &format!(r#"fill="{STICKY}" stroke="{INK}" stroke-width="1.5""#),
    );
}

fn stroke(colour: &str, width: f64) -> String {
    format!(r#"stroke="{colour}" stroke-width="{width}" stroke-linecap="round""#)
}

/// A filled arrow head with its tip at (x, y), pointing along (dx, dy).
fn arrow_head(svg: &mut Svg, x: f64, y: f64, dx: f64, dy: f64) {
    let (len, half) = (16.0, 9.0);
    let (bx, by) = (x - dx * len, y - dy * len);
    let (px, py) = (-dy * half, dx * half);
    svg.polygon(
        &[(x, y), (bx + px, by + py), (bx - px, by - py)],
        &format!(r#"fill="{INK}" stroke="{INK}" stroke-width="1.5""#),
    );
}

/// A push arrow's striped band along `points`.
fn push_band(svg: &mut Svg, points: &[(f64, f64)]) {
    svg.polyline(
        points,
        &format!(r#"stroke="{INK}" stroke-width="10" stroke-linecap="square""#),
    );
    svg.polyline(
        points,
        r#"stroke="white" stroke-width="6" stroke-dasharray="5 5""#,
    );
}

/// Where an arrow leaves `end` (or reaches it), and at which height.
fn port(frame: &Frame, grid: &Grid, end: End, leaving: bool) -> (f64, f64) {
    match end {
        End::Request => (frame.x0(), frame.flow_y(0)),
        End::Delivery => (frame.x_end(), frame.flow_y(0)),
        End::Step(i) => {
            let (col, row) = grid.cells[i].unwrap_or((0, 0));
            let x = if leaving {
                frame.box_right(col)
            } else {
                frame.box_left(col)
            };
            (x, frame.flow_y(row))
        }
    }
}

/// Push arrows from every exit of a joint to every entry, through a shared upright in the
/// middle of the gap when the flow splits or joins.
fn arrows(svg: &mut Svg, frame: &Frame, grid: &Grid, joint: &Joint) {
    let exits: Vec<(f64, f64)> = joint
        .exits
        .iter()
        .map(|&e| port(frame, grid, e, true))
        .collect();
    let entries: Vec<(f64, f64)> = joint
        .entries
        .iter()
        .map(|&e| port(frame, grid, e, false))
        .collect();
    let head = |svg: &mut Svg, (x, y): (f64, f64), end: End| {
        // Delivery turns up to the customer: no head on the flat part.
        if end != End::Delivery {
            arrow_head(svg, x, y, 1.0, 0.0);
        }
    };
    if let ([from], [to]) = (exits.as_slice(), entries.as_slice())
        && (from.1 - to.1).abs() < 0.5
    {
        let tip = if joint.entries[0] == End::Delivery {
            0.0
        } else {
            14.0
        };
        push_band(svg, &[*from, (to.0 - tip, to.1)]);
        head(svg, *to, joint.entries[0]);
        return;
    }
    let middle = (frame.gap_left(joint.col) + frame.gap_right(joint.col)) / 2.0;
    let ys: Vec<f64> = exits.iter().chain(&entries).map(|p| p.1).collect();
    let low = ys.iter().copied().fold(f64::INFINITY, f64::min);
    let high = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    for from in &exits {
        push_band(svg, &[*from, (middle, from.1)]);
    }
    push_band(svg, &[(middle, low), (middle, high)]);
    for (to, &end) in entries.iter().zip(&joint.entries) {
        let tip = if end == End::Delivery { 0.0 } else { 14.0 };
        push_band(svg, &[(middle, to.1), (to.0 - tip, to.1)]);
        head(svg, *to, end);
    }
}

/// Inventory triangles, with their counts, in front of the steps a joint leads into.
fn queues(
    shapes: &mut Svg,
    labels: &mut Svg,
    map: &Map,
    metrics: &Metrics,
    frame: &Frame,
    grid: &Grid,
    joint: &Joint,
) {
    let straight = joint.exits.len() == 1 && joint.entries.len() == 1;
    for &end in &joint.entries {
        let End::Step(i) = end else { continue };
        let Some(queue) = &map.steps[i].queue else {
            continue;
        };
        let (to_x, y) = port(frame, grid, end, false);
        let left = frame.gap_left(joint.col);
        let middle = (left + to_x) / 2.0;
        // Beside the upright of a split or join, clear of it and of the step's number.
        let x = if straight {
            middle
        } else {
            middle + (to_x - middle) * 0.42
        };
        let base = y - 12.0;
        let (half, h) = (18.0, 31.0);
        let biggest = metrics
            .biggest_queue
            .as_ref()
            .is_some_and(|b| b.step == map.steps[i].id);
        shapes.polygon(
            &[(x - half, base), (x + half, base), (x, base - h)],
            &format!(r#"fill="{STICKY}" stroke="{INK}" stroke-width="2""#),
        );
        labels.text(
            x,
            base - 7.0,
            Font::new(14.0).bold().anchor(Anchor::Middle),
            "I",
        );
        let colour = if biggest { ALERT } else { INK };
        labels.text(
            x,
            base - h - 7.0,
            Font::new(15.0).bold().colour(colour).anchor(Anchor::Middle),
            &queue.items.to_string(),
        );
        let mut name = wrap_px(&queue.name, GAP - 6.0, 11.0);
        name.truncate(2);
        let first = base - h - 24.0 - (name.len() as f64 - 1.0) * 13.0;
        labels.lines(
            x,
            first,
            Font::new(11.0).italic().anchor(Anchor::Middle),
            &name,
        );
        let queue_time = map.queue_time(&map.steps[i]);
        if !queue_time.is_zero() {
            let days = queue_time.text_in(super::calendar::Unit::Day, &map.calendar);
            labels.lines(
                x,
                y + 24.0,
                Font::new(10.5).colour(MUTED).anchor(Anchor::Middle),
                &[days, "of demand".to_string()],
            );
        }
    }
}

/// A process box with the step's name and owner, and its data box underneath.
#[allow(clippy::too_many_arguments)]
fn process_box(
    shapes: &mut Svg,
    labels: &mut Svg,
    map: &Map,
    metrics: &Metrics,
    frame: &Frame,
    step: &Step,
    (col, row): (usize, usize),
    extra: &[FactoryRow],
) {
    let (left, top) = (frame.box_left(col), frame.row_top(row));
    let centre = left + COL_W / 2.0;
    let critical = metrics.step(&step.id).is_none_or(|f| f.on_critical_path);
    let outline = if critical {
        format!(r#"fill="white" stroke="{INK}" stroke-width="2.4" rx="3""#)
    } else {
        format!(r#"fill="white" stroke="{MUTED}" stroke-width="2.2" stroke-dasharray="8 5" rx="3""#)
    };
    shapes.rect(left, top, COL_W, frame.box_h, &outline);
    // The step's number on a round sticker at the corner.
    shapes.circle(
        left + 2.0,
        top + 2.0,
        13.0,
        &format!(r#"fill="{INK}" stroke="{INK}""#),
    );
    labels.text(
        left + 2.0,
        top + 6.5,
        Font::new(11.0)
            .bold()
            .colour("white")
            .anchor(Anchor::Middle),
        &step.label,
    );
    let name = wrap_px(&step.name, COL_W - 18.0, 13.0);
    labels.lines(
        centre,
        top + 24.0,
        Font::new(13.0).bold().anchor(Anchor::Middle),
        &name,
    );
    labels.text(
        centre,
        top + frame.box_h - 9.0,
        Font::new(11.0)
            .italic()
            .colour(MUTED)
            .anchor(Anchor::Middle),
        &step.owner,
    );

    let data_top = top + frame.box_h + 6.0;
    shapes.rect(
        left,
        data_top,
        COL_W,
        frame.data_h,
        &format!(r#"fill="white" stroke="{INK}" stroke-width="1.6""#),
    );
    for k in 1..4 + extra.len() {
        let y = data_top + k as f64 * DATA_ROW;
        shapes.line(left, y, left + COL_W, y, &stroke(MUTED, 0.8));
    }
    let row_y = |k: usize| data_top + k as f64 * DATA_ROW + 14.0;
    // An operator: a head and shoulders.
    let (ox, oy) = (left + 14.0, data_top + 9.0);
    shapes.circle(
        ox,
        oy - 1.5,
        3.6,
        &format!(r#"fill="none" stroke="{INK}" stroke-width="1.5""#),
    );
    shapes.path(
        &format!("M {:.1} {:.1} q 7 -9 14 0", ox - 7.0, oy + 8.0),
        &format!(r#"fill="none" stroke="{INK}" stroke-width="1.5""#),
    );
    let people = match step.people {
        Some(1) => "1 person".to_string(),
        Some(n) => format!("{n} people"),
        None => "people: ?".to_string(),
    };
    labels.text(left + 28.0, row_y(0), Font::new(12.0), &people);
    let calendar = &map.calendar;
    let alert = |yes: bool| if yes { ALERT } else { INK };
    let figures = metrics.step(&step.id);
    let (lt, pt) = figures.map_or_else(
        || (step.lt.natural(calendar), step.pt.natural(calendar)),
        |f| (f.lead_time.text.clone(), f.process_time.text.clone()),
    );
    let mut rows = vec![
        ("LT", lt, alert(metrics.longest_lead_time.step == step.id)),
        ("PT", pt, INK),
        (
            "%C/A",
            super::figure::ca_text(step.ca),
            alert(super::figure::is_worst_ca(metrics, &step.id)),
        ),
    ];
    for row in extra {
        let factory = figures.map(|f| &f.factory);
        let none = || "–".to_string();
        rows.push(match row {
            FactoryRow::CycleTime => (
                "C/T",
                factory
                    .and_then(|f| f.cycle_time.as_ref())
                    .map_or_else(none, |t| t.short()),
                alert(factory.is_some_and(|f| f.over_takt)),
            ),
            FactoryRow::Changeover => (
                "C/O",
                factory
                    .and_then(|f| f.changeover.as_ref())
                    .map_or_else(none, |t| t.short()),
                INK,
            ),
            FactoryRow::Uptime => (
                "Uptime",
                factory
                    .and_then(|f| f.uptime.as_ref())
                    .map_or_else(none, |u| u.short()),
                INK,
            ),
            FactoryRow::Shifts => (
                "Shifts",
                factory.and_then(|f| f.shifts).map_or_else(none, |n| {
                    match factory.and_then(|f| f.available_per_shift.as_ref()) {
                        Some(available) => format!("{n} × {}", available.short()),
                        None => n.to_string(),
                    }
                }),
                INK,
            ),
        });
    }
    if let Some(k) = map
        .kaizen
        .iter()
        .position(|k| map.steps[k.step].id == step.id)
    {
        kaizen_burst(
            shapes,
            labels,
            left + COL_W - 4.0,
            top - 4.0,
            &format!("K{}", k + 1),
        );
    }
    for (k, (name, value, colour)) in rows.into_iter().enumerate() {
        labels.text(left + 8.0, row_y(k + 1), Font::new(12.0).bold(), name);
        labels.text(
            left + COL_W - 8.0,
            row_y(k + 1),
            Font::new(12.0).colour(colour).anchor(Anchor::End),
            &value,
        );
    }
}
