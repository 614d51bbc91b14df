//! One line of typed input (a number, a free-text answer, the learner's name) with the editing
//! keys a shell has: inquire's text prompts type Ctrl-U as a `u`, so these are our own.
//!
//! Drawn on stderr like inquire's prompts: the question, a row to type on, and a help row
//! under it that also shows why an answer was refused. Once answered, the typing and help rows
//! are replaced by the answer as it will be read back.

use std::io::{self, Write};

use crossterm::cursor::{MoveDown, MoveToColumn, MoveUp, Show};
use crossterm::event::{KeyCode, KeyModifiers};
use crossterm::queue;
use crossterm::style::Print;
use crossterm::terminal::{Clear, ClearType};
use unicode_width::UnicodeWidthChar;

use super::guard::Raw;
use super::keys::next_key_press;
use super::style::{Line, Paint, Span, printable, write_line, write_span};
use crate::play::Reply;
use crate::play::wrap::columns;

/// The text being typed and where the cursor is in it, in chars.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Buffer {
    chars: Vec<char>,
    cursor: usize,
}

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edit {
    /// The text or the cursor may have changed: draw again.
    Changed,
    Submit,
    Quit,
    /// A key that means nothing here.
    Ignored,
}

impl Buffer {
    pub(crate) fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// Applies one key, as readline does: Ctrl-U deletes to the start of the line, Ctrl-K to
    /// its end, Ctrl-W the word before the cursor, Ctrl-A and Ctrl-E move to either end.
    pub(crate) fn key(&mut self, code: KeyCode, modifiers: KeyModifiers) -> Edit {
        let control = modifiers.contains(KeyModifiers::CONTROL);
        match code {
            KeyCode::Enter => return Edit::Submit,
            KeyCode::Esc => return Edit::Quit,
            KeyCode::Char('c') if control => return Edit::Quit,
            KeyCode::Char('d') if control && self.chars.is_empty() => return Edit::Quit,
            KeyCode::Char('u') if control => {
                self.chars.drain(..self.cursor);
                self.cursor = 0;
            }
            KeyCode::Char('k') if control => self.chars.truncate(self.cursor),
            KeyCode::Char('w') if control => {
                let mut start = self.cursor;
                while start > 0 && self.chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !self.chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                self.chars.drain(start..self.cursor);
                self.cursor = start;
            }
            KeyCode::Char('a') if control => self.cursor = 0,
            KeyCode::Char('e') if control => self.cursor = self.chars.len(),
            KeyCode::Char(_) if control || modifiers.contains(KeyModifiers::ALT) => {
                return Edit::Ignored;
            }
            KeyCode::Char(c) if !c.is_control() => {
                self.chars.insert(self.cursor, c);
                self.cursor += 1;
            }
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.chars.remove(self.cursor);
            }
            KeyCode::Delete if self.cursor < self.chars.len() => {
                self.chars.remove(self.cursor);
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.chars.len()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.chars.len(),
            _ => return Edit::Ignored,
        }
        Edit::Changed
    }

    /// The part of the text to show in `width` columns, and the cursor's column in it: the
    /// text scrolls sideways to keep the cursor in view.
    fn visible(&self, width: usize) -> (String, usize) {
        let width = width.max(2);
        let mut start = 0;
        let span = |from: usize, to: usize| -> usize {
            self.chars[from..to]
                .iter()
                .map(|c| c.width().unwrap_or(0))
                .sum()
        };
        while span(start, self.cursor) >= width {
            start += 1;
        }
        let mut shown = String::new();
        let mut used = 0;
        for &c in &self.chars[start..] {
            let w = c.width().unwrap_or(0);
            if used + w >= width {
                break;
            }
            shown.push(c);
            used += w;
        }
        (shown, span(start, self.cursor))
    }
}

/// How a line prompt looks and what it accepts.
pub(crate) struct Prompt<'a> {
    /// The question, already wrapped; shown after `? `.
    pub message: &'a str,
    pub help: &'a str,
    pub width: usize,
    pub colour: bool,
    /// Why the text cannot be taken, if it cannot.
    pub check: &'a dyn Fn(&str) -> Option<String>,
    /// The answer as it stays on screen once given.
    pub answered: &'a dyn Fn(&str) -> String,
    /// `q` leaves, as in menus: for answers that can never hold a `q` (yes or no).
    pub q_quits: bool,
}

const ACCENT: Paint = Paint {
    fg: Some(crossterm::style::Color::DarkCyan),
    bold: true,
    ..Paint::PLAIN
};

/// Asks for one line; `Reply::Quit` on Esc, Ctrl-C, Ctrl-D on an empty line, or `q` when the
/// prompt says so.
pub(crate) fn ask(prompt: &Prompt<'_>) -> io::Result<Reply<String>> {
    let mut err = io::stderr().lock();
    let rows: Vec<&str> = prompt.message.lines().collect();
    for (i, row) in rows.iter().enumerate() {
        let lead = if i == 0 { "? " } else { "" };
        let mut spans = vec![Span::new(lead, ACCENT), Span::new(*row, Paint::BOLD)];
        if rows.len() == 1 {
            spans.retain(|s| !s.text.is_empty());
        }
        write_line(&mut err, &Line(spans), prompt.colour)?;
    }
    let _raw = Raw::enter(prompt.colour)?;
    queue!(err, Show)?;
    let mut buffer = Buffer::default();
    let mut problem: Option<String> = None;
    queue!(err, Print("\r\n"))?;
    help_row(&mut err, prompt, None)?;
    queue!(err, MoveUp(1))?;
    loop {
        input_row(&mut err, prompt, &buffer)?;
        let (code, modifiers) = next_key_press()?;
        let edit = if prompt.q_quits && is_q(code, modifiers) {
            Edit::Quit
        } else {
            buffer.key(code, modifiers)
        };
        match edit {
            Edit::Changed => {
                // The help row is written again only when a refusal is taken back, so
                // whatever reads the screen reads it once per question.
                if problem.take().is_some() {
                    show_problem(&mut err, prompt, None)?;
                }
            }
            Edit::Ignored => {}
            Edit::Quit => {
                finish(&mut err, prompt, "(quit)")?;
                return Ok(Reply::Quit);
            }
            Edit::Submit => {
                let text = buffer.text();
                match (prompt.check)(&text) {
                    Some(why) => {
                        show_problem(&mut err, prompt, Some(&why))?;
                        problem = Some(why);
                    }
                    None => {
                        finish(&mut err, prompt, &(prompt.answered)(&text))?;
                        return Ok(Reply::Given(text));
                    }
                }
            }
        }
    }
}

/// A bare `q`, the key that leaves a menu.
fn is_q(code: KeyCode, modifiers: KeyModifiers) -> bool {
    matches!(code, KeyCode::Char('q' | 'Q'))
        && !modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// The typing row, with the cursor left where the next key goes.
fn input_row(err: &mut impl Write, prompt: &Prompt<'_>, buffer: &Buffer) -> io::Result<()> {
    let (shown, cursor) = buffer.visible(prompt.width.saturating_sub(3));
    queue!(err, MoveToColumn(0), Clear(ClearType::CurrentLine))?;
    write_span(err, &Span::new("> ", ACCENT), prompt.colour)?;
    let column = u16::try_from(2 + cursor).unwrap_or(u16::MAX);
    queue!(err, Print(printable(&shown)), MoveToColumn(column))?;
    err.flush()
}

/// The help row, or why the answer was refused, written where the cursor is.
fn help_row(err: &mut impl Write, prompt: &Prompt<'_>, problem: Option<&str>) -> io::Result<()> {
    let help = match problem {
        Some(why) => Span::new(format!("✗ {why}"), Paint::WRONG),
        None => Span::new(format!("[{}]", prompt.help), Paint::DIM),
    };
    let text = crate::play::wrap::truncate(&help.text, prompt.width.saturating_sub(1));
    queue!(err, MoveToColumn(0), Clear(ClearType::CurrentLine))?;
    write_span(err, &Span::new(text, help.paint), prompt.colour)
}

/// Writes the help row again from the typing row above it, and comes back.
fn show_problem(
    err: &mut impl Write,
    prompt: &Prompt<'_>,
    problem: Option<&str>,
) -> io::Result<()> {
    queue!(err, MoveDown(1))?;
    help_row(err, prompt, problem)?;
    queue!(err, MoveUp(1))?;
    err.flush()
}

/// Replaces the typing and help rows with the answer as it stays on screen.
fn finish(err: &mut impl Write, prompt: &Prompt<'_>, answer: &str) -> io::Result<()> {
    queue!(err, MoveToColumn(0), Clear(ClearType::FromCursorDown))?;
    let mut rows = answer.lines();
    let first = rows.next().unwrap_or("");
    let lead = if columns(first) + 2 <= prompt.width || first.starts_with(' ') {
        "> "
    } else {
        ""
    };
    write_line(
        err,
        &Line(vec![Span::new(lead, ACCENT), Span::plain(first)]),
        prompt.colour,
    )?;
    for row in rows {
        write_line(err, &Line::of(row, Paint::PLAIN), prompt.colour)?;
    }
    err.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[(KeyCode, KeyModifiers)]) -> (Buffer, Vec<Edit>) {
        let mut buffer = Buffer::default();
        let edits = keys.iter().map(|&(c, m)| buffer.key(c, m)).collect();
        (buffer, edits)
    }

    fn chars(text: &str) -> Vec<(KeyCode, KeyModifiers)> {
        text.chars()
            .map(|c| (KeyCode::Char(c), KeyModifiers::NONE))
            .collect()
    }

    const CTRL: KeyModifiers = KeyModifiers::CONTROL;

    #[test]
    fn ctrl_u_clears_what_is_before_the_cursor() {
        let mut keys = chars("12");
        keys.push((KeyCode::Char('u'), CTRL));
        keys.extend(chars("42"));
        let (buffer, _) = typed(&keys);
        assert_eq!(buffer.text(), "42");
        let mut keys = chars("ab cd");
        keys.push((KeyCode::Left, KeyModifiers::NONE));
        keys.push((KeyCode::Char('u'), CTRL));
        assert_eq!(typed(&keys).0.text(), "d");
    }

    #[test]
    fn readline_keys_edit_as_in_a_shell() {
        let mut keys = chars("queues and waiting");
        keys.push((KeyCode::Char('w'), CTRL));
        assert_eq!(typed(&keys).0.text(), "queues and ");
        keys.push((KeyCode::Char('a'), CTRL));
        keys.push((KeyCode::Char('k'), CTRL));
        assert_eq!(typed(&keys).0.text(), "");
        let mut keys = chars("ac");
        keys.push((KeyCode::Left, KeyModifiers::NONE));
        keys.extend(chars("b"));
        keys.push((KeyCode::Char('e'), CTRL));
        keys.push((KeyCode::Backspace, KeyModifiers::NONE));
        assert_eq!(typed(&keys).0.text(), "ab");
    }

    #[test]
    fn q_is_a_letter_and_esc_ctrl_c_and_ctrl_d_on_nothing_quit() {
        let (buffer, edits) = typed(&chars("q"));
        assert_eq!((buffer.text().as_str(), edits[0]), ("q", Edit::Changed));
        assert_eq!(typed(&[(KeyCode::Esc, KeyModifiers::NONE)]).1, [Edit::Quit]);
        assert_eq!(typed(&[(KeyCode::Char('c'), CTRL)]).1, [Edit::Quit]);
        assert_eq!(typed(&[(KeyCode::Char('d'), CTRL)]).1, [Edit::Quit]);
        let mut keys = chars("x");
        keys.push((KeyCode::Char('d'), CTRL));
        assert_eq!(typed(&keys).1[1], Edit::Ignored);
        assert_eq!(typed(&[(KeyCode::Char('x'), CTRL)]).0.text(), "");
    }

    #[test]
    fn long_text_scrolls_to_keep_the_cursor_in_view() {
        let (buffer, _) = typed(&chars("abcdefghij"));
        assert_eq!(buffer.visible(6), ("fghij".to_string(), 5));
        assert_eq!(Buffer::default().visible(0), (String::new(), 0));
    }
}
