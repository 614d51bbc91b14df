//! Katacoda dialogue players: a `dialogN.sh` that plays a YAML file of `---` separated
//! documents, each with `speaking` and `text`.

use std::ops::Range;

use serde_norway::Value;

use super::markdown::Beat;
use super::text::squeeze;

/// A dialogue file that cannot be read, with the bytes to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DialogueError {
    pub span: Range<usize>,
    pub message: String,
    pub label: String,
}

/// The YAML file a player script plays: the first word of the script naming a `.yaml` or
/// `.yml` file, with the bytes where it is named.
pub(crate) fn played_file(script: &str) -> Option<(String, Range<usize>)> {
    let mut offset = 0;
    for line in script.split_inclusive('\n') {
        if !line.trim_start().starts_with('#') {
            for word in line.split(|c: char| c.is_whitespace() || c == '"' || c == '\'') {
                if word.ends_with(".yaml") || word.ends_with(".yml") {
                    let at = offset + line.find(word).unwrap_or(0);
                    return Some((
                        word.trim_start_matches("./").to_string(),
                        at..at + word.len(),
                    ));
                }
            }
        }
        offset += line.len();
    }
    None
}

/// Whether a YAML file is a dialogue rather than other data a lab script reads.
pub(crate) fn is_dialogue(text: &str) -> bool {
    text.lines()
        .any(|l| l.trim_start().starts_with("speaking:"))
}

/// The `---` separated documents of a dialogue, each with its byte offset.
fn documents(text: &str) -> Vec<(usize, &str)> {
    let mut documents = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "---" {
            documents.push((start, &text[start..offset]));
            start = offset + line.len();
        }
        offset += line.len();
    }
    documents.push((start, &text[start..]));
    documents
}

/// The spoken lines of a dialogue file, in order; every document that is not a
/// `speaking`/`text` pair is an error.
pub(crate) fn parse(text: &str) -> (Vec<Beat>, Vec<DialogueError>) {
    let mut beats = Vec::new();
    let mut errors = Vec::new();
    for (start, document) in documents(text) {
        if document.trim().is_empty() {
            continue;
        }
        let whole = start..start + document.trim_end().len();
        match serde_norway::from_str::<Value>(document) {
            Ok(Value::Null) => {}
            Ok(value) => {
                let field = |key: &str| match value.get(key) {
                    Some(Value::String(s)) => Some(squeeze(s)),
                    Some(Value::Number(n)) => Some(n.to_string()),
                    Some(Value::Bool(b)) => Some(b.to_string()),
                    _ => None,
                };
                match (field("speaking"), field("text")) {
                    (Some(name), Some(text)) if !name.is_empty() => {
                        beats.push(Beat::Say { name, text });
                    }
                    _ => errors.push(DialogueError {
                        span: whole,
                        message: "a dialogue document needs `speaking` and `text`".into(),
                        label: "not a `speaking` and `text` pair".into(),
                    }),
                }
            }
            Err(error) => {
                let at = start + error.location().map_or(0, |l| l.index());
                let end = (at + 1).min(text.len()).max(at);
                // The position is given by the span; the message need not repeat it.
                let error = error.to_string();
                let error = error.split(" at line ").next().unwrap_or_default();
                errors.push(DialogueError {
                    span: at..end,
                    message: format!("this dialogue is not valid YAML: {error}"),
                    label: "here".into(),
                });
            }
        }
    }
    (beats, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_speakers_and_points_at_broken_documents() {
        let text = "---\nspeaking: Kim\ntext: >\n  Hello\n  [student].\n---\nspeaking: [oops\n---\nwho: Lee\n";
        let (beats, errors) = parse(text);
        assert_eq!(
            beats,
            [Beat::Say {
                name: "Kim".into(),
                text: "Hello [student].".into()
            }]
        );
        assert_eq!(errors.len(), 2);
        assert_eq!(&text[errors[1].span.clone()], "who: Lee");
        let script = "#!/bin/bash\n# plays dialog.yaml\npython3 dialog.py dialog1.yaml\n";
        let (name, span) = played_file(script).unwrap();
        assert_eq!(name, "dialog1.yaml");
        assert_eq!(&script[span], "dialog1.yaml");
    }
}
