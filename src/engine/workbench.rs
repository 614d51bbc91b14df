//! The learner's own value-stream maps: what build questions write into them, turning them
//! into real maps (with the figures and queues the learner was not asked for filled in from a
//! map), and how they differ from the team's.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::scenario::{Build, Field, FigureUnit, Scenario};
use crate::vsm::{self, Duration, Layout, Map, Metrics, Ratio};

use super::{Answer, AnswerError};

/// A workbench map as the learner has answered it so far: plain data, saved with the session.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Draft {
    #[serde(default)]
    pub order: Vec<String>,
    #[serde(default)]
    pub parallel: Vec<String>,
    /// Queue (by the reference step it stands in front of) to the step it was put in front of.
    #[serde(default)]
    pub queues: BTreeMap<String, String>,
    /// Figures by step id, as the learner gave them.
    #[serde(default)]
    pub figures: BTreeMap<String, StepAnswers>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct StepAnswers {
    pub lt: Option<Quantity>,
    pub pt: Option<Quantity>,
    /// Percent.
    pub ca: Option<f64>,
}

/// A time as the learner typed it: the number and the unit the question asked in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Quantity {
    pub value: f64,
    pub unit: vsm::Unit,
}

/// Refuses figures no map can hold, before the answer is judged.
pub(super) fn validate(build: &Build, answer: &Answer) -> Result<(), AnswerError> {
    let (Build::Figure { field, .. }, Answer::Number(n)) = (build, answer) else {
        return Ok(());
    };
    let invalid = |message: &str| Err(AnswerError::Invalid(message.to_string()));
    match field {
        _ if *n < 0.0 => invalid("a figure on a value-stream map cannot be negative"),
        Field::Ca if *n > 100.0 => invalid("%C/A is a percentage, from 0 to 100"),
        _ => Ok(()),
    }
}

/// Writes an answer into the learner's map. Right or wrong, the map is theirs.
pub(crate) fn apply(
    build: &Build,
    answer: &Answer,
    scenario: &Scenario,
    drafts: &mut BTreeMap<String, Draft>,
) {
    let bench = match build {
        Build::Order { bench }
        | Build::Parallel { bench }
        | Build::Queue { bench, .. }
        | Build::Figure { bench, .. } => *bench,
    };
    let draft = drafts
        .entry(scenario.workbenches[bench].id.clone())
        .or_default();
    match (build, answer) {
        (Build::Order { .. }, Answer::Order(ids)) => draft.order = ids.clone(),
        (Build::Parallel { .. }, Answer::Choices(ids)) => draft.parallel = ids.clone(),
        (Build::Queue { queue, .. }, Answer::Choice(step)) => {
            draft.queues.insert(queue.clone(), step.clone());
        }
        (
            Build::Figure {
                step, field, unit, ..
            },
            Answer::Number(value),
        ) => {
            let figures = draft.figures.entry(step.clone()).or_default();
            match (field, unit) {
                (Field::Ca, _) => figures.ca = Some(*value),
                (Field::Lt, FigureUnit::Time(unit)) => {
                    figures.lt = Some(Quantity {
                        value: *value,
                        unit: *unit,
                    })
                }
                (Field::Pt, FigureUnit::Time(unit)) => {
                    figures.pt = Some(Quantity {
                        value: *value,
                        unit: *unit,
                    })
                }
                (_, FigureUnit::Percent) => {}
            }
        }
        _ => {}
    }
}

/// The learner's map for workbench `bench`, or what it still lacks.
pub(crate) fn learner_map(
    scenario: &Scenario,
    drafts: &BTreeMap<String, Draft>,
    bench: usize,
) -> Result<Map, vsm::Incomplete> {
    let workbench = &scenario.workbenches[bench];
    let reference = &scenario.maps[workbench.reference].map;
    let empty = Draft::default();
    let draft = drafts.get(&workbench.id).unwrap_or(&empty);
    let calendar = &reference.calendar;
    let exact = |value: f64| Ratio::parse_decimal(&format!("{value}"));
    let time = |q: &Quantity| exact(q.value).map(|n| Duration::of(n, q.unit, calendar));
    let mut layout = Layout {
        order: draft.order.clone(),
        parallel: draft.parallel.clone(),
        queues: draft.queues.clone(),
        ..Layout::default()
    };
    for (step, figures) in &draft.figures {
        if let Some(lt) = figures.lt.as_ref().and_then(time) {
            layout.lead_times.insert(step.clone(), lt);
        }
        if let Some(pt) = figures.pt.as_ref().and_then(time) {
            layout.process_times.insert(step.clone(), pt);
        }
        if let Some(ca) = figures
            .ca
            .and_then(exact)
            .and_then(|p| p.div(Ratio::whole(100)))
        {
            layout.ca.insert(step.clone(), ca);
        }
    }
    if let Some(from) = workbench.fill_from {
        fill(&mut layout, reference, &scenario.maps[from].map);
    }
    let title = if workbench.title.is_empty() {
        "Your map"
    } else {
        &workbench.title
    };
    vsm::assemble(reference, &workbench.id, title, &layout)
}

/// Puts in every LT, PT and %C/A the learner has not given, as `from` has it, and places
/// every queue the learner has not placed in front of the step `from` has it in front of;
/// loading made sure `from` has every step of `reference`, with its %C/A and its queue.
fn fill(layout: &mut Layout, reference: &Map, from: &Map) {
    for (queued, step) in
        (reference.steps.iter()).filter_map(|s| from.step(&s.id).map(|f| (s.queue.is_some(), f)))
    {
        let id = &step.id;
        layout.lead_times.entry(id.clone()).or_insert(step.lt);
        layout.process_times.entry(id.clone()).or_insert(step.pt);
        if let Some(ca) = step.ca {
            layout.ca.entry(id.clone()).or_insert(ca);
        }
        if queued && step.queue.is_some() {
            layout.queues.entry(id.clone()).or_insert(id.clone());
        }
    }
}

/// The learner's map set beside the reference: the figures of both and what differs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub workbench: String,
    pub title: String,
    pub reference: String,
    /// Empty when the map is complete.
    pub missing: Vec<String>,
    pub differences: Vec<String>,
    /// (figure, learner's value, reference value), as text to read.
    pub figures: Vec<(String, String, String)>,
    #[serde(skip)]
    pub learner_map: Option<Box<Map>>,
    #[serde(skip)]
    pub reference_map: Option<Box<Map>>,
}

const COMPARED: [(&str, &str); 5] = [
    ("Total lead time", "lead_time_days"),
    ("Total process time", "process_time_hours"),
    ("Activity ratio", "activity_ratio"),
    ("Rolled %C/A", "rolled_ca"),
    ("Longest lead time", "longest_lead_time_step"),
];

pub(crate) fn compare(
    scenario: &Scenario,
    drafts: &BTreeMap<String, Draft>,
    bench: usize,
) -> Comparison {
    let workbench = &scenario.workbenches[bench];
    let reference = &scenario.maps[workbench.reference];
    let learner = learner_map(scenario, drafts, bench);
    let mut comparison = Comparison {
        workbench: workbench.id.clone(),
        title: if workbench.title.is_empty() {
            "Your map".into()
        } else {
            workbench.title.clone()
        },
        reference: reference.map.title.clone(),
        missing: Vec::new(),
        differences: Vec::new(),
        figures: Vec::new(),
        learner_map: None,
        reference_map: Some(Box::new(reference.map.clone())),
    };
    match learner {
        Err(incomplete) => comparison.missing = incomplete.missing,
        Ok(map) => {
            let metrics = Metrics::compute(&map);
            for (label, name) in COMPARED {
                comparison.figures.push((
                    label.to_string(),
                    metrics.text(name).unwrap_or_default(),
                    reference.metrics.text(name).unwrap_or_default(),
                ));
            }
            comparison.differences = differences(&map, &reference.map);
            comparison.learner_map = Some(Box::new(map));
        }
    }
    comparison
}

/// What a learner's map gets wrong against the reference, one sentence each.
fn differences(learner: &Map, reference: &Map) -> Vec<String> {
    let mut found = Vec::new();
    let position = |map: &Map, id: &str| {
        map.steps
            .iter()
            .position(|s| s.id == id)
            .map(|i| map.steps[i].label.clone())
    };
    for step in &reference.steps {
        let Some(mine) = learner.step(&step.id) else {
            continue;
        };
        if position(learner, &step.id) != position(reference, &step.id) {
            found.push(format!(
                "{} is step {} on your map and step {} on the team's.",
                step.name, mine.label, step.label
            ));
        }
        let calendar = &reference.calendar;
        for (what, yours, theirs) in [
            ("lead time", mine.lt, step.lt),
            ("process time", mine.pt, step.pt),
        ] {
            if yours != theirs {
                found.push(format!(
                    "{}: you have a {what} of {}, the team measured {}.",
                    step.name,
                    yours.natural(calendar),
                    theirs.natural(calendar)
                ));
            }
        }
        if mine.ca != step.ca {
            let percent = |ca: Option<Ratio>| {
                ca.map_or_else(
                    || "no record of".to_string(),
                    |ca| format!("{}%", ca.mul(Ratio::whole(100)).decimal(1)),
                )
            };
            found.push(format!(
                "{}: you have {} complete and accurate, the team measured {}.",
                step.name,
                percent(mine.ca),
                percent(step.ca)
            ));
        }
        if mine.queue != step.queue {
            match (&mine.queue, &step.queue) {
                (None, Some(queue)) => found.push(format!(
                    "The {} queue ({} items) belongs in front of {}.",
                    queue.name, queue.items, step.name
                )),
                (Some(queue), None) => found.push(format!(
                    "The {} queue does not stand in front of {} on the team's map.",
                    queue.name, step.name
                )),
                _ => {}
            }
        }
    }
    let (mine, theirs) = (side_by_side(learner), side_by_side(reference));
    if mine != theirs {
        let names = |ids: &[String]| {
            let names: Vec<&str> = ids
                .iter()
                .filter_map(|id| reference.step(id).map(|s| s.name.as_str()))
                .collect();
            if names.is_empty() {
                "no steps".to_string()
            } else {
                names.join(" and ")
            }
        };
        found.push(format!(
            "On the team's map {} run side by side; on yours, {}.",
            names(&theirs),
            names(&mine)
        ));
    }
    found
}

/// Ids of the steps that sit in parallel branches, sorted.
fn side_by_side(map: &Map) -> Vec<String> {
    fn collect(segments: &[vsm::Segment], inside: bool, map: &Map, out: &mut Vec<String>) {
        for segment in segments {
            match segment {
                vsm::Segment::Step(i) if inside => out.push(map.steps[*i].id.clone()),
                vsm::Segment::Step(_) => {}
                vsm::Segment::Parallel(branches) => {
                    for branch in branches {
                        collect(branch, true, map, out);
                    }
                }
            }
        }
    }
    let mut ids = Vec::new();
    collect(&map.flow, false, map, &mut ids);
    ids.sort();
    ids
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::scenario::{Folder, load};

    /// The fixture whose workbench asks for build's lead time alone and fills in the rest.
    fn scenario() -> Scenario {
        let folder = Folder::new(Path::new("tests/fixtures/scenarios/workbench-fill"));
        load(&folder)
            .ok()
            .and_then(|l| l.scenario)
            .expect("the fixture loads")
    }

    fn draft(queues: &[(&str, &str)]) -> BTreeMap<String, Draft> {
        let ids = |ids: &[&str]| ids.iter().map(|id| id.to_string()).collect();
        let mut figures = BTreeMap::new();
        figures.insert(
            "build".to_string(),
            StepAnswers {
                lt: Some(Quantity {
                    value: 2.0,
                    unit: vsm::Unit::Week,
                }),
                ..StepAnswers::default()
            },
        );
        let draft = Draft {
            order: ids(&["request", "build", "test", "review", "ship"]),
            parallel: ids(&["test", "review"]),
            queues: (queues.iter())
                .map(|(queue, placed)| (queue.to_string(), placed.to_string()))
                .collect(),
            figures,
        };
        BTreeMap::from([("yours".to_string(), draft)])
    }

    #[test]
    fn what_the_learner_was_not_asked_comes_from_the_fill_map() {
        let scenario = scenario();
        let team = &scenario.maps[0].map;
        let map = learner_map(&scenario, &draft(&[]), 0).expect("a whole map");
        let (build, team_build) = (map.step("build").unwrap(), team.step("build").unwrap());
        assert_eq!(
            build.lt.minutes(),
            Ratio::whole(2 * 5 * 8 * 60),
            "the learner's own"
        );
        assert_ne!(build.lt, team_build.lt);
        assert_eq!((build.pt, build.ca), (team_build.pt, team_build.ca));
        assert_eq!(
            build.queue, team_build.queue,
            "the queue is placed as the team's"
        );
        for (mine, theirs) in map.steps.iter().zip(&team.steps) {
            if mine.id != "build" {
                assert_eq!(
                    (mine.lt, mine.pt, mine.ca),
                    (theirs.lt, theirs.pt, theirs.ca)
                );
            }
        }
    }

    #[test]
    fn a_queue_the_learner_placed_stays_where_they_put_it() {
        let scenario = scenario();
        let map = learner_map(&scenario, &draft(&[("build", "ship")]), 0).expect("a whole map");
        assert_eq!(map.step("build").unwrap().queue, None);
        let ship = map.step("ship").unwrap().queue.as_ref().expect("moved");
        assert_eq!((ship.name.as_str(), ship.items), ("To do", 12));
    }
}
