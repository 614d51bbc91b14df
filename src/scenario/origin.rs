//! Where a scenario's files come from: a folder on disk or the copy embedded in the binary.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Read access to a scenario's files by their name relative to the scenario folder.
pub trait ScenarioFiles {
    fn read(&self, name: &str) -> io::Result<String>;
    /// How diagnostics name the file.
    fn display_name(&self, name: &str) -> String;
}

pub struct Folder {
    root: PathBuf,
}

impl Folder {
    pub fn new(root: impl Into<PathBuf>) -> Folder {
        Folder { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl ScenarioFiles for Folder {
    fn read(&self, name: &str) -> io::Result<String> {
        fs::read_to_string(self.root.join(name))
    }

    fn display_name(&self, name: &str) -> String {
        self.root.join(name).display().to_string()
    }
}

/// A scenario compiled into the binary by `build.rs`.
pub struct Embedded {
    pub name: &'static str,
    pub files: &'static [(&'static str, &'static str)],
}

mod flagship {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The Pet Clinic scenario, played by a bare `dojo`.
pub const FLAGSHIP: Embedded = Embedded {
    name: "pet-clinic-vsm",
    files: flagship::FILES,
};

impl ScenarioFiles for Embedded {
    fn read(&self, name: &str) -> io::Result<String> {
        self.files
            .iter()
            .find(|(file, _)| *file == name)
            .map(|(_, text)| (*text).to_string())
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "not in the embedded scenario"))
    }

    fn display_name(&self, name: &str) -> String {
        format!("<embedded>/{}/{name}", self.name)
    }
}

/// Whether a file name from a manifest stays inside the scenario folder.
pub(super) fn is_contained(name: &str) -> bool {
    let path = Path::new(name);
    !name.is_empty()
        && !name.contains('\\')
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// A folder as an editor sees it: the unsaved buffers, by name in the folder, stand in for
/// the files on disk, so a load reports what the author is typing.
pub(crate) struct Overlay<'a> {
    pub(crate) folder: &'a Folder,
    pub(crate) unsaved: &'a std::collections::HashMap<String, String>,
}

impl ScenarioFiles for Overlay<'_> {
    fn read(&self, name: &str) -> io::Result<String> {
        match self.unsaved.get(name) {
            Some(text) => Ok(text.clone()),
            None => self.folder.read(name),
        }
    }

    fn display_name(&self, name: &str) -> String {
        self.folder.display_name(name)
    }
}
