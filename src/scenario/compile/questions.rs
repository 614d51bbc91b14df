//! Questions: the keys each kind takes, options, outcomes and their effects.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use toml::Spanned;

use crate::diagnostic::{Diagnostic, FileId, Location};
use crate::expr::Expr;

use crate::scenario::compiled::*;
use crate::scenario::model::{
    ChoiceOption, FlagValue, NumberSource, Outcome, Question, QuestionKind,
};
use crate::scenario::sanitize::sanitize;
use crate::suggest::known_list;

use super::Compiler;

/// The most one answer may add to or take from a competency. Far beyond any real scenario, and
/// small enough that no sum over the answers of any session or path can overflow an `i64`.
pub(crate) const MAX_SCORE: u64 = 1_000_000;

/// The most options one question may have: more than a screen shows, and few enough that the
/// analysis of every selection stays cheap.
pub(crate) const MAX_OPTIONS: usize = 100;

impl Compiler<'_> {
    pub(super) fn question(
        &mut self,
        file: FileId,
        question: &Spanned<Question>,
        damaged: bool,
    ) -> QuestionDef {
        let header = question.span();
        let question = question.get_ref();
        let kind = *question.kind.get_ref();
        self.check_question_keys(file, header.clone(), question, kind, damaged);
        let prompt = self.text(file, &question.prompt);
        let mut seen = HashMap::new();
        let mut options = Vec::new();
        if let Some(extra) = question.options.get(MAX_OPTIONS) {
            self.push(
                Diagnostic::error(
                    "too-many-options",
                    format!(
                        "this question has {} options; at most {MAX_OPTIONS} are allowed",
                        question.options.len()
                    ),
                )
                .at(file, extra.span(), format!("option {}", MAX_OPTIONS + 1))
                .hint("a learner cannot weigh that many; split the question, or ask for a number or text"),
            );
        }
        for option in question.options.iter().map(Spanned::get_ref) {
            self.check_id(file, &option.id, "option");
            if self.register(&mut seen, file, &option.id, "option") {
                options.push(self.option(file, kind, option));
            }
        }
        let answer = question
            .answer
            .as_ref()
            .and_then(|answer| match answer.get_ref() {
                NumberSource::Literal(n) => Some(Expr::Literal(crate::expr::Value::Number(*n))),
                NumberSource::Expression(text) => {
                    self.expr(file, &Spanned::new(answer.span(), text.clone()))
                }
            });
        let literal = question.answer.as_ref().and_then(|a| match a.get_ref() {
            NumberSource::Literal(n) => Some((*n, a.span())),
            NumberSource::Expression(_) => None,
        });
        let tolerance = question.tolerance.as_ref().map_or(0.0, |t| *t.get_ref());
        let tolerance_at = question.tolerance.as_ref().map(Spanned::span);
        let tolerance_given = tolerance_at.map(|span| (tolerance, span));
        for (key, given) in [("answer", literal), ("tolerance", tolerance_given)] {
            if let Some((value, span)) = given
                && !value.is_finite()
            {
                self.push(
                    Diagnostic::error("invalid-value", format!("`{key}` must be a finite number"))
                        .at(file, span, "not a number a learner can type")
                        .hint("`nan` and `inf` are TOML numbers, but no answer can match them"),
                );
            }
        }
        if tolerance < 0.0 {
            let span = question
                .tolerance
                .as_ref()
                .map_or(question.kind.span(), Spanned::span);
            self.push(
                Diagnostic::error("invalid-value", "`tolerance` cannot be negative")
                    .at(file, span, "negative")
                    .hint("`tolerance` is how far from `answer` a learner may be and still be right, such as `0.5`"),
            );
        }
        let right = question
            .right
            .as_ref()
            .map(|o| self.outcome(file, o.get_ref()));
        let wrong = question
            .wrong
            .as_ref()
            .map(|o| self.outcome(file, o.get_ref()));
        QuestionDef {
            kind,
            build: self.build(file, question),
            interchangeable: self.interchangeable(question),
            prompt,
            shuffle: question.shuffle,
            options,
            answer,
            answer_location: question.answer.as_ref().map(|a| Location {
                file,
                span: a.span(),
            }),
            tolerance,
            unit: question.unit.as_deref().map(|u| sanitize(u).0),
            expect: question
                .expect
                .as_ref()
                .map(|e| {
                    e.get_ref()
                        .iter()
                        .map(|w| sanitize(w).0.to_lowercase())
                        .collect()
                })
                .unwrap_or_default(),
            rejects: question
                .rejects
                .iter()
                .map(|reject| {
                    let reject = reject.get_ref();
                    RejectDef {
                        words: reject
                            .words
                            .get_ref()
                            .iter()
                            .map(|w| sanitize(w).0.trim().to_lowercase())
                            .filter(|w| !w.is_empty())
                            .collect(),
                        feedback: self.text(file, &reject.feedback),
                    }
                })
                .collect(),
            right,
            wrong,
            location: Location { file, span: header },
        }
    }

    /// Which keys each kind needs and allows; serde cannot say this without losing spans.
    /// Which keys each kind needs and allows; serde cannot say this without losing spans.
    /// A `damaged` question lost a bad part while loading, so what it lacks is not judged.
    pub(super) fn check_question_keys(
        &mut self,
        file: FileId,
        header: Range<usize>,
        question: &Question,
        kind: QuestionKind,
        damaged: bool,
    ) {
        let kind_span = question.kind.span();
        let kind_name = kind_phrase(kind);
        let misplaced = |cx: &mut Self, key: &str, span: Range<usize>| {
            cx.push(
                Diagnostic::error(
                    "misplaced-key",
                    format!("`{key}` does not apply to {kind_name} question"),
                )
                .at(file, span, format!("not used by {kind_name} question"))
                .also(file, kind_span.clone(), "the kind is set here")
                .hint(format!("{kind_name} question uses {}", kind_keys(kind))),
            );
        };
        let choice = matches!(
            kind,
            QuestionKind::Single | QuestionKind::Multiple | QuestionKind::Order
        );
        if !choice && let Some(option) = question.options.first() {
            misplaced(self, "option", option.span());
        }
        if kind != QuestionKind::Number {
            if let Some(answer) = &question.answer {
                misplaced(self, "answer", answer.span());
            }
            if let Some(tolerance) = &question.tolerance {
                misplaced(self, "tolerance", tolerance.span());
            }
        }
        if kind != QuestionKind::Text {
            if let Some(expect) = &question.expect {
                misplaced(self, "expect", expect.span());
            }
            if let Some(reject) = question.rejects.first() {
                misplaced(self, "reject", reject.span());
            }
        }
        if matches!(kind, QuestionKind::Single | QuestionKind::Multiple) {
            for (which, outcome) in [("right", &question.right), ("wrong", &question.wrong)] {
                if let Some(outcome) = outcome {
                    misplaced(self, which, outcome.span());
                }
            }
        }
        if damaged {
            return;
        }
        if choice && question.options.len() < 2 {
            let count = match question.options.len() {
                0 => "no options".to_string(),
                n => format!("{n} option"),
            };
            self.push(
                Diagnostic::error(
                    "too-few-options",
                    format!("{kind_name} question needs at least two options"),
                )
                .at(file, header.clone(), format!("this question has {count}"))
                .hint(
                    "add each option as a [[scene.question.option]] table below [scene.question]",
                ),
            );
        }
        if kind == QuestionKind::Number && question.answer.is_none() {
            self.push(
                Diagnostic::error("missing-key", "a number question needs an `answer`")
                    .at(file, header.clone(), "this question has no `answer`")
                    .hint("write `answer = 14.6`, or an expression in quotes such as `answer = \"2 / 8 * 100\"`"),
            );
        }
        let needs_outcomes = matches!(kind, QuestionKind::Number | QuestionKind::Order)
            || (kind == QuestionKind::Text
                && (question.expect.is_some() || !question.rejects.is_empty()));
        let needed: &[&str] = if needs_outcomes {
            &["right", "wrong"]
        } else if kind == QuestionKind::Text {
            &["right"]
        } else {
            &[]
        };
        for which in needed {
            let outcome = if *which == "right" {
                &question.right
            } else {
                &question.wrong
            };
            if outcome.is_none() {
                self.push(
                    Diagnostic::error(
                        "missing-feedback",
                        format!("{kind_name} question has no `{which}` outcome"),
                    )
                    .at(
                        file,
                        header.clone(),
                        format!("this question has no [scene.question.{which}]"),
                    )
                    .hint(format!(
                        "add a [scene.question.{which}] table with the `feedback` the learner gets"
                    )),
                );
            }
        }
    }

    pub(super) fn option(
        &mut self,
        file: FileId,
        kind: QuestionKind,
        option: &ChoiceOption,
    ) -> OptionDef {
        if kind == QuestionKind::Order {
            let extras = [
                ("feedback", option.feedback.as_ref().map(Spanned::span)),
                ("goto", option.goto.as_ref().map(Spanned::span)),
                ("when", option.when.as_ref().map(Spanned::span)),
                ("score", option.score.keys().next().map(Spanned::span)),
                ("set", option.set.keys().next().map(Spanned::span)),
            ];
            for (key, span) in extras {
                if let Some(span) = span {
                    self.push(
                        Diagnostic::error("misplaced-key", format!("`{key}` does not apply to an option of an order question"))
                            .at(file, span, "not used in an order question")
                            .hint("an order question is right or wrong as a whole: put feedback, score and goto in its `right` and `wrong` outcomes"),
                    );
                }
            }
        } else if option.feedback.is_none() {
            self.push(
                Diagnostic::error(
                    "missing-feedback",
                    format!("option `{}` has no feedback", option.id.get_ref()),
                )
                .at(file, option.id.span(), "this option has no `feedback`")
                .hint("every option says why it helps or hurts: add `feedback = \"...\"`"),
            );
        }
        if kind == QuestionKind::Multiple
            && option.correct
            && let Some(when) = &option.when
        {
            self.push(
                Diagnostic::warning(
                    "conditional-correct-option",
                    format!("right option `{}` is offered only when a condition holds", option.id.get_ref()),
                )
                .at(file, when.span(), "hidden while this is false")
                .also(file, option.id.span(), "a right option of a select-all question")
                .hint("a learner who cannot see a right option cannot tick it, so no selection of theirs is right; drop `when`, or make the option not `correct`"),
            );
        }
        OptionDef {
            id: option.id.get_ref().clone(),
            text: self.text(file, &option.text),
            feedback: option.feedback.as_ref().map(|f| self.text(file, f)),
            correct: option.correct,
            effects: self.effects(file, &option.score, &option.set, option.goto.as_ref()),
            when: option.when.as_ref().and_then(|w| self.expr(file, w)),
        }
    }

    pub(super) fn outcome(&mut self, file: FileId, outcome: &Outcome) -> OutcomeDef {
        OutcomeDef {
            feedback: self.text(file, &outcome.feedback),
            effects: self.effects(file, &outcome.score, &outcome.set, outcome.goto.as_ref()),
        }
    }

    pub(super) fn effects(
        &mut self,
        file: FileId,
        score: &BTreeMap<Spanned<String>, i64>,
        set: &BTreeMap<Spanned<String>, FlagValue>,
        goto: Option<&Spanned<String>>,
    ) -> Effects {
        let mut effects = Effects::default();
        for (competency, delta) in score {
            if delta.unsigned_abs() > MAX_SCORE {
                self.push(
                    Diagnostic::error(
                        "score-too-large",
                        format!("a score of {delta} is beyond the ±{MAX_SCORE} one answer may give"),
                    )
                    .at(file, competency.span(), "this score")
                    .hint("scores are points per answer, such as `2` or `-1`; grade bands are percentages, so small numbers grade the same"),
                );
                continue;
            }
            match self.known.competency_ids.get(competency.get_ref()) {
                Some(&index) => effects.score.push((index, *delta)),
                None if self.broken.competencies.contains(competency.get_ref()) => {}
                None => {
                    let mut diagnostic = Diagnostic::error(
                        "unknown-competency",
                        format!("no competency has the id `{}`", competency.get_ref()),
                    )
                    .at(file, competency.span(), "unknown competency");
                    diagnostic = diagnostic.hint(
                        match self.suggest(competency.get_ref(), self.known.competency_ids.keys()) {
                            Some(close) => format!("did you mean `{close}`?"),
                            None => format!(
                                "{}; declare others with [[competency]] in scenario.toml",
                                known_list(
                                    "competency",
                                    "competencies",
                                    self.known.competency_ids.keys()
                                )
                            ),
                        },
                    );
                    self.push(diagnostic);
                }
            }
        }
        for (flag, value) in set {
            if self.check_id(file, flag, "flag") {
                let value = match value {
                    FlagValue::Text(text) => FlagValue::Text(sanitize(text).0),
                    other => other.clone(),
                };
                self.flag_sets.push((
                    flag.get_ref().clone(),
                    Location {
                        file,
                        span: flag.span(),
                    },
                ));
                effects.set.push((flag.get_ref().clone(), value));
            }
        }
        effects.goto = goto.and_then(|g| self.scene_ref(file, g));
        effects
    }
}

/// "a single-choice", "an order": how messages name a kind of question.
fn kind_phrase(kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Single => "a single-choice",
        QuestionKind::Multiple => "a multiple-choice",
        QuestionKind::Number => "a number",
        QuestionKind::Order => "an order",
        QuestionKind::Text => "a text",
    }
}

fn kind_keys(kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Single | QuestionKind::Multiple => {
            "[[scene.question.option]] tables, each with its own feedback"
        }
        QuestionKind::Number => {
            "`answer`, `tolerance`, `unit` and [scene.question.right] / [scene.question.wrong]"
        }
        QuestionKind::Order => {
            "[[scene.question.option]] tables in the right order, and [scene.question.right] / [scene.question.wrong]"
        }
        QuestionKind::Text => {
            "`expect`, [[scene.question.reject]] tables and [scene.question.right] / [scene.question.wrong]"
        }
    }
}

pub(super) fn question_always_branches(question: &Question) -> bool {
    match *question.kind.get_ref() {
        QuestionKind::Single => {
            !question.options.is_empty()
                && question.options.iter().all(|o| o.get_ref().goto.is_some())
        }
        // A learner may tick no box at all, so a multiple-choice question needs a `next`.
        QuestionKind::Multiple => false,
        // Without `expect` every answer is right.
        QuestionKind::Text if question.expect.is_none() => question
            .right
            .as_ref()
            .is_some_and(|o| o.get_ref().goto.is_some()),
        _ => [&question.right, &question.wrong]
            .iter()
            .all(|o| o.as_ref().is_some_and(|o| o.get_ref().goto.is_some())),
    }
}
