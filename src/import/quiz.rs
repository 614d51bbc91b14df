//! Quizzes in a step page: `>> question <<`, then `( )`/`(*)` single choice, `[ ]`/`[*]`
//! multiple choice, or `=== exact` / `=~= contains` text answers.

use std::ops::Range;

use super::text::squeeze;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Single,
    Multiple,
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Choice {
    pub text: String,
    pub correct: bool,
}

/// A text answer: the words, and whether the course wanted them exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Expected {
    pub text: String,
    pub exact: bool,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quiz {
    pub prompt: String,
    pub kind: Kind,
    pub choices: Vec<Choice>,
    pub expected: Vec<Expected>,
    /// The bytes of the page the quiz takes, from the question to its last answer line.
    pub range: Range<usize>,
}

/// A quiz that cannot be asked, with the bytes to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QuizError {
    pub span: Range<usize>,
    pub message: String,
    pub label: &'static str,
}

/// An answer line: what kind of question it makes, whether it is right, and its text.
fn answer_line(line: &str) -> Option<(Kind, bool, &str)> {
    let line = line.trim();
    let marks: [(&str, Kind, bool); 8] = [
        ("( )", Kind::Single, false),
        ("(*)", Kind::Single, true),
        ("(x)", Kind::Single, true),
        ("[ ]", Kind::Multiple, false),
        ("[*]", Kind::Multiple, true),
        ("[x]", Kind::Multiple, true),
        ("===", Kind::Text, true),
        ("=~=", Kind::Text, false),
    ];
    marks
        .iter()
        .find(|(mark, ..)| line.starts_with(mark))
        .map(|&(mark, kind, flag)| (kind, flag, line[mark.len()..].trim()))
}

fn prompt_of(line: &str) -> Option<&str> {
    let line = line.trim();
    line.strip_prefix(">>")?.strip_suffix("<<").map(str::trim)
}

/// Every quiz in `text`, in order; a question with no answer lines, or mixing kinds, is an
/// error and is left out.
pub(crate) fn find(text: &str) -> (Vec<Quiz>, Vec<QuizError>) {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        lines.push((offset, line));
        offset += line.len();
    }
    let mut quizzes = Vec::new();
    let mut errors = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (start, line) = lines[i];
        i += 1;
        let Some(prompt) = prompt_of(line) else {
            continue;
        };
        let prompt_span = start..start + line.trim_end().len();
        let mut answers = Vec::new();
        let mut end = prompt_span.end;
        while let Some(&(at, next)) = lines.get(i) {
            match answer_line(next) {
                Some(answer) => {
                    answers.push((at, next.trim_end().len(), answer));
                    end = at + next.trim_end().len();
                }
                None if next.trim().is_empty() => {}
                None => break,
            }
            i += 1;
        }
        let Some(&(_, _, (kind, ..))) = answers.first() else {
            errors.push(QuizError {
                span: prompt_span,
                message: "this quiz has no answers to choose or type".into(),
                label: "no `( )`, `[ ]`, `===` or `=~=` line follows",
            });
            continue;
        };
        if kind != Kind::Text && answers.len() < 2 {
            errors.push(QuizError {
                span: prompt_span,
                message: "a choice quiz needs at least two answers".into(),
                label: "only one answer line follows",
            });
            continue;
        }
        if let Some(&(at, len, _)) = answers.iter().find(|(_, _, (k, ..))| *k != kind) {
            errors.push(QuizError {
                span: at..at + len,
                message: "this quiz mixes kinds of answer".into(),
                label: "not the same kind as the first answer line",
            });
            continue;
        }
        let line_of = |at: usize| text[..at].matches('\n').count() + 1;
        quizzes.push(Quiz {
            prompt: squeeze(prompt),
            kind,
            choices: answers
                .iter()
                .filter(|_| kind != Kind::Text)
                .map(|&(_, _, (_, correct, text))| Choice {
                    text: squeeze(text),
                    correct,
                })
                .collect(),
            expected: answers
                .iter()
                .filter(|_| kind == Kind::Text)
                .map(|&(at, _, (_, exact, text))| Expected {
                    text: text.to_string(),
                    exact,
                    line: line_of(at),
                })
                .collect(),
            range: start..end,
        });
    }
    (quizzes, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_kind_and_reports_empty_or_mixed() {
        let text = "Intro.\n\n>> Pick one <<\n( ) a\n(*) b\n\n>> Tick <<\n[*] x\n[ ] y\n\n>> Type <<\n=== git\n=~= commit\nAfter.\n>> Nothing <<\n\n>> Mixed <<\n( ) a\n[ ] b\n";
        let (quizzes, errors) = find(text);
        assert_eq!(quizzes.len(), 3);
        assert_eq!(quizzes[0].kind, Kind::Single);
        assert!(quizzes[0].choices[1].correct);
        assert_eq!(quizzes[1].kind, Kind::Multiple);
        assert_eq!(quizzes[2].expected[0].text, "git");
        assert!(!quizzes[2].expected[1].exact);
        assert_eq!(
            &text[quizzes[0].range.clone()],
            ">> Pick one <<\n( ) a\n(*) b"
        );
        assert_eq!(errors.len(), 2);
        assert_eq!(&text[errors[0].span.clone()], ">> Nothing <<");
        assert_eq!(&text[errors[1].span.clone()], "[ ] b");
    }
}
