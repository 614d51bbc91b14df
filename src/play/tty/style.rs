//! Styled text as plain data (spans with a paint), and writing it with or without escapes.
//!
//! Layout code builds [`Line`]s without knowing whether colour is on; only [`write_span`] decides,
//! so `NO_COLOR` cannot be forgotten in one corner of the screen.

use std::io::{self, Write};

use crossterm::queue;
use crossterm::style::{Attribute, Color, Print, SetAttribute, SetForegroundColor};

use crate::scenario::{Colour, Named};

/// How a span looks when colour is on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Paint {
    pub fg: Option<Color>,
    pub bold: bool,
    pub dim: bool,
    pub italic: bool,
}

impl Paint {
    pub(crate) const PLAIN: Paint = Paint {
        fg: None,
        bold: false,
        dim: false,
        italic: false,
    };
    pub(crate) const BOLD: Paint = Paint {
        bold: true,
        ..Paint::PLAIN
    };
    pub(crate) const DIM: Paint = Paint {
        dim: true,
        ..Paint::PLAIN
    };
    pub(crate) const RIGHT: Paint = Paint {
        fg: Some(Color::DarkGreen),
        bold: true,
        ..Paint::PLAIN
    };
    pub(crate) const WRONG: Paint = Paint {
        fg: Some(Color::DarkRed),
        bold: true,
        ..Paint::PLAIN
    };

    pub(crate) fn fg(colour: Color) -> Paint {
        Paint {
            fg: Some(colour),
            ..Paint::PLAIN
        }
    }

    fn is_plain(&self) -> bool {
        *self == Paint::PLAIN
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    pub text: String,
    pub paint: Paint,
}

impl Span {
    pub(crate) fn new(text: impl Into<String>, paint: Paint) -> Span {
        Span {
            text: text.into(),
            paint,
        }
    }

    pub(crate) fn plain(text: impl Into<String>) -> Span {
        Span::new(text, Paint::PLAIN)
    }
}

/// One terminal row: spans side by side, never containing a line break.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Line(pub Vec<Span>);

impl Line {
    pub(crate) fn blank() -> Line {
        Line(Vec::new())
    }

    pub(crate) fn of(text: impl Into<String>, paint: Paint) -> Line {
        Line(vec![Span::new(text, paint)])
    }

    /// The row as it reads without colour, for checking layouts.
    #[cfg(test)]
    pub(crate) fn text(&self) -> String {
        self.0.iter().map(|span| span.text.as_str()).collect()
    }
}

/// The terminal colour for an author's colour name. Authors pick from the 16 standard colours,
/// so "red" is the terminal's normal red and "bright-red" its bright one, as in the format docs.
pub(crate) fn terminal_colour(colour: Colour) -> Option<Color> {
    match colour {
        Colour::Default => None,
        Colour::Rgb(r, g, b) => Some(Color::Rgb { r, g, b }),
        Colour::Named(named) => Some(match named {
            Named::Black => Color::Black,
            Named::Red => Color::DarkRed,
            Named::Green => Color::DarkGreen,
            Named::Yellow => Color::DarkYellow,
            Named::Blue => Color::DarkBlue,
            Named::Magenta => Color::DarkMagenta,
            Named::Cyan => Color::DarkCyan,
            Named::White => Color::Grey,
            Named::Grey => Color::DarkGrey,
            Named::BrightRed => Color::Red,
            Named::BrightGreen => Color::Green,
            Named::BrightYellow => Color::Yellow,
            Named::BrightBlue => Color::Blue,
            Named::BrightMagenta => Color::Magenta,
            Named::BrightCyan => Color::Cyan,
            Named::BrightWhite => Color::White,
        }),
    }
}

/// Drops anything a terminal would act on rather than show. Scenario text is cleaned on load,
/// but this is the last gate before the screen, so it holds for every string, whatever its source.
pub(crate) fn printable(text: &str) -> String {
    crate::scenario::clean(text).replace('\n', " ")
}

/// Switches to `paint` (when colour is on), so the text that follows is written in it.
pub(crate) fn begin(out: &mut impl Write, paint: Paint, colour: bool) -> io::Result<()> {
    if !colour || paint.is_plain() {
        return Ok(());
    }
    if let Some(fg) = paint.fg {
        queue!(out, SetForegroundColor(fg))?;
    }
    if paint.bold {
        queue!(out, SetAttribute(Attribute::Bold))?;
    }
    if paint.dim {
        queue!(out, SetAttribute(Attribute::Dim))?;
    }
    if paint.italic {
        queue!(out, SetAttribute(Attribute::Italic))?;
    }
    Ok(())
}

/// Returns to the terminal's own look after [`begin`].
pub(crate) fn end(out: &mut impl Write, paint: Paint, colour: bool) -> io::Result<()> {
    if !colour || paint.is_plain() {
        return Ok(());
    }
    // SGR 0 resets colours along with every attribute.
    queue!(out, SetAttribute(Attribute::Reset))
}

pub(crate) fn write_span(out: &mut impl Write, span: &Span, colour: bool) -> io::Result<()> {
    begin(out, span.paint, colour)?;
    queue!(out, Print(printable(&span.text)))?;
    end(out, span.paint, colour)
}

/// Writes a row and ends it with `\r\n`, which is right both in raw mode (where `\n` alone only
/// moves down) and in cooked mode.
pub(crate) fn write_line(out: &mut impl Write, line: &Line, colour: bool) -> io::Result<()> {
    for span in &line.0 {
        write_span(out, span, colour)?;
    }
    queue!(out, Print("\r\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(line: &Line, colour: bool) -> String {
        let mut out = Vec::new();
        write_line(&mut out, line, colour).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn maps_author_colours_to_the_sixteen_standard_ones() {
        assert_eq!(terminal_colour(Colour::Default), None);
        assert_eq!(
            terminal_colour(Colour::Named(Named::Red)),
            Some(Color::DarkRed)
        );
        assert_eq!(
            terminal_colour(Colour::Named(Named::BrightRed)),
            Some(Color::Red)
        );
        assert_eq!(
            terminal_colour(Colour::Named(Named::Grey)),
            Some(Color::DarkGrey)
        );
        assert_eq!(
            terminal_colour(Colour::Named(Named::BrightWhite)),
            Some(Color::White)
        );
        assert_eq!(
            terminal_colour(Colour::Rgb(1, 2, 3)),
            Some(Color::Rgb { r: 1, g: 2, b: 3 })
        );
    }

    #[test]
    fn writes_no_escape_at_all_without_colour() {
        let line = Line(vec![
            Span::new("Brenda", Paint::fg(Color::DarkRed)),
            Span::new(": Third time.", Paint::DIM),
            Span::new(" Right.", Paint::RIGHT),
        ]);
        assert_eq!(rendered(&line, false), "Brenda: Third time. Right.\r\n");
    }

    #[test]
    fn writes_escapes_with_colour_and_resets_after_each_span() {
        let line = Line(vec![
            Span::new("Brenda", Paint::RIGHT),
            Span::plain(" says"),
        ]);
        let out = rendered(&line, true);
        assert!(out.starts_with('\u{1b}'), "{out:?}");
        assert!(out.contains("Brenda\u{1b}[0m"), "{out:?}");
        assert!(out.ends_with(" says\r\n"), "{out:?}");
    }

    #[test]
    fn scenario_text_cannot_inject_escapes() {
        let line = Line::of("evil\u{1b}[2J\u{7}\u{9b}31m text\nmore", Paint::PLAIN);
        assert_eq!(rendered(&line, false), "evil[2J31m text more\r\n");
    }
}
