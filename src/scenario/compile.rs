//! Semantic checks and resolution: from the serde model to a playable [`Scenario`].

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use crate::diagnostic::{Diagnostic, FileId, Location, Sources};
use crate::expr::{Expr, Template, parse};

use super::colour::Colour;
use super::compiled::*;
use super::dialogue::parse_script;
use super::literal::{find_chars, inner_span};
use super::load::{Broken, Parsed};
use super::model::{
    ChoiceOption, FlagValue, Manifest, NumberSource, Outcome, Question, QuestionKind, Scene,
};
use super::sanitize::{cleaned, is_suspicious, sanitize, suspicious_count};

/// Names an expression may start with, besides those the scenario defines.
const ROOTS: &str = "`learner`, `score.<competency>`, `flag.<name>`, `visits.<scene>`, `answer.<scene>`, `correct.<scene>`, `vsm.<map>.<figure>`";

pub fn compile(
    sources: &Sources,
    parsed: &Parsed,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Scenario> {
    let (manifest_file, manifest, scenes) =
        (parsed.manifest_file, &parsed.manifest, &parsed.scenes);
    let mut cx = Compiler::new(sources, parsed, Cow::Owned(Known::default()));
    if let Some(id) = &manifest.id {
        cx.check_id(manifest_file, id, "scenario");
    }
    cx.index_scenes(scenes);
    let (maps, workbenches) = cx.maps(manifest_file, manifest, &parsed.maps);
    let characters = cx.characters(manifest_file, manifest);
    let competencies = cx.competencies(manifest_file, manifest);
    let grades = cx.grades(manifest_file, manifest);
    let start = manifest
        .start
        .as_ref()
        .and_then(|start| cx.scene_ref(manifest_file, start));
    // Scenes only read what the scenario defines, so they compile side by side; each keeps
    // its own findings, gathered in scene order so the result is the same as one by one.
    let known = cx.known.into_owned();
    let scene_compilers = crate::parallel::map(scenes, |(file, scene)| {
        let mut scene_cx = Compiler::new(sources, parsed, Cow::Borrowed(&known));
        let compiled = scene_cx.scene(*file, scene);
        (compiled, scene_cx)
    });
    let (mut flag_sets, mut flag_reads) = (cx.flag_sets, cx.flag_reads);
    let mut found = cx.diagnostics;
    let mut compiled = Vec::with_capacity(scenes.len());
    for (scene, scene_cx) in scene_compilers {
        compiled.push(scene);
        found.extend(scene_cx.diagnostics);
        flag_sets.extend(scene_cx.flag_sets);
        flag_reads.extend(scene_cx.flag_reads);
    }
    let errors = found.iter().any(Diagnostic::is_error);
    diagnostics.extend(found);
    if errors {
        return None;
    }
    Some(Scenario {
        meta: Meta {
            id: manifest.id.as_ref()?.get_ref().clone(),
            title: sanitize(manifest.title.as_deref()?).0,
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
        maps,
        workbenches,
        fingerprint: fingerprint(sources),
        scene_ids: known.scene_ids,
        competency_ids: known.competency_ids,
        flag_sets,
        flag_reads,
    })
}

/// FNV-1a over every file, eight bytes at a step: stable across runs and platforms, unlike the
/// std hasher, and quick enough to run on every load of a large scenario.
fn fingerprint(sources: &Sources) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |word: u64| {
        hash ^= word;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    };
    let mut id = 0;
    while !sources.name(FileId(id)).is_empty() {
        let text = sources.text(FileId(id)).as_bytes();
        let mut words = text.chunks_exact(8);
        for word in words.by_ref() {
            let mut bytes = [0; 8];
            bytes.copy_from_slice(word);
            mix(u64::from_le_bytes(bytes));
        }
        for &byte in words.remainder() {
            mix(u64::from(byte));
        }
        // The length ends each file, so moving text from one file to the next changes the hash.
        mix(text.len() as u64);
        id += 1;
    }
    format!("{hash:016x}")
}

pub(super) struct Compiler<'a> {
    pub(super) sources: &'a Sources,
    /// Ids of tables that could not be read: not reported again as missing.
    pub(super) broken: &'a Broken,
    pub(super) portraits: &'a HashMap<String, String>,
    /// Written while the scenario's definitions are read, then shared by every scene.
    pub(super) known: Cow<'a, Known>,
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) flag_sets: Vec<(String, Location)>,
    pub(super) flag_reads: Vec<(String, Location)>,
}

/// What scenes may refer to: every id the scenario defines.
#[derive(Debug, Clone, Default)]
pub(super) struct Known {
    pub(super) scene_ids: HashMap<String, SceneIx>,
    /// Scenes that have a question, so `answer.<scene>` can be checked.
    pub(super) questions: HashMap<String, QuestionKind>,
    pub(super) competency_ids: HashMap<String, usize>,
    pub(super) character_ids: HashMap<String, usize>,
    pub(super) map_ids: HashMap<String, MapRef>,
    pub(super) map_defs: Vec<MapDef>,
    pub(super) benches: Vec<WorkbenchDef>,
    /// Workbenches whose reference map is missing: already reported, not reported again.
    pub(super) dead_maps: HashSet<String>,
}

impl<'a> Compiler<'a> {
    /// A compiler with nothing found yet.
    fn new(sources: &'a Sources, parsed: &'a Parsed, known: Cow<'a, Known>) -> Compiler<'a> {
        Compiler {
            sources,
            broken: &parsed.broken,
            portraits: &parsed.portraits,
            known,
            diagnostics: Vec::new(),
            flag_sets: Vec::new(),
            flag_reads: Vec::new(),
        }
    }

    pub(super) fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub(super) fn check_id(&mut self, file: FileId, id: &Spanned<String>, what: &str) -> bool {
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
    pub(super) fn register(
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
                self.known
                    .to_mut()
                    .scene_ids
                    .insert(scene.id.get_ref().clone(), index);
                if let Some(question) = &scene.question {
                    self.known.to_mut().questions.insert(
                        scene.id.get_ref().clone(),
                        *question.get_ref().kind.get_ref(),
                    );
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
            self.known
                .to_mut()
                .character_ids
                .insert(character.id.get_ref().clone(), out.len());
            out.push(CharacterDef {
                id: character.id.get_ref().as_str().into(),
                name: sanitize(&character.name).0.into(),
                role: sanitize(&character.role).0.into(),
                colour,
                portrait: self
                    .portraits
                    .get(character.id.get_ref())
                    .map(|art| art.as_str().into()),
                location: Location {
                    file,
                    span: character.id.span(),
                },
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
            self.known
                .to_mut()
                .competency_ids
                .insert(competency.id.get_ref().clone(), out.len());
            out.push(CompetencyDef {
                id: competency.id.get_ref().clone(),
                name: sanitize(&competency.name).0,
                description: sanitize(&competency.description).0,
                location: Location {
                    file,
                    span: competency.id.span(),
                },
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
                    Diagnostic::error("duplicate-grade", format!("two grade bands start at {min}%"))
                        .at(file, grade.min.span(), "again here")
                        .also(file, first.clone(), "first here")
                        .hint("give each band its own `min`: the learner gets the highest band they reach"),
                );
            }
            seen.entry(min).or_insert_with(|| grade.min.span());
            out.push(GradeDef {
                min,
                name: sanitize(&grade.name).0,
                message: sanitize(&grade.message).0,
                location: Location {
                    file,
                    span: grade.min.span(),
                },
            });
        }
        if !out.is_empty() && !seen.contains_key(&0) && !self.broken.grades {
            let lowest = manifest.grades.iter().min_by_key(|g| *g.min.get_ref());
            let span = lowest.map_or(0..0, |g| g.min.span());
            let label = format!(
                "the lowest band starts at {}%",
                lowest.map_or(0, |g| *g.min.get_ref())
            );
            self.push(
                Diagnostic::error("missing-grade-floor", "no grade band starts at 0%")
                    .at(file, span, label)
                    .hint("add a band with `min = 0` so every result gets a grade"),
            );
        }
        out.sort_by_key(|grade| std::cmp::Reverse(grade.min));
        out
    }

    fn scene_ref(&mut self, file: FileId, id: &Spanned<String>) -> Option<SceneIx> {
        let found = self.known.scene_ids.get(id.get_ref()).copied();
        if found.is_none() && !self.broken.may_be_scene(id.get_ref()) {
            let hint = match closest(id.get_ref(), self.known.scene_ids.keys()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => known_list("scene", "scenes", self.known.scene_ids.keys()),
            };
            self.push(
                Diagnostic::error(
                    "missing-scene",
                    format!("no scene has the id `{}`", id.get_ref()),
                )
                .at(file, id.span(), "no such scene")
                .hint(hint),
            );
        }
        found
    }

    /// Sanitises and parses display text; problems are reported and the text still shows.
    fn text(&mut self, file: FileId, text: &Spanned<String>) -> Template {
        let written = self.check_text(file, text);
        match cleaned(text.get_ref()) {
            Cow::Borrowed(same) => written.unwrap_or_else(|| Template::literal(same)),
            Cow::Owned(clean) => quiet_template(&clean),
        }
    }

    /// Reports control characters, bad `{...}` holes and unknown names in display text, and
    /// returns its template as written when it parses.
    fn check_text(&mut self, file: FileId, text: &Spanned<String>) -> Option<Template> {
        let count = suspicious_count(text.get_ref());
        if count > 0 {
            let message = match count {
                1 => "text contains a control character".to_string(),
                n => format!("text contains {n} control characters"),
            };
            let found = find_chars(self.sources.text(file), &text.span(), is_suspicious);
            let mut diagnostic = Diagnostic::warning("control-character", message);
            diagnostic = match found.split_first() {
                Some(((span, c), rest)) => {
                    for (span, c) in rest {
                        diagnostic = diagnostic.also(file, span.clone(), describe_char(*c));
                    }
                    diagnostic.at(file, span.clone(), describe_char(*c))
                }
                None => diagnostic.at(file, text.span(), "contains control characters"),
            };
            self.push(diagnostic.hint(
                "dojo removes such characters before showing text, so no escape sequence reaches the terminal; write plain text",
            ));
        }
        // Checked as written, so that offsets inside the value map back to the file.
        match Template::parse(text.get_ref()) {
            Ok(template) => {
                let holes: Vec<&Expr> = template.holes().collect();
                self.check_names(file, text, &holes);
                Some(template)
            }
            Err(error) => {
                let span = inner_span(
                    self.sources.text(file),
                    &text.span(),
                    text.get_ref(),
                    error.span.clone(),
                );
                // The hint says how to write a literal brace; the label need not say it too.
                let label = error
                    .message
                    .split(" (")
                    .next()
                    .unwrap_or_default()
                    .to_string();
                self.push(
                    Diagnostic::error("bad-expression", "cannot read this text")
                        .at(file, span, label)
                        .hint("`{...}` in text holds an expression such as `{learner}`; write `{{` and `}}` for literal braces"),
                );
                // Still check the names in the other lines: one bad brace should hide nothing.
                let lines: Vec<Template> = text
                    .get_ref()
                    .lines()
                    .filter_map(|line| Template::parse(line).ok())
                    .collect();
                let holes: Vec<&Expr> = lines.iter().flat_map(Template::holes).collect();
                self.check_names(file, text, &holes);
                None
            }
        }
    }

    fn expr(&mut self, file: FileId, source: &Spanned<String>) -> Option<Expr> {
        match parse(source.get_ref()) {
            Ok(expr) => {
                self.check_names(file, source, &[&expr]);
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
                    Diagnostic::error("bad-expression", "cannot read this expression")
                        .at(file, span, error.message.clone())
                        .hint("an expression compares names and values: `score.flow >= 2 and not flag.done`"),
                );
                None
            }
        }
    }

    /// Reports every name in `exprs` that names nothing, underlined where `source` spells it.
    fn check_names(&mut self, file: FileId, source: &Spanned<String>, exprs: &[&Expr]) {
        let mut searched_from: HashMap<String, usize> = HashMap::new();
        for path in exprs.iter().flat_map(|e| e.paths()) {
            let name = path.join(".");
            let from = searched_from.entry(name.clone()).or_insert(0);
            let span = match find_name(source.get_ref(), &name, *from) {
                Some(range) => {
                    *from = range.end;
                    inner_span(
                        self.sources.text(file),
                        &source.span(),
                        source.get_ref(),
                        range,
                    )
                }
                None => source.span(),
            };
            if let [root, flag] = path
                && root == "flag"
            {
                self.flag_reads.push((
                    flag.clone(),
                    Location {
                        file,
                        span: span.clone(),
                    },
                ));
            }
            if let Some(problem) = self.name_problem(path) {
                let diagnostic = Diagnostic::error("unknown-name", problem.message).at(
                    file,
                    span,
                    problem.label,
                );
                self.push(diagnostic.hint(problem.hint));
            }
        }
    }

    fn name_problem(&self, path: &[String]) -> Option<NameProblem> {
        let name = path.join(".");
        let root = path.first().map(String::as_str).unwrap_or_default();
        let rest = &path[1.min(path.len())..];
        let what = match root {
            "learner" if rest.is_empty() => return None,
            "flag" if rest.len() == 1 => return None,
            "vsm" => return self.vsm_name_problem(path),
            "score" => "competency",
            "visits" | "answer" | "correct" => "scene",
            "learner" => {
                return Some(NameProblem {
                    message: format!("`{name}` is not a name dojo knows"),
                    label: "unknown name",
                    hint: "`learner` is the learner's name and has no parts".into(),
                });
            }
            "flag" => "flag",
            _ => {
                let roots = [
                    "learner", "score", "flag", "visits", "answer", "correct", "vsm",
                ]
                .map(String::from);
                let hint = match closest(root, roots.iter()) {
                    Some(close) => format!(
                        "did you mean `{}`?",
                        [close]
                            .into_iter()
                            .chain(rest.iter().map(String::as_str))
                            .collect::<Vec<_>>()
                            .join(".")
                    ),
                    None => format!("names start with {ROOTS}"),
                };
                return Some(NameProblem {
                    message: format!("`{name}` is not a name dojo knows"),
                    label: "unknown name",
                    hint,
                });
            }
        };
        if rest.len() != 1 {
            return Some(NameProblem {
                message: format!("`{name}` should be `{root}.<{what}>`"),
                label: "expected one name after the dot",
                hint: format!("names start with {ROOTS}"),
            });
        }
        let id = &rest[0];
        let (exists, known): (bool, Vec<&String>) = match root {
            "score" => (
                self.known.competency_ids.contains_key(id) || self.broken.competencies.contains(id),
                self.known.competency_ids.keys().collect(),
            ),
            "visits" => (
                self.known.scene_ids.contains_key(id) || self.broken.may_be_scene(id),
                self.known.scene_ids.keys().collect(),
            ),
            _ => (
                self.known.questions.contains_key(id) || self.broken.may_be_scene(id),
                self.known.questions.keys().collect(),
            ),
        };
        if exists {
            return None;
        }
        if root != "visits" && root != "score" && self.known.scene_ids.contains_key(id) {
            return Some(NameProblem {
                message: format!("scene `{id}` has no question, so `{name}` is never set"),
                label: "not a scene with a question",
                hint: format!("`{root}.<scene>` reads the answer to a scene's question"),
            });
        }
        let hint = match closest(id, known.iter().copied()) {
            Some(close) => format!("did you mean `{root}.{close}`?"),
            None if what == "competency" => format!(
                "{}; declare others with [[competency]] in scenario.toml",
                known_list("competency", "competencies", known.into_iter())
            ),
            None if root == "visits" => known_list("scene", "scenes", known.into_iter()),
            None => known_list(
                "scene with a question",
                "scenes with a question",
                known.into_iter(),
            ),
        };
        Some(NameProblem {
            message: format!("no {what} has the id `{id}`"),
            label: if what == "competency" {
                "unknown competency"
            } else {
                "unknown scene"
            },
            hint,
        })
    }

    fn scene(&mut self, file: FileId, scene: &Scene) -> SceneDef {
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
        SceneDef {
            id: scene.id.get_ref().clone(),
            title,
            beats,
            question,
            routes,
            next,
            ending,
            show_map,
            allow: scene.allow.iter().map(|a| a.get_ref().clone()).collect(),
            allow_locations: scene
                .allow
                .iter()
                .map(|a| Location {
                    file,
                    span: a.span(),
                })
                .collect(),
            location: Location {
                file,
                span: scene.id.span(),
            },
        }
    }

    fn dialogue(&mut self, file: FileId, dialogue: &Spanned<String>, beats: &mut Vec<Beat>) {
        self.check_text(file, dialogue);
        // Split the text as written, so speaker ranges match the file; clean each line after.
        for line in parse_script(dialogue.get_ref()) {
            let text = quiet_template(&cleaned(&line.text));
            match line.speaker {
                None => beats.push(Beat::Narration(text)),
                Some((who, range)) => match self.known.character_ids.get(&who) {
                    Some(&speaker) => beats.push(Beat::Line { speaker, text }),
                    None if self.broken.characters.contains(&who) => {}
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
                        diagnostic = diagnostic.hint(match closest(&who, self.known.character_ids.keys()) {
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

    fn check_exits(&mut self, file: FileId, scene: &Scene, ending: bool) {
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

    fn question(
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
        let tolerance = question.tolerance.as_ref().map_or(0.0, |t| *t.get_ref());
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
            right,
            wrong,
            location: Location { file, span: header },
        }
    }

    /// Which keys each kind needs and allows; serde cannot say this without losing spans.
    /// Which keys each kind needs and allows; serde cannot say this without losing spans.
    /// A `damaged` question lost a bad part while loading, so what it lacks is not judged.
    fn check_question_keys(
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
        if kind != QuestionKind::Text
            && let Some(expect) = &question.expect
        {
            misplaced(self, "expect", expect.span());
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
            || (kind == QuestionKind::Text && question.expect.is_some());
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
                        match closest(competency.get_ref(), self.known.competency_ids.keys()) {
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

/// "the scenes are `a`, `b` and `c`", for a hint after an unknown id; a long list is cut short.
fn known_list<'a>(one: &str, what: &str, ids: impl Iterator<Item = &'a String>) -> String {
    let mut ids: Vec<&String> = ids.collect();
    ids.sort();
    let shown: Vec<String> = ids.iter().take(8).map(|id| format!("`{id}`")).collect();
    match (ids.len(), shown.split_last()) {
        (0, _) | (_, None) => format!("there are no {what} yet"),
        (1, _) => format!("the only {one} is {}", shown[0]),
        (n, Some((last, rest))) if n == shown.len() => {
            format!("the {what} are {} and {last}", rest.join(", "))
        }
        (n, _) => format!(
            "the {what} include {}, and {} more",
            shown.join(", "),
            n - shown.len()
        ),
    }
}

/// How a warning names a character it found in text.
fn describe_char(c: char) -> String {
    let name = match c {
        '\u{1b}' => "escape",
        '\u{7}' => "bell",
        '\u{8}' => "backspace",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => "text direction override",
        _ => "control character",
    };
    format!("{name} (U+{:04X})", u32::from(c))
}

/// Why a name in an expression names nothing, as a diagnostic would say it.
pub(super) struct NameProblem {
    pub(super) message: String,
    pub(super) label: &'static str,
    pub(super) hint: String,
}

/// The byte range of `name` in `text` at or after `from`, where it stands as a whole name.
fn find_name(text: &str, name: &str, from: usize) -> Option<Range<usize>> {
    let part_of_name = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.');
    let mut at = from;
    while let Some(found) = text.get(at..)?.find(name) {
        let start = at + found;
        let end = start + name.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(part_of_name) && !after.is_some_and(part_of_name) {
            return Some(start..end);
        }
        at = end;
    }
    None
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
        QuestionKind::Text => "`expect` and [scene.question.right] / [scene.question.wrong]",
    }
}

fn question_always_branches(question: &Question) -> bool {
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

/// Parses a piece of text already checked as part of its whole string, so errors are not
/// reported twice (and with spans relative to the wrong text).
fn quiet_template(text: &str) -> Template {
    Template::parse(text).unwrap_or_else(|_| Template::literal(text))
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

/// The known id nearest to a misspelt one, if it is near enough to be a likely typo.
pub(super) fn closest<'a>(
    wanted: &str,
    known: impl Iterator<Item = &'a String>,
) -> Option<&'a str> {
    crate::suggest::closest(wanted, known.map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_likely_typos_only() {
        let ids: Vec<String> = ["flow", "the-end", "middle", "ben", "narration"]
            .map(String::from)
            .to_vec();
        let near = |w: &str| closest(w, ids.iter());
        assert_eq!(near("flwo"), Some("flow"));
        assert_eq!(near("the-ned"), Some("the-end"));
        assert_eq!(near("middel"), Some("middle"));
        assert_eq!(near("narative"), Some("narration"));
        assert_eq!(near("bob"), None);
        assert_eq!(near("elsewhere"), None);
    }
}
