//! Every id of a scenario folder where it is defined and where it is used, with byte spans,
//! read from the TOML text of the editor's buffers (or the files on disk).
//!
//! The index is read straight from the text rather than from the compiled scenario, so it
//! also works while a file does not load: an author renaming a scene in a broken folder still
//! finds every use of it.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::scenario::{Folder, MANIFEST, Overlay, ScenarioFiles};

use super::collect;

/// The kinds of name a scenario defines. Maps and workbenches share one id space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Scene,
    Character,
    Competency,
    Flag,
    Map,
}

impl Kind {
    pub(crate) fn noun(self) -> &'static str {
        match self {
            Kind::Scene => "scene",
            Kind::Character => "character",
            Kind::Competency => "competency",
            Kind::Flag => "flag",
            Kind::Map => "map",
        }
    }
}

/// What an occurrence does with its name. A flag has no declaration: where it is set stands
/// for its definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Definition,
    Use,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Occurrence {
    pub(crate) kind: Kind,
    pub(crate) name: String,
    pub(crate) file: PathBuf,
    /// The bytes of the name alone, without quotes or prefix.
    pub(crate) span: Range<usize>,
    pub(crate) role: Role,
}

/// A scene as an outline and a hover show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SceneEntry {
    pub(crate) id: String,
    pub(crate) file: PathBuf,
    pub(crate) id_span: Range<usize>,
    /// From its `[[scene]]` header to the last line before the next table of another scene.
    pub(crate) span: Range<usize>,
    pub(crate) title: Option<String>,
    /// The first line the learner reads after the title.
    pub(crate) first_line: Option<String>,
}

#[derive(Debug, Default)]
pub(crate) struct Index {
    pub(crate) occurrences: Vec<Occurrence>,
    pub(crate) scenes: Vec<SceneEntry>,
    /// The text of every file read, by path.
    pub(crate) texts: HashMap<PathBuf, String>,
    /// The `[[map]]` files, by map id.
    pub(crate) map_files: HashMap<String, PathBuf>,
    /// File names in the manifest (`scenes`, a map's `file`, a `portrait`): where each is
    /// written and the file it names.
    pub(crate) links: Vec<(PathBuf, Range<usize>, PathBuf)>,
    /// What a hover says about a character, a competency or a workbench.
    pub(crate) about: HashMap<(Kind, String), String>,
}

impl Index {
    /// Reads the manifest of the folder at `root`, the scene files and map files it names.
    pub(crate) fn build(root: &Path, unsaved: &HashMap<String, String>) -> Index {
        let folder = Folder::new(root);
        let files = Overlay {
            folder: &folder,
            unsaved,
        };
        let mut index = Index::default();
        let Ok(manifest) = files.read(MANIFEST) else {
            return index;
        };
        let manifest_path = root.join(MANIFEST);
        let named = collect::manifest(&manifest_path, &manifest, &mut index);
        index.texts.insert(manifest_path, manifest);
        for name in named.scene_files {
            let path = root.join(&name);
            if index.texts.contains_key(&path) {
                continue;
            }
            if let Ok(text) = files.read(&name) {
                collect::scene_file(&path, &text, &mut index);
                index.texts.insert(path, text);
            }
        }
        for (id, name) in named.map_files {
            let path = root.join(&name);
            if let Ok(text) = files.read(&name) {
                index.texts.insert(path.clone(), text);
            }
            index.map_files.insert(id, path);
        }
        index
    }

    /// The occurrence under a byte offset of a file.
    pub(crate) fn at(&self, file: &Path, offset: usize) -> Option<&Occurrence> {
        self.occurrences
            .iter()
            .find(|o| o.file == file && o.span.start <= offset && offset <= o.span.end)
    }

    /// The file named by the file name under a byte offset of a file.
    pub(crate) fn link_at(&self, file: &Path, offset: usize) -> Option<&Path> {
        self.links
            .iter()
            .find(|(at, span, _)| at == file && span.start <= offset && offset <= span.end)
            .map(|(_, _, target)| target.as_path())
    }

    /// Every occurrence of one name, definitions first, then in file order.
    pub(crate) fn all_of(&self, kind: Kind, name: &str) -> Vec<&Occurrence> {
        let mut found: Vec<&Occurrence> = self
            .occurrences
            .iter()
            .filter(|o| o.kind == kind && o.name == name)
            .collect();
        found.sort_by_key(|o| (o.role != Role::Definition, o.file.clone(), o.span.start));
        found
    }

    pub(crate) fn definitions(&self, kind: Kind, name: &str) -> Vec<&Occurrence> {
        self.all_of(kind, name)
            .into_iter()
            .filter(|o| o.role == Role::Definition)
            .collect()
    }

    /// The names of one kind, sorted and each once.
    pub(crate) fn names(&self, kind: Kind) -> Vec<String> {
        let mut names: Vec<String> = self
            .occurrences
            .iter()
            .filter(|o| o.kind == kind && o.role == Role::Definition)
            .map(|o| o.name.clone())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    pub(crate) fn scene(&self, id: &str) -> Option<&SceneEntry> {
        self.scenes.iter().find(|s| s.id == id)
    }
}
