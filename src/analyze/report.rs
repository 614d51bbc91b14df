//! The score bounds and grade reachability of a scenario, as text for `dojo check` and as JSON.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use crate::scenario::Scenario;

use super::Analysis;
use super::bounds::Limit;
use super::label::scene_list;

/// Indented lines for after a scenario's summary line, each ending in a newline.
pub fn report_text(scenario: &Scenario, analysis: &Analysis) -> String {
    let (Some(bounds), Some(grades)) = (&analysis.bounds, &analysis.grades) else {
        return "  no ending can be reached, so there are no score bounds or grades\n".into();
    };
    let mut out = String::new();
    if !scenario.competencies.is_empty() {
        out.push_str("  scores:\n");
    }
    for (competency, bounds) in scenario.competencies.iter().zip(bounds) {
        let _ = write!(
            out,
            "    {}: {} to {}",
            competency.id,
            limit_text(&bounds.min, "-∞"),
            limit_text(&bounds.max, "∞")
        );
        let loops = [(&bounds.min, "lowers"), (&bounds.max, "raises")];
        let notes: Vec<String> = loops
            .iter()
            .filter_map(|(limit, verb)| match limit {
                Limit::Unbounded(scenes) => Some(format!(
                    "the loop through {} {verb} it without end",
                    scene_list(scenario, scenes)
                )),
                Limit::Finite(_) => None,
            })
            .collect();
        if !notes.is_empty() {
            let _ = write!(out, " ({})", notes.join("; "));
        }
        out.push('\n');
    }
    if !scenario.grades.is_empty() {
        let _ = writeln!(
            out,
            "  grades (learners end with {}% to {}%):",
            grades.lowest, grades.highest
        );
    }
    for (band, reachable) in scenario.grades.iter().zip(&grades.bands) {
        let verdict = if *reachable {
            "reachable"
        } else {
            "unreachable"
        };
        let _ = writeln!(out, "    {}, from {}%: {verdict}", band.name, band.min);
    }
    out
}

/// `{"bounds": ..., "grades": ...}`: per competency id `{"min", "max"}` (null where a loop
/// leaves it unbounded), and the percent range with each band's reachability. Both are null
/// when no ending can be reached.
pub fn report_json(scenario: &Scenario, analysis: &Analysis) -> Value {
    let bounds = analysis.bounds.as_ref().map(|bounds| {
        let mut map = Map::new();
        for (competency, bounds) in scenario.competencies.iter().zip(bounds) {
            map.insert(
                competency.id.clone(),
                json!({ "min": limit_json(&bounds.min), "max": limit_json(&bounds.max) }),
            );
        }
        Value::Object(map)
    });
    let grades = analysis.grades.as_ref().map(|grades| {
        let bands: Vec<Value> = scenario
            .grades
            .iter()
            .zip(&grades.bands)
            .map(|(band, reachable)| {
                json!({ "name": band.name, "min": band.min, "reachable": reachable })
            })
            .collect();
        json!({
            "lowest_percent": grades.lowest,
            "highest_percent": grades.highest,
            "bands": bands,
        })
    });
    json!({ "bounds": bounds, "grades": grades })
}

fn limit_text(limit: &Limit, infinite: &str) -> String {
    match limit {
        Limit::Finite(value) => value.to_string(),
        Limit::Unbounded(_) => infinite.to_string(),
    }
}

fn limit_json(limit: &Limit) -> Value {
    match limit {
        Limit::Finite(value) => json!(value),
        Limit::Unbounded(_) => Value::Null,
    }
}
