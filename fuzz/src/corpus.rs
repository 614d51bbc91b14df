//! The seeds: every scenario folder and map file shipped in the repository or used as a
//! test fixture, and every line of them for splicing.

use std::fs;
use std::io;
use std::path::Path;

use crate::case::{Case, collect, lossy};

/// Files larger than this are left out of the seeds: mutations make inputs grow anyway.
const LARGEST_SEED: u64 = 256 * 1024;

pub struct Corpus {
    pub cases: Vec<Case>,
    /// Every line of every seed file, for splicing lines between files.
    pub lines: Vec<String>,
}

impl Corpus {
    pub fn gather(repository: &Path) -> io::Result<Corpus> {
        let mut cases = Vec::new();
        for top in ["scenarios", "tests/fixtures", "fuzz/regressions"] {
            let top = repository.join(top);
            if top.is_dir() {
                walk(&top, &mut cases)?;
            }
        }
        let mut lines = Vec::new();
        for case in &cases {
            match case {
                Case::Scenario { files } => {
                    for (_, text) in files {
                        lines.extend(text.lines().map(str::to_string));
                    }
                }
                Case::Map { text } => lines.extend(text.lines().map(str::to_string)),
            }
        }
        Ok(Corpus { cases, lines })
    }
}

fn walk(dir: &Path, cases: &mut Vec<Case>) -> io::Result<()> {
    if dir.join("scenario.toml").is_file() {
        let mut files = Vec::new();
        collect(dir, dir, &mut files)?;
        files.retain(|(_, text)| text.len() as u64 <= LARGEST_SEED);
        files.sort();
        cases.push(Case::Scenario { files });
    }
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let path = entry.path();
        if kind.is_dir() {
            walk(&path, cases)?;
        } else if kind.is_file()
            && path.to_string_lossy().ends_with(".vsm.toml")
            && entry.metadata()?.len() <= LARGEST_SEED
        {
            cases.push(Case::Map {
                text: lossy(&fs::read(&path)?),
            });
        }
    }
    Ok(())
}
