//! Lints over the scene graph: scenes and endings no way reaches, scenes from which no ending
//! can be reached, and loops with no way out.

use crate::analyze::{Analysis, scene_list};
use crate::diagnostic::Diagnostic;
use crate::scenario::{Scenario, SceneIx};

use super::codes::{
    CYCLE_WITHOUT_EXIT, NO_ENDING_REACHABLE, UNREACHABLE_ENDING, UNREACHABLE_SCENE,
};
use super::diagnostic;

pub(crate) fn lint(scenario: &Scenario, analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    // One scene that leads to each scene, to say where an unreachable scene is entered from.
    let mut entered_from: Vec<Option<SceneIx>> = vec![None; scenario.scenes.len()];
    for edge in analysis.graph.edges() {
        if edge.from != edge.to {
            entered_from[edge.to].get_or_insert(edge.from);
        }
    }
    for (index, scene) in scenario.scenes.iter().enumerate() {
        if analysis.reachable(index) {
            continue;
        }
        let (code, what) = if scene.ending {
            (UNREACHABLE_ENDING, "ending")
        } else {
            (UNREACHABLE_SCENE, "scene")
        };
        let hint = match entered_from[index] {
            Some(from) => format!(
                "`{}` leads here, but it cannot be reached either; follow the way back to a scene the learner plays",
                scenario.scenes[from].id
            ),
            None => format!(
                "nothing leads here: name `{}` in a `next`, a route or a `goto` of a scene the learner plays, or remove it",
                scene.id
            ),
        };
        out.push(
            diagnostic(
                code,
                format!("{what} `{}` can never be reached", scene.id),
                &scene.location,
                format!(
                    "no way leads here from the start scene `{}`",
                    scenario.scenes[scenario.start].id
                ),
            )
            .hint(hint),
        );
    }
    let mut trapped = vec![false; analysis.components.members.len()];
    for &trap in &analysis.traps {
        trapped[trap] = true;
    }
    let in_trap = |v: SceneIx| trapped[analysis.components.of[v]];
    for (index, scene) in scenario.scenes.iter().enumerate() {
        if scene.ending || analysis.reach.to_ending[index] || in_trap(index) {
            continue;
        }
        let hint = match analysis.trap_ahead[index] {
            Some(trap) => format!(
                "every way on from here leads into the loop through {}, which has no way out",
                scene_list(scenario, &analysis.components.members[trap])
            ),
            None => "every way on from here ends at a scene with no way on".to_string(),
        };
        out.push(
            diagnostic(
                NO_ENDING_REACHABLE,
                format!("no ending can be reached from scene `{}`", scene.id),
                &scene.location,
                "a learner who gets here can never finish",
            )
            .hint(hint),
        );
    }
    for &trap in &analysis.traps {
        let members = &analysis.components.members[trap];
        let Some((&first, rest)) = members.split_first() else {
            continue;
        };
        let message = if rest.is_empty() {
            format!(
                "scene `{}` leads only back to itself",
                scenario.scenes[first].id
            )
        } else {
            format!(
                "scenes {} lead only to one another",
                scene_list(scenario, members)
            )
        };
        let mut found = diagnostic(
            CYCLE_WITHOUT_EXIT,
            message,
            &scenario.scenes[first].location,
            "this loop has no way out",
        );
        for &other in rest {
            let location = &scenario.scenes[other].location;
            found = found.also(location.file, location.span.clone(), "part of the loop");
        }
        out.push(found.hint(
            "a learner who gets into this loop can never finish: give one of its scenes a `goto`, route or `next` to a scene outside it",
        ));
    }
}
