//! Reading the files `scenario.toml` lists: scene files, portraits and map files, each path
//! checked to stay inside the scenario folder and each one that cannot be read reported where
//! it is listed.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use crate::diagnostic::{Diagnostic, FileId, Sources};

use super::super::model::{Manifest, MapFile};
use super::super::origin::{NotUtf8, Refused, ScenarioFiles, is_contained};
use super::{Broken, MANIFEST};

/// A kind of file the manifest lists, for the words of its diagnostics.
struct Listed {
    /// "scene file".
    noun: &'static str,
    /// "scene files", as the hint on a refused path names them.
    plural: &'static str,
    /// Why a path is refused: "is outside the scenario folder".
    refused: &'static str,
    /// The other way out of a missing file: "remove it from `scenes`".
    unlist: &'static str,
    /// Whether `scenario.toml` itself is refused as this kind of file.
    not_manifest: bool,
}

const SCENE_FILE: Listed = Listed {
    noun: "scene file",
    plural: "scene files",
    refused: "is outside the scenario folder",
    unlist: "remove it from `scenes`",
    not_manifest: false,
};

const PORTRAIT: Listed = Listed {
    noun: "portrait",
    plural: "portraits",
    refused: "is outside the scenario folder",
    unlist: "remove `portrait`",
    not_manifest: false,
};

const MAP_FILE: Listed = Listed {
    noun: "map file",
    plural: "map files",
    refused: "is not a map file inside the scenario folder",
    unlist: "remove this [[map]]",
    not_manifest: true,
};

/// The text of the file `name` listed at `span` in the manifest, or `None` (reported) when its
/// path leaves the folder or it cannot be read.
fn read_listed(
    files: &dyn ScenarioFiles,
    manifest_file: FileId,
    (name, span): (&str, Range<usize>),
    kind: &Listed,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    if !is_contained(name) || (kind.not_manifest && name == MANIFEST) {
        diagnostics.push(
            Diagnostic::error("bad-path", format!("`{name}` {}", kind.refused))
                .at(manifest_file, span, "not a path inside this folder")
                .hint(format!(
                    "{} are named relative to scenario.toml, without `..` or a leading `/`",
                    kind.plural
                )),
        );
        return None;
    }
    match files.read(name) {
        Ok(text) => Some(text),
        Err(error) if Refused::of(&error).is_some() => {
            let (code, hint) = match Refused::of(&error) {
                Some(Refused::Outside) => (
                    "bad-path",
                    "a link out of the scenario folder is not followed: copy the file into the folder",
                ),
                Some(Refused::TooLarge(_)) => (
                    "file-too-large",
                    "no scenario file is that large: check the name, or split the file",
                ),
                _ => (
                    "not-a-file",
                    "dojo reads only regular files: a FIFO, a device or a folder is refused",
                ),
            };
            diagnostics.push(
                Diagnostic::error(
                    code,
                    format!("cannot read {} `{name}`: {}", kind.noun, io_reason(&error)),
                )
                .at(manifest_file, span, "listed here")
                .hint(hint),
            );
            None
        }
        Err(ref error) if let Some(bad) = not_utf8(error) => {
            diagnostics.push(
                Diagnostic::error(
                    "not-utf8",
                    format!("{} `{name}` is not UTF-8 text", kind.noun),
                )
                .at(manifest_file, span, "listed here")
                .hint(format!(
                    "byte {} (on line {}) is not part of a UTF-8 character; save `{}` as UTF-8",
                    bad.offset,
                    bad.line,
                    files.display_name(name)
                )),
            );
            None
        }
        Err(error) => {
            diagnostics.push(
                Diagnostic::error(
                    "missing-file",
                    format!("cannot read {} `{name}`: {}", kind.noun, io_reason(&error)),
                )
                .at(manifest_file, span, "listed here")
                .hint(format!(
                    "create `{}`, or {}",
                    files.display_name(name),
                    kind.unlist
                )),
            );
            None
        }
    }
}

/// Reads each scene file the manifest lists, once, in the order listed.
pub(super) fn read_scene_files(
    files: &dyn ScenarioFiles,
    sources: &mut Sources,
    manifest: &Manifest,
    manifest_file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
    broken: &mut Broken,
) -> Vec<FileId> {
    let mut scene_files = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for listed in manifest.scenes.iter().flatten() {
        let span = listed.span();
        let name = listed.get_ref().as_str();
        if name == MANIFEST {
            broken.unread_scenes = true;
            diagnostics.push(
                Diagnostic::error("bad-path", "scenario.toml is not a scene file")
                    .at(manifest_file, span, "the manifest itself")
                    .hint("list only the files that hold `[[scene]]` tables"),
            );
            continue;
        }
        if is_contained(name) && seen.contains(&name) {
            let first = manifest
                .scenes
                .iter()
                .flatten()
                .find(|n| n.get_ref() == name);
            diagnostics.push(
                Diagnostic::error("duplicate-file", format!("`{name}` is listed twice"))
                    .at(manifest_file, span, "listed again here")
                    .also(
                        manifest_file,
                        first.map_or(0..0, Spanned::span),
                        "first listed here",
                    )
                    .hint("list each scene file once"),
            );
            continue;
        }
        seen.insert(name);
        match read_listed(
            files,
            manifest_file,
            (name, span.clone()),
            &SCENE_FILE,
            diagnostics,
        ) {
            Some(text) if is_blank(&text) => {
                // Its scenes are missing, not the ones pointing at them: say so here, once.
                broken.unread_scenes = true;
                diagnostics.push(
                    Diagnostic::error("empty-file", format!("scene file `{name}` is empty"))
                        .at(manifest_file, span, "listed here")
                        .hint(format!(
                            "write its `[[scene]]` tables in `{}`, or remove it from `scenes`",
                            files.display_name(name)
                        )),
                );
            }
            Some(text) => scene_files.push(sources.add(files.display_name(name), text)),
            None => broken.unread_scenes = true,
        }
    }
    scene_files
}

/// Portraits larger than this crowd the story off a small terminal.
const PORTRAIT_LINES: usize = 16;
const PORTRAIT_COLUMNS: usize = 40;

/// Reads each character's portrait file; a portrait is decoration, so a problem with one is
/// reported and the rest of the scenario is still checked.
pub(super) fn read_portraits(
    files: &dyn ScenarioFiles,
    manifest: &Manifest,
    manifest_file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
) -> HashMap<String, String> {
    let mut portraits = HashMap::new();
    for character in &manifest.characters {
        let Some(path) = &character.portrait else {
            continue;
        };
        let name = path.get_ref().as_str();
        let listed = (name, path.span());
        let Some(text) = read_listed(files, manifest_file, listed, &PORTRAIT, diagnostics) else {
            continue;
        };
        let text = super::super::sanitize::sanitize(&text).0;
        let lines: Vec<&str> = text.trim_end().lines().collect();
        let widest = lines
            .iter()
            .map(|line| unicode_width::UnicodeWidthStr::width(*line))
            .max()
            .unwrap_or(0);
        if lines.len() > PORTRAIT_LINES || widest > PORTRAIT_COLUMNS {
            diagnostics.push(
                Diagnostic::warning("portrait-too-large", format!("`{name}` is {widest} columns by {} lines", lines.len()))
                    .at(manifest_file, path.span(), "this portrait")
                    .hint(format!("keep portraits within {PORTRAIT_COLUMNS} columns and {PORTRAIT_LINES} lines, so they fit on a small terminal")),
            );
        }
        portraits.insert(character.id.get_ref().clone(), lines.join("\n"));
    }
    portraits
}

/// The most `[[map]]` entries a scenario may list; each is a file to read and a flow to compute.
pub(crate) const MAX_MAPS: usize = 100;

/// Reads every `[[map]]` file with the value-stream reader, so a broken map gets the same
/// `file:line:col` diagnostics as a broken scene. A file several entries name is read and
/// reported once, so a thousand entries naming one broken file cost one reading.
pub(super) fn read_maps(
    files: &dyn ScenarioFiles,
    sources: &mut Sources,
    manifest: &Manifest,
    manifest_file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
    broken: &mut Broken,
) -> Vec<(MapFile, Option<crate::vsm::Map>)> {
    if let Some(extra) = manifest.maps.get(MAX_MAPS) {
        diagnostics.push(
            Diagnostic::error(
                "too-many-maps",
                format!(
                    "this scenario lists {} maps; at most {MAX_MAPS} are allowed",
                    manifest.maps.len()
                ),
            )
            .at(manifest_file, extra.id.span(), format!("map {}", MAX_MAPS + 1))
            .hint("a learner reads a handful of maps: split the scenario, or drop maps no scene shows"),
        );
    }
    let mut maps = Vec::new();
    let mut read: HashMap<&str, Option<crate::vsm::Map>> = HashMap::new();
    for entry in manifest.maps.iter().take(MAX_MAPS) {
        let name = entry.file.get_ref().as_str();
        let listed = (name, entry.file.span());
        let map = read
            .entry(name)
            .or_insert_with(|| {
                read_listed(files, manifest_file, listed, &MAP_FILE, diagnostics).and_then(|text| {
                    let file = sources.add(files.display_name(name), text);
                    crate::vsm::read(sources, file, diagnostics)
                })
            })
            .clone();
        if map.is_none() {
            broken.maps.insert(entry.id.get_ref().clone());
        }
        maps.push((entry.clone(), map));
    }
    maps
}

fn not_utf8(error: &std::io::Error) -> Option<&NotUtf8> {
    error.get_ref()?.downcast_ref::<NotUtf8>()
}

/// Whether a file holds nothing but blank lines and comments.
fn is_blank(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .all(|line| line.is_empty() || line.starts_with('#'))
}

/// An I/O error without the OS error number: "no such file or directory".
fn io_reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text).to_string();
    let mut chars = text.chars();
    chars.next().map_or(text.clone(), |first| {
        first.to_lowercase().chain(chars).collect()
    })
}
