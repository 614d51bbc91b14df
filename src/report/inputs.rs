//! What a report reads: results files and session journals, found in the paths given (files, or
//! folders searched for `*.json` and `*.jsonl`), each read on its own so one bad file is listed
//! with its reason and the rest are still reported.

use std::fs;

use crate::scenario::Refused;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::progress::{Journal, RESULTS_FORMAT, ResultsFile, parse_journal};

/// Folders deeper than this below a path given are not searched: a report reads data folders,
/// not whole disks, and a link cycle must end.
const MAX_DEPTH: usize = 8;

/// A file larger than this is not a results file or journal dojo wrote, and is not read whole.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A file the report leaves out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    pub path: String,
    pub reason: String,
}

/// Everything read from the paths given.
#[derive(Debug, Default)]
pub struct Inputs {
    pub results: Vec<(PathBuf, ResultsFile)>,
    pub journals: Vec<(PathBuf, Journal)>,
    pub rejected: Vec<Rejected>,
}

enum Read1 {
    Results(Box<ResultsFile>),
    Journal(Box<Journal>),
    Skip,
}

/// Reads every results file and journal in `paths`, on every core, in path order.
pub fn gather(paths: &[PathBuf]) -> Inputs {
    let mut inputs = Inputs::default();
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, 0, &mut files);
        } else {
            files.push(path.clone());
        }
    }
    let read = crate::parallel::map(&files, |path| read_one(path));
    for (path, read) in files.into_iter().zip(read) {
        match read {
            Ok(Read1::Results(results)) => inputs.results.push((path, *results)),
            Ok(Read1::Journal(journal)) => inputs.journals.push((path, *journal)),
            Ok(Read1::Skip) => {}
            Err(reason) => inputs.rejected.push(Rejected {
                path: path.display().to_string(),
                reason,
            }),
        }
    }
    inputs
}

/// The `.json` and `.jsonl` files under `dir`, sorted so a report never depends on the order
/// the file system lists them in.
fn walk(dir: &Path, depth: usize, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // A data folder's outbox holds xAPI statements, which are neither results nor journals.
        if name.starts_with('.') || (name == "outbox" && path.is_dir()) {
            continue;
        }
        if path.is_dir() {
            if depth < MAX_DEPTH {
                walk(&path, depth + 1, files);
            }
        } else if (name.ends_with(".json") && name != "profile.json") || name.ends_with(".jsonl") {
            files.push(path);
        }
    }
}

fn read_one(path: &Path) -> Result<Read1, String> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let bytes = read_bounded(path)?;
    if name.ends_with(".jsonl") {
        return parse_journal(path, &bytes)
            .map(|journal| Read1::Journal(Box::new(journal)))
            .map_err(|error| match error {
                crate::progress::ProgressError::Damaged { line, reason, .. } => {
                    format!("a damaged journal (line {line}: {reason})")
                }
                other => other.to_string(),
            });
    }
    if !name.ends_with(".json") {
        return Err("not a results file (.json) or a session journal (.jsonl)".into());
    }
    let mut value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|error| format!("not JSON ({error})"))?;
    // A save from before journals sits in a data folder's saves/: not results, not an error.
    if value.get("state").is_some() && value.get("saved_at").is_some() {
        return Ok(Read1::Skip);
    }
    match value.get("format").and_then(serde_json::Value::as_u64) {
        Some(RESULTS_FORMAT) => {}
        None => {
            return Err(format!(
                "results format 1, from an older dojo; only format {RESULTS_FORMAT} is read"
            ));
        }
        Some(other) => {
            return Err(format!(
                "results format {other}, which this dojo does not know; only format {RESULTS_FORMAT} is read"
            ));
        }
    }
    crate::scenario::clean_json(&mut value);
    serde_json::from_value(value)
        .map(|results| Read1::Results(Box::new(results)))
        .map_err(|error| format!("not a dojo results file ({error})"))
}

/// Through the scenario files' gate: a FIFO put among results is refused, not waited on.
fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    crate::scenario::read_regular_bytes(path).map_err(|error| {
        if matches!(Refused::of(&error), Some(Refused::TooLarge(_))) {
            format!(
                "larger than {} MiB, so not a file dojo wrote",
                MAX_FILE_BYTES / 1024 / 1024
            )
        } else {
            format!("cannot be read ({error})")
        }
    })
}
