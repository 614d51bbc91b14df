//! Keeps scenario text from steering the terminal: control and escape characters never pass.

/// Removes every control character except newline, and turns tabs into spaces.
/// Returns the clean text and whether anything was removed.
pub fn sanitize(text: &str) -> (String, bool) {
    // Printable ASCII and newlines, nearly all text, has nothing to remove: one copy.
    if text
        .bytes()
        .all(|b| b == b'\n' || (0x20..0x7f).contains(&b))
    {
        return (text.to_string(), false);
    }
    let mut changed = false;
    let clean = text
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => {
                changed = true;
                Some(' ')
            }
            c if c.is_control() || is_invisible_format(c) => {
                changed = true;
                None
            }
            c => Some(c),
        })
        .collect();
    (clean, changed)
}

/// Whether an author's text holding `c` deserves a warning: removed before display and not
/// mere layout (newline, tab, the carriage return of a CRLF file).
pub fn is_suspicious(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || is_invisible_format(c)
}

/// Bidirectional overrides can make text display in an order other than it is stored.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The same, for text that does not come from an author (a learner's name or typed answer).
pub fn clean(text: &str) -> String {
    sanitize(text).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escape_sequences_and_controls() {
        let (clean, changed) = sanitize("a\u{1b}[2Jb\u{7}c\u{9b}31md\u{202e}e\n\tf");
        assert_eq!(clean, "a[2Jbc31mde\n f");
        assert!(changed);
        assert_eq!(sanitize("plain"), ("plain".to_string(), false));
    }
}
