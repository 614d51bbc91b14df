//! Semantic checks and resolution: from the serde model to a playable [`Scenario`].

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use toml::Spanned;

use crate::diagnostic::{Diagnostic, FileId, Location, Sources};
use crate::expr::{Expr, Template, parse};

use super::colour::Colour;
use super::compiled::*;
use super::dialogue::parse_script;
use super::literal::inner_span;
use super::model::{
    ChoiceOption, FlagValue, Manifest, NumberSource, Outcome, Question, QuestionKind, Scene,
};
use super::sanitize::sanitize;

/// Names an expression may start with, besides those the scenario defines.
const ROOTS: &str = "`learner`, `score.<competency>`, `flag.<name>`, `visits.<scene>`, `answer.<scene>`, `correct.<scene>`";

pub fn compile(
    sources: &Sources,
    manifest_file: FileId,
    manifest: &Manifest,
    scenes: &[(FileId, Scene)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Scenario> {
    let errors_before = diagnostics.iter().filter(|d| d.is_error()).count();
    let mut cx = Compiler {
        sources,
        diagnostics,
        scene_ids: HashMap::new(),
        questions: HashMap::new(),
        competency_ids: HashMap::new(),
        character_ids: HashMap::new(),
    };
    cx.check_id(manifest_file, &manifest.id, "scenario");
    cx.index_scenes(scenes);
    let characters = cx.characters(manifest_file, manifest);
    let competencies = cx.competencies(manifest_file, manifest);
    let grades = cx.grades(manifest_file, manifest);
    let start = cx.scene_ref(manifest_file, &manifest.start);
    let compiled: Vec<SceneDef> = scenes
        .iter()
        .map(|(file, scene)| cx.scene(*file, scene))
        .collect();
    let errors_after = cx.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors_after > errors_before {
        return None;
    }
    Some(Scenario {
        meta: Meta {
            id: manifest.id.get_ref().clone(),
            title: sanitize(&manifest.title).0,
            summary: sanitize(&manifest.summary).0,
            minutes: manifest.minutes,
            level: manifest.level,
            objectives: manifest.objectives.iter().map(|o| sanitize(o).0).collect(),
        },
        start: start?,
        characters,
        competencies,
        grades,
        scenes: compiled,
        fingerprint: fingerprint(sources),
    })
}

/// FNV-1a over every file: stable across runs and platforms, unlike the std hasher.
fn fingerprint(sources: &Sources) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut id = 0;
    while !sources.name(FileId(id)).is_empty() {
        for byte in sources.text(FileId(id)).bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        id += 1;
    }
    format!("{hash:016x}")
}

struct Compiler<'a> {
    sources: &'a Sources,
    diagnostics: &'a mut Vec<Diagnostic>,
    scene_ids: HashMap<String, SceneIx>,
    /// Scenes that have a question, so `answer.<scene>` can be checked.
    questions: HashMap<String, QuestionKind>,
    competency_ids: HashMap<String, usize>,
    character_ids: HashMap<String, usize>,
}

impl Compiler<'_> {
    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn check_id(&mut self, file: FileId, id: &Spanned<String>, what: &str) -> bool {
        let text = id.get_ref();
        let valid = text.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && text
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if !valid {
            self.push(
                Diagnostic::error("invalid-id", format!("`{text}` is not a valid {what} id"))
                    .at(file, id.span(), "not a valid id")
                    .hint("ids are lowercase letters, digits, `_` and `-`, starting with a letter"),
            );
        }
        valid
    }

    /// Records ids in a table, reporting duplicates against their first definition.
    fn register(
        &mut self,
        seen: &mut HashMap<String, (FileId, Range<usize>)>,
        file: FileId,
        id: &Spanned<String>,
        what: &str,
    ) -> bool {
        if let Some((first_file, first_span)) = seen.get(id.get_ref()) {
            let diagnostic = Diagnostic::error(
                "duplicate-id",
                format!("the {what} id `{}` is used twice", id.get_ref()),
            )
            .at(file, id.span(), "defined again here")
            .also(*first_file, first_span.clone(), "first defined here")
            .hint(format!("every {what} needs its own id"));
            self.push(diagnostic);
            return false;
        }
        seen.insert(id.get_ref().clone(), (file, id.span()));
        true
    }

    fn index_scenes(&mut self, scenes: &[(FileId, Scene)]) {
        let mut seen = HashMap::new();
        for (index, (file, scene)) in scenes.iter().enumerate() {
            self.check_id(*file, &scene.id, "scene");
            if self.register(&mut seen, *file, &scene.id, "scene") {
                self.scene_ids.insert(scene.id.get_ref().clone(), index);
                if let Some(question) = &scene.question {
                    self.questions
                        .insert(scene.id.get_ref().clone(), *question.kind.get_ref());
                }
            }
        }
    }

    fn characters(&mut self, file: FileId, manifest: &Manifest) -> Vec<CharacterDef> {
        let mut seen = HashMap::new();
        let mut out = Vec::new();
        for character in &manifest.characters {
            self.check_id(file, &character.id, "character");
            if !self.register(&mut seen, file, &character.id, "character") {
                continue;
            }
            let colour = match &character.colour {
                None => Colour::Default,
                Some(name) => Colour::parse(name.get_ref()).unwrap_or_else(|| {
                    self.push(
                        Diagnostic::error("unknown-colour", format!("`{}` is not a colour dojo knows", name.get_ref()))
                            .at(file, name.span(), "unknown colour")
                            .hint("use black, red, green, yellow, blue, magenta, cyan, white, grey, bright-<colour>, or \"#rrggbb\""),
                    );
                    Colour::Default
                }),
            };
            self.character_ids
                .insert(character.id.get_ref().clone(), out.len());
            out.push(CharacterDef {
                id: character.id.get_ref().clone(),
                name: sanitize(&character.name).0,
                role: sanitize(&character.role).0,
                colour,
            });
        }
        out
    }

    fn competencies(&mut self, file: FileId, manifest: &Manifest) -> Vec<CompetencyDef> {
        let mut seen = HashMap::new();
        let mut out = Vec::new();
        for competency in &manifest.competencies {
            self.check_id(file, &competency.id, "competency");
            if !self.register(&mut seen, file, &competency.id, "competency") {
                continue;
            }
            self.competency_ids
                .insert(competency.id.get_ref().clone(), out.len());
            out.push(CompetencyDef {
                id: competency.id.get_ref().clone(),
                name: sanitize(&competency.name).0,
                description: sanitize(&competency.description).0,
            });
        }
        out
    }

    fn grades(&mut self, file: FileId, manifest: &Manifest) -> Vec<GradeDef> {
        let mut out: Vec<GradeDef> = Vec::new();
        let mut seen: HashMap<u32, Range<usize>> = HashMap::new();
        for grade in &manifest.grades {
            let min = *grade.min.get_ref();
            if min > 100 {
                self.push(
                    Diagnostic::error(
                        "invalid-grade",
                        format!("a grade band cannot start at {min}%"),
                    )
                    .at(file, grade.min.span(), "above 100")
                    .hint("`min` is a percentage of the attainable score, from 0 to 100"),
                );
            }
            if let Some(first) = seen.get(&min) {
                self.push(
                    Diagnostic::error("duplicate-id", format!("two grade bands start at {min}%"))
                        .at(file, grade.min.span(), "again here")
                        .also(file, first.clone(), "first here"),
                );
            }
            seen.insert(min, grade.min.span());
            out.push(GradeDef {
                min,
                name: sanitize(&grade.name).0,
                message: sanitize(&grade.message).0,
            });
        }
        if !out.is_empty() && !seen.contains_key(&0) {
            let span = manifest.grades.first().map_or(0..0, |g| g.min.span());
            self.push(
                Diagnostic::error("missing-grade-floor", "no grade band starts at 0%")
                    .at(file, span, "the lowest band")
                    .hint("add a band with `min = 0` so every result gets a grade"),
            );
        }
        out.sort_by(|a, b| b.min.cmp(&a.min));
        out
    }

    fn scene_ref(&mut self, file: FileId, id: &Spanned<String>) -> Option<SceneIx> {
        let found = self.scene_ids.get(id.get_ref()).copied();
        if found.is_none() {
            let mut diagnostic = Diagnostic::error(
                "missing-scene",
                format!("no scene has the id `{}`", id.get_ref()),
            )
            .at(file, id.span(), "no such scene");
            if let Some(close) = closest(id.get_ref(), self.scene_ids.keys()) {
                diagnostic = diagnostic.hint(format!("did you mean `{close}`?"));
            }
            self.push(diagnostic);
        }
        found
    }

    /// Sanitises and parses display text; problems are reported and the text still shows.
    fn text(&mut self, file: FileId, text: &Spanned<String>) -> Template {
        let (clean, changed) = sanitize(text.get_ref());
        if changed {
            self.push(
                Diagnostic::warning(
                    "control-character",
                    "this text contains control characters; they are removed when it is shown",
                )
                .at(file, text.span(), "contains control characters")
                .hint(
                    "terminal escape sequences in scenario text are never passed to the terminal",
                ),
            );
        }
        self.template(file, text, &clean)
    }

    fn template(&mut self, file: FileId, text: &Spanned<String>, clean: &str) -> Template {
        match Template::parse(clean) {
            Ok(template) => {
                for hole in template.holes() {
                    self.check_names(file, text.span(), hole);
                }
                template
            }
            Err(error) => {
                let span = inner_span(
                    self.sources.text(file),
                    &text.span(),
                    text.get_ref(),
                    error.span.clone(),
                );
                self.push(
                    Diagnostic::error(
                        "bad-expression",
                        format!("cannot read this text: {}", error.message),
                    )
                    .at(file, span, error.message.clone()),
                );
                Template::literal(clean)
            }
        }
    }

    fn expr(&mut self, file: FileId, source: &Spanned<String>) -> Option<Expr> {
        match parse(source.get_ref()) {
            Ok(expr) => {
                self.check_names(file, source.span(), &expr);
                Some(expr)
            }
            Err(error) => {
                let span = inner_span(
                    self.sources.text(file),
                    &source.span(),
                    source.get_ref(),
                    error.span.clone(),
                );
                self.push(
                    Diagnostic::error(
                        "bad-expression",
                        format!("cannot read this expression: {}", error.message),
                    )
                    .at(file, span, error.message.clone()),
                );
                None
            }
        }
    }

    fn check_names(&mut self, file: FileId, span: Range<usize>, expr: &Expr) {
        for path in expr.paths() {
            if let Some(problem) = self.name_problem(path) {
                self.push(
                    Diagnostic::error("unknown-name", format!("`{}` {problem}", path.join(".")))
                        .at(file, span.clone(), "in this expression")
                        .hint(format!("names start with {ROOTS}")),
                );
            }
        }
    }

    fn name_problem(&self, path: &[String]) -> Option<String> {
        let root = path.first().map(String::as_str).unwrap_or_default();
        let rest = &path[1.min(path.len())..];
        let single = |what: &str| (rest.len() != 1).then(|| format!("should be `{root}.<{what}>`"));
        match root {
            "learner" if rest.is_empty() => None,
            "flag" => single("flag"),
            "score" => single("competency").or_else(|| {
                (!self.competency_ids.contains_key(&rest[0]))
                    .then(|| format!("names no competency `{}`", rest[0]))
            }),
            "visits" => single("scene").or_else(|| {
                (!self.scene_ids.contains_key(&rest[0]))
                    .then(|| format!("names no scene `{}`", rest[0]))
            }),
            "answer" | "correct" => single("scene").or_else(|| {
                (!self.questions.contains_key(&rest[0]))
                    .then(|| format!("names no scene with a question `{}`", rest[0]))
            }),
            _ => Some("is not a name dojo knows".to_string()),
        }
    }

    fn scene(&mut self, file: FileId, scene: &Scene) -> SceneDef {
        let mut beats = Vec::new();
        if let Some(narration) = &scene.narration {
            self.text(file, narration);
            for paragraph in paragraphs(&sanitize(narration.get_ref()).0) {
                beats.push(Beat::Narration(quiet_template(&paragraph)));
            }
        }
        if let Some(dialogue) = &scene.dialogue {
            self.dialogue(file, dialogue, &mut beats);
        }
        let title = scene.title.as_ref().map(|t| self.text(file, t));
        let question = scene.question.as_ref().map(|q| self.question(file, q));
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
        self.check_exits(file, scene, ending);
        SceneDef {
            id: scene.id.get_ref().clone(),
            title,
            beats,
            question,
            routes,
            next,
            ending,
            location: Location {
                file,
                span: scene.id.span(),
            },
        }
    }

    fn dialogue(&mut self, file: FileId, dialogue: &Spanned<String>, beats: &mut Vec<Beat>) {
        self.text(file, dialogue);
        for line in parse_script(&sanitize(dialogue.get_ref()).0) {
            let text = quiet_template(&line.text);
            match line.speaker {
                None => beats.push(Beat::Narration(text)),
                Some((who, range)) => match self.character_ids.get(&who) {
                    Some(&speaker) => beats.push(Beat::Line { speaker, text }),
                    None => {
                        let span = inner_span(
                            self.sources.text(file),
                            &dialogue.span(),
                            dialogue.get_ref(),
                            range,
                        );
                        let mut diagnostic = Diagnostic::error(
                            "unknown-character",
                            format!("no character has the id `{who}`"),
                        )
                        .at(file, span, "unknown speaker");
                        diagnostic = diagnostic.hint(match closest(&who, self.character_ids.keys()) {
                            Some(close) => format!("did you mean `{close}`? Characters are declared with [[character]] in scenario.toml"),
                            None => "declare the character with [[character]] in scenario.toml, or indent the line to continue the previous one".to_string(),
                        });
                        self.push(diagnostic);
                    }
                },
            }
        }
    }

    fn check_exits(&mut self, file: FileId, scene: &Scene, ending: bool) {
        let id = scene.id.get_ref();
        let has_question = scene.question.is_some();
        if ending {
            let mut others = Vec::new();
            if scene.next.is_some() {
                others.push("`next`");
            }
            if has_question {
                others.push("a question");
            }
            if !scene.routes.is_empty() {
                others.push("routes");
            }
            if !others.is_empty() {
                let span = scene.ending.as_ref().map_or(scene.id.span(), Spanned::span);
                self.push(
                    Diagnostic::error(
                        "conflicting-exit",
                        format!(
                            "scene `{id}` is an ending but also has {}",
                            others.join(" and ")
                        ),
                    )
                    .at(file, span, "marked as an ending here")
                    .hint("an ending scene stops the story; remove `ending = true` or the way on"),
                );
            }
            return;
        }
        let every_branch_leaves = scene
            .question
            .as_ref()
            .is_some_and(question_always_branches);
        if scene.next.is_none() && !every_branch_leaves {
            let message = if scene.routes.is_empty() && !has_question {
                format!("scene `{id}` has no way on and is not an ending")
            } else {
                format!("scene `{id}` can run out of ways on: some answers or routes lead nowhere")
            };
            self.push(
                Diagnostic::error("no-way-on", message)
                    .at(file, scene.id.span(), "this scene")
                    .hint("add `next = \"<scene>\"` as the fallback, give every answer a `goto`, or mark it `ending = true`"),
            );
        }
    }

    fn question(&mut self, file: FileId, question: &Question) -> QuestionDef {
        let kind = *question.kind.get_ref();
        self.check_question_keys(file, question, kind);
        let prompt = self.text(file, &question.prompt);
        let mut seen = HashMap::new();
        let mut options = Vec::new();
        for option in &question.options {
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
        let tolerance = question.tolerance.as_ref().map_or(0.0, |t| *t.get_ref());
        if tolerance < 0.0 {
            let span = question
                .tolerance
                .as_ref()
                .map_or(question.kind.span(), Spanned::span);
            self.push(
                Diagnostic::error("invalid-value", "a tolerance cannot be negative")
                    .at(file, span, "negative"),
            );
        }
        let right = question.right.as_ref().map(|o| self.outcome(file, o));
        let wrong = question.wrong.as_ref().map(|o| self.outcome(file, o));
        QuestionDef {
            kind,
            prompt,
            shuffle: question.shuffle,
            options,
            answer,
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
            right,
            wrong,
        }
    }

    /// Which keys each kind needs and allows; serde cannot say this without losing spans.
    fn check_question_keys(&mut self, file: FileId, question: &Question, kind: QuestionKind) {
        let kind_span = question.kind.span();
        let kind_name = kind.as_str();
        let misplaced = |cx: &mut Self, key: &str, span: Range<usize>| {
            cx.push(
                Diagnostic::error(
                    "misplaced-key",
                    format!("`{key}` does not apply to a {kind_name} question"),
                )
                .at(file, span, "not used by this kind")
                .also(file, kind_span.clone(), "the kind is set here"),
            );
        };
        let choice = matches!(
            kind,
            QuestionKind::Single | QuestionKind::Multiple | QuestionKind::Order
        );
        if !choice {
            if let Some(option) = question.options.first() {
                misplaced(self, "option", option.id.span());
            }
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
        }
        if matches!(kind, QuestionKind::Single | QuestionKind::Multiple) {
            if let Some(outcome) = question.right.as_ref().or(question.wrong.as_ref()) {
                let which = if question.right.is_some() {
                    "right"
                } else {
                    "wrong"
                };
                self.push(
                    Diagnostic::error("misplaced-key", format!("`{which}` does not apply to a {kind_name} question"))
                        .at(file, outcome.feedback.span(), "outcome of a choice question")
                        .hint("in a choice question each option carries its own feedback, score, flags and goto"),
                );
            }
        }
        if choice && question.options.len() < 2 {
            self.push(
                Diagnostic::error(
                    "too-few-options",
                    format!("a {kind_name} question needs at least two options"),
                )
                .at(file, kind_span.clone(), "this question")
                .hint("add options with [[scene.question.option]] tables"),
            );
        }
        match kind {
            QuestionKind::Number if question.answer.is_none() => {
                self.push(
                    Diagnostic::error("missing-key", "a number question needs an `answer`")
                        .at(file, kind_span.clone(), "this question")
                        .hint("write `answer = 14.6` or an expression such as `answer = \"score.flow * 2\"`"),
                );
            }
            _ => {}
        }
        let needs_outcomes = matches!(kind, QuestionKind::Number | QuestionKind::Order)
            || (kind == QuestionKind::Text && question.expect.is_some());
        if needs_outcomes {
            for (which, outcome) in [("right", &question.right), ("wrong", &question.wrong)] {
                if outcome.is_none() {
                    self.push(
                        Diagnostic::error(
                            "missing-feedback",
                            format!("this {kind_name} question has no `{which}` outcome"),
                        )
                        .at(file, kind_span.clone(), "this question")
                        .hint(format!(
                            "add a [scene.question.{which}] table with the feedback a learner gets"
                        )),
                    );
                }
            }
        } else if kind == QuestionKind::Text && question.right.is_none() {
            self.push(
                Diagnostic::error("missing-feedback", "this text question has no `right` outcome")
                    .at(file, kind_span, "this question")
                    .hint("add a [scene.question.right] table with what the learner hears after answering"),
            );
        }
    }

    fn option(&mut self, file: FileId, kind: QuestionKind, option: &ChoiceOption) -> OptionDef {
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
                            .at(file, span, "not used here")
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
                .at(file, option.id.span(), "this option")
                .hint("every option says why it helps or hurts: add `feedback = \"...\"`"),
            );
        }
        OptionDef {
            id: option.id.get_ref().clone(),
            text: self.text(file, &option.text),
            feedback: option.feedback.as_ref().map(|f| self.text(file, f)),
            correct: option.correct,
            effects: self.effects(file, &option.score, &option.set, option.goto.as_ref()),
            when: option.when.as_ref().and_then(|w| self.expr(file, w)),
            location: Location {
                file,
                span: option.id.span(),
            },
        }
    }

    fn outcome(&mut self, file: FileId, outcome: &Outcome) -> OutcomeDef {
        OutcomeDef {
            feedback: self.text(file, &outcome.feedback),
            effects: self.effects(file, &outcome.score, &outcome.set, outcome.goto.as_ref()),
        }
    }

    fn effects(
        &mut self,
        file: FileId,
        score: &BTreeMap<Spanned<String>, i64>,
        set: &BTreeMap<Spanned<String>, FlagValue>,
        goto: Option<&Spanned<String>>,
    ) -> Effects {
        let mut effects = Effects::default();
        for (competency, delta) in score {
            match self.competency_ids.get(competency.get_ref()) {
                Some(&index) => effects.score.push((index, *delta)),
                None => {
                    let mut diagnostic = Diagnostic::error(
                        "unknown-competency",
                        format!("no competency has the id `{}`", competency.get_ref()),
                    )
                    .at(file, competency.span(), "unknown competency");
                    diagnostic = diagnostic.hint(
                        match closest(competency.get_ref(), self.competency_ids.keys()) {
                            Some(close) => format!("did you mean `{close}`?"),
                            None => "declare it with [[competency]] in scenario.toml".to_string(),
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
                effects.set.push((flag.get_ref().clone(), value));
            }
        }
        effects.goto = goto.and_then(|g| self.scene_ref(file, g));
        effects
    }
}

fn question_always_branches(question: &Question) -> bool {
    match *question.kind.get_ref() {
        QuestionKind::Single => {
            !question.options.is_empty() && question.options.iter().all(|o| o.goto.is_some())
        }
        _ => [&question.right, &question.wrong]
            .iter()
            .all(|o| o.as_ref().is_some_and(|o| o.goto.is_some())),
    }
}

/// Parses a piece of text already checked as part of its whole string, so errors are not
/// reported twice (and with spans relative to the wrong text).
fn quiet_template(text: &str) -> Template {
    Template::parse(text).unwrap_or_else(|_| Template::literal(text))
}

/// Paragraphs of narration: blank lines separate them, single newlines are soft.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The known id nearest to a misspelt one, if it is near enough to be a likely typo.
fn closest<'a>(wanted: &str, known: impl Iterator<Item = &'a String>) -> Option<&'a String> {
    known
        .map(|k| (edit_distance(wanted, k), k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}
