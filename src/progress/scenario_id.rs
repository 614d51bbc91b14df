//! Checking that a scenario id is safe to use as a file name inside the data folder.

use super::{ProgressError, Result};

/// The longest scenario id accepted; leaves room under the usual 255-byte file-name
/// limit for the results suffix and temporary-file decorations.
pub(crate) const MAX_SCENARIO_ID_LEN: usize = 128;

/// Accepts ids made of lowercase ASCII letters, digits, `-` and `_`, starting with a
/// letter or digit.
///
/// The id becomes part of a file name, so anything that could mean "another folder"
/// (`/`, `\`, `..`), a hidden file (a leading `.`) or an option (a leading `-`) is
/// refused. Every id the scenario format allows passes.
pub(crate) fn validate_scenario_id(id: &str) -> Result<()> {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
    let good_start = id
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if good_start && id.len() <= MAX_SCENARIO_ID_LEN && id.chars().all(allowed) {
        Ok(())
    } else {
        Err(ProgressError::InvalidScenarioId { id: id.to_owned() })
    }
}
