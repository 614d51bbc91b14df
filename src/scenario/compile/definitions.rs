//! The scenario-wide definitions scenes refer to: characters, competencies and grade bands.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::{Diagnostic, FileId, Location};

use crate::scenario::colour::Colour;
use crate::scenario::compiled::*;
use crate::scenario::model::Manifest;

use super::Compiler;

impl Compiler<'_> {
    pub(super) fn characters(&mut self, file: FileId, manifest: &Manifest) -> Vec<CharacterDef> {
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
                name: self.plain_text(file, &character.name).into(),
                role: self.optional_text(file, &character.role).into(),
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

    pub(super) fn competencies(&mut self, file: FileId, manifest: &Manifest) -> Vec<CompetencyDef> {
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
                name: self.plain_text(file, &competency.name),
                location: Location {
                    file,
                    span: competency.id.span(),
                },
            });
        }
        out
    }

    pub(super) fn grades(&mut self, file: FileId, manifest: &Manifest) -> Vec<GradeDef> {
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
                name: self.plain_text(file, &grade.name),
                message: self.optional_text(file, &grade.message),
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

    /// Checks `pass`, a percentage like a grade band's `min`.
    pub(super) fn pass_mark(&mut self, file: FileId, manifest: &Manifest) {
        let Some(pass) = &manifest.pass else {
            return;
        };
        let mark = *pass.get_ref();
        if mark > 100 {
            self.push(
                Diagnostic::error(
                    "invalid-pass",
                    format!("a pass mark of {mark}% cannot be reached"),
                )
                .at(file, pass.span(), "above 100")
                .hint("`pass` is a percentage of the attainable score, from 0 to 100"),
            );
        }
    }
}
