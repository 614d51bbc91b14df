//! Loading the scenario a command names: a folder, or the embedded flagship when none is named.

use std::path::Path;

use dojo::scenario::{self, FLAGSHIP, Folder, Loaded, MANIFEST};

use super::Error;

pub fn load_folder(path: &Path) -> Result<Loaded, Error> {
    check_folder(path)?;
    Ok(scenario::load(&Folder::new(path))?)
}

/// Whether `path` is a scenario folder at all, so that a wrong path gets a plain sentence
/// rather than a diagnostic about a file inside it.
pub fn check_folder(path: &Path) -> Result<(), Error> {
    if !path.exists() {
        return Err(Error::NoSuchPath {
            path: path.display().to_string(),
        });
    }
    if !path.join(MANIFEST).is_file() {
        return Err(Error::NotAScenario {
            path: path.display().to_string(),
        });
    }
    Ok(())
}

pub fn load_named(path: Option<&Path>) -> Result<Loaded, Error> {
    match path {
        Some(path) => load_folder(path),
        None => Ok(scenario::load(&FLAGSHIP)?),
    }
}
