//! One fuzz input: a whole scenario folder in memory, or one map file, and how it is saved.

use std::fs;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The file name a map case is saved under.
pub const MAP_FILE: &str = "map.vsm.toml";

#[derive(Clone, Serialize, Deserialize)]
pub enum Case {
    /// Every file of a scenario folder, by its name relative to the folder.
    Scenario { files: Vec<(String, String)> },
    /// A `.vsm.toml` map read on its own, as `dojo vsm` does.
    Map { text: String },
}

impl Case {
    /// Writes the case as a folder `dojo check` or `dojo vsm` can be pointed at.
    pub fn write_to(&self, folder: &Path) -> io::Result<()> {
        fs::create_dir_all(folder)?;
        match self {
            Case::Scenario { files } => {
                for (name, text) in files {
                    let path = folder.join(name);
                    if let Some(parent) = path.parent() {
                        fs::create_dir_all(parent)?;
                    }
                    fs::write(path, text)?;
                }
            }
            Case::Map { text } => fs::write(folder.join(MAP_FILE), text)?,
        }
        Ok(())
    }

    /// Reads a case written by [`Case::write_to`] (or any scenario folder or map file).
    pub fn read_from(path: &Path) -> io::Result<Case> {
        if path.is_file() {
            return Ok(Case::Map {
                text: lossy(&fs::read(path)?),
            });
        }
        if !path.join("scenario.toml").is_file() {
            return Ok(Case::Map {
                text: lossy(&fs::read(path.join(MAP_FILE))?),
            });
        }
        let mut files = Vec::new();
        collect(path, path, &mut files)?;
        files.sort();
        Ok(Case::Scenario { files })
    }
}

/// Every `.toml` file under `dir`, named relative to `root`.
pub fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let path = entry.path();
        if kind.is_dir() {
            collect(root, &path, files)?;
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "toml") {
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            files.push((name, lossy(&fs::read(&path)?)));
        }
    }
    Ok(())
}

pub fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
