//! Lines of text built from painted pieces, measured in terminal columns before any colour
//! code is added, so layouts line up with or without colour.

use unicode_width::UnicodeWidthStr;

/// How a piece of text is shown when colour is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Paint {
    Plain,
    Dim,
    Bold,
    /// Time spent working.
    Work,
    /// Time spent waiting.
    Wait,
    /// The figure that stands out for the worse.
    Alert,
    Queue,
}

impl Paint {
    fn code(self) -> Option<&'static str> {
        match self {
            Paint::Plain => None,
            Paint::Dim => Some("\x1b[2m"),
            Paint::Bold => Some("\x1b[1m"),
            Paint::Work => Some("\x1b[32m"),
            Paint::Wait => Some("\x1b[33m"),
            Paint::Alert => Some("\x1b[1;31m"),
            Paint::Queue => Some("\x1b[36m"),
        }
    }
}

/// One line of output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Line {
    pieces: Vec<(String, Paint)>,
    width: usize,
}

impl Line {
    pub(crate) fn new() -> Line {
        Line::default()
    }

    pub(crate) fn with(mut self, text: &str, paint: Paint) -> Line {
        self.push(text, paint);
        self
    }

    pub(crate) fn push(&mut self, text: &str, paint: Paint) {
        if text.is_empty() {
            return;
        }
        self.width += text.width();
        self.pieces.push((text.to_string(), paint));
    }

    pub(crate) fn append(&mut self, other: Line) {
        self.width += other.width;
        self.pieces.extend(other.pieces);
    }

    /// `self` followed by `other`.
    pub(crate) fn with_line(mut self, other: Line) -> Line {
        self.append(other);
        self
    }

    pub(crate) fn width(&self) -> usize {
        self.width
    }

    /// Spaces up to `width` columns.
    pub(crate) fn pad(mut self, width: usize) -> Line {
        if self.width < width {
            let spaces = " ".repeat(width - self.width);
            self.push(&spaces, Paint::Plain);
        }
        self
    }

    /// The text, with ANSI colour codes when `colour` is set, without trailing spaces.
    pub(crate) fn render(&self, colour: bool) -> String {
        let mut out = String::new();
        for (text, paint) in &self.pieces {
            match paint.code().filter(|_| colour) {
                Some(code) => {
                    out.push_str(code);
                    out.push_str(text);
                    out.push_str("\x1b[0m");
                }
                None => out.push_str(text),
            }
        }
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out
    }
}

/// `text` cut to `width` columns, ending in `…` when cut.
pub(crate) fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if (out.clone() + &c.to_string()).width() + 1 > width {
            break;
        }
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` wrapped to lines of at most `width` columns (long words are cut).
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    // No hyphenation: `%C/A` and `dev-testing` stay whole.
    let options =
        textwrap::Options::new(width.max(1)).word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_without_colour_codes() {
        let line = Line::new().with("┌─", Paint::Dim).with("ab", Paint::Bold);
        assert_eq!(line.width(), 4);
        assert_eq!(line.render(false), "┌─ab");
        assert_eq!(line.render(true), "\x1b[2m┌─\x1b[0m\x1b[1mab\x1b[0m");
    }

    #[test]
    fn fits_and_wraps() {
        assert_eq!(fit("Release planning", 8), "Release…");
        assert_eq!(fit("short", 8), "short");
        assert_eq!(
            wrap("Release planning & estimation", 16),
            ["Release planning", "& estimation"]
        );
    }
}
