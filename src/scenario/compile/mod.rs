//! Semantic checks and resolution: from the serde model to a playable [`Scenario`]. The
//! compiler and what it knows live here; each part of the format has a file of its own.

mod definitions;
mod names;
mod option_refs;
mod questions;
mod scenes;
mod workbench;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use crate::diagnostic::{Diagnostic, FileId, Location, Sources};

use crate::scenario::compiled::*;
use crate::scenario::lint_facts::LintFacts;
use crate::scenario::load::{Broken, Parsed};
use crate::scenario::model::{QuestionKind, Scene};

/// The most scenes a scenario may have: a hundred times the longest real one, and as many as
/// the benchmarks load and check in well under a second per thousand.
pub(crate) const MAX_SCENES: usize = 100_000;

pub(crate) fn compile(
    sources: &Sources,
    parsed: &Parsed,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<Scenario>, LintFacts) {
    let (manifest_file, manifest, scenes) =
        (parsed.manifest_file, &parsed.manifest, &parsed.scenes);
    let mut cx = Compiler::new(sources, parsed, Cow::Owned(Known::default()));
    if let Some(id) = &manifest.id {
        cx.check_id(manifest_file, id, "scenario");
    }
    if let Some((file, scene)) = scenes.get(MAX_SCENES) {
        cx.push(
            Diagnostic::error(
                "too-many-scenes",
                format!(
                    "this scenario has {} scenes; at most {MAX_SCENES} are allowed",
                    scenes.len()
                ),
            )
            .at(*file, scene.id.span(), format!("scene {}", MAX_SCENES + 1))
            .hint("split the story into several scenarios"),
        );
    }
    cx.index_scenes(scenes);
    let (maps, workbenches) = cx.maps(manifest_file, manifest, &parsed.maps);
    let characters = cx.characters(manifest_file, manifest);
    let competencies = cx.competencies(manifest_file, manifest);
    let grades = cx.grades(manifest_file, manifest);
    let title = manifest
        .title
        .as_ref()
        .map(|title| cx.plain_text(manifest_file, title));
    let summary = cx.optional_text(manifest_file, &manifest.summary);
    let objectives: Vec<String> = (manifest.objectives.iter())
        .map(|objective| cx.plain_text(manifest_file, objective))
        .collect();
    cx.pass_mark(manifest_file, manifest);
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
    let mut facts = LintFacts {
        flag_sets: cx.flag_sets,
        flag_reads: cx.flag_reads,
        allows: Vec::with_capacity(scenes.len()),
        minutes: manifest.minutes.as_ref().map(|m| Location {
            file: manifest_file,
            span: m.span(),
        }),
    };
    let mut found = cx.diagnostics;
    let mut compiled = Vec::with_capacity(scenes.len());
    for (scene, scene_cx) in scene_compilers {
        compiled.push(scene);
        found.extend(scene_cx.diagnostics);
        facts.flag_sets.extend(scene_cx.flag_sets);
        facts.flag_reads.extend(scene_cx.flag_reads);
        facts.allows.push(scene_cx.allow);
    }
    let errors = found.iter().any(Diagnostic::is_error);
    diagnostics.extend(found);
    if errors {
        return (None, facts);
    }
    let (Some(id), Some(title), Some(start)) = (&manifest.id, title, start) else {
        return (None, facts);
    };
    let mut flags: Vec<String> = (facts.flag_sets.iter())
        .chain(&facts.flag_reads)
        .map(|(flag, _)| flag.clone())
        .collect();
    flags.sort_unstable();
    flags.dedup();
    let retries_from_choice = compiled.iter().any(|scene| {
        scene
            .retry
            .as_ref()
            .is_some_and(|offer| offer.from == crate::scenario::model::RetryFrom::Choice)
    });
    let scenario = Scenario {
        meta: Meta {
            id: id.get_ref().clone(),
            title,
            summary,
            minutes: manifest.minutes.as_ref().map_or(0, |m| *m.get_ref()),
            pass: manifest.pass.as_ref().map(|pass| *pass.get_ref()),
            level: manifest.level,
            objectives,
        },
        start,
        characters,
        competencies,
        grades,
        scenes: compiled,
        maps,
        workbenches,
        fingerprint: fingerprint(sources),
        scene_ids: known.scene_ids,
        competency_ids: known.competency_ids,
        flags,
        retries_from_choice,
    };
    (Some(scenario), facts)
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
    /// The lints the scene being compiled allows.
    pub(super) allow: Vec<(String, Location)>,
}

/// What scenes may refer to: every id the scenario defines.
#[derive(Debug, Clone, Default)]
pub(super) struct Known {
    /// "Did you mean" searches left for this load, shared by every scene's compiler.
    pub(super) searches: crate::suggest::Suggester,
    pub(super) scene_ids: HashMap<String, SceneIx>,
    /// Scenes that have a question, so `answer.<scene>` can be checked.
    pub(super) questions: HashMap<String, QuestionKind>,
    /// The option ids of each single, multiple and order question, by scene, so a comparison
    /// of `answer.<scene>` with an id no option has can be caught.
    pub(super) option_ids: HashMap<String, Vec<String>>,
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
            allow: Vec::new(),
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
                    let question = question.get_ref();
                    let kind = *question.kind.get_ref();
                    let known = self.known.to_mut();
                    known.questions.insert(scene.id.get_ref().clone(), kind);
                    if matches!(
                        kind,
                        QuestionKind::Single | QuestionKind::Multiple | QuestionKind::Order
                    ) {
                        let ids = question.options.iter();
                        known.option_ids.insert(
                            scene.id.get_ref().clone(),
                            ids.map(|o| o.get_ref().id.get_ref().clone()).collect(),
                        );
                    }
                }
            }
        }
    }
}

impl Compiler<'_> {
    /// The known id nearest to a misspelt one, if it is near enough to be a likely typo and
    /// this load has searches left, so thousands of unknown names among thousands of ids cost a
    /// bounded time.
    pub(super) fn suggest<'k>(
        &self,
        wanted: &str,
        known: impl Iterator<Item = &'k String>,
    ) -> Option<&'k str> {
        self.known
            .searches
            .closest(wanted, known.map(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggests_likely_typos_only() {
        let ids: Vec<String> = ["flow", "the-end", "middle", "ben", "narration"]
            .map(String::from)
            .to_vec();
        let suggester = crate::suggest::Suggester::default();
        let near = |w: &str| suggester.closest(w, ids.iter().map(String::as_str));
        assert_eq!(near("flwo"), Some("flow"));
        assert_eq!(near("the-ned"), Some("the-end"));
        assert_eq!(near("middel"), Some("middle"));
        assert_eq!(near("narative"), Some("narration"));
        assert_eq!(near("bob"), None);
        assert_eq!(near("elsewhere"), None);
    }
}
