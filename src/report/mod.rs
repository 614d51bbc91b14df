//! Cohort reports (`dojo report`): figures over many learners' results files and journals, and
//! their renderings as terminal tables, JSON, CSV and a self-contained HTML page.
//!
//! [`gather`] reads the files, [`Report::of`] computes every figure from them (pure), and the
//! renderers only lay the figures out. A file that cannot be used is listed with its path and
//! reason; the report covers the rest.

mod cohort;
mod csv;
mod html;
mod inputs;
mod items;
mod retries;
mod stats;
mod svg;
mod text;

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

pub use cohort::{Cohort, CompetencyFigures, Count, DropOff, Passes};
pub use csv::csv;
pub use html::html;
pub use inputs::{Inputs, Rejected, gather};
pub use items::{Flag, Item, Pick};
pub use retries::Retries;
pub use stats::Spread;
pub use text::text;

/// How discrimination is measured, as every rendering states it.
pub(crate) const DISCRIMINATION: &str =
    "point-biserial correlation of a right first answer with the session's total percent";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub scenario: ScenarioName,
    pub cohort: Cohort,
    /// How discrimination is measured.
    pub discrimination: &'static str,
    pub items: Vec<Item>,
    /// Where unfinished sessions stopped, most first.
    pub drop_off: Vec<DropOff>,
    /// Files left out, with why.
    pub rejected: Vec<Rejected>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScenarioName {
    pub id: String,
    pub title: String,
}

impl Report {
    /// The report on `scenario`, or on the scenario most files are about.
    pub fn of(inputs: Inputs, scenario: Option<&str>) -> Report {
        let Inputs {
            results,
            journals,
            mut rejected,
        } = inputs;
        let chosen = scenario.map_or_else(|| most_common(&results, &journals), str::to_string);
        let mut title = chosen.clone();
        let mut finished = Vec::new();
        let mut sessions: BTreeMap<uuid::Uuid, String> = BTreeMap::new();
        for (path, file) in &results {
            let path = path.display().to_string();
            if file.scenario.id != chosen {
                rejected.push(other_scenario(path, &file.scenario.id, &chosen));
                continue;
            }
            if let Some(first) = sessions.get(&file.session) {
                rejected.push(Rejected {
                    path,
                    reason: format!("the same session as {first}"),
                });
                continue;
            }
            sessions.insert(file.session, path);
            title.clone_from(&file.scenario.title);
            finished.push(file);
        }
        let mut ended = 0;
        let mut unfinished = Vec::new();
        let mut seen = HashSet::new();
        for (path, journal) in &journals {
            let header = &journal.header;
            if header.scenario != chosen {
                rejected.push(other_scenario(
                    path.display().to_string(),
                    &header.scenario,
                    &chosen,
                ));
            } else if sessions.contains_key(&header.session) || !seen.insert(header.session) {
                // Its results file, or another copy of it, already counts.
            } else if journal.ending().is_some() {
                ended += 1;
            } else {
                unfinished.push(journal);
            }
        }
        rejected.sort_by(|a, b| a.path.cmp(&b.path));
        Report {
            cohort: cohort::cohort(&finished, &unfinished, ended),
            scenario: ScenarioName { id: chosen, title },
            discrimination: DISCRIMINATION,
            items: items::analyse(&finished),
            drop_off: cohort::drop_off(&unfinished),
            rejected,
        }
    }

    /// Whether any file counted.
    pub fn is_empty(&self) -> bool {
        self.cohort.started == 0
    }
}

fn other_scenario(path: String, found: &str, chosen: &str) -> Rejected {
    Rejected {
        path,
        reason: format!("from the scenario `{found}`; this report is on `{chosen}`"),
    }
}

/// The scenario of most results files (journals when there are none), the first seen on a tie.
fn most_common(
    results: &[(std::path::PathBuf, crate::progress::ResultsFile)],
    journals: &[(std::path::PathBuf, crate::progress::Journal)],
) -> String {
    let ids: Vec<&str> = if results.is_empty() {
        journals
            .iter()
            .map(|(_, j)| j.header.scenario.as_str())
            .collect()
    } else {
        results
            .iter()
            .map(|(_, r)| r.scenario.id.as_str())
            .collect()
    };
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for id in ids {
        match counts.iter_mut().find(|(seen, _)| *seen == id) {
            Some((_, count)) => *count += 1,
            None => counts.push((id, 1)),
        }
    }
    let best = counts.iter().map(|c| c.1).max().unwrap_or(0);
    counts
        .into_iter()
        .find(|c| c.1 == best)
        .map_or_else(String::new, |c| c.0.to_string())
}
