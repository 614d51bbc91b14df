//! Loading the scenario a command names: a folder, or the embedded flagship when none is named.

use std::path::Path;

use crate::scenario::{self, FLAGSHIP, Folder, Loaded, MANIFEST};

use super::Error;

pub fn load_folder(path: &Path) -> Result<Loaded, Error> {
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
    Ok(scenario::load(&Folder::new(path))?)
}

pub fn load_named(path: Option<&Path>) -> Result<Loaded, Error> {
    match path {
        Some(path) => load_folder(path),
        None => Ok(scenario::load(&FLAGSHIP)?),
    }
}
