//! A session's records as found on disk: its journal, and its results file once it ended,
//! whichever of the two the user names.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::XapiError;
use super::statements::{Base, statements};
use crate::progress::{DataDir, Journal, ResultsFile, parse_journal};
use crate::scenario::Scenario;

/// The statements of the session recorded in `path` (a journal `*.jsonl` or a results file
/// `*.json`). The other half is looked for in `data`: a results file's journal among the
/// finished sessions, a journal's results among the results files.
pub fn session_statements(
    path: &Path,
    data: &DataDir,
    scenario: Option<&Scenario>,
    base: &Base,
) -> Result<Vec<Value>, XapiError> {
    let bytes = read(path)?;
    if path.extension().is_some_and(|e| e == "jsonl") {
        let journal = parse_journal(path, &bytes).map_err(|e| unusable(path, e.to_string()))?;
        let results = results_of(&journal, data);
        let questions = results.as_ref().map_or(&[][..], |r| &r.questions[..]);
        Ok(statements(
            &journal,
            questions,
            results.as_ref(),
            scenario,
            base,
        ))
    } else {
        let results: ResultsFile =
            serde_json::from_slice(&bytes).map_err(|e| unusable(path, e.to_string()))?;
        let journal_path = data
            .root()
            .join("sessions")
            .join(format!("{}-{}.jsonl", results.scenario.id, results.session));
        let bytes = read(&journal_path)?;
        let journal = parse_journal(&journal_path, &bytes)
            .map_err(|e| unusable(&journal_path, e.to_string()))?;
        Ok(statements(
            &journal,
            &results.questions,
            Some(&results),
            scenario,
            base,
        ))
    }
}

/// The results file of a finished session in `data`, if there is one.
pub(crate) fn results_of(journal: &Journal, data: &DataDir) -> Option<ResultsFile> {
    let prefix = format!("{}-", journal.header.scenario);
    let entries = fs::read_dir(data.root().join("results")).ok()?;
    entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix))
        })
        .filter_map(|p| read(&p).ok())
        .filter_map(|bytes| crate::scenario::from_json_cleaned::<ResultsFile>(&bytes).ok())
        .find(|results| results.session == journal.header.session)
}

fn read(path: &Path) -> Result<Vec<u8>, XapiError> {
    let error = |source| XapiError::Outbox {
        path: path.to_path_buf(),
        source,
    };
    // A FIFO or a device named on the command line is refused, not waited on.
    crate::scenario::read_regular_bytes(path).map_err(error)
}

fn unusable(path: &Path, reason: String) -> XapiError {
    XapiError::Unusable {
        path: PathBuf::from(path),
        reason,
    }
}
