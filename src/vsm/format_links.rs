//! Step links: ids resolved to indices, and the flow's problems (a cycle, a split that never
//! joins, branches that cross) as diagnostics that point at the `after` lists involved.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, FileId};

use super::flow::FlowProblem;
use super::format_steps::Draft;
use super::format_values::list;
use crate::suggest::Suggester;

/// Each step's predecessors as indices, or `None` when ids are missing, repeated or unknown
/// (each reported), since the flow cannot be judged then.
pub(super) fn resolve(
    file: FileId,
    drafts: &[Draft],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<Vec<usize>>> {
    let mut ok = drafts.iter().all(|d| d.id.is_some());
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, draft) in drafts.iter().enumerate() {
        let Some(id) = &draft.id else { continue };
        if let Some(&first) = index.get(id.value.as_str()) {
            let first_span = drafts[first].id.as_ref().map_or(0..0, |f| f.span.clone());
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-step",
                    format!("two steps have the id `{}`", id.value),
                )
                .at(file, id.span.clone(), "used again here")
                .also(file, first_span, "first used here")
                .hint("give each step its own id"),
            );
            ok = false;
        } else {
            index.insert(&id.value, i);
        }
    }
    let ids: Vec<&str> = drafts
        .iter()
        .filter_map(|d| d.id.as_ref().map(|i| i.value.as_str()))
        .collect();
    let suggester = Suggester::default();
    let mut links = Vec::new();
    for draft in drafts {
        let mut before = Vec::new();
        for name in &draft.after {
            match index.get(name.value.as_str()) {
                Some(&i) => before.push(i),
                None => {
                    let hint = match suggester.closest(&name.value, ids.iter().copied()) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => format!("steps in this map: {}", list(&ids)),
                    };
                    diagnostics.push(
                        Diagnostic::error(
                            "unknown-step",
                            format!(
                                "`after` names `{}`, which is not a step of this map",
                                name.value
                            ),
                        )
                        .at(file, name.span.clone(), "no step has this id")
                        .hint(hint),
                    );
                    ok = false;
                }
            }
        }
        links.push(before);
    }
    ok.then_some(links)
}

pub(super) fn flow_diagnostic(file: FileId, drafts: &[Draft], problem: &FlowProblem) -> Diagnostic {
    let id = |i: usize| {
        drafts
            .get(i)
            .and_then(|d| d.id.as_ref())
            .map_or("?", |id| id.value.as_str())
    };
    let id_span = |i: usize| {
        drafts.get(i).map_or(0..0, |d| {
            d.id.as_ref().map_or(d.header.clone(), |id| id.span.clone())
        })
    };
    // Where step `i` names step `before` in its `after` list.
    let link = |i: usize, before: usize| {
        drafts.get(i).map_or(0..0, |d| {
            d.after.iter().find(|a| a.value == id(before)).map_or_else(
                || d.after_span.clone().unwrap_or(d.header.clone()),
                |a| a.span.clone(),
            )
        })
    };
    match problem {
        FlowProblem::Cycle { steps } => {
            let first = steps[0];
            let last = steps[steps.len() - 1];
            let mut circle: Vec<&str> = steps.iter().map(|&s| id(s)).collect();
            circle.push(id(first));
            let mut diagnostic = Diagnostic::error(
                "flow-cycle",
                format!("the flow goes round in a circle: {}", circle.join(" → ")),
            )
            .at(
                file,
                link(first, last),
                format!("`{}` follows `{}`", id(first), id(last)),
            );
            for pair in steps.windows(2) {
                diagnostic = diagnostic.also(
                    file,
                    link(pair[1], pair[0]),
                    format!("`{}` follows `{}`", id(pair[1]), id(pair[0])),
                );
            }
            diagnostic.hint("a value stream runs one way, from request to delivery; work sent back shows in %C/A, not as a link back")
        }
        FlowProblem::SeveralEnds { ends, split } => {
            let names: Vec<String> = ends.iter().map(|&e| format!("\"{}\"", id(e))).collect();
            let mut diagnostic = Diagnostic::error(
                "never-joins",
                format!(
                    "the flow splits and never joins again: {} steps deliver to the customer",
                    ends.len()
                ),
            );
            diagnostic = match split {
                Some(split) => {
                    diagnostic.at(file, id_span(*split), "the flow splits after this step")
                }
                None => diagnostic.at(file, id_span(ends[0]), "delivers to the customer"),
            };
            for &end in ends.iter().skip(usize::from(split.is_none())) {
                diagnostic = diagnostic.also(file, id_span(end), "delivers to the customer");
            }
            diagnostic.hint(format!(
                "parallel branches meet again before the customer: the step where they join lists the last step of each, `after = [{}]`",
                names.join(", ")
            ))
        }
        FlowProblem::Crossing { step } => {
            let span = drafts
                .get(*step)
                .and_then(|d| d.after_span.clone())
                .unwrap_or_else(|| id_span(*step));
            Diagnostic::error(
                "crossing-branches",
                format!("branches cross at `{}`: it follows steps of branches that have not joined", id(*step)),
            )
            .at(file, span, "follows steps on different branches")
            .hint("parallel branches leave one step together and all meet at one step; make each step follow steps of its own branch, or the step where all branches join")
        }
    }
}
