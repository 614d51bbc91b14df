//! Value-stream maps as lines of text for either front end: a map shown mid-story, and the
//! learner's map set beside the team's at the end.

use crate::engine::{Comparison, MapView};
use crate::vsm::{Map, Metrics, TextOptions, render_text};

use super::wrap::{columns, wrap};

/// Narrowest a map is drawn; two fit side by side only when each gets at least this much.
const MAP_WIDTH: usize = 40;
const GUTTER: usize = 3;

fn draw(map: &Map, width: usize, figures: bool) -> Vec<String> {
    let options = TextOptions {
        width,
        colour: false,
        figures,
    };
    render_text(map, &Metrics::compute(map), &options)
        .lines()
        .map(str::to_string)
        .collect()
}

/// The map a scene shows, or what the learner's map still lacks.
pub(crate) fn map_lines(view: &MapView, width: usize) -> Vec<String> {
    match &view.map {
        // Mid-story the learner is about to read the figures off the map: the box of computed
        // answers stays off.
        Some(map) => draw(map, width, false),
        None => {
            let mut lines = wrap(
                &format!("{} is not finished yet.", view.title),
                width,
                "",
                "",
            );
            lines.extend(wrap(
                &format!("It still needs {}.", view.missing.join(", ")),
                width,
                "",
                "",
            ));
            lines
        }
    }
}

/// The learner's map beside the team's, then the figures of both and the differences.
pub(crate) fn comparison_lines(comparison: &Comparison, width: usize) -> Vec<String> {
    let mut lines = vec![
        format!("{} beside {}", comparison.title, comparison.reference),
        String::new(),
    ];
    let Some(learner) = &comparison.learner_map else {
        lines.extend(wrap(
            &format!(
                "Your map was not finished: it still needs {}.",
                comparison.missing.join(", ")
            ),
            width,
            "",
            "",
        ));
        return lines;
    };
    match &comparison.reference_map {
        Some(reference) if width >= 2 * MAP_WIDTH + GUTTER => {
            let half = (width - GUTTER) / 2;
            lines.extend(side_by_side(
                &draw(learner, half, true),
                &draw(reference, half, true),
                half,
            ));
        }
        Some(reference) => {
            lines.extend(draw(learner, width, true));
            lines.push(String::new());
            lines.extend(draw(reference, width, true));
        }
        None => lines.extend(draw(learner, width, true)),
    }
    lines.push(String::new());
    let name_width = comparison
        .figures
        .iter()
        .map(|f| columns(&f.0))
        .max()
        .unwrap_or(0)
        .max(6);
    let yours_width = comparison
        .figures
        .iter()
        .map(|f| columns(&f.1))
        .max()
        .unwrap_or(0)
        .max(5);
    lines.push(format!(
        "{:name_width$}  {:yours_width$}  Team's",
        "Figure", "Yours"
    ));
    for (name, yours, theirs) in &comparison.figures {
        let pad_name = name_width.saturating_sub(columns(name));
        let pad_yours = yours_width.saturating_sub(columns(yours));
        lines.push(format!(
            "{name}{}  {yours}{}  {theirs}",
            " ".repeat(pad_name),
            " ".repeat(pad_yours)
        ));
    }
    lines.push(String::new());
    if comparison.differences.is_empty() {
        lines.extend(wrap(
            "Your map matches the team's, step for step.",
            width,
            "",
            "",
        ));
    } else {
        lines.push("Where your map differs:".to_string());
        for difference in &comparison.differences {
            lines.extend(wrap(difference, width, "- ", "  "));
        }
    }
    lines
}

fn side_by_side(left: &[String], right: &[String], half: usize) -> Vec<String> {
    let rows = left.len().max(right.len());
    (0..rows)
        .map(|row| {
            let l = left.get(row).map_or("", String::as_str);
            let r = right.get(row).map_or("", String::as_str);
            let pad = half.saturating_sub(columns(l)) + GUTTER;
            format!("{l}{}{r}", " ".repeat(pad)).trim_end().to_string()
        })
        .collect()
}
