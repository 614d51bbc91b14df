//! Small inline SVG charts for the HTML report: a histogram, horizontal bars, a sparkbar.
//! Every text is escaped; nothing refers to anything outside the page.

use std::fmt::Write;

pub(super) use crate::vsm::escape;

/// Vertical bars of `counts`, `height` pixels at most, labelled below with `labels`, counts above.
pub(crate) fn histogram(title: &str, counts: &[usize], labels: &[String], height: usize) -> String {
    const W: usize = 44;
    let most = counts.iter().copied().max().unwrap_or(0).max(1);
    let width = counts.len() * W + 20;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{}" role="img" aria-label="{}">"#,
        height + 44,
        escape(title)
    );
    for (i, (&count, label)) in counts.iter().zip(labels).enumerate() {
        let h = count * height / most;
        let x = 10 + i * W;
        let y = 16 + height - h;
        let _ = write!(
            svg,
            r#"<rect x="{}" y="{y}" width="{}" height="{h}" class="bar"><title>{}: {count}</title></rect><text x="{}" y="{}" class="n">{count}</text><text x="{}" y="{}" class="l">{}</text>"#,
            x + 3,
            W - 6,
            escape(label),
            x + W / 2,
            y - 3,
            x + W / 2,
            height + 32,
            escape(label)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars, one row per `(label, count, share)`.
pub(crate) fn bars(title: &str, rows: &[(String, usize, f64)]) -> String {
    const ROW: usize = 24;
    const LABEL: usize = 260;
    const BAR: usize = 300;
    let most = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" role="img" aria-label="{}">"#,
        LABEL + BAR + 90,
        rows.len() * ROW + 8,
        escape(title)
    );
    for (i, (label, count, share)) in rows.iter().enumerate() {
        let y = 4 + i * ROW;
        let w = (count * BAR / most).max(usize::from(*count > 0));
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" class="r">{}</text><rect x="{}" y="{}" width="{w}" height="{}" class="bar"/><text x="{}" y="{}">{count} ({:.0}%)</text>"#,
            LABEL - 8,
            y + 16,
            escape(label),
            LABEL,
            y + 3,
            ROW - 8,
            LABEL + w + 6,
            y + 16,
            share * 100.0
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A small bar of a share from 0 to 1, for a table cell.
pub(crate) fn sparkbar(share: f64, class: &str) -> String {
    let w = (share.clamp(0.0, 1.0) * 80.0).round();
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="82" height="12" class="spark"><rect x="0" y="1" width="80" height="10" class="track"/><rect x="0" y="1" width="{w}" height="10" class="{class}"/></svg>"#
    )
}
