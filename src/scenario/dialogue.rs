//! Splits a `dialogue` script into spoken lines and narration, keeping where each came from.

use std::ops::Range;

/// One line of a script: spoken when `speaker` is set, narration otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScriptLine {
    /// The speaker id and its byte range inside the script.
    pub speaker: Option<(String, Range<usize>)>,
    pub text: String,
}

/// A line `who: text` is spoken when `who` looks like an id; an indented line continues the
/// line above; blank lines only separate.
pub(crate) fn parse_script(script: &str) -> Vec<ScriptLine> {
    let mut lines: Vec<ScriptLine> = Vec::new();
    let mut offset = 0;
    let mut previous_blank = true;
    for raw in script.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end();
        if line.trim().is_empty() {
            previous_blank = true;
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        if indented
            && !previous_blank
            && let Some(last) = lines.last_mut()
        {
            last.text.push(' ');
            last.text.push_str(line.trim());
            continue;
        }
        previous_blank = false;
        let trimmed = line.trim_start();
        let lead = line.len() - trimmed.len();
        match speaker_prefix(trimmed) {
            Some((who, rest)) => lines.push(ScriptLine {
                speaker: Some((who.to_string(), start + lead..start + lead + who.len())),
                text: rest.trim().to_string(),
            }),
            None => lines.push(ScriptLine {
                speaker: None,
                text: trimmed.to_string(),
            }),
        }
    }
    lines
}

fn speaker_prefix(line: &str) -> Option<(&str, &str)> {
    let (who, rest) = line.split_once(':')?;
    let looks_like_id = who.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && who
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    (looks_like_id && (rest.is_empty() || rest.starts_with([' ', '\t']))).then_some((who, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_speakers_narration_and_continuations() {
        let script = "brenda: Third time.\n  This year.\n\nThe room goes quiet.\ndan: (sighs) Fine.\nNote: not a speaker\nhttp://x is narration\n";
        let lines = parse_script(script);
        assert_eq!(
            lines,
            vec![
                ScriptLine {
                    speaker: Some(("brenda".into(), 0..6)),
                    text: "Third time. This year.".into()
                },
                ScriptLine {
                    speaker: None,
                    text: "The room goes quiet.".into()
                },
                ScriptLine {
                    speaker: Some(("dan".into(), 55..58)),
                    text: "(sighs) Fine.".into()
                },
                ScriptLine {
                    speaker: None,
                    text: "Note: not a speaker".into()
                },
                ScriptLine {
                    speaker: None,
                    text: "http://x is narration".into()
                },
            ]
        );
    }
}
