//! Choosing one option with the arrow keys: our own menu rather than inquire's, so that `q`
//! leaves as it does at every pause (inquire's menu has no way to add a key).
//!
//! Drawn on stderr like inquire's prompts: the question, a page of options with `>` at the
//! chosen one, and a help row. Once answered, the menu is replaced by the question and the
//! answer, as the other prompts leave theirs.

use std::io::{self, Write};

use crossterm::cursor::{MoveToColumn, MoveUp};
use crossterm::event::{KeyCode, KeyModifiers};
use crossterm::queue;
use crossterm::style::Color;
use crossterm::terminal::{Clear, ClearType};

use super::guard::Raw;
use super::keys::next_key_press;
use super::style::{Line, Paint, Span, write_line, write_span};
use crate::play::Reply;
use crate::play::wrap::truncate;

/// Where the learner is in a list of `count` options shown `page` at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Position {
    pub selected: usize,
    /// The first option on screen.
    pub top: usize,
}

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pick {
    Moved,
    Chosen(usize),
    Quit,
    Ignored,
}

impl Position {
    /// Applies one key: arrows (and `k`, `j`) move with wrap-around, Home, End and the page
    /// keys jump, a digit goes to that option, Enter chooses; `q`, Esc, Ctrl-C and Ctrl-D
    /// leave.
    pub(crate) fn key(
        &mut self,
        code: KeyCode,
        modifiers: KeyModifiers,
        count: usize,
        page: usize,
    ) -> Pick {
        if count == 0 {
            return Pick::Quit;
        }
        let control = modifiers.contains(KeyModifiers::CONTROL);
        let last = count - 1;
        let page = page.clamp(1, count);
        self.selected = match code {
            KeyCode::Enter => return Pick::Chosen(self.selected.min(last)),
            KeyCode::Esc => return Pick::Quit,
            KeyCode::Char('c' | 'd') if control => return Pick::Quit,
            KeyCode::Char('q' | 'Q') if !control => return Pick::Quit,
            KeyCode::Up | KeyCode::Char('k') if self.selected == 0 => last,
            KeyCode::Up | KeyCode::Char('k') => self.selected - 1,
            KeyCode::Down | KeyCode::Char('j') if self.selected >= last => 0,
            KeyCode::Down | KeyCode::Char('j') => self.selected + 1,
            KeyCode::Home => 0,
            KeyCode::End => last,
            KeyCode::PageUp => self.selected.saturating_sub(page),
            KeyCode::PageDown => (self.selected + page).min(last),
            KeyCode::Char(digit @ '1'..='9') => {
                let n = digit as usize - '1' as usize;
                if n > last {
                    return Pick::Ignored;
                }
                n
            }
            _ => return Pick::Ignored,
        };
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + page {
            self.top = self.selected + 1 - page;
        }
        Pick::Moved
    }
}

/// A menu to draw: the question's rows, each option's rows (its first row without the lead,
/// later rows already indented) and how many options fit on screen at once.
pub(crate) struct Menu<'a> {
    pub message: &'a str,
    pub labels: &'a [String],
    pub help: &'a str,
    pub page: usize,
    pub width: usize,
    pub colour: bool,
    /// The chosen option as it stays on screen under the question.
    pub answered: &'a dyn Fn(usize) -> String,
}

const ACCENT: Paint = Paint {
    fg: Some(Color::DarkCyan),
    bold: true,
    ..Paint::PLAIN
};
const POINTER: Paint = Paint {
    fg: Some(Color::Cyan),
    bold: true,
    ..Paint::PLAIN
};

/// Asks for one of the options; its index, or `Reply::Quit`.
pub(crate) fn choose(menu: &Menu<'_>) -> io::Result<Reply<usize>> {
    let mut err = io::stderr().lock();
    let _raw = Raw::enter(menu.colour)?;
    let mut position = Position {
        selected: 0,
        top: 0,
    };
    let area = area_height(menu);
    let drawn = draw(&mut err, menu, position, area)?;
    loop {
        let (code, modifiers) = next_key_press()?;
        match position.key(code, modifiers, menu.labels.len(), menu.page) {
            Pick::Moved => redraw_options(&mut err, menu, position, area)?,
            Pick::Ignored => {}
            Pick::Quit => {
                finish(&mut err, menu, drawn, None)?;
                return Ok(Reply::Quit);
            }
            Pick::Chosen(index) => {
                finish(&mut err, menu, drawn, Some(index))?;
                return Ok(Reply::Given(index));
            }
        }
    }
}

/// Moves back over the `drawn` rows of the frame and clears them.
fn wipe(err: &mut impl Write, drawn: usize) -> io::Result<()> {
    queue!(err, MoveToColumn(0))?;
    if drawn > 1 {
        queue!(err, MoveUp(u16::try_from(drawn - 1).unwrap_or(u16::MAX)))?;
    }
    queue!(err, Clear(ClearType::FromCursorDown))
}

fn question(menu: &Menu<'_>, lead: &str) -> Vec<Line> {
    menu.message
        .lines()
        .enumerate()
        .map(|(i, row)| {
            let first = if i == 0 { lead } else { "" };
            Line(vec![Span::new(first, ACCENT), Span::new(row, Paint::BOLD)])
        })
        .collect()
}

/// Rows for the options on screen: as many as the tallest page needs, so moving never changes
/// the frame's height and the question and help rows are written once (a screen reader, or a
/// test, reads them once).
fn area_height(menu: &Menu<'_>) -> usize {
    let mut heights: Vec<usize> = menu
        .labels
        .iter()
        .map(|label| label.lines().count().max(1))
        .collect();
    heights.sort_unstable_by(|a, b| b.cmp(a));
    heights.iter().take(menu.page.max(1)).sum()
}

/// The option rows of the page `position` shows, padded to `area` rows.
fn options(menu: &Menu<'_>, position: Position, area: usize) -> Vec<Line> {
    let mut rows = Vec::new();
    let end = (position.top + menu.page.max(1)).min(menu.labels.len());
    for index in position.top..end {
        for (i, row) in menu.labels[index].lines().enumerate() {
            rows.push(match i {
                0 if index == position.selected => {
                    Line(vec![Span::new("> ", POINTER), Span::new(row, Paint::BOLD)])
                }
                0 => Line(vec![Span::plain("  "), Span::plain(row)]),
                _ if index == position.selected => Line::of(row, Paint::BOLD),
                _ => Line::of(row, Paint::PLAIN),
            });
        }
    }
    rows.resize_with(area.max(rows.len()), Line::blank);
    rows
}

/// Draws the question, the options and the help row; returns how many rows that took. The
/// cursor stays on the help row.
fn draw(
    err: &mut impl Write,
    menu: &Menu<'_>,
    position: Position,
    area: usize,
) -> io::Result<usize> {
    let mut rows = question(menu, "? ");
    rows.extend(options(menu, position, area));
    for row in &rows {
        write_line(err, row, menu.colour)?;
    }
    let help = truncate(&format!("[{}]", menu.help), menu.width.saturating_sub(1));
    write_span(err, &Span::new(help, Paint::DIM), menu.colour)?;
    err.flush()?;
    Ok(rows.len() + 1)
}

/// Writes the option rows again in place, leaving the question and help rows as they are.
fn redraw_options(
    err: &mut impl Write,
    menu: &Menu<'_>,
    position: Position,
    area: usize,
) -> io::Result<()> {
    let rows = options(menu, position, area);
    queue!(
        err,
        MoveToColumn(0),
        MoveUp(u16::try_from(rows.len()).unwrap_or(u16::MAX))
    )?;
    for row in &rows {
        queue!(err, Clear(ClearType::CurrentLine))?;
        write_line(err, row, menu.colour)?;
    }
    err.flush()
}

/// Replaces the menu with the question and the option chosen, or `(quit)`.
fn finish(
    err: &mut impl Write,
    menu: &Menu<'_>,
    drawn: usize,
    chosen: Option<usize>,
) -> io::Result<()> {
    wipe(err, drawn)?;
    let mut rows = question(menu, if chosen.is_some() { "> " } else { "? " });
    match chosen {
        Some(index) => rows.extend(
            (menu.answered)(index)
                .lines()
                .map(|row| Line::of(row, Paint::PLAIN)),
        ),
        None => rows.push(Line::of("(quit)", Paint::DIM)),
    }
    for row in &rows {
        write_line(err, row, menu.colour)?;
    }
    err.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(position: &mut Position, code: KeyCode, count: usize, page: usize) -> Pick {
        position.key(code, KeyModifiers::NONE, count, page)
    }

    #[test]
    fn arrows_move_and_wrap_and_enter_chooses() {
        let mut at = Position {
            selected: 0,
            top: 0,
        };
        assert_eq!(press(&mut at, KeyCode::Down, 4, 4), Pick::Moved);
        assert_eq!(press(&mut at, KeyCode::Down, 4, 4), Pick::Moved);
        assert_eq!(press(&mut at, KeyCode::Enter, 4, 4), Pick::Chosen(2));
        let mut at = Position {
            selected: 0,
            top: 0,
        };
        press(&mut at, KeyCode::Up, 4, 4);
        assert_eq!(at.selected, 3);
        press(&mut at, KeyCode::Down, 4, 4);
        assert_eq!(at.selected, 0);
        press(&mut at, KeyCode::Char('3'), 4, 4);
        assert_eq!(at.selected, 2);
        assert_eq!(press(&mut at, KeyCode::Char('9'), 4, 4), Pick::Ignored);
    }

    #[test]
    fn q_esc_and_ctrl_c_leave() {
        let mut at = Position {
            selected: 1,
            top: 0,
        };
        assert_eq!(press(&mut at, KeyCode::Char('q'), 3, 3), Pick::Quit);
        assert_eq!(press(&mut at, KeyCode::Esc, 3, 3), Pick::Quit);
        assert_eq!(
            at.key(KeyCode::Char('c'), KeyModifiers::CONTROL, 3, 3),
            Pick::Quit
        );
        assert_eq!(press(&mut at, KeyCode::Char('x'), 3, 3), Pick::Ignored);
    }

    #[test]
    fn the_page_follows_the_selection() {
        let mut at = Position {
            selected: 0,
            top: 0,
        };
        for _ in 0..4 {
            press(&mut at, KeyCode::Down, 6, 3);
        }
        assert_eq!(
            at,
            Position {
                selected: 4,
                top: 2
            }
        );
        press(&mut at, KeyCode::Home, 6, 3);
        assert_eq!(
            at,
            Position {
                selected: 0,
                top: 0
            }
        );
        press(&mut at, KeyCode::End, 6, 3);
        assert_eq!(
            at,
            Position {
                selected: 5,
                top: 3
            }
        );
    }
}
