//! Results files: one permanent record per finished run, never overwritten.

use std::path::PathBuf;

use serde::Serialize;

use super::atomic::write_new;
use super::saves::to_json;
use super::{DataDir, FileKind, Result, validate_scenario_id};

/// How many `-2`, `-3`, ... names to try before giving up; far more runs than anyone
/// finishes in one second, yet a bound, so a broken folder cannot loop forever.
const MAX_SUFFIX: u32 = 1000;

impl DataDir {
    /// Writes `results` to `<data>/results/<scenario-id>-<now>.json`, or to `...-2.json`,
    /// `...-3.json` and so on if that name is taken, and returns the path written.
    pub(crate) fn write_results<R: Serialize + ?Sized>(
        &self,
        scenario_id: &str,
        now: u64,
        results: &R,
    ) -> Result<PathBuf> {
        validate_scenario_id(scenario_id)?;
        let dir = self.results_dir();
        let stem = format!("{scenario_id}-{now}");
        let first = dir.join(format!("{stem}.json"));
        let bytes = to_json(FileKind::Results, &first, results)?;
        let fallbacks = (2..=MAX_SUFFIX).map(|n| dir.join(format!("{stem}-{n}.json")));
        write_new(FileKind::Results, first, fallbacks, &bytes)
    }
}
