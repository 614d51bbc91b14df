//! A small SVG writer: shapes and text appended to a string, every piece of text escaped.
//! Map files are data: a step called `<script>` is drawn as those characters, never markup.

use std::fmt::Write as _;

/// Escapes text for use in SVG or HTML content and attribute values, dropping the characters XML
/// does not allow; the HTML report uses it too.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters, surrogates' stand-ins and the noncharacters U+FFFE and
            // U+FFFF are not allowed in XML at all: a parser would reject the whole picture.
            c if c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}') => {}
            c => out.push(c),
        }
    }
    out
}

/// Lines of at most `width` pixels of text at `size`, estimated from the character count.
pub(crate) fn wrap_px(text: &str, width: f64, size: f64) -> Vec<String> {
    let chars = (width / (size * 0.56)).floor().max(4.0) as usize;
    let options =
        textwrap::Options::new(chars).word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

/// How text is anchored on its x coordinate.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn name(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// The look of a piece of text: its size, weight, colour and anchor.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Font {
    pub size: f64,
    pub bold: bool,
    pub italic: bool,
    pub colour: &'static str,
    pub anchor: Anchor,
}

impl Font {
    pub(crate) fn new(size: f64) -> Font {
        Font {
            size,
            bold: false,
            italic: false,
            colour: INK,
            anchor: Anchor::Start,
        }
    }

    pub(crate) fn bold(self) -> Font {
        Font { bold: true, ..self }
    }

    pub(crate) fn italic(self) -> Font {
        Font {
            italic: true,
            ..self
        }
    }

    pub(crate) fn colour(self, colour: &'static str) -> Font {
        Font { colour, ..self }
    }

    pub(crate) fn anchor(self, anchor: Anchor) -> Font {
        Font { anchor, ..self }
    }
}

pub(crate) const INK: &str = "#2b2b2b";
pub(crate) const ALERT: &str = "#c62828";
pub(crate) const MUTED: &str = "#6d6d6d";
pub(crate) const PAPER: &str = "#fffdf7";
pub(crate) const STICKY: &str = "#ffe28a";

/// The document being written.
pub(crate) struct Svg {
    out: String,
}

impl Svg {
    pub(crate) fn new() -> Svg {
        Svg { out: String::new() }
    }

    pub(crate) fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
        self.out.push('\n');
    }

    pub(crate) fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, style: &str) {
        let _ = writeln!(
            self.out,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" {style}/>"#
        );
    }

    pub(crate) fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, style: &str) {
        let _ = writeln!(
            self.out,
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" {style}/>"#
        );
    }

    pub(crate) fn polyline(&mut self, points: &[(f64, f64)], style: &str) {
        let points = point_list(points);
        let _ = writeln!(
            self.out,
            r#"<polyline points="{points}" fill="none" {style}/>"#
        );
    }

    pub(crate) fn polygon(&mut self, points: &[(f64, f64)], style: &str) {
        let points = point_list(points);
        let _ = writeln!(self.out, r#"<polygon points="{points}" {style}/>"#);
    }

    pub(crate) fn circle(&mut self, cx: f64, cy: f64, r: f64, style: &str) {
        let _ = writeln!(
            self.out,
            r#"<circle cx="{cx:.1}" cy="{cy:.1}" r="{r:.1}" {style}/>"#
        );
    }

    pub(crate) fn path(&mut self, d: &str, style: &str) {
        let _ = writeln!(self.out, r#"<path d="{d}" {style}/>"#);
    }

    /// One line of text; `text` is escaped here.
    pub(crate) fn text(&mut self, x: f64, y: f64, font: Font, text: &str) {
        let weight = if font.bold {
            r#" font-weight="bold""#
        } else {
            ""
        };
        let style = if font.italic {
            r#" font-style="italic""#
        } else {
            ""
        };
        let _ = writeln!(
            self.out,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{}" fill="{}" text-anchor="{}"{weight}{style}>{}</text>"#,
            font.size,
            font.colour,
            font.anchor.name(),
            escape(text)
        );
    }

    /// Several lines of text, the first baseline at `y`.
    pub(crate) fn lines(&mut self, x: f64, y: f64, font: Font, lines: &[String]) {
        for (k, line) in lines.iter().enumerate() {
            self.text(x, y + k as f64 * font.size * 1.2, font, line);
        }
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// An SVG `points` attribute: `x,y` pairs to a tenth of a unit.
fn point_list(points: &[(f64, f64)]) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            escape(r#"<b>"Q&A"</b> 'x'"#),
            "&lt;b&gt;&quot;Q&amp;A&quot;&lt;/b&gt; &#39;x&#39;"
        );
        assert_eq!(escape("a\u{1b}b"), "ab");
        assert_eq!(escape("a\u{fffe}b\u{ffff}c"), "abc");
    }

    #[test]
    fn wraps_by_estimated_pixels() {
        let lines = wrap_px("Exploratory & performance testing", 130.0, 13.0);
        assert!(lines.len() >= 2, "{lines:?}");
    }
}
