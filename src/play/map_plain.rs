//! A value-stream map for the plain front end: a table a screen reader reads row by row, then
//! the figures in sentences. No box drawing, no bars: nothing that is only a picture.

use crate::vsm::{Map, Metrics, Segment, StepFigures, Time, Unit};

/// Cells of a row are set apart by this: plain ASCII a screen reader passes over, and a table
/// to the eye.
const CELL: &str = " | ";

/// What a plain map is made of: each entry is one paragraph (a sentence or a table row), for
/// the front end to wrap to a terminal or keep to a line in a transcript.
pub(crate) fn map_paragraphs(map: &Map, figures: bool) -> Vec<String> {
    let metrics = Metrics::compute(map);
    let queues = map.steps.iter().filter(|s| s.queue.is_some()).count();
    let mut out = vec![
        format!(
            "{}: {}, {}, {} people, from and back to {}.",
            map.title,
            count(map.steps.len(), "step"),
            count(queues, "queue"),
            metrics.people,
            map.customer
        ),
        [
            "Step",
            "Name",
            "Owner",
            "People",
            "LT",
            "PT",
            "%C/A",
            "Queue in front",
        ]
        .join(CELL),
    ];
    out.extend(metrics.steps.iter().map(row));
    out.extend(side_by_side(map));
    // Mid-story the totals read in hours, as the drawn ladder gives them: the learner is about
    // to be asked for them in other units.
    let total = |time: &Time| {
        if figures {
            time.all_units()
        } else {
            time.exact.text_in(Unit::Hour, &map.calendar)
        }
    };
    out.push(format!(
        "Critical path, the longest way through: {}. Along it the lead time is {} and the process time {}.",
        labels(map, &metrics.critical_path),
        total(&metrics.lead_time),
        total(&metrics.process_time)
    ));
    let off: Vec<&str> = metrics
        .steps
        .iter()
        .filter(|s| !s.on_critical_path)
        .map(|s| s.label.as_str())
        .collect();
    if !off.is_empty() {
        out.push(format!("Off the critical path: {}.", off.join(", ")));
    }
    if figures {
        out.extend(figure_sentences(map, &metrics));
    }
    out.push(format!(
        "Conventions: {}",
        map.conventions.describe(&map.calendar)
    ));
    out
}

fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn row(step: &StepFigures) -> String {
    let people = step
        .people
        .map_or_else(|| "n/a".to_string(), |p| p.to_string());
    let ca = step
        .ca
        .as_ref()
        .map_or_else(|| "n/a".to_string(), |ca| ca.short());
    let queue = step.queue.as_ref().map_or_else(
        || "none".to_string(),
        |q| {
            format!(
                "{}, {}",
                q.name,
                count(usize::try_from(q.items).unwrap_or(usize::MAX), "item")
            )
        },
    );
    [
        step.label.as_str(),
        &step.name,
        &step.owner,
        &people,
        &step.lead_time.text,
        &step.process_time.text,
        &ca,
        &queue,
    ]
    .join(CELL)
}

/// Steps by their numbers, as a list read aloud: "1, 2, 3 and 6b".
fn labels(map: &Map, ids: &[String]) -> String {
    let names: Vec<&str> = ids
        .iter()
        .filter_map(|id| map.step(id).map(|s| s.label.as_str()))
        .collect();
    and_list(&names)
}

fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// One sentence for each place the flow splits: which branches run side by side.
fn side_by_side(map: &Map) -> Vec<String> {
    let mut out = Vec::new();
    splits(map, &map.flow, &mut out);
    out
}

fn splits(map: &Map, flow: &[Segment], out: &mut Vec<String>) {
    for segment in flow {
        if let Segment::Parallel(branches) = segment {
            let named: Vec<String> = branches
                .iter()
                .map(|branch| {
                    let mut steps = Vec::new();
                    branch_labels(map, branch, &mut steps);
                    if steps.is_empty() {
                        "a direct link past them".to_string()
                    } else {
                        steps.join(" then ")
                    }
                })
                .collect();
            let named: Vec<&str> = named.iter().map(String::as_str).collect();
            out.push(format!("These run side by side: {}.", and_list(&named)));
            for branch in branches {
                splits(map, branch, out);
            }
        }
    }
}

fn branch_labels(map: &Map, flow: &[Segment], out: &mut Vec<String>) {
    for segment in flow {
        match segment {
            Segment::Step(i) => out.extend(map.steps.get(*i).map(|s| s.label.clone())),
            Segment::Parallel(branches) => {
                let mut inner = Vec::new();
                for branch in branches {
                    branch_labels(map, branch, &mut inner);
                }
                out.push(format!("({})", inner.join(" beside ")));
            }
        }
    }
}

/// The figures the text map boxes, as sentences.
fn figure_sentences(map: &Map, metrics: &Metrics) -> Vec<String> {
    let step = |id: &str| {
        map.step(id)
            .map_or_else(String::new, |s| format!("{} {}", s.label, s.name))
    };
    let mut out = vec![
        format!("Lead time: {}.", metrics.lead_time.all_units()),
        format!("Process time: {}.", metrics.process_time.all_units()),
    ];
    if !metrics.queue_time.exact.is_zero() {
        out.push(format!(
            "Queue time: {} of demand, included in the lead time.",
            metrics.queue_time.text
        ));
    }
    out.push(format!(
        "Activity ratio (PT / LT): {}.",
        metrics.activity_ratio.text
    ));
    out.push(format!(
        "Rolled %C/A: {}.",
        crate::vsm::rolled_ca_text(metrics, true)
    ));
    out.push(format!(
        "Longest lead time: {}, {}.",
        step(&metrics.longest_lead_time.step),
        metrics.longest_lead_time.value.text
    ));
    if let Some(worst) = &metrics.worst_ca {
        out.push(format!(
            "Worst %C/A: {}, {}.",
            step(&worst.step),
            worst.value.short()
        ));
    }
    let worst = &metrics.worst_activity_ratio;
    let wait = metrics
        .step(&worst.step)
        .map_or_else(String::new, |s| format!(", waiting {}", s.wait.text));
    out.push(format!(
        "Worst step activity ratio: {}, {}{wait}.",
        step(&worst.step),
        worst.value.text
    ));
    if let Some(queue) = &metrics.biggest_queue {
        out.push(format!(
            "Biggest queue: {}, {} items, before {}.",
            queue.name,
            queue.items,
            step(&queue.step)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = r#"
id = "tiny"
title = "Tiny"
customer = "Clinics"
[calendar]
hours_per_day = 8
days_per_week = 5
[conventions]
queues = "in-lead-time"
ca_recorded_on = "receiving"
[[step]]
id = "a"
name = "Plan"
owner = "PMO"
people = 2
lt = "2d"
pt = "1h"
ca = 50
[[step]]
id = "b"
name = "Build"
owner = "Dev"
people = 3
lt = "1d"
pt = "4h"
after = ["a"]
[step.queue]
name = "Ready"
items = 1
[[step]]
id = "c"
name = "Check"
owner = "QA"
people = 1
lt = "4h"
pt = "1h"
after = ["a"]
[[step]]
id = "d"
name = "Ship"
owner = "Ops"
people = 1
lt = "1h"
pt = "1h"
after = ["b", "c"]
"#;

    #[test]
    fn a_map_reads_as_rows_then_sentences_without_box_characters() {
        let loaded = crate::vsm::load("tiny.vsm.toml", MAP);
        let map = loaded.map.expect("the sample map loads");
        let text = map_paragraphs(&map, true);
        assert_eq!(
            text[..7],
            [
                "Tiny: 4 steps, 1 queue, 7 people, from and back to Clinics.",
                "Step | Name | Owner | People | LT | PT | %C/A | Queue in front",
                "1 | Plan | PMO | 2 | 2 days | 1 hour | 50% | none",
                "2a | Build | Dev | 3 | 1 day | 4 hours | n/a | Ready, 1 item",
                "2b | Check | QA | 1 | 4 hours | 1 hour | n/a | none",
                "3 | Ship | Ops | 1 | 1 hour | 1 hour | n/a | none",
                "These run side by side: 2a and 2b.",
            ]
        );
        assert!(text.contains(&"Off the critical path: 2b.".to_string()));
        assert!(
            text.iter()
                .all(|p| !p.chars().any(|c| ('\u{2500}'..='\u{259F}').contains(&c))),
            "{text:#?}"
        );
        let without = map_paragraphs(&map, false);
        assert!(!without.iter().any(|p| p.starts_with("Activity ratio")));
    }
}
