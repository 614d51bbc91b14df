//! Lints on retries: an ending that offers to go back, with nothing before it to go back to.

use crate::analyze::Analysis;
use crate::diagnostic::Diagnostic;
use crate::scenario::model::RetryFrom;
use crate::scenario::{Scenario, SceneIx};

use super::codes::RETRY_WITHOUT_CHECKPOINT;
use super::diagnostic;

pub(crate) fn lint(scenario: &Scenario, analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    let offering: Vec<(SceneIx, RetryFrom)> = (scenario.scenes.iter().enumerate())
        .filter_map(|(index, scene)| Some((index, scene.retry.as_ref()?.from)))
        .collect();
    if offering.is_empty() {
        return;
    }
    // Edges backwards, once, for a search from each ending that offers a retry.
    let mut sources: Vec<Vec<SceneIx>> = vec![Vec::new(); scenario.scenes.len()];
    for edge in analysis.graph.edges() {
        sources[edge.to].push(edge.from);
    }
    for (ending, from) in offering {
        let fits = |index: SceneIx| {
            let scene = &scenario.scenes[index];
            match from {
                RetryFrom::Checkpoint => scene.checkpoint,
                RetryFrom::Choice => scene.question.is_some(),
            }
        };
        if before(&sources, ending).into_iter().any(fits) {
            continue;
        }
        let scene = &scenario.scenes[ending];
        let (message, hint) = match from {
            RetryFrom::Checkpoint => (
                format!(
                    "no checkpoint comes before ending `{}`, so its retry is never offered",
                    scene.id
                ),
                "mark a scene on the way here with `checkpoint = true`, or write `retry = \"choice\"` to go back to the last question answered",
            ),
            RetryFrom::Choice => (
                format!(
                    "no question comes before ending `{}`, so its retry is never offered",
                    scene.id
                ),
                "a retry from the choice needs a question on the way here; mark a scene with `checkpoint = true` and write `retry = \"checkpoint\"`, or remove `retry`",
            ),
        };
        out.push(
            diagnostic(
                RETRY_WITHOUT_CHECKPOINT,
                message,
                &scene.location,
                "this ending offers a retry",
            )
            .hint(hint),
        );
    }
}

/// Every scene some way leads from to `to`, `to` itself left out unless it is on a loop.
fn before(sources: &[Vec<SceneIx>], to: SceneIx) -> Vec<SceneIx> {
    let mut seen = vec![false; sources.len()];
    let mut stack = vec![to];
    let mut found = Vec::new();
    while let Some(at) = stack.pop() {
        for &from in &sources[at] {
            if !seen[from] {
                seen[from] = true;
                found.push(from);
                stack.push(from);
            }
        }
    }
    found
}
