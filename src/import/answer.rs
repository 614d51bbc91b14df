//! A step's answer page (`stepN-answer.md`): the line that names the answer, which dojo shows
//! itself, and the explanation that becomes the feedback.

/// What the answer page says.
pub(crate) struct AnswerPage {
    /// The answers named in bold on the "The correct answer is" line.
    pub named: Vec<String>,
    /// The page with that line blanked out (same length, so lines keep their numbers).
    pub rest: String,
}

/// Whether a paragraph is the one that names the answer: "The correct answer is **X**",
/// "The correct answers are ...", or, for a "which is not" question, "The incorrect answer is".
fn names_the_answer(paragraph: &str) -> bool {
    let lower = paragraph.to_lowercase();
    [
        "correct answer is",
        "correct answers are",
        "right answer is",
    ]
    .iter()
    .any(|phrase| lower.contains(phrase))
}

/// Text between pairs of `**` (or `__`).
fn bold(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for mark in ["**", "__"] {
        let mut parts = text.split(mark).skip(1);
        while let (Some(inside), Some(_)) = (parts.next(), parts.next()) {
            found.push(inside.trim().to_string());
        }
        if !found.is_empty() {
            break;
        }
    }
    found
}

pub(crate) fn read(text: &str) -> AnswerPage {
    let mut rest = String::with_capacity(text.len());
    let mut named = Vec::new();
    for paragraph in text.split_inclusive("\n\n") {
        if named.is_empty() && names_the_answer(paragraph) {
            named = bold(paragraph);
            rest.extend(
                paragraph
                    .chars()
                    .map(|c| if c == '\n' { '\n' } else { ' ' }),
            );
            if named.is_empty() {
                // The line names no answer in bold; keep it, it still explains.
                let kept = rest.len() - paragraph.chars().count();
                rest.truncate(kept);
                rest.push_str(paragraph);
            }
        } else {
            rest.push_str(paragraph);
        }
    }
    AnswerPage { named, rest }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_named_answer_out() {
        let page = read("The correct answer is **Both**\n\nBecause waiting counts.\n");
        assert_eq!(page.named, ["Both"]);
        assert_eq!(page.rest.trim(), "Because waiting counts.");
        assert_eq!(
            page.rest.len(),
            "The correct answer is **Both**\n\nBecause waiting counts.\n".len()
        );
        let page = read("Just an explanation.\n");
        assert!(page.named.is_empty());
        assert_eq!(page.rest, "Just an explanation.\n");
    }
}
