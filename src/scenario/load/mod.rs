//! Reads a scenario's files into the serde model, collecting every parse problem on the way.
//!
//! A file with syntax errors is still read as far as the TOML parser could recover, and a table
//! with a bad key loses only that key: each problem is reported once and the rest is still
//! checked. Tables that cannot be read at all leave their ids behind in [`Broken`], so that
//! references to them are not reported as a second, misleading problem.

mod files;
mod tables;

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Diagnostic, FileId, Sources};

use super::model::{Manifest, MapFile, Scene};
use super::origin::ScenarioFiles;
use files::{read_maps, read_portraits, read_scene_files};
use tables::{parse_manifest, parse_scene_file};

/// The manifest file every scenario folder has.
pub const MANIFEST: &str = "scenario.toml";

/// Everything read from a scenario's files, before semantic checks.
pub(super) struct Parsed {
    pub manifest_file: FileId,
    pub manifest: Manifest,
    pub scenes: Vec<(FileId, Scene)>,
    /// Each `[[map]]` with its map, when its file could be read without errors.
    pub maps: Vec<(MapFile, Option<crate::vsm::Map>)>,
    /// Portrait text by character id, for the characters whose portrait could be read.
    pub portraits: HashMap<String, String>,
    pub broken: Broken,
}

/// Ids defined by tables that could not be read (their problem is already reported).
#[derive(Debug, Default)]
pub(super) struct Broken {
    pub scenes: HashSet<String>,
    pub characters: HashSet<String>,
    pub competencies: HashSet<String>,
    /// Maps and workbenches whose table or file could not be read.
    pub maps: HashSet<String>,
    /// Whether a `[[grade]]` could not be read, so the bands cannot be judged as a whole.
    pub grades: bool,
    /// Whether some scenes could not be read at all (a scene file is missing or refused, or a
    /// `[[scene]]` has no readable id): then any unknown scene id may be one of theirs.
    pub unread_scenes: bool,
}

impl Broken {
    /// Whether `id` may name a scene that exists but could not be read.
    pub(super) fn may_be_scene(&self, id: &str) -> bool {
        self.unread_scenes || self.scenes.contains(id)
    }
}

/// Why a scenario could not be read at all (as opposed to read with problems in it).
#[derive(Debug, thiserror::Error)]
#[error("cannot read {path}: {source}")]
pub struct Unreadable {
    pub path: String,
    pub source: std::io::Error,
}

pub(super) fn parse_files(
    files: &dyn ScenarioFiles,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Parsed, Unreadable> {
    let text = files.read(MANIFEST).map_err(|source| Unreadable {
        path: files.display_name(MANIFEST),
        source,
    })?;
    let manifest_file = sources.add(files.display_name(MANIFEST), text);
    let mut broken = Broken::default();
    let manifest = parse_manifest(sources, manifest_file, diagnostics, &mut broken);
    let scene_files = read_scene_files(
        files,
        sources,
        &manifest,
        manifest_file,
        diagnostics,
        &mut broken,
    );
    let mut scenes = Vec::new();
    // Parsing is most of the work of loading, and every file parses on its own.
    let parsed = crate::parallel::map(&scene_files, |&file| parse_scene_file(sources, file));
    for (&file, read) in scene_files.iter().zip(parsed) {
        scenes.extend(read.scenes.into_iter().map(|s| (file, s)));
        diagnostics.extend(read.diagnostics);
        broken.scenes.extend(read.broken);
    }
    let maps = read_maps(
        files,
        sources,
        &manifest,
        manifest_file,
        diagnostics,
        &mut broken,
    );
    let portraits = read_portraits(files, &manifest, manifest_file, diagnostics);
    broken.unread_scenes |= broken.scenes.remove("") || manifest.scenes.is_none();
    broken.characters.remove("");
    broken.competencies.remove("");
    Ok(Parsed {
        manifest_file,
        manifest,
        scenes,
        maps,
        portraits,
        broken,
    })
}
