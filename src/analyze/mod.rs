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

pub use answer_type::{Names, Uncomputable, check_answer, name_kind};
pub use bounds::{Bounds, Limit};
pub use dot::to_dot;
pub use expr_text::{expr_text, template_text};
pub use gains::{Gains, Interval, best_answer};
pub use grades::GradeReach;
pub use graph::{Edge, EdgeKind, Link, SceneGraph};
pub use groups::Groups;
pub use label::scene_list;
pub use layout::Step;
pub use longest::{Longest, Walks};
pub use mermaid::to_mermaid;
pub use reach::Reach;
pub use report::{report_json, report_text};
pub use scc::Components;

use crate::scenario::{Scenario, SceneIx};

/// What the analysis found about one scenario.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub graph: SceneGraph,
    pub reach: Reach,
    pub components: Components,
    /// Per competency, in the scenario's order; `None` when no way reaches an ending.
    pub bounds: Option<Vec<Bounds>>,
    /// `None` when no way reaches an ending.
    pub grades: Option<GradeReach>,
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
    pub fn of_graph(
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
    pub fn reachable(&self, scene: SceneIx) -> bool {
        self.reach.from_start[scene]
    }
}
