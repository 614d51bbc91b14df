//! Names and expressions: scene references, `{...}` templates, conditions, and whether every
//! name an expression reads stands for something the scenario defines.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use crate::diagnostic::{Diagnostic, FileId, Location};
use crate::expr::{EXPRESSION_TOO_BIG, Expr, MAX_NESTING, MAX_TOKENS, Template, parse};

use crate::scenario::compiled::*;
use crate::scenario::literal::{LiteralSpans, find_chars, inner_span};
use crate::scenario::sanitize::{cleaned, is_suspicious, sanitize, suspicious_count};
use crate::suggest::known_list;

use super::Compiler;
use crate::suggest::closest_known;

/// Names an expression may start with, besides those the scenario defines.
const ROOTS: &str = "`learner`, `score.<competency>`, `flag.<name>`, `visits.<scene>`, `answer.<scene>`, `correct.<scene>`, `vsm.<map>.<figure>`";

impl Compiler<'_> {
    pub(super) fn scene_ref(&mut self, file: FileId, id: &Spanned<String>) -> Option<SceneIx> {
        let found = self.known.scene_ids.get(id.get_ref()).copied();
        if found.is_none() && !self.broken.may_be_scene(id.get_ref()) {
            let hint = self
                .suggest(id.get_ref(), self.known.scene_ids.keys())
                .map(|close| format!("did you mean `{close}`?"))
                .unwrap_or_else(|| known_list("scene", "scenes", self.known.scene_ids.keys()));
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
    pub(super) fn text(&mut self, file: FileId, text: &Spanned<String>) -> Template {
        let written = self.check_text(file, text);
        match cleaned(text.get_ref()) {
            Cow::Borrowed(same) => written.unwrap_or_else(|| Template::literal(same)),
            Cow::Owned(clean) => quiet_template(&clean),
        }
    }

    /// Text shown as written, with no `{...}` holes (names, titles, roles): control
    /// characters are reported and removed.
    pub(super) fn plain_text(&mut self, file: FileId, text: &Spanned<String>) -> String {
        self.check_control_characters(file, text);
        sanitize(text.get_ref()).0
    }

    /// [`Compiler::plain_text`] of a key that may be left out: empty when it is.
    pub(super) fn optional_text(&mut self, file: FileId, text: &Option<Spanned<String>>) -> String {
        text.as_ref()
            .map(|text| self.plain_text(file, text))
            .unwrap_or_default()
    }

    /// Warns of escapes, bells and direction overrides in text: dojo removes them before
    /// showing anything, and the author should know the text will not show as written.
    fn check_control_characters(&mut self, file: FileId, text: &Spanned<String>) {
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
                    // The count is in the message; a few underlines show what they are, and
                    // thousands would make one diagnostic take seconds to draw.
                    for (span, c) in rest.iter().take(7) {
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
    }

    /// Reports control characters, bad `{...}` holes and unknown names in display text, and
    /// returns its template as written when it parses.
    pub(super) fn check_text(&mut self, file: FileId, text: &Spanned<String>) -> Option<Template> {
        self.check_control_characters(file, text);
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
                    Diagnostic::error(error.code, "cannot read this text")
                        .at(file, span, label)
                        .hint(expression_hint(error.code, "`{...}` in text holds an expression such as `{learner}`; write `{{` and `}}` for literal braces")),
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

    pub(super) fn expr(&mut self, file: FileId, source: &Spanned<String>) -> Option<Expr> {
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
                    Diagnostic::error(error.code, "cannot read this expression")
                        .at(file, span, error.message.clone())
                        .hint(expression_hint(error.code, "an expression compares names and values: `score.flow >= 2 and not flag.done`")),
                );
                None
            }
        }
    }

    /// Reports every name in `exprs` that names nothing, underlined where `source` spells it.
    pub(super) fn check_names(&mut self, file: FileId, source: &Spanned<String>, exprs: &[&Expr]) {
        let mut searched_from: HashMap<String, usize> = HashMap::new();
        let literal = LiteralSpans::new(self.sources.text(file), &source.span(), source.get_ref());
        for path in exprs.iter().flat_map(|e| e.paths()) {
            let name = path.join(".");
            let from = searched_from.entry(name.clone()).or_insert(0);
            let span = match find_name(source.get_ref(), &name, *from) {
                Some(range) => {
                    *from = range.end;
                    literal.inner(range)
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
        self.check_option_refs(file, source, exprs);
    }

    pub(super) fn name_problem(&self, path: &[String]) -> Option<NameProblem> {
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
                ];
                let hint = match closest_known(root, roots) {
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
        let hint = match self.suggest(id, known.iter().copied()) {
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

/// Parses a piece of text already checked as part of its whole string, so errors are not
/// reported twice (and with spans relative to the wrong text).
pub(super) fn quiet_template(text: &str) -> Template {
    Template::parse(text).unwrap_or_else(|_| Template::literal(text))
}

/// The hint under an expression that cannot be read: how to write one, or, past a limit,
/// what the limits are.
fn expression_hint(code: &str, usual: &str) -> String {
    if code == EXPRESSION_TOO_BIG {
        format!(
            "an expression may nest `(`, `not` and `-` {MAX_NESTING} deep and hold {MAX_TOKENS} words and symbols; split it with a flag set in an earlier scene"
        )
    } else {
        usual.to_string()
    }
}
