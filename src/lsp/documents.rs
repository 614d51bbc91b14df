//! The documents the editor has open, with their unsaved text, and which project each file
//! belongs to: a scenario folder, or a map file on its own.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::scenario::MANIFEST;

/// What the diagnostics of a file are computed over.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Project {
    /// A scenario folder, by the folder that holds `scenario.toml`.
    Scenario(PathBuf),
    /// A `*.vsm.toml` outside any scenario folder.
    Map(PathBuf),
}

#[derive(Debug, Default)]
pub(crate) struct Documents {
    open: HashMap<PathBuf, String>,
}

impl Documents {
    pub(crate) fn set(&mut self, path: PathBuf, text: String) {
        self.open.insert(path, text);
    }

    pub(crate) fn close(&mut self, path: &Path) {
        self.open.remove(path);
    }

    /// The editor's text of a file if it is open, else the file on disk.
    pub(crate) fn read(&self, path: &Path) -> Option<String> {
        match self.open.get(path) {
            Some(text) => Some(text.clone()),
            None => crate::scenario::read_regular(path).ok(),
        }
    }

    /// The open documents inside `root`, by their name relative to it (`/`-separated, as a
    /// manifest names files).
    pub(crate) fn unsaved_in(&self, root: &Path) -> HashMap<String, String> {
        self.open
            .iter()
            .filter_map(|(path, text)| {
                let relative = path.strip_prefix(root).ok()?;
                let parts: Vec<&str> = relative
                    .components()
                    .map(|c| c.as_os_str().to_str())
                    .collect::<Option<_>>()?;
                Some((parts.join("/"), text.clone()))
            })
            .collect()
    }

    /// The project of a file: the nearest folder above it with a `scenario.toml` (open or on
    /// disk), else the file itself if it is a map.
    pub(crate) fn project_of(&self, path: &Path) -> Option<Project> {
        let scenario = path.ancestors().skip(1).find(|folder| {
            let manifest = folder.join(MANIFEST);
            self.open.contains_key(&manifest) || manifest.is_file()
        });
        match scenario {
            Some(folder) => Some(Project::Scenario(folder.to_path_buf())),
            None if is_map_file(path) => Some(Project::Map(path.to_path_buf())),
            None => None,
        }
    }
}

pub(crate) fn is_map_file(path: &Path) -> bool {
    path.to_string_lossy().ends_with(".vsm.toml")
}
