//! What each step looks like, as styled rows for a given width: pure, so it is tested without a
//! terminal and the printer only has to write rows.

use crossterm::style::Color;

use crate::engine::{FeedbackView, MapView, Results, Speaker};
use crate::play::map_text::{comparison_maps, comparison_summary, comparison_title, map_lines};
use crate::scenario::Meta;

use super::menu::Screen;
use super::style::{Line, Paint, Span, terminal_colour};
use crate::play::wrap::{columns, truncate, wrap};

/// Widest a score bar gets: beyond this it stops being easier to read.
const BAR: usize = 20;
/// A bar narrower than this says nothing a number does not.
const MIN_BAR: usize = 4;
/// Columns left for words on a speech's first row before the speaker's role is left out.
const MIN_WORDS: usize = 12;

fn lines(texts: Vec<String>, paint: Paint) -> Vec<Line> {
    texts
        .into_iter()
        .map(|text| Line::of(text, paint))
        .collect()
}

/// A scene heading: the title on a rule, so scenes stand apart when scrolling back.
pub(crate) fn heading(title: &str, width: usize) -> Vec<Line> {
    ruled(title, width, "─")
}

/// The title on a rule drawn with `rule`.
fn ruled(title: &str, width: usize, rule: &str) -> Vec<Line> {
    let mut rows = Vec::new();
    let wrapped = wrap(title, width.saturating_sub(4), "", "");
    for (i, text) in wrapped.iter().enumerate() {
        let lead = if i == 0 {
            format!("{rule}{rule} ")
        } else {
            "   ".to_string()
        };
        let fill = width.saturating_sub(columns(&lead) + columns(text) + 1);
        let mut row = vec![
            Span::new(lead, Paint::DIM),
            Span::new(text.clone(), Paint::BOLD),
        ];
        if i + 1 == wrapped.len() && fill > 0 {
            row.push(Span::new(format!(" {}", rule.repeat(fill)), Paint::DIM));
        }
        rows.push(Line(row));
    }
    rows
}

/// The title card before a new session, in at most `rows` rows where it can be: the banner
/// above it only when everything fits, and objectives cut short ("…and 3 more", or only how
/// many there are) when they do not, so the title never scrolls off before it is read.
pub(crate) fn title_card(meta: &Meta, width: usize, rows: usize) -> Vec<Line> {
    let card = title(meta, width, rows);
    let banner = banner(width);
    if banner.len() + card.len() <= rows {
        banner.into_iter().chain(card).collect()
    } else {
        card
    }
}

/// What the scenario is, how long it takes and what it teaches, with as many objectives as
/// fit in `rows`.
pub(crate) fn title(meta: &Meta, width: usize, rows: usize) -> Vec<Line> {
    let mut card = ruled(&meta.title, width, "═");
    if !meta.summary.is_empty() {
        card.push(Line::blank());
        card.extend(narration(&meta.summary, width));
    }
    card.push(Line::blank());
    let length = match meta.minutes {
        0 => format!("{} level", meta.level.as_str()),
        minutes => format!("About {minutes} minutes · {} level", meta.level.as_str()),
    };
    card.extend(lines(wrap(&length, width, "", ""), Paint::DIM));
    let bullets: Vec<Vec<Line>> = meta
        .objectives
        .iter()
        .map(|objective| lines(wrap(objective, width, "  • ", "    "), Paint::PLAIN))
        .collect();
    let heading = lines(wrap("You will learn to:", width, "", ""), Paint::BOLD);
    let fixed = card.len() + 1 + heading.len();
    let all: usize = bullets.iter().map(Vec::len).sum();
    let shown = if fixed + all <= rows {
        bullets.len()
    } else {
        // Whole objectives only, with a row left to say how many more there are.
        let room = rows.saturating_sub(fixed + 1);
        let mut used = 0;
        bullets
            .iter()
            .take_while(|bullet| {
                used += bullet.len();
                used <= room
            })
            .count()
    };
    if bullets.is_empty() {
        return card;
    }
    if shown == 0 {
        // Not one objective fits: say they are there, where a row is left for it.
        let note = lines(
            wrap(
                &format!(
                    "{} learning objectives: a taller window shows them.",
                    bullets.len()
                ),
                width,
                "",
                "",
            ),
            Paint::DIM,
        );
        if card.len() + 1 + note.len() <= rows {
            card.push(Line::blank());
            card.extend(note);
        }
        return card;
    }
    card.push(Line::blank());
    card.extend(heading);
    let more = bullets.len() - shown;
    card.extend(bullets.into_iter().take(shown).flatten());
    if more > 0 {
        card.extend(lines(
            wrap(&format!("…and {more} more"), width, "  ", "  "),
            Paint::DIM,
        ));
    }
    card
}

pub(crate) fn narration(text: &str, width: usize) -> Vec<Line> {
    lines(wrap(text, width, "", ""), Paint::PLAIN)
}

/// A spoken line as a script reads: the name in the speaker's colour, the text hanging after it.
/// The first time someone speaks, their role follows the name so the learner knows who they are.
pub(crate) fn speech(speaker: &Speaker, text: &str, width: usize, introduce: bool) -> Vec<Line> {
    let name = Span::new(
        speaker.name.to_string(),
        Paint {
            fg: terminal_colour(speaker.colour),
            bold: true,
            ..Paint::PLAIN
        },
    );
    let name_width = columns(&speaker.name);
    let role = format!(" ({})", speaker.role);
    // A long role would leave no room for words on the first row; the name alone does then.
    let with_role = introduce
        && !speaker.role.trim().is_empty()
        && name_width + columns(&role) + 2 + MIN_WORDS <= width;
    // Later rows hang under the words, past the role too while that leaves half the width;
    // a hanging indent as wide as a long name would squeeze the text into a sliver.
    let introduced = name_width + columns(&role) + 2;
    let hang = if with_role && introduced * 2 <= width {
        introduced
    } else if (name_width + 2) * 3 > width {
        2
    } else {
        name_width + 2
    };
    let mut label = vec![name];
    if with_role {
        label.push(Span::new(role, Paint::DIM));
    }
    label.push(Span::plain(": "));
    after(label, text, width, hang)
}

/// `text` wrapped to follow the `label` spans on its first row, with later rows indented by
/// `indent` columns.
fn after(label: Vec<Span>, text: &str, width: usize, indent: usize) -> Vec<Line> {
    let lead: usize = label.iter().map(|span| columns(&span.text)).sum();
    let mut label = Some(label);
    let mut rows = Vec::new();
    for row in wrap(text, width, &" ".repeat(lead), &" ".repeat(indent)) {
        match label.take() {
            Some(mut spans) => {
                // The lead is spaces, one byte per column, standing in for the label.
                spans.push(Span::plain(row.get(lead..).unwrap_or("")));
                rows.push(Line(spans));
            }
            None => rows.push(Line::of(row, Paint::PLAIN)),
        }
    }
    rows.extend(label.map(Line));
    rows
}

/// Why the last answer was refused, before the question is asked again.
pub(crate) fn problem(reason: &str, width: usize) -> Vec<Line> {
    lines(
        wrap(
            &format!("That answer cannot be taken: {reason}."),
            width,
            "✗ ",
            "  ",
        ),
        Paint::fg(Color::DarkRed),
    )
}

/// The marker and paint for right, wrong and opinion answers; the words carry the meaning
/// without colour.
fn verdict(right: Option<bool>) -> Option<(&'static str, Paint)> {
    match right {
        Some(true) => Some(("✓ Right.", Paint::RIGHT)),
        Some(false) => Some(("✗ Not quite.", Paint::WRONG)),
        None => None,
    }
}

pub(crate) fn feedback(feedback: &FeedbackView, width: usize) -> Vec<Line> {
    let mut rows = Vec::new();
    if let Some((marker, paint)) = verdict(feedback.right) {
        rows.push(Line::of(marker, paint));
    }
    for line in &feedback.lines {
        if let Some(option) = &line.option {
            // A right option left unmarked is named as missed, so it is not read as one chosen.
            let label = if line.missed {
                format!("Missed: {option}")
            } else {
                option.clone()
            };
            rows.extend(lines(wrap(&label, width, "• ", "  "), Paint::BOLD));
        }
        rows.extend(narration_at(&line.text, width, "  "));
    }
    if let Some(solution) = &feedback.solution {
        let label = vec![Span::plain("  "), Span::new("The answer: ", Paint::BOLD)];
        rows.extend(after(label, solution, width, 2));
    }
    if !feedback.score.is_empty() {
        let changes: Vec<Span> = feedback
            .score
            .iter()
            .map(|change| {
                let paint = if change.delta >= 0 {
                    Paint::RIGHT
                } else {
                    Paint::WRONG
                };
                Span::new(format!("{} {:+}", change.competency, change.delta), paint)
            })
            .collect();
        rows.extend(flow("  Score: ", changes, width));
    }
    rows
}

fn narration_at(text: &str, width: usize, indent: &str) -> Vec<Line> {
    lines(wrap(text, width, indent, indent), Paint::PLAIN)
}

/// `label` and the items separated by commas on one row when they fit, else one item per row.
fn flow(label: &str, items: Vec<Span>, width: usize) -> Vec<Line> {
    let total = columns(label) + items.iter().map(|s| columns(&s.text) + 2).sum::<usize>();
    let label = Span::new(label, Paint::DIM);
    if total <= width {
        let mut row = vec![label];
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                row.push(Span::plain(", "));
            }
            row.push(item);
        }
        return vec![Line(row)];
    }
    let mut rows = vec![Line(vec![label])];
    rows.extend(
        items
            .into_iter()
            .map(|item| Line(vec![Span::plain("    "), item])),
    );
    rows
}

/// The first results screen: the ending, the grade, whether it took a retry, a bar per
/// competency and what the learner's maps say beside the team's. The blank rows between those
/// parts go, first ones first, where keeping them would make it taller than `rows`, so the
/// flagship's first screen fits 80x24 even after a retry. The rest is in [`details`].
pub(crate) fn results(results: &Results, width: usize, rows: usize) -> Vec<Line> {
    // The rule stands for a blank row above the verdict.
    let mut verdict = ruled(&format!("The end: {}", results.ending.title), width, "═");
    let points = format!(
        "{} of {} points ({}%)",
        results.score, results.max, results.percent
    );
    match &results.grade {
        Some(grade) => {
            let title = format!("{} · {points}", grade.name);
            verdict.extend(lines(wrap(&title, width, "", ""), Paint::BOLD));
            if !grade.message.is_empty() {
                verdict.extend(narration(&grade.message, width));
            }
        }
        None => verdict.extend(lines(wrap(&points, width, "", ""), Paint::BOLD)),
    }
    if let Some(line) = results.pass_line() {
        verdict.extend(lines(wrap(&line, width, "", ""), Paint::BOLD));
    }
    if let Some(line) = results.retry_line() {
        verdict.extend(narration(&line, width));
    }
    let mut parts = vec![verdict];
    if !results.competencies.is_empty() {
        parts.push(competencies(results, width));
    }
    for comparison in &results.maps {
        let mut part = lines(
            wrap(&comparison_title(comparison), width, "", "  "),
            Paint::BOLD,
        );
        let mut summary = comparison_summary(comparison, width, false);
        summary.retain(|row| !row.is_empty());
        part.extend(lines(summary, Paint::PLAIN));
        parts.push(part);
    }
    // Blank rows where there is room, the last parts' first: a map's table reads best apart.
    let content: usize = parts.iter().map(Vec::len).sum();
    let gaps = parts.len() - 1;
    let first_spaced = parts.len() - rows.saturating_sub(content).min(gaps);
    let mut screen = Vec::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 && i >= first_spaced {
            screen.push(Line::blank());
        }
        screen.extend(part);
    }
    screen
}

/// What waits behind a key after the first results screen, as the pause before it says so:
/// every answer, the maps drawn, or both; `None` when there is nothing more.
pub(crate) fn details_prompt(results: &Results) -> Option<&'static str> {
    let answers = !results.questions.is_empty();
    let maps = results.maps.iter().any(|m| m.learner_map.is_some());
    match (answers, maps) {
        (true, true) => Some("press any key for every answer and the maps · q to finish"),
        (true, false) => Some("press any key for every answer · q to finish"),
        (false, true) => Some("press any key for the maps · q to finish"),
        (false, false) => None,
    }
}

/// Behind a key after the first results screen: every answer given, then the maps drawn.
pub(crate) fn details(results: &Results, width: usize) -> Vec<Line> {
    let mut rows = Vec::new();
    if !results.questions.is_empty() {
        rows.push(Line::of("Your answers", Paint::BOLD));
        let digits = results.questions.len().to_string().len();
        for (number, question) in results.questions.iter().enumerate() {
            let (mark, paint) = match question.right {
                Some(true) => ("✓", Paint::RIGHT),
                Some(false) => ("✗", Paint::WRONG),
                None => ("·", Paint::DIM),
            };
            let label = format!("{:>digits$}. ", number + 1);
            let indent = " ".repeat(2 + columns(&label));
            let lead = vec![Span::new(mark, paint), Span::plain(" "), Span::plain(label)];
            rows.extend(after(lead, &question.prompt, width, indent.len()));
            rows.extend(lines(
                wrap(&question.answer, width, &indent, &indent),
                Paint::DIM,
            ));
        }
    }
    for comparison in &results.maps {
        let drawn = comparison_maps(comparison, width);
        if drawn.is_empty() {
            continue;
        }
        if !rows.is_empty() {
            rows.push(Line::blank());
        }
        rows.extend(lines(
            wrap(&comparison_title(comparison), width, "", "  "),
            Paint::BOLD,
        ));
        rows.push(Line::blank());
        rows.extend(lines(drawn, Paint::PLAIN));
    }
    rows
}

fn competencies(results: &Results, width: usize) -> Vec<Line> {
    let numbers: Vec<String> = results
        .competencies
        .iter()
        .map(|c| format!("{} / {}", c.score, c.max))
        .collect();
    let numbers_width = numbers.iter().map(|n| columns(n)).max().unwrap_or(0);
    let longest = results
        .competencies
        .iter()
        .map(|c| columns(&c.name))
        .max()
        .unwrap_or(0);
    // Names matter most, then the numbers; the bar only takes the room that is left.
    let name_width = longest
        .min(width.saturating_sub(2 + 2 + numbers_width))
        .max(MIN_BAR);
    let bar_width = width
        .saturating_sub(2 + name_width + 2 + 2 + numbers_width)
        .min(BAR);
    let mut rows = Vec::new();
    for (competency, number) in results.competencies.iter().zip(numbers) {
        let name = truncate(&competency.name, name_width);
        let pad = " ".repeat(name_width.saturating_sub(columns(&name)));
        let mut row = vec![Span::plain(format!("  {name}{pad}  "))];
        if bar_width >= MIN_BAR {
            let filled = filled(competency.score, competency.max, bar_width);
            row.push(Span::new("█".repeat(filled), Paint::fg(Color::DarkCyan)));
            row.push(Span::new("░".repeat(bar_width - filled), Paint::DIM));
            row.push(Span::plain("  "));
        }
        let pad = " ".repeat(numbers_width.saturating_sub(columns(&number)));
        row.push(Span::plain(format!("{pad}{number}")));
        rows.push(Line(row));
    }
    rows
}

/// Cells of a `width`-cell bar to fill for `score` out of `max`; a negative score shows empty.
fn filled(score: i64, max: i64, width: usize) -> usize {
    if max <= 0 {
        return 0;
    }
    let score = score.clamp(0, max) as f64;
    ((score / max as f64) * width as f64).round() as usize
}

/// The dojo banner (`assets/banner.txt`), above the first title card where it fits.
pub(crate) fn banner(width: usize) -> Vec<Line> {
    const BANNER: &str = include_str!("../../../../assets/banner.txt");
    let rows: Vec<&str> = BANNER.trim_end().lines().collect();
    if rows.iter().any(|row| columns(row) > width) {
        return Vec::new();
    }
    let mut lines: Vec<Line> = rows
        .into_iter()
        .map(|row| Line::of(row, Paint::DIM))
        .collect();
    lines.push(Line::blank());
    lines
}

/// A character's portrait the first time they speak, in their colour; left out when the
/// terminal is too small for it to leave room for the story.
pub(crate) fn portrait(speaker: &Speaker, screen: &Screen) -> Vec<Line> {
    let Some(art) = &speaker.portrait else {
        return Vec::new();
    };
    let rows: Vec<&str> = art.lines().collect();
    let widest = rows.iter().map(|row| columns(row)).max().unwrap_or(0);
    if widest + 2 > screen.width || rows.len() * 2 > screen.height {
        return Vec::new();
    }
    let paint = terminal_colour(speaker.colour).map_or(Paint::DIM, Paint::fg);
    rows.into_iter()
        .map(|row| Line::of(format!("  {row}"), paint))
        .collect()
}

/// A value-stream map, drawn at once: it is a picture to study, not text to follow.
pub(crate) fn map(view: &MapView, width: usize) -> Vec<Line> {
    lines(map_lines(view, width), Paint::PLAIN)
}

/// A message outside the story, such as where the results were written.
pub(crate) fn notice(message: &str, width: usize) -> Vec<Line> {
    lines(wrap(message, width, "", ""), Paint::DIM)
}

#[cfg(test)]
mod tests;
