//! Watching a scenario folder for `dojo play --watch`: every file the last load read, what it
//! held, and whether any of them now reads differently.
//!
//! Contents are compared rather than modification times: an edit within the same second, or a
//! file system with coarse times, still counts, and saving a file unchanged does not.

use std::cell::RefCell;
use std::io;
use std::path::PathBuf;

use crate::scenario::{self, Folder, Loaded, ScenarioFiles, Unreadable};

pub struct Watch {
    folder: Folder,
    /// Each file the last load asked for, by its name in the folder, with its text (`None` when
    /// it could not be read: it appearing is a change too).
    files: Vec<(String, Option<String>)>,
}

impl Watch {
    pub fn new(root: impl Into<PathBuf>) -> Watch {
        Watch {
            folder: Folder::new(root),
            files: Vec::new(),
        }
    }

    /// Loads the scenario and remembers what it read, whether or not the scenario is usable,
    /// so a broken version is not reloaded again until it changes.
    pub fn load(&mut self) -> Result<Loaded, Unreadable> {
        let recorder = Recorder {
            folder: &self.folder,
            read: RefCell::new(Vec::new()),
        };
        let loaded = scenario::load(&recorder);
        self.files = recorder.read.into_inner();
        loaded
    }

    /// Whether a file the last load read has changed, appeared or gone since.
    pub(crate) fn changed(&self) -> bool {
        self.files
            .iter()
            .any(|(name, text)| self.folder.read(name).ok() != *text)
    }
}

/// The folder, noting each file the loader reads.
struct Recorder<'f> {
    folder: &'f Folder,
    read: RefCell<Vec<(String, Option<String>)>>,
}

impl ScenarioFiles for Recorder<'_> {
    fn read(&self, name: &str) -> io::Result<String> {
        let text = self.folder.read(name);
        self.read
            .borrow_mut()
            .push((name.to_string(), text.as_ref().ok().cloned()));
        text
    }

    fn display_name(&self, name: &str) -> String {
        self.folder.display_name(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = "id = \"w\"\ntitle = \"W\"\nstart = \"a\"\nscenes = [\"s.toml\", \"later.toml\"]\n[[grade]]\nmin = 0\nname = \"Done\"\n";
    const SCENES: &str = "[[scene]]\nid = \"a\"\nnarration = \"Hello.\"\nending = true\n";

    #[test]
    fn a_change_to_any_file_read_is_seen_and_a_reload_forgets_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("scenario.toml"), MANIFEST).unwrap();
        std::fs::write(dir.path().join("s.toml"), SCENES).unwrap();
        let mut watch = Watch::new(dir.path());
        let loaded = watch.load().unwrap();
        assert!(loaded.scenario.is_none(), "later.toml is missing");
        assert!(!watch.changed());
        // A file that could not be read appearing is a change.
        std::fs::write(dir.path().join("later.toml"), "").unwrap();
        assert!(watch.changed());
        assert!(watch.load().unwrap().scenario.is_some());
        assert!(!watch.changed());
        // Saving the same text again is not.
        std::fs::write(dir.path().join("s.toml"), SCENES).unwrap();
        assert!(!watch.changed());
        std::fs::write(dir.path().join("s.toml"), SCENES.replace("Hello", "Hi")).unwrap();
        assert!(watch.changed());
    }
}
