//! A finished session's results, shown again (`dojo results`): replayed from its journal when
//! the scenario is at hand, so the maps can be drawn; else read from its results file alone.

use std::fs;

use std::path::Path;

use crate::engine::{
    Answer, Attempt, Comparison, CompetencyResult, EndingResult, GradeResult, Kind, OptionText,
    QuestionResult, Results, Step,
};
use crate::expr::format_number;
use crate::progress::{DataDir, Journal, MapFigures, ResultsFile, parse_journal};
use crate::scenario::Scenario;

use super::replay::from_journal;

#[derive(Debug, thiserror::Error)]
pub enum RecallError {
    #[error("no finished session yet: results appear in {0} once a story ends")]
    NoResults(String),
    #[error(
        "no finished session matches `{0}`: name a results file (*.json), a journal (*.jsonl) or a session id"
    )]
    NoMatch(String),
    #[error("cannot read {path}: {why}")]
    Unreadable { path: String, why: String },
}

/// A finished session found on disk: its results file, and its journal when it was kept.
pub struct Found {
    pub results: ResultsFile,
    pub journal: Option<Journal>,
}

/// The session `target` names: a results file, a journal, or a session id (or its start);
/// without one, the session that ended last.
pub fn find(data: &DataDir, target: Option<&str>) -> Result<Found, RecallError> {
    let all = || -> Vec<ResultsFile> {
        let Ok(entries) = fs::read_dir(data.results_dir()) else {
            return Vec::new();
        };
        entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|e| e == "json"))
            .filter_map(|path| read_results(&path).ok())
            .collect()
    };
    let results = match target {
        None => all()
            .into_iter()
            .max_by_key(|r| r.ended)
            .ok_or_else(|| RecallError::NoResults(data.results_dir().display().to_string()))?,
        Some(target) if Path::new(target).is_file() && target.ends_with(".jsonl") => {
            let journal = read_journal(Path::new(target))?;
            let results = all()
                .into_iter()
                .find(|r| r.session == journal.header.session)
                .ok_or_else(|| RecallError::NoMatch(target.to_string()))?;
            return Ok(Found {
                results,
                journal: Some(journal),
            });
        }
        Some(target) if Path::new(target).is_file() => read_results(Path::new(target))?,
        Some(target) => all()
            .into_iter()
            .filter(|r| !target.is_empty() && r.session.to_string().starts_with(target))
            .max_by_key(|r| r.ended)
            .ok_or_else(|| RecallError::NoMatch(target.to_string()))?,
    };
    let journal_path = data
        .sessions_dir()
        .join(format!("{}-{}.jsonl", results.scenario.id, results.session));
    let journal = read_journal(&journal_path).ok();
    Ok(Found { results, journal })
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, RecallError> {
    let unreadable = |why: String| RecallError::Unreadable {
        path: path.display().to_string(),
        why,
    };
    // A FIFO among the results is refused, not waited on.
    crate::scenario::read_regular_bytes(path).map_err(|e| unreadable(e.to_string()))
}

fn read_results(path: &Path) -> Result<ResultsFile, RecallError> {
    crate::scenario::from_json_cleaned(&read_bytes(path)?).map_err(|e| RecallError::Unreadable {
        path: path.display().to_string(),
        why: e.to_string(),
    })
}

fn read_journal(path: &Path) -> Result<Journal, RecallError> {
    parse_journal(path, &read_bytes(path)?).map_err(|e| RecallError::Unreadable {
        path: path.display().to_string(),
        why: e.to_string(),
    })
}

/// Steps after the last answer before a replay that has not ended is given up on.
const STEPS_TO_THE_END: usize = 100_000;

/// The results of `file`'s session. With its `journal` and the `scenario` it was played on,
/// the answers are replayed to the same ending and the results, maps included, come from
/// there; a replay that ends elsewhere (the scenario changed since) is not trusted.
pub fn recall(
    file: &ResultsFile,
    journal: Option<&Journal>,
    scenario: Option<&Scenario>,
) -> Results {
    let replayed = journal
        .zip(scenario)
        .and_then(|(journal, scenario)| replay(journal, scenario))
        .filter(|results| results.ending.scene == file.ending.id);
    replayed.unwrap_or_else(|| from_file(file))
}

fn replay(journal: &Journal, scenario: &Scenario) -> Option<Results> {
    let (mut story, replayed) = from_journal(scenario, journal).ok()?;
    if replayed.stopped.is_some() {
        return None;
    }
    for _ in 0..STEPS_TO_THE_END {
        match story.next() {
            Step::End(results) => return Some(*results),
            Step::Question(_) => return None,
            _ => {}
        }
    }
    None
}

/// The results as the file records them: every figure, no map to draw.
fn from_file(file: &ResultsFile) -> Results {
    Results {
        scenario: file.scenario.id.clone(),
        title: file.scenario.title.clone(),
        learner: file.learner.name.clone(),
        seed: file.seed,
        ending: EndingResult {
            scene: file.ending.id.clone(),
            title: file.ending.title.clone(),
        },
        competencies: file
            .competencies
            .iter()
            .map(|c| CompetencyResult {
                id: c.id.clone(),
                name: c.name.clone(),
                score: c.score,
                max: c.max,
            })
            .collect(),
        score: file.score,
        max: file.max,
        percent: file.percent,
        pass_mark: file.pass.as_ref().map(|pass| pass.mark),
        setback: file.pass.as_ref().is_some_and(|pass| pass.setback),
        retries: file
            .retries
            .iter()
            .map(|retry| Attempt {
                ending: EndingResult {
                    scene: retry.ending.id.clone(),
                    title: retry.ending.title.clone(),
                },
                score: retry.score,
                max: retry.max,
                percent: retry.percent,
            })
            .collect(),
        grade: file.grade.as_ref().map(|g| GradeResult {
            name: g.name.clone(),
            message: g.message.clone(),
        }),
        questions: file
            .questions
            .iter()
            .map(|q| QuestionResult {
                scene: q.scene.clone(),
                kind: q.kind,
                prompt: q.prompt.clone(),
                answer: q.shown.clone(),
                given: match q.kind {
                    Kind::Single => Answer::Choice(q.chosen.first().cloned().unwrap_or_default()),
                    Kind::Multiple => Answer::Choices(q.chosen.clone()),
                    Kind::Order => Answer::Order(q.chosen.clone()),
                    Kind::Number => Answer::Number(q.number.unwrap_or_default()),
                    Kind::Text => Answer::Text(q.text.clone().unwrap_or_default()),
                },
                right: q.right,
                feedback: Vec::new(),
                score: q.score.iter().map(|(k, v)| (k.clone(), *v)).collect(),
                options: q
                    .options
                    .iter()
                    .map(|o| OptionText {
                        id: o.id.clone(),
                        text: o.text.clone(),
                    })
                    .collect(),
                at: u64::try_from(q.at.as_second()).unwrap_or(0),
            })
            .collect(),
        maps: file.maps.iter().map(comparison).collect(),
    }
}

/// A comparison from the figures a results file keeps: the words of the end screen, without
/// the maps, which the file does not hold.
fn comparison(map: &MapFigures) -> Comparison {
    let name = |id: &str| {
        match id {
            "lead_time" => "Total lead time",
            "process_time" => "Total process time",
            "activity_ratio" => "Activity ratio",
            "rolled_ca" => "Rolled %C/A",
            other => other,
        }
        .to_string()
    };
    let value = |number: f64, unit: &str| match unit {
        "percent" => format!("{}%", format_number((number * 100.0).round() / 100.0)),
        unit => format!("{} {unit}", format_number((number * 100.0).round() / 100.0)),
    };
    Comparison {
        workbench: map.id.clone(),
        title: map.title.clone(),
        reference: "the team's map".to_string(),
        missing: map.missing.clone(),
        differences: map.differences.clone(),
        figures: map
            .figures
            .iter()
            .map(|f| {
                let yours = f
                    .yours
                    .map_or_else(|| "n/a".to_string(), |y| value(y, &f.unit));
                (name(&f.name), yours, value(f.team, &f.unit))
            })
            .collect(),
        learner_map: None,
        reference_map: None,
    }
}
