//! Two maps compared as one SVG picture: the map before, the map after, one under the other,
//! then the table of every figure before and after with the change, gains in green and
//! losses in red. Every piece of text from the map files is escaped.

use super::compare::{Change, Comparison};
use super::map::Map;
use super::render_svg::draw;
use super::svg_doc::{ALERT, Anchor, Font, INK, MUTED, PAPER, Svg};

const MARGIN: f64 = 40.0;
const ROW: f64 = 22.0;
const GREEN: &str = "#2e7d32";
/// The table's columns: figure, before, after (right-aligned) and change.
const FIGURE_W: f64 = 330.0;
const VALUE_W: f64 = 170.0;
const CHANGE_W: f64 = 230.0;
/// Between two tables side by side.
const GUTTER: f64 = 80.0;

pub fn render_compare_svg(before: &Map, after: &Map, comparison: &Comparison) -> String {
    let first = draw(before, &comparison.before, "hand-before");
    let second = draw(after, &comparison.after, "hand-after");
    let table_w = FIGURE_W + 2.0 * VALUE_W + CHANGE_W;
    let width = first.width.max(second.width).max(table_w + 2.0 * MARGIN);
    let mut y = 0.0;
    let mut body = Svg::new();
    for (tag, drawing) in [("Before", &first), ("After", &second)] {
        body.rect(0.0, y, width, 36.0, &format!(r#"fill="{INK}""#));
        body.text(
            MARGIN,
            y + 24.0,
            Font::new(16.0).bold().colour("white"),
            tag,
        );
        y += 36.0;
        body.raw(
            &drawing
                .svg
                .replacen("<svg ", &format!(r#"<svg x="0" y="{y:.0}" "#), 1),
        );
        y += drawing.height;
    }
    body.rect(0.0, y, width, 36.0, &format!(r#"fill="{INK}""#));
    body.text(
        MARGIN,
        y + 24.0,
        Font::new(16.0).bold().colour("white"),
        "Before and after",
    );
    y += 36.0 + 34.0;
    body.text(
        MARGIN,
        y,
        Font::new(18.0).bold(),
        &format!("{} → {}", before.title, after.title),
    );
    y += 34.0;
    let (totals, steps): (Vec<&Change>, Vec<&Change>) =
        comparison.changes.iter().partition(|c| c.step.is_none());
    // Totals and steps side by side where the picture is wide enough, else one under the other.
    let bottom = if width >= 2.0 * table_w + GUTTER + 2.0 * MARGIN {
        let left = table(&mut body, &totals, MARGIN, y);
        let right = table(&mut body, &steps, MARGIN + table_w + GUTTER, y);
        left.max(right)
    } else {
        let below = table(&mut body, &totals, MARGIN, y) + 20.0;
        table(&mut body, &steps, MARGIN, below)
    };
    let height = bottom + MARGIN;
    let mut svg = Svg::new();
    svg.raw(&format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="sans-serif">"#
    ));
    svg.rect(0.0, 0.0, width, height, &format!(r#"fill="{PAPER}""#));
    svg.raw(&body.finish());
    svg.raw("</svg>");
    svg.finish()
}

/// A table of changes at (`x`, `top`); returns its bottom.
fn table(svg: &mut Svg, changes: &[&Change], x: f64, top: f64) -> f64 {
    let before_x = x + FIGURE_W + VALUE_W;
    let after_x = before_x + VALUE_W;
    let change_x = after_x + CHANGE_W;
    let mut y = top;
    let head = Font::new(13.0).bold().colour(MUTED);
    svg.text(x, y, head, "Figure");
    svg.text(before_x, y, head.anchor(Anchor::End), "Before");
    svg.text(after_x, y, head.anchor(Anchor::End), "After");
    svg.text(change_x, y, head.anchor(Anchor::End), "Change");
    svg.line(
        x,
        y + 8.0,
        change_x,
        y + 8.0,
        &format!(r#"stroke="{MUTED}" stroke-width="1""#),
    );
    y += ROW + 4.0;
    let mut step: Option<&str> = None;
    for change in changes {
        if change.step.as_deref() != step {
            step = change.step.as_deref();
            if let Some(name) = step {
                svg.text(x, y, Font::new(14.0).bold(), name);
                y += ROW;
            }
        }
        let indent = if change.step.is_some() { 18.0 } else { 0.0 };
        let colour = match change.better {
            Some(true) => GREEN,
            Some(false) => ALERT,
            None => MUTED,
        };
        svg.text(x + indent, y, Font::new(13.5), &change.figure);
        let dash = "–".to_string();
        svg.text(
            before_x,
            y,
            Font::new(13.5).colour(MUTED).anchor(Anchor::End),
            change.before.as_ref().unwrap_or(&dash),
        );
        svg.text(
            after_x,
            y,
            Font::new(13.5).bold().anchor(Anchor::End),
            change.after.as_ref().unwrap_or(&dash),
        );
        svg.text(
            change_x,
            y,
            Font::new(13.5).bold().colour(colour).anchor(Anchor::End),
            &change.change,
        );
        y += ROW;
    }
    y
}
