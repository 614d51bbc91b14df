//! The imported module written as dojo's format: `scenario.toml` and `scenes.toml`.

use std::fmt::Write;

use super::markdown::Beat;
use super::quiz::Kind;
use super::text::template;

/// A module ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Module {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub minutes: Option<u64>,
    pub level: Option<&'static str>,
    pub objectives: Vec<String>,
    /// Speakers in the order they first speak.
    pub characters: Vec<Character>,
    pub scenes: Vec<Scene>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Character {
    pub id: String,
    pub name: String,
    /// From the course's dialogue player, when it gives one.
    pub colour: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scene {
    pub id: String,
    pub title: Option<String>,
    pub beats: Vec<Beat>,
    pub question: Option<Question>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Question {
    pub kind: Kind,
    pub prompt: String,
    /// Option text and whether it is right (single and multiple).
    pub choices: Vec<(String, bool)>,
    /// Text answers, any of which is right.
    pub expect: Vec<String>,
    /// The answer page, without the line naming the answer.
    pub explanation: Option<String>,
}

impl Question {
    pub(crate) fn graded(&self) -> bool {
        self.choices.iter().any(|(_, right)| *right) || !self.expect.is_empty()
    }
}

/// Feedback where the course has no answer page; dojo already says "Right." or "Not quite."
/// and shows the answer, so these only fill the place an explanation would take.
const NO_EXPLANATION: &str = "The course gives no explanation for this question.";
const ANOTHER_RIGHT: &str = "One of the right answers.";
const NOT_RIGHT: &str = "Not one of the right answers.";
const NOTED: &str = "Noted.";

impl Module {
    pub(crate) fn scored(&self) -> bool {
        self.scenes
            .iter()
            .filter_map(|s| s.question.as_ref())
            .any(Question::graded)
    }

    pub(crate) fn manifest(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "id = {}", quoted(&self.id));
        let _ = writeln!(out, "title = {}", quoted(&self.title));
        if !self.summary.is_empty() {
            let _ = writeln!(out, "summary = {}", quoted(&self.summary));
        }
        // The course's time includes its lab, which is not carried over: it is kept for the
        // author, and `dojo check` estimates the scenario's own (and warns on a wrong `minutes`).
        if let Some(minutes) = self.minutes {
            let _ = writeln!(
                out,
                "# The course says {minutes} minutes, lab included; `dojo check` estimates this scenario's, for `minutes`."
            );
        }
        if let Some(level) = self.level {
            let _ = writeln!(out, "level = \"{level}\"");
        }
        if !self.objectives.is_empty() {
            out.push_str("objectives = [\n");
            for objective in &self.objectives {
                let _ = writeln!(out, "  {},", quoted(objective));
            }
            out.push_str("]\n");
        }
        let start = self.scenes.first().map_or("finish", |s| s.id.as_str());
        let _ = writeln!(out, "start = {}", quoted(start));
        out.push_str("scenes = [\"scenes.toml\"]\n");
        for character in &self.characters {
            let _ = write!(
                out,
                "\n[[character]]\nid = {}\nname = {}\n",
                quoted(&character.id),
                quoted(&character.name)
            );
            if let Some(colour) = &character.colour {
                let _ = writeln!(out, "colour = {}", quoted(colour));
            }
        }
        if self.scored() {
            let _ = write!(
                out,
                "\n[[competency]]\nid = {}\nname = {}\ndescription = \"The questions of the course.\"\n",
                quoted(&self.id),
                quoted(&self.title)
            );
            out.push_str("\n[[grade]]\nmin = 80\nname = \"Passed\"\nmessage = \"You answered most of the questions right.\"\n");
            out.push_str("\n[[grade]]\nmin = 0\nname = \"Not yet\"\nmessage = \"Play it again: the feedback explains each answer.\"\n");
        }
        out
    }

    pub(crate) fn scenes_file(&self) -> String {
        let mut out = String::new();
        let ids: Vec<&str> = self.characters.iter().map(|c| c.id.as_str()).collect();
        for (n, scene) in self.scenes.iter().enumerate() {
            if n > 0 {
                out.push('\n');
            }
            let _ = writeln!(out, "[[scene]]\nid = {}", quoted(&scene.id));
            if let Some(title) = &scene.title {
                let _ = writeln!(out, "title = {}", quoted(&template(title)));
            }
            let speaks = scene.beats.iter().any(|b| matches!(b, Beat::Say { .. }));
            if speaks {
                let script: Vec<String> = scene
                    .beats
                    .iter()
                    .map(|beat| match beat {
                        Beat::Say { name, text } => {
                            let id = speaker_id(name, &self.characters).unwrap_or("");
                            format!("{id}: {}", template(text))
                        }
                        other => narration_line(&template(&other.line()), &ids),
                    })
                    .collect();
                let _ = writeln!(out, "dialogue = {}", multiline(&script.join("\n")));
            } else if !scene.beats.is_empty() {
                let text: Vec<String> = scene.beats.iter().map(|b| template(&b.line())).collect();
                let _ = writeln!(out, "narration = {}", multiline(&text.join("\n\n")));
            }
            match self.scenes.get(n + 1) {
                Some(next) => {
                    let _ = writeln!(out, "next = {}", quoted(&next.id));
                }
                None => out.push_str("ending = true\n"),
            }
            if let Some(question) = &scene.question {
                if !question.graded() && question.kind != Kind::Text {
                    out.push_str("allow = [\"no-correct-option\"]\n");
                }
                // A course's typed answer is a term to name, not a sentence to judge, so its
                // words alone are a fair test; an author who turns it into a sentence adds rejects.
                if question.kind == Kind::Text && !question.expect.is_empty() {
                    out.push_str("allow = [\"keyword-only-text\"]\n");
                }
                self.question(&mut out, question);
            }
        }
        out
    }

    fn question(&self, out: &mut String, question: &Question) {
        let kind = match question.kind {
            Kind::Single => "single",
            Kind::Multiple => "multiple",
            Kind::Text => "text",
        };
        let explanation = question.explanation.as_deref().unwrap_or(NO_EXPLANATION);
        let score = format!("score = {{ {} = 1 }}\n", self.id);
        let _ = write!(
            out,
            "\n[scene.question]\nkind = \"{kind}\"\nprompt = {}\n",
            quoted(&template(&question.prompt))
        );
        if question.kind == Kind::Text {
            if !question.expect.is_empty() {
                let words: Vec<String> = question.expect.iter().map(|w| quoted(w)).collect();
                let _ = writeln!(out, "expect = [{}]", words.join(", "));
            }
            let _ = write!(
                out,
                "\n[scene.question.right]\nfeedback = {}\n",
                multiline(&template(explanation))
            );
            if !question.expect.is_empty() {
                out.push_str(&score);
                let _ = write!(
                    out,
                    "\n[scene.question.wrong]\nfeedback = {}\n",
                    multiline(&template(explanation))
                );
            }
            return;
        }
        let first_right = question.choices.iter().position(|(_, right)| *right);
        for (n, (text, right)) in question.choices.iter().enumerate() {
            let feedback = match question.kind {
                Kind::Multiple if first_right.is_none() && n > 0 => NOTED,
                Kind::Multiple if first_right.is_some_and(|f| f != n) && *right => ANOTHER_RIGHT,
                Kind::Multiple if first_right.is_some() && !*right => NOT_RIGHT,
                _ => explanation,
            };
            let _ = write!(
                out,
                "\n[[scene.question.option]]\nid = \"{}\"\ntext = {}\nfeedback = {}\n",
                option_id(n),
                quoted(&template(text)),
                multiline(&template(feedback))
            );
            if *right {
                out.push_str("correct = true\n");
                out.push_str(&score);
            } else if question.kind == Kind::Multiple && first_right.is_some() {
                let _ = writeln!(out, "score = {{ {} = -1 }}", self.id);
            }
        }
    }
}

/// Option ids `a` to `z`, then `o27` and on.
fn option_id(n: usize) -> String {
    match u8::try_from(n).ok().filter(|&n| n < 26) {
        Some(n) => char::from(b'a' + n).to_string(),
        None => format!("o{}", n + 1),
    }
}

fn speaker_id<'a>(name: &str, characters: &'a [Character]) -> Option<&'a str> {
    characters
        .iter()
        .find(|c| c.name == name)
        .map(|c| c.id.as_str())
}

/// A narration line of a dialogue script must not read as `who: text` when `who` could be an
/// id, and must not be indented (that continues the line above).
fn narration_line(line: &str, ids: &[&str]) -> String {
    let line = line.trim_start();
    let looks_spoken = line.split_once(':').is_some_and(|(who, _)| {
        who.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && who
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    }) || ids.iter().any(|id| line.starts_with(&format!("{id}:")));
    if looks_spoken {
        let mut chars = line.chars();
        chars.next().map_or(String::new(), |first| {
            first.to_uppercase().chain(chars).collect()
        })
    } else {
        line.to_string()
    }
}

/// A TOML basic string on one line; control characters, which dojo would strip anyway, are
/// left out.
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML multi-line basic string, on its own lines.
fn multiline(text: &str) -> String {
    if !text.contains('\n') {
        return quoted(text);
    }
    let mut out = String::from("\"\"\"\n");
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' => out.push_str("\\\\"),
            // Three quotes in a row would end the string, and so would one at its very end.
            '"' if chars.get(i + 1).is_none_or(|&n| n == '"') => out.push_str("\\\""),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push_str("\"\"\"");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_quote_safely() {
        assert_eq!(quoted("a \"b\" \\ c\u{1b}"), "\"a \\\"b\\\" \\\\ c\"");
        assert_eq!(
            multiline("x\n\"\"\"y\""),
            "\"\"\"\nx\n\\\"\\\"\"y\\\"\"\"\""
        );
        assert_eq!(narration_line("note: this", &[]), "Note: this");
        assert_eq!(option_id(1), "b");
        assert_eq!(option_id(26), "o27");
    }
}
