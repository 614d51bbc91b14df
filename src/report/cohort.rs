//! The cohort as a whole: who started and finished, how long it took, where it ended, what it
//! scored, who went back from an ending, and where those who gave up stopped.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use uuid::Uuid;

use crate::progress::{Journal, ResultsFile};

use super::retries::{Retries, retries};
use super::stats::{Spread, histogram};

/// Bins of every percent histogram: 0-9, 10-19, ..., 90-100.
pub(crate) const PERCENT_BINS: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cohort {
    /// Distinct learners (by anonymous id) in any file.
    pub learners: usize,
    /// Distinct sessions: finished ones and unfinished journals.
    pub started: usize,
    pub finished: usize,
    /// Sessions whose journal has no ending and no results file.
    pub abandoned: usize,
    /// Active minutes of finished sessions.
    pub minutes: Option<Spread>,
    /// Total percent of finished sessions.
    pub percent: Option<Spread>,
    /// Finished sessions per tenth of the total percent, 0-9 to 90-100.
    pub percent_histogram: Vec<usize>,
    pub endings: Vec<Count>,
    pub grades: Vec<Count>,
    /// Passes and fails of finished sessions, when their scenario sets a pass mark.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pass: Option<Passes>,
    pub competencies: Vec<CompetencyFigures>,
    /// Finished sessions that went back from an ending to try again.
    pub retries: Retries,
}

/// Finished sessions judged against a pass mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passes {
    /// The pass mark of the first session judged (percent).
    pub mark: u32,
    pub passed: usize,
    pub failed: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    pub id: String,
    pub name: String,
    pub count: usize,
    /// Share of what was counted (finished sessions, or retries), 0 to 1.
    pub share: f64,
}

/// Counts `(id, name)` pairs by id, the name the first one had, most first and then by id;
/// shares are of `total`.
pub(crate) fn counts<'a>(
    items: impl IntoIterator<Item = (&'a str, &'a str)>,
    total: usize,
) -> Vec<Count> {
    let mut by_id: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
    for (id, name) in items {
        by_id.entry(id).or_insert((name, 0)).1 += 1;
    }
    let mut counts: Vec<Count> = by_id
        .into_iter()
        .map(|(id, (name, count))| Count {
            id: id.to_string(),
            name: name.to_string(),
            count,
            share: count as f64 / total.max(1) as f64,
        })
        .collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
    counts
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompetencyFigures {
    pub id: String,
    pub name: String,
    /// Percent of the competency's attainable score, over finished sessions.
    pub percent: Option<Spread>,
    pub histogram: Vec<usize>,
}

/// Where unfinished sessions stopped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DropOff {
    pub scene: String,
    pub sessions: usize,
}

pub(crate) fn cohort(finished: &[&ResultsFile], unfinished: &[&Journal], ended: usize) -> Cohort {
    let learners: HashSet<Uuid> = finished
        .iter()
        .map(|r| r.learner.id)
        .chain(unfinished.iter().map(|j| j.header.learner_id))
        .collect();
    let total = finished.len();
    let percents: Vec<f64> = finished.iter().map(|r| f64::from(r.percent)).collect();
    let minutes: Vec<f64> = finished
        .iter()
        .map(|r| r.active_seconds as f64 / 60.0)
        .collect();
    let endings = counts(
        finished
            .iter()
            .map(|r| (r.ending.id.as_str(), r.ending.title.as_str())),
        total,
    );
    let grades = counts(
        finished.iter().map(|r| {
            let grade = r.grade.as_ref().map_or("(none)", |g| g.name.as_str());
            (grade, grade)
        }),
        total,
    );
    Cohort {
        learners: learners.len(),
        started: total + ended + unfinished.len(),
        finished: total + ended,
        abandoned: unfinished.len(),
        minutes: Spread::of(&minutes),
        percent: Spread::of(&percents),
        percent_histogram: histogram(&percents, 0.0, 100.0, PERCENT_BINS),
        endings,
        grades,
        pass: passes(finished),
        competencies: competencies(finished),
        retries: retries(finished),
    }
}

/// Each session counts by its own verdict, so a mark changed mid-cohort still counts each
/// learner as they were told.
fn passes(finished: &[&ResultsFile]) -> Option<Passes> {
    let judged: Vec<_> = finished.iter().filter_map(|r| r.pass).collect();
    let passed = judged.iter().filter(|p| p.passed).count();
    judged.first().map(|first| Passes {
        mark: first.mark,
        passed,
        failed: judged.len() - passed,
    })
}

fn competencies(finished: &[&ResultsFile]) -> Vec<CompetencyFigures> {
    let mut order: Vec<(String, String)> = Vec::new();
    let mut values: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for results in finished {
        for c in &results.competencies {
            let entry = values.entry(c.id.clone()).or_default();
            if entry.is_empty() && !order.iter().any(|(id, _)| id == &c.id) {
                order.push((c.id.clone(), c.name.clone()));
            }
            entry.push(f64::from(c.percent));
        }
    }
    order
        .into_iter()
        .map(|(id, name)| {
            let percents = values.remove(&id).unwrap_or_default();
            CompetencyFigures {
                percent: Spread::of(&percents),
                histogram: histogram(&percents, 0.0, 100.0, PERCENT_BINS),
                id,
                name,
            }
        })
        .collect()
}

/// Unfinished sessions by the scene they were last in, most first.
pub(crate) fn drop_off(unfinished: &[&Journal]) -> Vec<DropOff> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for journal in unfinished {
        let scene = journal.last_scene().unwrap_or("(before the first answer)");
        *counts.entry(scene).or_default() += 1;
    }
    let mut drops: Vec<DropOff> = counts
        .into_iter()
        .map(|(scene, sessions)| DropOff {
            scene: scene.to_string(),
            sessions,
        })
        .collect();
    drops.sort_by(|a, b| {
        b.sessions
            .cmp(&a.sessions)
            .then_with(|| a.scene.cmp(&b.scene))
    });
    drops
}
