//! Lints on single questions: a choice with no right option, a number answer that can never
//! be worked out, free text judged by keywords alone.

use crate::analyze::{Names, check_answer, name_kind};
use crate::diagnostic::Diagnostic;
use crate::scenario::Scenario;
use crate::scenario::model::QuestionKind;

use super::codes::{KEYWORD_ONLY_TEXT, NO_CORRECT_OPTION, UNCOMPUTABLE_ANSWER};
use super::diagnostic;

pub(crate) fn lint(scenario: &Scenario, out: &mut Vec<Diagnostic>) {
    let names = Names::new(scenario);
    for scene in &scenario.scenes {
        let Some(question) = &scene.question else {
            continue;
        };
        let choice = matches!(question.kind, QuestionKind::Single | QuestionKind::Multiple);
        if choice && !question.options.iter().any(|o| o.correct) {
            out.push(
                diagnostic(
                    NO_CORRECT_OPTION,
                    format!("no option of the question in scene `{}` is correct", scene.id),
                    &question.location,
                    "no option has `correct = true`",
                )
                .hint("mark the right option with `correct = true`; for a question with no right answer on purpose, add `allow = [\"no-correct-option\"]` to the scene"),
            );
        }
        if question.kind == QuestionKind::Text
            && !question.expect.is_empty()
            && question.rejects.is_empty()
        {
            out.push(
                diagnostic(
                    KEYWORD_ONLY_TEXT,
                    format!(
                        "the text question in scene `{}` takes any answer holding one of its words",
                        scene.id
                    ),
                    &question.location,
                    format!(
                        "\"{} is not the problem\" would be marked right",
                        question.expect[0]
                    ),
                )
                .hint("add [[scene.question.reject]] tables with the words a wrong answer is likely to hold (names, blame, the opposite claim), each with its own feedback"),
            );
        }
        let Some(answer) = question
            .answer
            .as_ref()
            .filter(|_| question.kind == QuestionKind::Number)
        else {
            continue;
        };
        let Err(problem) = check_answer(answer, &names) else {
            continue;
        };
        let location = question
            .answer_location
            .as_ref()
            .unwrap_or(&question.location);
        // Say what the names hold, since that is usually the surprise.
        let mut kinds: Vec<String> = answer
            .paths()
            .into_iter()
            .filter_map(|path| {
                let kind = name_kind(path, &names)?;
                (kind != "a number").then(|| format!("`{}` holds {kind}", path.join(".")))
            })
            .collect();
        kinds.dedup();
        let rule = "`answer` must work out to a number (from numbers, scores, visits, number answers and number flags), or every learner is marked wrong";
        let hint = if kinds.is_empty() {
            rule.to_string()
        } else {
            format!("{}; {rule}", kinds.join(", "))
        };
        out.push(
            diagnostic(
                UNCOMPUTABLE_ANSWER,
                format!(
                    "the answer to the number question in scene `{}` can never be worked out",
                    scene.id
                ),
                location,
                problem.to_string(),
            )
            .hint(hint),
        );
    }
}
