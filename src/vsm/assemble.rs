//! A map put together from a learner's answers: the steps of a reference map, in the order,
//! grouping, queue places and figures the learner gave.

use std::collections::BTreeMap;

use super::duration::Duration;
use super::flow;
use super::map::{Map, Step};
use super::ratio::Ratio;

/// What a learner has said about a map so far. Ids are the reference map's step ids.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Layout {
    /// Every step, first to last.
    pub order: Vec<String>,
    /// Steps that run side by side; they split from the step before the first of them in
    /// `order` and join at the step after the last.
    pub parallel: Vec<String>,
    /// For each reference queue (named by the step it stands in front of in the reference),
    /// the step the learner put it in front of.
    pub queues: BTreeMap<String, String>,
    pub lead_times: BTreeMap<String, Duration>,
    pub process_times: BTreeMap<String, Duration>,
    /// As fractions of one.
    pub ca: BTreeMap<String, Ratio>,
}

/// What a layout still lacks before it is a map, in words a learner reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the map still needs {}", .missing.join(", "))]
pub(crate) struct Incomplete {
    pub missing: Vec<String>,
}

/// Builds the learner's map. Names, owners, people and queue sizes come from `reference`;
/// order, grouping, queue places and figures come from `layout`.
pub(crate) fn assemble(
    reference: &Map,
    id: &str,
    title: &str,
    layout: &Layout,
) -> Result<Map, Incomplete> {
    let mut missing = Vec::new();
    let unordered: Vec<&str> = reference
        .steps
        .iter()
        .map(|s| s.id.as_str())
        .filter(|id| !layout.order.iter().any(|o| o == id))
        .collect();
    if !unordered.is_empty() {
        missing.push("the order of the steps".to_string());
    }
    for step in &reference.steps {
        let figures = [
            ("lead time", layout.lead_times.contains_key(&step.id)),
            ("process time", layout.process_times.contains_key(&step.id)),
            ("%C/A", layout.ca.contains_key(&step.id)),
        ];
        let absent: Vec<&str> = figures
            .iter()
            .filter(|(_, has)| !has)
            .map(|(name, _)| *name)
            .collect();
        if !absent.is_empty() {
            missing.push(format!("the {} of {}", absent.join(" and "), step.name));
        }
    }
    if !missing.is_empty() {
        return Err(Incomplete { missing });
    }
    let index_of = |id: &str| reference.steps.iter().position(|s| s.id == id);
    let order: Vec<usize> = layout.order.iter().filter_map(|id| index_of(id)).collect();
    let group: Vec<usize> = if layout.parallel.len() > 1 {
        order
            .iter()
            .copied()
            .filter(|&i| layout.parallel.contains(&reference.steps[i].id))
            .collect()
    } else {
        Vec::new()
    };
    // A group that cannot split and join (say, the last steps, which would never meet again)
    // is drawn in series instead: the learner still gets a map, and the comparison with the
    // reference points out the difference.
    let (after, segments) = match links(&order, &group, reference.steps.len()) {
        (after, Ok(segments)) => (after, segments),
        _ => match links(&order, &[], reference.steps.len()) {
            (after, Ok(segments)) => (after, segments),
            (_, Err(_)) => {
                return Err(Incomplete {
                    missing: vec!["a flow that runs from one end to the other".to_string()],
                });
            }
        },
    };
    let labels = flow::labels(&segments, reference.steps.len());
    let steps = reference
        .steps
        .iter()
        .zip(after)
        .zip(labels)
        .map(|((step, after), label)| Step {
            id: step.id.clone(),
            name: step.name.clone(),
            owner: step.owner.clone(),
            people: step.people,
            lt: layout.lead_times[&step.id],
            pt: layout.process_times[&step.id],
            ca: Some(layout.ca[&step.id]),
            after,
            queue: layout
                .queues
                .iter()
                .filter(|(_, placed)| **placed == step.id)
                .find_map(|(queue, _)| reference.step(queue).and_then(|s| s.queue.clone())),
            // Build questions ask for LT, PT and %C/A; the rest is the reference's.
            factory: step.factory.clone(),
            label,
        })
        .collect();
    Ok(Map {
        id: id.to_string(),
        title: title.to_string(),
        customer: reference.customer.clone(),
        improves: None,
        calendar: reference.calendar,
        conventions: reference.conventions,
        demand: reference.demand.clone(),
        kaizen: Vec::new(),
        steps,
        flow: segments,
    })
}

/// Each step's predecessors for steps taken in `order`, with `group` side by side, and the
/// flow those links make (or why they make none).
type Links = (
    Vec<Vec<usize>>,
    Result<Vec<flow::Segment>, Vec<flow::FlowProblem>>,
);

fn links(order: &[usize], group: &[usize], count: usize) -> Links {
    let mut after = vec![Vec::new(); count];
    let mut previous: Vec<usize> = Vec::new();
    let mut grouped = false;
    for &step in order {
        if group.contains(&step) {
            if !grouped {
                for &member in group {
                    after[member] = previous.clone();
                }
                previous = group.to_vec();
                grouped = true;
            }
            continue;
        }
        after[step] = previous.clone();
        previous = vec![step];
    }
    let flow = flow::analyse(&after);
    (after, flow)
}
