//! The scene graph of a loaded scenario and what can be proved about it: which scenes can be
//! reached, loops with no way out, the least and most each competency can total, which grade
//! bands can be reached, and drawings of the graph as DOT or Mermaid.
//!
//! Everything here is pure: it reads a [`Scenario`] and returns data or text. Every condition
//! (`when` of an option or route) is taken as possibly true, so what the analysis calls
//! unreachable truly is, and the bounds hold every real playthrough. All of it runs in time
//! near-linear in scenes + choices, with no recursion over the graph.

mod answer_type;
mod bounds;
mod dot;
mod drawing;
mod expr_text;
mod gains;
mod gains_table;
mod grades;
mod graph;
mod groups;
mod label;
mod layout;
mod longest;
mod mermaid;
mod reach;
mod report;
mod scc;
mod scenario_graph;
mod traps;

#[cfg(test)]
mod tests;

pub(crate) use answer_type::{Names, check_answer, name_kind};
pub(crate) use bounds::Bounds;
pub use dot::{outline_to_dot, to_dot};
pub(crate) use grades::GradeReach;
pub(crate) use graph::{EdgeKind, SceneGraph};
pub(crate) use label::scene_list;
pub(crate) use longest::Walks;
pub use mermaid::{outline_to_mermaid, to_mermaid};
pub(crate) use reach::Reach;
pub use report::{report_json, report_text};
pub(crate) use scc::Components;

use crate::scenario::{Scenario, SceneIx};

/// What the analysis found about one scenario.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub(crate) graph: SceneGraph,
    pub(crate) reach: Reach,
    pub(crate) components: Components,
    /// Per competency, in the scenario's order; `None` when no way reaches an ending.
    pub(crate) bounds: Option<Vec<Bounds>>,
    /// `None` when no way reaches an ending.
    pub(crate) grades: Option<GradeReach>,
    /// Components that are loops with no way out.
    pub traps: Vec<usize>,
    /// For each scene that cannot reach an ending, a loop without exit it leads into.
    pub trap_ahead: Vec<Option<usize>>,
}

impl Analysis {
    /// Analyses a scenario that loaded without errors.
    pub fn new(scenario: &Scenario) -> Analysis {
        Analysis::of_graph(
            SceneGraph::from_scenario(scenario),
            scenario.competencies.len(),
            &scenario.grades,
        )
    }

    /// Analyses a bare graph (tests build these directly).
    pub(crate) fn of_graph(
        graph: SceneGraph,
        competencies: usize,
        grades: &[crate::scenario::GradeDef],
    ) -> Analysis {
        let reach = Reach::new(&graph);
        let components = Components::new(&graph);
        let walks = Walks::new(&graph, &components, &reach, competencies);
        let bounds = bounds::bounds(&walks, &components, competencies);
        let grades = grades::grade_reach(&walks, grades);
        let traps = traps::loops_without_exit(&graph, &components);
        let trap_ahead = traps::trap_ahead(&graph, &components, &reach);
        Analysis {
            graph,
            reach,
            components,
            bounds,
            grades,
            traps,
            trap_ahead,
        }
    }

    /// Whether the start can reach the scene.
    pub(crate) fn reachable(&self, scene: SceneIx) -> bool {
        self.reach.from_start[scene]
    }
}
