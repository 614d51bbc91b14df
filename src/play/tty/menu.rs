//! Questions, the learner's name and resuming: single choices in our own menu (`choose`),
//! typed answers and yes/no in our own line input (`line`, `yes_no`), multiple choices with
//! inquire.
//!
//! Terminals fold long text at the last column, mid-word, so prompts, options and answers are
//! wrapped here first, with continuation rows indented under the text they continue.

use std::io::{self, Write};

use inquire::error::InquireResult;
use inquire::list_option::ListOption;
use inquire::ui::{Attributes, Color, RenderConfig, StyleSheet, Styled};
use inquire::validator::Validation;
use inquire::{InquireError, MultiSelect};

use crate::engine::{Answer, QuestionView, with_unit};
use crate::play::Reply;
use crate::play::wrap::{columns, wrap};
use crate::scenario::model::QuestionKind;

use super::choose;
use super::line;
use super::style::{Line, Paint, Span, printable, write_line};
use super::yes_no;

/// The terminal as the next prompt will find it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Screen {
    /// Columns to wrap text to.
    pub width: usize,
    pub height: usize,
    pub colour: bool,
}

/// Help lines, in full and for narrow terminals, where a folded help line reads as noise.
const HELP_SINGLE: Help = Help(
    "↑↓ to move · Enter to choose · q or Esc to quit",
    "↑↓ Enter · q quits",
);
const HELP_MULTIPLE: Help = Help(
    "↑↓ to move · Space to mark · Enter when done · Esc to quit",
    "↑↓ Space Enter · Esc quits",
);
const HELP_TEXT: Help = Help("Enter to answer · Esc to quit", "Enter · Esc quits");
const HELP_ORDER_DONE: Help = Help(
    "Enter to keep it · n to start over · q or Esc to quit",
    "Enter keeps · n redoes",
);
const HELP_NAME: Help = Help("Enter to skip · Esc to quit", "Enter skips · Esc quits");
const HELP_RESUME: Help = Help(
    "Enter to continue · n to start over · q or Esc to quit",
    "Enter continues · n restarts",
);

#[derive(Debug, Clone, Copy)]
struct Help(&'static str, &'static str);

impl Help {
    /// The full help if it fits in its brackets on one row of `width` columns.
    fn fit(self, width: usize) -> &'static str {
        if columns(self.0) + 3 <= width {
            self.0
        } else {
            self.1
        }
    }
}

/// Columns inquire writes before a prompt (`? `), an option (`> `) and a checkbox option
/// (`> [ ] `).
const PROMPT_LEAD: usize = 2;
const SELECT_LEAD: usize = 2;
const CHECKBOX_LEAD: usize = 6;

/// How inquire draws: `answer_below` puts the answer under the question, for answers (options,
/// typed text) too long to share its last row.
fn render_config(colour: bool, answer_below: bool) -> RenderConfig<'static> {
    let mut config = if colour {
        let accent = StyleSheet::new()
            .with_fg(Color::DarkCyan)
            .with_attr(Attributes::BOLD);
        let quiet = StyleSheet::new().with_fg(Color::DarkGrey);
        let mut config = RenderConfig::default_colored()
            .with_prompt_prefix(Styled::new("?").with_style_sheet(accent))
            .with_answered_prompt_prefix(Styled::new(">").with_style_sheet(accent))
            .with_highlighted_option_prefix(Styled::new(">").with_fg(Color::LightCyan))
            .with_help_message(quiet)
            .with_canceled_prompt_indicator(Styled::new("(quit)").with_style_sheet(quiet));
        config.prompt = StyleSheet::new().with_attr(Attributes::BOLD);
        config
    } else {
        RenderConfig::empty()
            .with_answered_prompt_prefix(Styled::new(">"))
            .with_canceled_prompt_indicator(Styled::new("(quit)"))
    };
    config.answer_from_new_line = answer_below;
    config
}

/// Esc and Ctrl-C mean leave; anything else inquire reports is a terminal failure.
fn settle<T>(result: InquireResult<T>) -> io::Result<Reply<T>> {
    match result {
        Ok(value) => Ok(Reply::Given(value)),
        Err(InquireError::OperationCanceled | InquireError::OperationInterrupted) => {
            Ok(Reply::Quit)
        }
        Err(InquireError::IO(error)) => Err(error),
        Err(InquireError::NotTTY) => Err(io::Error::other("the input is not a terminal")),
        Err(InquireError::InvalidConfiguration(message)) => Err(io::Error::other(message)),
        Err(InquireError::Custom(error)) => Err(io::Error::other(error.to_string())),
    }
}

fn map<T, U>(reply: Reply<T>, f: impl FnOnce(T) -> U) -> Reply<U> {
    match reply {
        Reply::Given(value) => Reply::Given(f(value)),
        Reply::Quit => Reply::Quit,
    }
}

/// Wraps `text` to follow a lead of `lead` columns that inquire writes on its first row (`? `,
/// `> `, `> [ ] `), with later rows indented to line up under the text.
fn hanging(text: &str, width: usize, lead: usize) -> String {
    hanging_by(text, width, lead, lead)
}

/// An option's label: later rows are indented two columns past the text, so a long option
/// does not read as two options one under the other.
fn option_label(text: &str, width: usize, lead: usize) -> String {
    hanging_by(text, width, lead, lead + 2)
}

fn hanging_by(text: &str, width: usize, lead: usize, rest: usize) -> String {
    let indent = " ".repeat(lead);
    let rest = " ".repeat(rest);
    // One column spare: inquire writes a space after prompts, and a full last column makes
    // some terminals wrap early.
    let rows = wrap(&printable(text), width.saturating_sub(1), &indent, &rest);
    let mut joined = String::new();
    for (i, row) in rows.iter().enumerate() {
        if i == 0 {
            joined.push_str(row.get(lead..).unwrap_or(""));
        } else {
            joined.push('\n');
            joined.push_str(row);
        }
    }
    joined
}

/// A question's text as an inquire message, after the `? ` prefix.
fn message(prompt: &str, width: usize) -> String {
    hanging(prompt, width, PROMPT_LEAD)
}

/// An answer shown under its question once given, indented like the question's text.
fn answer_below(text: &str, width: usize) -> String {
    wrap(&printable(text), width.saturating_sub(1), "  ", "  ").join("\n")
}

fn row_count(text: &str) -> usize {
    text.lines().count().max(1)
}

/// How many options a list can show at once so the whole prompt fits on the screen: inquire
/// draws by moving the cursor up over its last frame, which fails once the frame has scrolled.
pub(crate) fn page_size(heights: &[usize], chrome: usize, screen_rows: usize) -> usize {
    let room = screen_rows.saturating_sub(chrome + 1);
    let mut tallest = heights.to_vec();
    tallest.sort_unstable_by(|a, b| b.cmp(a));
    let mut used = 0;
    let mut fits = 0;
    for height in tallest {
        used += height;
        if used > room {
            break;
        }
        fits += 1;
    }
    fits.clamp(1, heights.len().max(1))
}

/// Rows the prompt for `question` will take, so earlier text can be paused on before it
/// scrolls away under the prompt.
pub(crate) fn height(question: &QuestionView, screen: &Screen) -> usize {
    let prompt = row_count(&message(&question.prompt, screen.width));
    let lead = match question.kind {
        QuestionKind::Multiple => CHECKBOX_LEAD,
        _ => SELECT_LEAD,
    };
    let options: usize = question
        .options
        .iter()
        .map(|option| row_count(&option_label(&option.text, screen.width, lead)))
        .sum();
    match question.kind {
        QuestionKind::Single | QuestionKind::Multiple | QuestionKind::Order => {
            (prompt + options + 2).min(screen.height)
        }
        QuestionKind::Number | QuestionKind::Text => prompt + 2,
    }
}

pub(crate) fn ask(question: &QuestionView, screen: &Screen) -> io::Result<Reply<Answer>> {
    let no_options = matches!(
        question.kind,
        QuestionKind::Single | QuestionKind::Multiple | QuestionKind::Order
    ) && question.options.is_empty();
    if no_options {
        return Err(io::Error::other(
            "the question has no options to choose from",
        ));
    }
    Ok(match question.kind {
        QuestionKind::Single => map(single(question, screen)?, Answer::Choice),
        QuestionKind::Multiple => map(multiple(question, screen)?, Answer::Choices),
        QuestionKind::Order => map(order(question, screen)?, Answer::Order),
        QuestionKind::Number => map(number(question, screen)?, Answer::Number),
        QuestionKind::Text => map(text(question, screen)?, Answer::Text),
    })
}

/// Picks one of `texts` with the arrow keys and returns its index.
fn pick(message: &str, texts: &[&str], screen: &Screen, help: Help) -> io::Result<Reply<usize>> {
    let labels: Vec<String> = texts
        .iter()
        .map(|text| option_label(text, screen.width, SELECT_LEAD))
        .collect();
    let heights: Vec<usize> = labels.iter().map(|label| row_count(label)).collect();
    let page = page_size(&heights, row_count(message) + 2, screen.height);
    let answered = |index: usize| {
        texts
            .get(index)
            .map_or_else(String::new, |text| answer_below(text, screen.width))
    };
    choose::choose(&choose::Menu {
        message,
        labels: &labels,
        help: help.fit(screen.width),
        page,
        width: screen.width,
        colour: screen.colour,
        answered: &answered,
    })
}

fn texts(question: &QuestionView) -> Vec<&str> {
    question
        .options
        .iter()
        .map(|option| option.text.as_str())
        .collect()
}

fn single(question: &QuestionView, screen: &Screen) -> io::Result<Reply<String>> {
    let message = message(&question.prompt, screen.width);
    let reply = pick(&message, &texts(question), screen, HELP_SINGLE)?;
    Ok(map(reply, |index| question.options[index].id.clone()))
}

fn multiple(question: &QuestionView, screen: &Screen) -> io::Result<Reply<Vec<String>>> {
    let message = message(&question.prompt, screen.width);
    let labels: Vec<String> = question
        .options
        .iter()
        .map(|option| option_label(&option.text, screen.width, CHECKBOX_LEAD))
        .collect();
    let heights: Vec<usize> = labels.iter().map(|label| row_count(label)).collect();
    // One more row than a single choice: the "select at least one" message.
    let page = page_size(&heights, row_count(&message) + 3, screen.height);
    let format = |chosen: &[ListOption<&String>]| {
        chosen
            .iter()
            .filter_map(|option| question.options.get(option.index))
            .map(|option| {
                wrap(
                    &printable(&option.text),
                    screen.width.saturating_sub(1),
                    "  • ",
                    "    ",
                )
                .join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let at_least_one = |chosen: &[ListOption<&String>]| {
        Ok(if chosen.is_empty() {
            Validation::Invalid("Mark at least one with Space, then press Enter.".into())
        } else {
            Validation::Valid
        })
    };
    let chosen = MultiSelect::new(&message, labels)
        .with_render_config(render_config(screen.colour, true))
        .with_help_message(HELP_MULTIPLE.fit(screen.width))
        .with_page_size(page)
        .with_formatter(&format)
        .with_validator(at_least_one)
        .without_filtering()
        .raw_prompt();
    Ok(map(settle(chosen)?, |chosen| {
        chosen
            .iter()
            .filter_map(|option| question.options.get(option.index))
            .map(|option| option.id.clone())
            .collect()
    }))
}

/// Ordering as a run of choices, first to last, each over what is left: arrow keys and Enter
/// only, and every step stays on screen as the order so far. A last look lets the learner start
/// over before the order is judged.
fn order(question: &QuestionView, screen: &Screen) -> io::Result<Reply<Vec<String>>> {
    let first = format!(
        "{}\n  Which comes first?",
        message(&question.prompt, screen.width)
    );
    loop {
        let mut left: Vec<usize> = (0..question.options.len()).collect();
        let mut placed = Vec::new();
        while left.len() > 1 {
            let next = format!(
                "Which comes next? ({} of {})",
                placed.len() + 1,
                question.options.len()
            );
            let prompt = if placed.is_empty() { &first } else { &next };
            let remaining: Vec<&str> = left
                .iter()
                .map(|&i| question.options[i].text.as_str())
                .collect();
            match pick(prompt, &remaining, screen, HELP_SINGLE)? {
                Reply::Quit => return Ok(Reply::Quit),
                Reply::Given(index) => placed.push(left.remove(index)),
            }
        }
        placed.extend(left);
        if question.options.len() > 1 {
            let last = placed
                .last()
                .map_or("", |&i| question.options[i].text.as_str());
            and_last(last, screen)?;
        }
        let ids = placed
            .iter()
            .map(|&i| question.options[i].id.clone())
            .collect();
        if question.options.len() <= 2 {
            return Ok(Reply::Given(ids));
        }
        let keep = yes_no::ask(
            &message("Keep this order?", screen.width),
            true,
            HELP_ORDER_DONE.fit(screen.width),
            screen.width,
            screen.colour,
        )?;
        match keep {
            Reply::Quit => return Ok(Reply::Quit),
            Reply::Given(true) => return Ok(Reply::Given(ids)),
            Reply::Given(false) => writeln!(io::stderr())?,
        }
    }
}

/// Shows the option left over as the last of the order, in the look of inquire's answered
/// prompts above it (which are on stderr too).
fn and_last(text: &str, screen: &Screen) -> io::Result<()> {
    let accent = Paint {
        fg: Some(crossterm::style::Color::DarkCyan),
        bold: true,
        ..Paint::PLAIN
    };
    let mut rows = vec![Line(vec![
        Span::new(">", accent),
        Span::plain(" And last:"),
    ])];
    rows.extend(
        answer_below(text, screen.width)
            .lines()
            .map(|row| Line::of(row, Paint::PLAIN)),
    );
    let mut err = io::stderr().lock();
    for row in &rows {
        write_line(&mut err, row, screen.colour)?;
    }
    err.flush()
}

fn number(question: &QuestionView, screen: &Screen) -> io::Result<Reply<f64>> {
    let message = message(&question.prompt, screen.width);
    let unit = question
        .unit
        .as_deref()
        .map(printable)
        .filter(|unit| !unit.is_empty());
    let help = match &unit {
        Some(unit) => format!("A number, in {unit} · {}", HELP_TEXT.0),
        None => format!("A number · {}", HELP_TEXT.0),
    };
    let help = if columns(&help) + 3 <= screen.width {
        help
    } else {
        format!("Number · {}", HELP_TEXT.1)
    };
    let parse = |input: &str| match Answer::parse(question, input) {
        Ok(Answer::Number(number)) => Some(number),
        _ => None,
    };
    let check = |input: &str| {
        parse(input)
            .is_none()
            .then(|| "Type a number, such as 14.6".to_string())
    };
    // "1 hour", "80%": as the results will show it.
    let answered = |input: &str| {
        parse(input).map_or_else(String::new, |number| with_unit(number, unit.as_deref()))
    };
    let reply = line::ask(&line::Prompt {
        message: &message,
        help: &help,
        width: screen.width,
        colour: screen.colour,
        check: &check,
        answered: &answered,
        q_quits: false,
    })?;
    Ok(map(reply, |text| parse(&text).unwrap_or_default()))
}

fn text(question: &QuestionView, screen: &Screen) -> io::Result<Reply<String>> {
    let message = message(&question.prompt, screen.width);
    let check = |input: &str| {
        input
            .trim()
            .is_empty()
            .then(|| "Type an answer first.".to_string())
    };
    let answered = |input: &str| answer_below(input.trim(), screen.width);
    line::ask(&line::Prompt {
        message: &message,
        help: HELP_TEXT.fit(screen.width),
        width: screen.width,
        colour: screen.colour,
        check: &check,
        answered: &answered,
        q_quits: false,
    })
}

/// The learner's name; Enter alone skips it.
pub(crate) fn name(screen: &Screen) -> io::Result<Reply<String>> {
    let answered = |input: &str| {
        if input.trim().is_empty() {
            "(skipped)".to_string()
        } else {
            input.trim().to_string()
        }
    };
    line::ask(&line::Prompt {
        message: "What should the team call you?",
        help: HELP_NAME.fit(screen.width),
        width: screen.width,
        colour: screen.colour,
        check: &|_| None,
        answered: &answered,
        q_quits: false,
    })
}

pub(crate) fn resume(screen: &Screen) -> io::Result<Reply<bool>> {
    yes_no::ask(
        &message("Continue where you left off?", screen.width),
        true,
        HELP_RESUME.fit(screen.width),
        screen.width,
        screen.colour,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_hold_as_many_options_as_fit() {
        assert_eq!(page_size(&[1, 1, 1, 1], 3, 24), 4);
        assert_eq!(page_size(&[3, 3, 3, 3], 4, 20), 4);
        assert_eq!(page_size(&[3, 3, 3, 3, 3], 4, 16), 3);
        assert_eq!(page_size(&[9, 9], 4, 6), 1);
        assert_eq!(page_size(&[], 4, 24), 1);
    }

    #[test]
    fn long_options_hang_past_their_first_word() {
        let label = option_label(
            "Ask everyone to set names aside for now and lay out on the whiteboard what happened.",
            40,
            SELECT_LEAD,
        );
        let rows: Vec<&str> = label.lines().collect();
        assert_eq!(rows[0], "Ask everyone to set names aside for");
        assert!(
            rows[1..]
                .iter()
                .all(|row| row.starts_with("    ") && !row.starts_with("     "))
        );
        assert!(
            rows.iter()
                .enumerate()
                .all(|(i, row)| row.chars().count() + if i == 0 { 2 } else { 0 } < 40)
        );
    }

    #[test]
    fn option_text_cannot_carry_escapes_into_the_menu() {
        assert_eq!(hanging("a\u{1b}[31mb\u{7}", 40, SELECT_LEAD), "a[31mb");
    }

    #[test]
    fn tiny_widths_still_give_labels() {
        for width in 0..10 {
            assert!(!hanging("Ask everyone", width, CHECKBOX_LEAD).is_empty());
            assert!(!message("Which comes first?", width).is_empty());
        }
    }

    #[test]
    fn help_lines_shorten_rather_than_fold() {
        assert_eq!(HELP_SINGLE.fit(80), HELP_SINGLE.0);
        assert_eq!(HELP_SINGLE.fit(40), HELP_SINGLE.1);
        for help in [
            HELP_SINGLE,
            HELP_MULTIPLE,
            HELP_TEXT,
            HELP_ORDER_DONE,
            HELP_NAME,
            HELP_RESUME,
        ] {
            assert!(
                columns(help.0) + 3 <= 62,
                "{} is too long for 60 columns",
                help.0
            );
            assert!(
                columns(help.1) + 3 <= 32,
                "{} is too long for 30 columns",
                help.1
            );
        }
    }

    #[test]
    fn inquire_errors_map_to_quit_or_io() {
        assert_eq!(
            settle::<()>(Err(InquireError::OperationCanceled)).unwrap(),
            Reply::Quit
        );
        assert_eq!(
            settle::<()>(Err(InquireError::OperationInterrupted)).unwrap(),
            Reply::Quit
        );
        assert!(settle::<()>(Err(InquireError::NotTTY)).is_err());
        assert_eq!(settle(Ok(3)).unwrap(), Reply::Given(3));
    }
}
