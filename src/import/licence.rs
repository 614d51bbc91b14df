//! The course's licence notice, found beside the module or in a folder above it, so the
//! imported scenario keeps it.

use std::path::{Path, PathBuf};

use super::files::read_text;

/// How many folders above the module a licence file may be (a course repository keeps one at
/// its root, usually one or two folders up).
const LEVELS_UP: usize = 3;

const NAMES: [&str; 8] = [
    "LICENSE",
    "LICENSE.md",
    "LICENSE.txt",
    "LICENCE",
    "LICENCE.md",
    "LICENCE.txt",
    "COPYING",
    "COPYING.md",
];

/// A licence file: its name, where it was found, and its text.
pub(crate) struct Licence {
    pub name: String,
    pub found: PathBuf,
    pub text: String,
}

pub(crate) fn find(module: &Path) -> Option<Licence> {
    module.ancestors().take(LEVELS_UP + 1).find_map(|dir| {
        NAMES.iter().find_map(|name| {
            let path = dir.join(name);
            let text = read_text(&path).ok()?;
            Some(Licence {
                name: name.to_string(),
                found: path,
                text,
            })
        })
    })
}
