//! One Katacoda or Killercoda module folder turned into a [`Module`]: every page read, quizzes
//! found, commands and dialogue players resolved, each problem located as a diagnostic and
//! each part that cannot be played noted.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use crate::diagnostic::{Diagnostic, FileId, Sources};

use super::answer;
use super::colours;
use super::course::{self, Course, Named};
use super::dialog;
use super::emit::{Character, Module, Question, Scene};
use super::files::{find_asset, inside, read_text, stays_inside};
use super::lab::{COMMAND_REASON, script_reason, verify_reason};
use super::markdown::{Beat, Command, Page, flatten, line_of};
use super::metadata;
use super::notes::Note;
use super::quiz::{self, Kind, Quiz};
use super::text::{same_answer, slug};

/// What reading a module found: the module when nothing stopped it, what is not carried over,
/// and the problems.
pub(crate) struct Outcome {
    pub module: Option<Module>,
    pub notes: Vec<Note>,
    pub diagnostics: Vec<Diagnostic>,
}

struct Builder<'a> {
    dir: &'a Path,
    /// The folder as the user named it, for file names in diagnostics.
    display: &'a str,
    sources: &'a mut Sources,
    diagnostics: Vec<Diagnostic>,
    notes: Vec<Note>,
    /// Course files that were carried over (dialogue players and their YAML).
    used: HashSet<String>,
    /// Speaker colours the dialogue players use, by lowercase name.
    colours: Vec<(String, String)>,
}

/// Reads the module in `dir`; `display` is how diagnostics name the folder, and `title` the
/// title a pathway gives it, for a module whose `index.json` has none.
pub(crate) fn build(
    dir: &Path,
    display: &str,
    title: Option<&str>,
    sources: &mut Sources,
) -> Outcome {
    let mut builder = Builder {
        dir,
        display,
        sources,
        diagnostics: Vec::new(),
        notes: Vec::new(),
        used: HashSet::new(),
        colours: Vec::new(),
    };
    let module = builder.module(title);
    let failed = builder.diagnostics.iter().any(Diagnostic::is_error);
    Outcome {
        module: module.filter(|_| !failed),
        notes: builder.notes,
        diagnostics: builder.diagnostics,
    }
}

impl Builder<'_> {
    fn add(&mut self, name: &str, text: &str) -> FileId {
        self.sources.add(format!("{}/{name}", self.display), text)
    }

    fn error(
        &mut self,
        code: &'static str,
        message: String,
        at: Option<(FileId, Range<usize>, &str)>,
    ) {
        let diagnostic = Diagnostic::error(code, message);
        self.diagnostics.push(match at {
            Some((file, span, label)) => diagnostic.at(file, span, label),
            None => diagnostic,
        });
    }

    fn module(&mut self, pathway_title: Option<&str>) -> Option<Module> {
        let index_path = self.dir.join("index.json");
        let index = match read_text(&index_path) {
            Ok(text) => text,
            Err(error) => {
                self.error(
                    "missing-file",
                    format!("{}/index.json {error}", self.display),
                    None,
                );
                return None;
            }
        };
        let index_id = self.add("index.json", &index);
        let course = match course::parse_course(&index) {
            Ok(course) => course,
            Err(errors) => {
                for e in errors {
                    self.error(e.code, e.message, Some((index_id, e.span, &e.label)));
                }
                return None;
            }
        };
        let folder = self
            .dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let title = course
            .title
            .clone()
            .or_else(|| pathway_title.map(str::to_string))
            .unwrap_or_else(|| folder.clone());
        let mut scenes = Vec::new();
        let mut objectives = Vec::new();
        if let Some(intro) = &course.intro
            && let Some(beats) = self.read_beats(intro, index_id)
        {
            let (found, rest) = metadata::objectives(beats);
            objectives = found;
            if !rest.is_empty() {
                scenes.push(Scene {
                    id: "intro".into(),
                    title: Some("Introduction".into()),
                    beats: rest,
                    question: None,
                });
            }
        }
        for (n, step) in course.steps.iter().enumerate() {
            scenes.extend(self.step(n + 1, step, index_id, &index));
        }
        let finish = course
            .finish
            .as_ref()
            .and_then(|f| self.read_beats(f, index_id))
            .unwrap_or_default();
        scenes.push(Scene {
            id: "finish".into(),
            title: Some(title.clone()),
            beats: finish,
            question: None,
        });
        // Notes on index.json first, in line order; then each page's, in course order.
        let mut index_notes = self.index_notes(&course, &index);
        index_notes.extend(self.notes.extract_if(.., |n| n.file == "index.json"));
        index_notes.sort_by_key(|n| n.line);
        self.notes.splice(0..0, index_notes);
        Some(Module {
            id: slug(&folder).unwrap_or_else(|| "course".into()),
            summary: course
                .description
                .as_deref()
                .map(super::text::squeeze)
                .unwrap_or_default(),
            minutes: course.time.as_ref().and_then(|(t, _)| metadata::minutes(t)),
            level: course
                .difficulty
                .as_ref()
                .and_then(|(d, _)| metadata::level(d)),
            characters: characters(&scenes, &self.colours),
            title,
            objectives,
            scenes,
        })
    }

    /// The notes on `index.json` itself: the lab machine, files copied to it, scripts, and
    /// metadata dojo cannot read.
    fn index_notes(&self, course: &Course, index: &str) -> Vec<Note> {
        let line = |span: &Range<usize>| line_of(index, span.start);
        let mut notes = Vec::new();
        if let Some((machine, span)) = &course.machine {
            notes.push(Note::new(
                "index.json",
                line(span),
                machine.clone(),
                "dojo plays in the terminal alone; there is no lab machine",
            ));
        }
        if let Some((time, span)) = &course.time
            && metadata::minutes(time).is_none()
        {
            notes.push(Note::new(
                "index.json",
                line(span),
                format!("time `{time}`"),
                "not a number of minutes or hours; left out",
            ));
        }
        if let Some((difficulty, span)) = &course.difficulty
            && metadata::level(difficulty).is_none()
        {
            notes.push(Note::new(
                "index.json",
                line(span),
                format!("difficulty `{difficulty}`"),
                "not a level dojo knows (beginner, intermediate, advanced); left out",
            ));
        }
        for (key, script) in &course.scripts {
            notes.push(Note::new(
                "index.json",
                line(&script.span),
                format!("`{key}` script `{}`", script.file),
                "ran on the lab machine; scripts do not run in dojo",
            ));
        }
        for asset in &course.assets {
            if !self.used.contains(asset.file.trim_start_matches("./")) {
                notes.push(Note::new(
                    "index.json",
                    line(&asset.span),
                    format!("asset `{}`", asset.file),
                    "copied to the lab machine; nothing in dojo uses it",
                ));
            }
        }
        notes
    }

    /// The text of a page `index.json` names, or a located error.
    fn read_page(&mut self, named: &Named, index_id: FileId) -> Option<(FileId, String)> {
        let path = inside(self.dir, &named.file).filter(|p| stays_inside(self.dir, p));
        let Some(path) = path else {
            let message = format!("`{}` is outside the module folder", named.file);
            self.error(
                "bad-path",
                message,
                Some((
                    index_id,
                    named.span.clone(),
                    "name files inside the module folder",
                )),
            );
            return None;
        };
        match read_text(&path) {
            Ok(text) => Some((self.add(&named.file, &text), text)),
            Err(error) => {
                let message = format!("`{}` {error}", named.file);
                self.error(
                    "missing-file",
                    message,
                    Some((index_id, named.span.clone(), "this page cannot be read")),
                );
                None
            }
        }
    }

    fn read_beats(&mut self, named: &Named, index_id: FileId) -> Option<Vec<Beat>> {
        let (_, text) = self.read_page(named, index_id)?;
        Some(self.flatten(&text, &named.file, 0..text.len()))
    }

    /// Flattens part of a page, resolving its commands and noting what is left behind, in
    /// line order.
    fn flatten(&mut self, text: &str, file: &str, range: Range<usize>) -> Vec<Beat> {
        let page = Page { text, file, range };
        let mut notes = Vec::new();
        let mut command_notes = Vec::new();
        let beats = flatten(
            &page,
            &mut |cmd, line| self.command(file, cmd, line, &mut command_notes),
            &mut notes,
        );
        notes.extend(command_notes);
        notes.sort_by_key(|n| n.line);
        self.notes.extend(notes);
        beats
    }

    /// What a command marked `{{execute}}` becomes: a dialogue player's lines, nothing for
    /// another course script, and a line to read for anything else.
    fn command(&mut self, file: &str, cmd: &str, line: usize, notes: &mut Vec<Note>) -> Command {
        let word = cmd.split_whitespace().next().unwrap_or_default();
        let what = match cmd.lines().count() {
            0 | 1 => format!("`{cmd}`"),
            2 => format!(
                "`{}` and 1 more line",
                cmd.lines().next().unwrap_or_default()
            ),
            n => format!(
                "`{}` and {} more lines",
                cmd.lines().next().unwrap_or_default(),
                n - 1
            ),
        };
        let Some(path) = find_asset(self.dir, word) else {
            notes.push(Note::new(file, line, what, COMMAND_REASON));
            return Command::Shell;
        };
        let name = self.relative(&path);
        let script = match read_text(&path) {
            Ok(script) => script,
            Err(error) => {
                notes.push(Note::new(
                    file,
                    line,
                    what,
                    format!("ran the course script `{name}`, which {error}"),
                ));
                return Command::Dropped;
            }
        };
        let played = dialog::played_file(&script).and_then(|(played, span)| {
            let path = find_asset(self.dir, &played);
            let text = path.as_deref().map(read_text);
            // A script may read YAML that is not a dialogue (labels to create, say).
            let dialogue = match &text {
                Some(Ok(text)) => dialog::is_dialogue(text),
                _ => true,
            };
            dialogue.then_some((played, span, path, text))
        });
        let Some((played, span, yaml_path, yaml)) = played else {
            notes.push(Note::new(file, line, what, script_reason(&script)));
            return Command::Dropped;
        };
        self.used.insert(word.trim_start_matches("./").to_string());
        for word in script.split(|c: char| c.is_whitespace() || c == '"' || c == '\'') {
            if let Some(asset) = find_asset(self.dir, word) {
                self.used.insert(word.trim_start_matches("./").to_string());
                if word.ends_with(".py")
                    && let Ok(player) = read_text(&asset)
                {
                    self.colours.extend(colours::speaker_colours(&player));
                }
            }
        }
        let script_id = self.add(&name, &script);
        let (Some(yaml_path), Some(yaml)) = (yaml_path, yaml) else {
            let message = format!("`{name}` plays `{played}`, which is not in the module folder");
            self.error(
                "missing-file",
                message,
                Some((script_id, span, "no such dialogue file")),
            );
            return Command::Dropped;
        };
        let yaml_name = self.relative(&yaml_path);
        let yaml = match yaml {
            Ok(yaml) => yaml,
            Err(error) => {
                self.error(
                    "missing-file",
                    format!("`{yaml_name}` {error}"),
                    Some((script_id, span, "this dialogue cannot be read")),
                );
                return Command::Dropped;
            }
        };
        let yaml_id = self.add(&yaml_name, &yaml);
        let (beats, errors) = dialog::parse(&yaml);
        for e in errors {
            self.error("bad-dialogue", e.message, Some((yaml_id, e.span, &e.label)));
        }
        Command::Dialogue(beats)
    }

    fn relative(&self, path: &Path) -> String {
        path.strip_prefix(self.dir)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned()
    }

    /// The scenes of step `n`: one per quiz (the text before it, then the quiz), and one for
    /// text after the last quiz or a step with none.
    fn step(
        &mut self,
        n: usize,
        step: &course::StepDef,
        index_id: FileId,
        index: &str,
    ) -> Vec<Scene> {
        let index_line = |span: &Range<usize>| line_of(index, span.start);
        if let Some(verify) = &step.verify {
            let reason = inside(self.dir, &verify.file)
                .and_then(|p| read_text(&p).ok())
                .map_or(
                    "the verify script cannot be read; the step plays without it",
                    |s| verify_reason(&s),
                );
            self.notes.push(Note::new(
                "index.json",
                index_line(&verify.span),
                format!("verify script `{}`", verify.file),
                reason,
            ));
        }
        for (key, script) in &step.scripts {
            self.notes.push(Note::new(
                "index.json",
                index_line(&script.span),
                format!("`{key}` script `{}`", script.file),
                "ran on the lab machine when the step started; scripts do not run in dojo",
            ));
        }
        let Some(named) = &step.text else {
            return Vec::new();
        };
        let Some((page_id, text)) = self.read_page(named, index_id) else {
            return Vec::new();
        };
        let (quizzes, errors) = quiz::find(&text);
        for e in errors {
            self.error("bad-quiz", e.message, Some((page_id, e.span, e.label)));
        }
        let (named_answers, explanation) = match &step.answer {
            Some(page) => self.answer_page(page, index_id),
            None => (Vec::new(), None),
        };
        let mut parts = Vec::new();
        let mut from = 0;
        for quiz in quizzes {
            let beats = self.flatten(&text, &named.file, from..quiz.range.start);
            from = quiz.range.end;
            let line = line_of(&text, quiz.range.start);
            let question =
                self.question(quiz, &named_answers, explanation.clone(), &named.file, line);
            parts.push((beats, Some(question)));
        }
        let mut rest = self.flatten(&text, &named.file, from..text.len());
        if parts.is_empty()
            && let Some(explanation) = &explanation
        {
            rest.extend(explanation.lines().map(|l| Beat::Para(l.to_string())));
        }
        if parts.is_empty() || !rest.is_empty() {
            parts.push((rest, None));
        }
        parts
            .into_iter()
            .enumerate()
            .map(|(k, (beats, question))| Scene {
                id: if k == 0 {
                    format!("step-{n}")
                } else {
                    format!("step-{n}-{}", k + 1)
                },
                title: (k == 0).then(|| step.title.clone()),
                beats,
                question,
            })
            .collect()
    }

    /// The answers an answer page names, and its explanation as feedback text.
    fn answer_page(&mut self, page: &Named, index_id: FileId) -> (Vec<String>, Option<String>) {
        let Some((_, text)) = self.read_page(page, index_id) else {
            return (Vec::new(), None);
        };
        let read = answer::read(&text);
        let beats = self.flatten(&read.rest, &page.file, 0..read.rest.len());
        let lines: Vec<String> = beats.iter().map(Beat::line).collect();
        (read.named, (!lines.is_empty()).then(|| lines.join("\n")))
    }

    fn question(
        &mut self,
        quiz: Quiz,
        named: &[String],
        explanation: Option<String>,
        file: &str,
        line: usize,
    ) -> Question {
        let prompt = inline(&quiz.prompt);
        if quiz.kind == Kind::Text {
            for expected in quiz.expected.iter().filter(|e| e.exact) {
                self.notes.push(Note::new(file, expected.line, format!("`=== {}`", expected.text), "dojo takes a text answer that contains the words anywhere, ignoring case; the course wanted them exactly"));
            }
            return Question {
                kind: Kind::Text,
                prompt,
                choices: Vec::new(),
                expect: quiz.expected.into_iter().map(|e| e.text).collect(),
                explanation,
            };
        }
        let mut choices: Vec<(String, bool)> = quiz
            .choices
            .iter()
            .map(|c| (inline(&c.text), c.correct))
            .collect();
        if !choices.iter().any(|(_, right)| *right) {
            for name in named {
                match choices
                    .iter_mut()
                    .find(|(text, _)| same_answer(text, &inline(name)))
                {
                    Some(choice) => choice.1 = true,
                    None => self.notes.push(Note::new(
                        file,
                        line,
                        format!("answer `{name}`"),
                        "the answer page names it, but no option reads so",
                    )),
                }
            }
        }
        if !choices.iter().any(|(_, right)| *right) {
            self.notes.push(Note::new(file, line, "quiz", "no option is marked right, here or on the answer page; imported as an ungraded question"));
        }
        Question {
            kind: quiz.kind,
            prompt,
            choices,
            expect: Vec::new(),
            explanation,
        }
    }
}

/// Markdown inside one line (a question or an option) as plain text.
fn inline(text: &str) -> String {
    let page = Page {
        text,
        file: "",
        range: 0..text.len(),
    };
    let beats = flatten(&page, &mut |_, _| Command::Shell, &mut Vec::new());
    beats.iter().map(Beat::line).collect::<Vec<_>>().join(" ")
}

/// The speakers of every scene, in the order they first speak, with ids made from their names.
fn characters(scenes: &[Scene], colours: &[(String, String)]) -> Vec<Character> {
    let mut characters: Vec<Character> = Vec::new();
    for beat in scenes.iter().flat_map(|s| &s.beats) {
        if let Beat::Say { name, .. } = beat
            && !characters.iter().any(|c| c.name == *name)
        {
            let base = slug(name).unwrap_or_else(|| "speaker".into());
            let mut id = base.clone();
            let mut k = 2;
            while characters.iter().any(|c| c.id == id) {
                id = format!("{base}-{k}");
                k += 1;
            }
            let colour = colours
                .iter()
                .find(|(n, _)| *n == name.to_lowercase())
                .map(|(_, c)| c.clone());
            characters.push(Character {
                id,
                name: name.clone(),
                colour,
            });
        }
    }
    characters
}
