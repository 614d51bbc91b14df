//! Wrapping text to the terminal width, measured in display columns rather than bytes or chars.

use unicode_width::UnicodeWidthStr;

/// Narrowest text column wrapping aims for: below it every word would be broken into pieces, and
/// letting the terminal fold the overflow reads better than a column of fragments.
const MIN_COLUMN: usize = 8;

/// Wraps `text` to `width` columns, starting the first line with `first` and every later line
/// with `rest`. Hard line breaks in `text` are kept; each is wrapped on its own.
pub(crate) fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let indent = first.width().max(rest.width());
    let width = width.max(indent + MIN_COLUMN);
    // Breaking at hyphens splits names like "post-mortem" or "go-live" across rows, which reads
    // worse than a slightly shorter row.
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        // Breaking only at spaces keeps a token such as "%C/A" or "PT/LT" whole; the default
        // also breaks after a slash.
        .word_separator(textwrap::WordSeparator::AsciiSpace);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|line| line.trim_end().to_string())
        .collect()
}

/// Cuts `text` to at most `width` columns, ending with `…` when something was cut.
pub(crate) fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    if width > 0 {
        kept.push('…');
    }
    kept
}

/// Display columns `text` takes on a terminal.
pub(crate) fn columns(text: &str) -> usize {
    text.width()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_with_hanging_indent_in_display_columns() {
        let lines = wrap(
            "Paulo: Can we look at the whole thing, end to end?",
            24,
            "",
            "       ",
        );
        assert_eq!(
            lines,
            [
                "Paulo: Can we look at",
                "       the whole thing,",
                "       end to end?"
            ]
        );
        for line in &lines {
            assert!(columns(line) <= 24, "{line:?}");
        }
    }

    #[test]
    fn counts_wide_characters_as_two_columns() {
        let lines = wrap("猫猫猫猫 猫猫猫猫 猫猫猫猫", 10, "", "");
        assert_eq!(lines, ["猫猫猫猫", "猫猫猫猫", "猫猫猫猫"]);
        assert!(lines.iter().all(|line| columns(line) <= 10));
    }

    #[test]
    fn never_breaks_inside_a_token_with_a_slash() {
        let lines = wrap("Production deployment: what is its %C/A?", 36, "", "");
        assert_eq!(lines, ["Production deployment: what is its", "%C/A?"]);
    }

    #[test]
    fn keeps_paragraph_breaks() {
        assert_eq!(wrap("one\n\ntwo", 40, "  ", "  "), ["  one", "", "  two"]);
    }

    #[test]
    fn survives_tiny_and_zero_widths() {
        for width in 0..12 {
            let lines = wrap(
                "A supercalifragilistic sentence, wrapped.",
                width,
                "Santhosh: ",
                "  ",
            );
            assert!(!lines.is_empty());
            assert!(lines[0].starts_with("Santhosh:"));
        }
        assert_eq!(wrap("", 0, "", ""), [""]);
    }

    #[test]
    fn truncates_with_an_ellipsis() {
        assert_eq!(truncate("Measuring what matters", 10), "Measuring…");
        assert_eq!(truncate("Flow", 10), "Flow");
        assert_eq!(truncate("猫猫猫", 4), "猫…");
        assert_eq!(truncate("abc", 0), "");
    }
}
