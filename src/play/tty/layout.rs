//! What each step looks like, as styled rows for a given width: pure, so it is tested without a
//! terminal and the printer only has to write rows.

use crossterm::style::Color;

use crate::engine::{FeedbackView, MapView, Results, Speaker};
use crate::play::map_text::{comparison_lines, map_lines};
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
pub fn heading(title: &str, width: usize) -> Vec<Line> {
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

/// The title card before a new session: what the scenario is, how long it takes, what it teaches.
pub fn title(meta: &Meta, width: usize) -> Vec<Line> {
    let mut rows = ruled(&meta.title, width, "═");
    if !meta.summary.is_empty() {
        rows.push(Line::blank());
        rows.extend(narration(&meta.summary, width));
    }
    rows.push(Line::blank());
    let length = format!(
        "About {} minutes · {} level",
        meta.minutes,
        meta.level.as_str()
    );
    rows.extend(lines(wrap(&length, width, "", ""), Paint::DIM));
    if !meta.objectives.is_empty() {
        rows.push(Line::blank());
        rows.extend(lines(
            wrap("You will learn to:", width, "", ""),
            Paint::BOLD,
        ));
        for objective in &meta.objectives {
            rows.extend(lines(wrap(objective, width, "  • ", "    "), Paint::PLAIN));
        }
    }
    rows
}

pub fn narration(text: &str, width: usize) -> Vec<Line> {
    lines(wrap(text, width, "", ""), Paint::PLAIN)
}

/// A spoken line as a script reads: the name in the speaker's colour, the text hanging after it.
/// The first time someone speaks, their role follows the name so the learner knows who they are.
pub fn speech(speaker: &Speaker, text: &str, width: usize, introduce: bool) -> Vec<Line> {
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
    // A hanging indent as wide as a long name would squeeze the text into a sliver.
    let hang = if (name_width + 2) * 3 > width {
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
pub fn problem(reason: &str, width: usize) -> Vec<Line> {
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

pub fn feedback(feedback: &FeedbackView, width: usize) -> Vec<Line> {
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

/// The results screen: the ending, the grade, a bar per competency and every answer given.
pub fn results(results: &Results, width: usize) -> Vec<Line> {
    let mut rows = ruled(&format!("The end: {}", results.ending.title), width, "═");
    rows.push(Line::blank());
    let points = format!(
        "{} of {} points ({}%)",
        results.score, results.max, results.percent
    );
    match &results.grade {
        Some(grade) => {
            let title = format!("{} · {points}", grade.name);
            rows.extend(lines(wrap(&title, width, "", ""), Paint::BOLD));
            if !grade.message.is_empty() {
                rows.extend(narration(&grade.message, width));
            }
        }
        None => rows.extend(lines(wrap(&points, width, "", ""), Paint::BOLD)),
    }
    if !results.competencies.is_empty() {
        rows.push(Line::blank());
        rows.extend(competencies(results, width));
    }
    if !results.questions.is_empty() {
        rows.push(Line::blank());
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
        rows.push(Line::blank());
        let mut drawn = comparison_lines(comparison, width).into_iter();
        if let Some(title) = drawn.next() {
            rows.push(Line::of(title, Paint::BOLD));
        }
        rows.extend(lines(drawn.collect(), Paint::PLAIN));
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
pub fn banner(width: usize) -> Vec<Line> {
    const BANNER: &str = include_str!("../../../assets/banner.txt");
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
pub fn portrait(speaker: &Speaker, screen: &Screen) -> Vec<Line> {
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
pub fn map(view: &MapView, width: usize) -> Vec<Line> {
    lines(map_lines(view, width), Paint::PLAIN)
}

/// A message outside the story, such as where the results were written.
pub fn notice(message: &str, width: usize) -> Vec<Line> {
    lines(wrap(message, width, "", ""), Paint::DIM)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{
        Answer, CompetencyResult, EndingResult, FeedbackLine, GradeResult, Kind, QuestionResult,
        ScoreChange,
    };
    use crate::scenario::{Colour, Named};

    fn texts(rows: &[Line]) -> Vec<String> {
        rows.iter().map(Line::text).collect()
    }

    fn assert_fits(rows: &[Line], width: usize) {
        for row in rows {
            let text = row.text();
            assert!(
                columns(&text) <= width,
                "{} columns > {width}: {text:?}",
                columns(&text)
            );
        }
    }

    fn sample() -> Results {
        Results {
            scenario: "pet-clinic-vsm".into(),
            title: "Pet Clinic".into(),
            learner: "Tester".into(),
            seed: 7,
            ending: EndingResult {
                scene: "workshop".into(),
                title: "Ready for the workshop".into(),
            },
            competencies: vec![
                CompetencyResult {
                    id: "facilitation".into(),
                    name: "Facilitation".into(),
                    score: 5,
                    max: 8,
                },
                CompetencyResult {
                    id: "flow".into(),
                    name: "Seeing the flow".into(),
                    score: -2,
                    max: 6,
                },
                CompetencyResult {
                    id: "measurement".into(),
                    name: "Measuring what matters".into(),
                    score: 4,
                    max: 4,
                },
            ],
            score: 7,
            max: 18,
            percent: 38,
            grade: Some(GradeResult {
                name: "Still in the war room".into(),
                message: "The pizza boxes are winning for now. Try again, and watch for the moments when blame crowds out the work.".into(),
            }),
            questions: vec![
                QuestionResult {
                    scene: "war-room".into(),
                    prompt: "Everyone in the room has found a culprit, and it is never themselves. What do you say?".into(),
                    answer: "Ask everyone to set names aside for now and lay out on the whiteboard what happened to the upgrade, step by step.".into(),
                    right: Some(true),
                    feedback: vec![],
                    kind: Kind::Single,
                    given: Answer::Choice(String::new()),
                    score: Vec::new(),
                    options: Vec::new(),
                    at: 0,
                },
                QuestionResult {
                    scene: "tally".into(),
                    prompt: "How many hours did the release wait?".into(),
                    answer: "12 hours".into(),
                    right: Some(false),
                    feedback: vec![],
                    kind: Kind::Single,
                    given: Answer::Choice(String::new()),
                    score: Vec::new(),
                    options: Vec::new(),
                    at: 0,
                },
                QuestionResult {
                    scene: "name".into(),
                    prompt: "What would you call it?".into(),
                    answer: "flow".into(),
                    right: None,
                    feedback: vec![],
                    kind: Kind::Single,
                    given: Answer::Choice(String::new()),
                    score: Vec::new(),
                    options: Vec::new(),
                    at: 0,
                },
            ],
            maps: Vec::new(),
        }
    }

    #[test]
    fn results_at_80_columns() {
        let rows = results(&sample(), 80);
        assert_fits(&rows, 80);
        let text = texts(&rows);
        assert_eq!(
            text[..8],
            [
                format!("══ The end: Ready for the workshop {}", "═".repeat(45)),
                String::new(),
                "Still in the war room · 7 of 18 points (38%)".to_string(),
                "The pizza boxes are winning for now. Try again, and watch for the moments when"
                    .to_string(),
                "blame crowds out the work.".to_string(),
                String::new(),
                format!(
                    "  Facilitation            {}{}   5 / 8",
                    "█".repeat(13),
                    "░".repeat(7)
                ),
                format!("  Seeing the flow         {}  -2 / 6", "░".repeat(20)),
            ]
        );
        assert_eq!(
            text[8],
            format!("  Measuring what matters  {}   4 / 4", "█".repeat(20))
        );
        assert_eq!(text[10], "Your answers");
        assert_eq!(
            text[11],
            "✓ 1. Everyone in the room has found a culprit, and it is never themselves. What"
        );
        assert_eq!(text[12], "     do you say?");
        assert_eq!(
            text[13],
            "     Ask everyone to set names aside for now and lay out on the whiteboard what"
        );
        assert!(text.contains(&"✗ 2. How many hours did the release wait?".to_string()));
        assert!(text.contains(&"· 3. What would you call it?".to_string()));
    }

    #[test]
    fn results_at_60_columns_keep_every_row_inside() {
        let rows = results(&sample(), 60);
        assert_fits(&rows, 60);
        let text = texts(&rows);
        assert_eq!(
            text[6],
            format!(
                "  Facilitation            {}{}   5 / 8",
                "█".repeat(13),
                "░".repeat(7)
            )
        );
    }

    #[test]
    fn results_at_tiny_widths_drop_the_bar_but_keep_the_numbers() {
        let rows = results(&sample(), 24);
        let text = texts(&rows);
        assert!(
            text.iter()
                .any(|row| row.contains("Facilitation") && row.ends_with("5 / 8")),
            "{text:#?}"
        );
        assert!(!text.iter().any(|row| row.contains('█')));
        for width in 0..30 {
            results(&sample(), width);
        }
    }

    #[test]
    fn bars_fill_in_proportion_and_never_overflow() {
        assert_eq!(filled(5, 10, 20), 10);
        assert_eq!(filled(12, 10, 20), 20);
        assert_eq!(filled(-3, 10, 20), 0);
        assert_eq!(filled(3, 0, 20), 0);
    }

    fn speaker(name: &str, role: &str) -> Speaker {
        Speaker {
            id: name.to_lowercase().into(),
            name: name.into(),
            role: role.into(),
            colour: Colour::Named(Named::Red),
            portrait: None,
        }
    }

    #[test]
    fn a_portrait_shows_only_where_it_leaves_room_for_the_story() {
        let mut dan = speaker("Dan", "Developer");
        dan.portrait = Some(" .--. \n(o  o)\n \\__/ ".into());
        let roomy = Screen {
            width: 80,
            height: 24,
            colour: false,
        };
        let rows = portrait(&dan, &roomy);
        assert_eq!(texts(&rows), ["   .--. ", "  (o  o)", "   \\__/ "]);
        let cramped = Screen {
            width: 80,
            height: 5,
            colour: false,
        };
        assert!(portrait(&dan, &cramped).is_empty());
        let narrow = Screen {
            width: 7,
            height: 24,
            colour: false,
        };
        assert!(portrait(&dan, &narrow).is_empty());
        assert!(portrait(&speaker("Tina", "Testing"), &roomy).is_empty());
    }

    #[test]
    fn speech_hangs_under_the_name_in_the_speakers_colour() {
        let rows = speech(
            &speaker("Dan", "Developer"),
            "What happened is that testing signed off a build.",
            30,
            false,
        );
        assert_eq!(
            texts(&rows),
            [
                "Dan: What happened is that",
                "     testing signed off",
                "     a build."
            ]
        );
        assert_eq!(rows[0].0[0].paint.fg, Some(Color::DarkRed));
        assert!(rows[0].0[0].paint.bold);
    }

    #[test]
    fn speech_introduces_the_role_once_asked() {
        let rows = speech(&speaker("Dan", "Developer"), "Here we go.", 80, true);
        assert_eq!(texts(&rows), ["Dan (Developer): Here we go."]);
        let rows = speech(
            &speaker("Paulo", "Product owner, new to the company"),
            "Hi.",
            40,
            true,
        );
        assert_eq!(texts(&rows), ["Paulo: Hi."]);
    }

    #[test]
    fn speech_survives_tiny_widths_and_empty_text() {
        for width in 0..20 {
            let rows = speech(
                &speaker("Santhosh", "Scrum Master"),
                "Thanks for coming, everyone.",
                width,
                true,
            );
            assert!(rows[0].text().starts_with("Santhosh"));
        }
        assert_eq!(texts(&speech(&speaker("Dan", ""), "", 40, true)), ["Dan: "]);
    }

    #[test]
    fn title_card_lists_objectives_as_bullets() {
        let meta = Meta {
            id: "pet-clinic-vsm".into(),
            title: "Pet Clinic: Seeing the Flow".into(),
            summary: "Two days of firefighting.".into(),
            minutes: 15,
            level: crate::scenario::model::Level::Beginner,
            objectives: vec!["Describe a value stream: every step a request passes through".into()],
        };
        let rows = title(&meta, 40);
        assert_fits(&rows, 40);
        assert_eq!(
            texts(&rows),
            [
                "══ Pet Clinic: Seeing the Flow ═════════",
                "",
                "Two days of firefighting.",
                "",
                "About 15 minutes · beginner level",
                "",
                "You will learn to:",
                "  • Describe a value stream: every step",
                "    a request passes through",
            ]
        );
    }

    #[test]
    fn heading_is_a_rule_with_the_title() {
        assert_eq!(
            texts(&heading("The war room", 24)),
            ["── The war room ────────"]
        );
        assert_fits(
            &heading("A very long title for a very narrow terminal", 20),
            20,
        );
    }

    #[test]
    fn feedback_marks_right_and_wrong_in_words() {
        let view = FeedbackView {
            right: Some(false),
            lines: vec![FeedbackLine {
                option: None,
                missed: false,
                text: "Taking a side turns you from facilitator into player.".into(),
            }],
            solution: Some("Ask everyone to set names aside.".into()),
            score: vec![
                ScoreChange {
                    competency: "Facilitation".into(),
                    delta: -2,
                },
                ScoreChange {
                    competency: "Seeing the flow".into(),
                    delta: 1,
                },
            ],
        };
        let rows = feedback(&view, 60);
        assert_eq!(
            texts(&rows),
            [
                "✗ Not quite.",
                "  Taking a side turns you from facilitator into player.",
                "  The answer: Ask everyone to set names aside.",
                "  Score: Facilitation -2, Seeing the flow +1",
            ]
        );
        assert_eq!(rows[0].0[0].paint, Paint::WRONG);
        let narrow = feedback(&view, 30);
        assert_fits(&narrow, 30);
        assert_eq!(
            texts(&narrow)[texts(&narrow).len() - 2..],
            ["    Facilitation -2", "    Seeing the flow +1"]
        );
    }

    #[test]
    fn feedback_on_several_options_names_each() {
        let view = FeedbackView {
            right: Some(true),
            lines: vec![
                FeedbackLine {
                    option: Some("Testing".into()),
                    missed: false,
                    text: "They catch it late.".into(),
                },
                FeedbackLine {
                    option: Some("Security".into()),
                    missed: true,
                    text: "Booked after go-live.".into(),
                },
            ],
            solution: None,
            score: vec![],
        };
        assert_eq!(
            texts(&feedback(&view, 40)),
            [
                "✓ Right.",
                "• Testing",
                "  They catch it late.",
                "• Missed: Security",
                "  Booked after go-live."
            ]
        );
    }
}
