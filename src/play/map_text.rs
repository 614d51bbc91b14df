//! Value-stream maps as lines of text for either front end: a map shown mid-story, and the
//! learner's map set beside the team's at the end: its figures and differences first, the
//! drawings after.

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
        None => unfinished(view)
            .iter()
            .flat_map(|paragraph| wrap(paragraph, width, "", ""))
            .collect(),
    }
}

/// What a learner's map still lacks, as two sentences.
pub(crate) fn unfinished(view: &MapView) -> [String; 2] {
    [
        format!("{} is not finished yet.", view.title),
        format!("It still needs {}.", view.missing.join(", ")),
    ]
}

/// The heading of a comparison: which map is set beside which.
pub(crate) fn comparison_title(comparison: &Comparison) -> String {
    format!("{} beside {}", comparison.title, comparison.reference)
}

/// What a comparison says without its drawings: the figures of both maps and the differences,
/// as rows for the screen (aligned columns) or, `plain`, as table rows a screen reader reads
/// in turn.
pub(crate) fn comparison_summary(
    comparison: &Comparison,
    width: usize,
    plain: bool,
) -> Vec<String> {
    let mut lines = Vec::new();
    if !comparison.missing.is_empty() {
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
    }
    if plain {
        lines.push(["Figure", "Yours", "Team's"].join(" | "));
        lines.extend(
            comparison
                .figures
                .iter()
                .map(|(name, yours, theirs)| format!("{name} | {yours} | {theirs}")),
        );
    } else {
        lines.extend(figure_table(&comparison.figures, width));
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

/// Figures in three aligned columns, or one sentence each where the columns would not fit.
fn figure_table(figures: &[(String, String, String)], width: usize) -> Vec<String> {
    let widest = |pick: fn(&(String, String, String)) -> &String, at_least: usize| {
        figures
            .iter()
            .map(|f| columns(pick(f)))
            .max()
            .unwrap_or(0)
            .max(at_least)
    };
    let name_width = widest(|f| &f.0, 6);
    let yours_width = widest(|f| &f.1, 5);
    let theirs_width = widest(|f| &f.2, 6);
    if name_width + yours_width + theirs_width + 4 > width {
        return figures
            .iter()
            .flat_map(|(name, yours, theirs)| {
                wrap(
                    &format!("{name}: yours {yours}, the team's {theirs}"),
                    width,
                    "",
                    "  ",
                )
            })
            .collect();
    }
    let mut lines = vec![format!(
        "{:name_width$}  {:yours_width$}  Team's",
        "Figure", "Yours"
    )];
    for (name, yours, theirs) in figures {
        let pad_name = name_width.saturating_sub(columns(name));
        let pad_yours = yours_width.saturating_sub(columns(yours));
        lines.push(format!(
            "{name}{}  {yours}{}  {theirs}",
            " ".repeat(pad_name),
            " ".repeat(pad_yours)
        ));
    }
    lines
}

/// The learner's map and the team's, drawn side by side where both fit, else one above the
/// other.
pub(crate) fn comparison_maps(comparison: &Comparison, width: usize) -> Vec<String> {
    let Some(learner) = &comparison.learner_map else {
        return Vec::new();
    };
    let mut lines = Vec::new();
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
