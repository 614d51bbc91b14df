//! Scenes and dialogue: beats, the `who: line` script, and how a scene is left.

use std::ops::Range;

use toml::Spanned;

use crate::diagnostic::{Diagnostic, FileId, Location};

use crate::expr::Template;
use crate::scenario::compiled::*;
use crate::scenario::dialogue::parse_script;
use crate::scenario::literal::LiteralSpans;
use crate::scenario::model::{QuestionKind, RetryFrom, Scene};
use crate::scenario::sanitize::cleaned;
use crate::suggest::known_list;

use super::Compiler;
use super::names::quiet_template;
use super::questions::question_always_branches;

impl Compiler<'_> {
    pub(super) fn scene(&mut self, file: FileId, scene: &Scene) -> SceneDef {
        let mut beats = Vec::new();
        if let Some(narration) = &scene.narration {
            self.check_text(file, narration);
            for paragraph in paragraphs(&cleaned(narration.get_ref())) {
                beats.push(Beat::Narration(quiet_template(&paragraph)));
            }
        }
        if let Some(dialogue) = &scene.dialogue {
            self.dialogue(file, dialogue, &mut beats);
        }
        let title = scene.title.as_ref().map(|t| self.text(file, t));
        let question = scene
            .question
            .as_ref()
            .map(|q| self.question(file, q, scene.damaged));
        let routes = scene
            .routes
            .iter()
            .filter_map(|route| {
                let when = self.expr(file, &route.when);
                let goto = self.scene_ref(file, &route.goto);
                Some(RouteDef {
                    when: when?,
                    goto: goto?,
                })
            })
            .collect();
        let next = scene.next.as_ref().and_then(|n| self.scene_ref(file, n));
        let ending = scene.ending.as_ref().is_some_and(|e| *e.get_ref());
        let show_map = scene
            .show_map
            .as_ref()
            .and_then(|id| self.show_map(file, id));
        if !scene.damaged {
            self.check_exits(file, scene, ending);
        }
        let retry = scene.retry.as_ref().and_then(|retry| {
            if ending {
                return Some(retry_offer(*retry.get_ref(), Location { file, span: retry.span() }));
            }
            self.push(
                Diagnostic::error("misplaced-key", "`retry` applies only to an ending")
                    .at(file, retry.span(), "this scene is not an ending")
                    .hint("add `ending = true` to the scene, or move `retry` to the ending it should offer a way back from"),
            );
            None
        });
        self.allow = scene
            .allow
            .iter()
            .map(|code| {
                let span = code.span();
                (code.get_ref().clone(), Location { file, span })
            })
            .collect();
        SceneDef {
            id: scene.id.get_ref().clone(),
            title,
            beats,
            question,
            routes,
            next,
            ending,
            show_map,
            checkpoint: scene.checkpoint.as_ref().is_some_and(|c| *c.get_ref()),
            retry,
            location: Location {
                file,
                span: scene.id.span(),
            },
        }
    }

    pub(super) fn dialogue(
        &mut self,
        file: FileId,
        dialogue: &Spanned<String>,
        beats: &mut Vec<Beat>,
    ) {
        self.check_text(file, dialogue);
        let source = self.sources.text(file);
        let literal = LiteralSpans::new(source, &dialogue.span(), dialogue.get_ref());
        // Split the text as written, so speaker ranges match the file; clean each line after.
        for line in parse_script(dialogue.get_ref()) {
            for (who, range) in &line.merged_speakers {
                if self.known.character_ids.contains_key(who) {
                    let span = literal.inner(range.clone());
                    self.push(
                        Diagnostic::warning(
                            "indented-speaker",
                            format!("`{who}:` is indented, so it continues the line above"),
                        )
                        .at(file, span, "read as more of the line above, not as a new line")
                        .hint(format!(
                            "start the line at the left margin to make it `{who}`'s own line; only an unindented `who:` starts a spoken line"
                        )),
                    );
                }
            }
            let text = quiet_template(&cleaned(&line.text));
            match line.speaker {
                None => beats.push(Beat::Narration(text)),
                Some((who, range)) => match self.known.character_ids.get(&who) {
                    Some(&speaker) => beats.push(Beat::Line { speaker, text }),
                    None if self.broken.characters.contains(&who) => {}
                    None => {
                        let span = literal.inner(range);
                        let mut diagnostic = Diagnostic::error(
                            "unknown-character",
                            format!("no character has the id `{who}`"),
                        )
                        .at(file, span, "unknown speaker");
                        diagnostic = diagnostic.hint(match self.suggest(&who, self.known.character_ids.keys()) {
                            Some(close) => format!("did you mean `{close}`?"),
                            None => format!(
                                "{}; declare `{who}` with [[character]] in scenario.toml, or indent the line to continue the one above",
                                known_list("character", "characters", self.known.character_ids.keys())
                            ),
                        });
                        self.push(diagnostic);
                    }
                },
            }
        }
    }

    pub(super) fn check_exits(&mut self, file: FileId, scene: &Scene, ending: bool) {
        let id = scene.id.get_ref();
        if ending {
            let mut others: Vec<(&str, Range<usize>)> = Vec::new();
            if let Some(next) = &scene.next {
                others.push(("`next`", next.span()));
            }
            if let Some(question) = &scene.question {
                others.push(("a question", question.span()));
            }
            if let Some(route) = scene.routes.first() {
                others.push(("routes", route.goto.span()));
            }
            if !others.is_empty() {
                let span = scene.ending.as_ref().map_or(scene.id.span(), Spanned::span);
                let names: Vec<&str> = others.iter().map(|(name, _)| *name).collect();
                let mut diagnostic = Diagnostic::error(
                    "conflicting-exit",
                    format!(
                        "scene `{id}` is an ending but also has {}",
                        names.join(" and ")
                    ),
                )
                .at(file, span, "the story ends here");
                for (_, span) in others {
                    diagnostic = diagnostic.also(file, span, "but this would go on");
                }
                self.push(diagnostic.hint(
                    "an ending stops the story: remove `ending = true`, or what would follow it",
                ));
            }
            return;
        }
        if scene.next.is_some()
            || scene
                .question
                .as_ref()
                .is_some_and(|q| question_always_branches(q.get_ref()))
        {
            return;
        }
        let (message, hint) = match &scene.question {
            None if scene.routes.is_empty() => (
                format!("scene `{id}` has no way on"),
                "add `next = \"<scene>\"`, or `ending = true` if the story ends here",
            ),
            None => (
                format!("scene `{id}` has nowhere to go when no route applies"),
                "add a fallback `next = \"<scene>\"` above the first `[[scene.route]]` header",
            ),
            Some(question) => {
                let what = match *question.get_ref().kind.get_ref() {
                    QuestionKind::Single | QuestionKind::Multiple => "an answer",
                    _ => "an outcome",
                };
                (
                    format!("scene `{id}` has nowhere to go after {what} without a `goto`"),
                    "add a fallback `next = \"<scene>\"` above the scene's first `[scene.…]` header, or give every answer a `goto`",
                )
            }
        };
        let mut diagnostic =
            Diagnostic::error("no-way-on", message).at(file, scene.id.span(), "this scene");
        if let Some(question) = &scene.question {
            let question = question.get_ref();
            for option in question
                .options
                .iter()
                .filter(|o| o.get_ref().goto.is_none())
            {
                diagnostic = diagnostic.also(file, option.span(), "no `goto`");
            }
            for outcome in [&question.right, &question.wrong].into_iter().flatten() {
                if outcome.get_ref().goto.is_none() {
                    diagnostic = diagnostic.also(file, outcome.span(), "no `goto`");
                }
            }
        }
        self.push(diagnostic.hint(hint));
    }
}

/// The question an ending with `retry` asks: go back, or end here.
fn retry_offer(from: RetryFrom, location: Location) -> RetryOffer {
    let back = match from {
        RetryFrom::Checkpoint => "Go back to the last checkpoint and try another way",
        RetryFrom::Choice => "Go back to the choice that led here and try another way",
    };
    let option = |id: &str, text: &str| OptionDef {
        id: id.to_string(),
        text: Template::literal(text),
        feedback: None,
        correct: false,
        effects: Effects::default(),
        when: None,
    };
    RetryOffer {
        from,
        question: QuestionDef {
            kind: QuestionKind::Single,
            build: None,
            interchangeable: Vec::new(),
            prompt: Template::literal("This ending can be undone. What now?"),
            shuffle: false,
            options: vec![
                option(RETRY_OPTION, back),
                option(END_OPTION, "End here and see your results"),
            ],
            answer: None,
            answer_location: None,
            tolerance: 0.0,
            unit: None,
            expect: Vec::new(),
            rejects: Vec::new(),
            right: None,
            wrong: None,
            location,
        },
    }
}

/// Paragraphs of narration: blank lines separate them, single newlines are soft.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| {
            let mut joined = String::with_capacity(p.len());
            for word in p.split_whitespace() {
                if !joined.is_empty() {
                    joined.push(' ');
                }
                joined.push_str(word);
            }
            joined
        })
        .filter(|p| !p.is_empty())
        .collect()
}
