//! The analysis on graphs built by hand (reachability, components, bounds, grades, a chain of
//! 100,000 scenes), and against the engine itself on the fixture scenarios.

use std::path::Path;

use crate::diagnostic::{FileId, Location};
use crate::engine::{Answer, Step, Story};
use crate::scenario::model::QuestionKind;
use crate::scenario::{FLAGSHIP, Folder, GradeDef, Scenario, ScenarioFiles, load};

use super::bounds::Limit;
use super::gains::{Gains, Interval, best_answer};
use super::graph::Edge;
use super::*;

/// An edge adding `gain` to the one competency; `best` is its question's attainable score.
fn edge(from: usize, to: usize, gain: i64, best: i64) -> Edge {
    Edge {
        from,
        to,
        kind: EdgeKind::Next,
        gains: Gains {
            scores: vec![Interval::exactly(gain)],
            total: Interval::exactly(gain),
            best,
        },
    }
}

fn graph(scenes: usize, endings: &[usize], edges: Vec<Edge>) -> SceneGraph {
    let mut ending = vec![false; scenes];
    for &e in endings {
        ending[e] = true;
    }
    SceneGraph::new(0, ending, edges)
}

fn grade(min: u32) -> GradeDef {
    GradeDef {
        min,
        name: format!("from {min}"),
        message: String::new(),
        location: Location {
            file: FileId(0),
            span: 0..0,
        },
    }
}

fn analysis(graph: SceneGraph) -> Analysis {
    Analysis::of_graph(graph, 1, &[grade(0)])
}

fn range(analysis: &Analysis) -> (Limit, Limit) {
    let bounds = &analysis.bounds.as_ref().expect("an ending is reachable")[0];
    (bounds.min.clone(), bounds.max.clone())
}

#[test]
fn reachability_dead_ends_and_loops_without_exit() {
    // 0 → 1 → 2 (ending); 0 → 3 ⇄ 4 (a trap); 5 → 2 (never reached); 0 → 6 (dead end).
    let g = graph(
        7,
        &[2],
        vec![
            edge(0, 1, 0, 0),
            edge(1, 2, 0, 0),
            edge(0, 3, 0, 0),
            edge(3, 4, 0, 0),
            edge(4, 3, 0, 0),
            edge(5, 2, 0, 0),
            edge(0, 6, 0, 0),
        ],
    );
    let a = analysis(g);
    assert_eq!(
        a.reach.from_start,
        [true, true, true, true, true, false, true]
    );
    assert_eq!(
        a.reach.to_ending,
        [true, true, true, false, false, true, false]
    );
    let trap = a.components.of[3];
    assert_eq!(a.components.members[trap], [3, 4]);
    assert_eq!(a.traps, [trap]);
    assert_eq!(a.trap_ahead[3], Some(trap));
    // The dead end is no loop: nothing is ahead of it.
    assert_eq!(a.trap_ahead[6], None);
    assert_eq!(a.trap_ahead[0], None);
}

#[test]
fn components_are_in_topological_order() {
    // 0 → {1, 2} loop → 3; 0 → 3.
    let g = graph(
        4,
        &[3],
        vec![
            edge(0, 1, 0, 0),
            edge(1, 2, 0, 0),
            edge(2, 1, 0, 0),
            edge(2, 3, 0, 0),
            edge(0, 3, 0, 0),
        ],
    );
    let c = Components::new(&g);
    assert_eq!(c.members.len(), 3);
    for e in g.edges() {
        assert!(c.of[e.from] <= c.of[e.to], "{e:?} goes backwards");
    }
    assert!(c.is_loop(&g, c.of[1]));
    assert!(!c.is_loop(&g, c.of[0]));
    assert!(c.has_exit(&g, c.of[1]));
}

#[test]
fn bounds_over_a_diamond_take_the_best_and_worst_branch() {
    // 0 → 1 (+2) → 3 (+1); 0 → 2 (−1) → 3 (+5).
    let g = graph(
        4,
        &[3],
        vec![
            edge(0, 1, 2, 0),
            edge(0, 2, -1, 0),
            edge(1, 3, 1, 0),
            edge(2, 3, 5, 0),
        ],
    );
    assert_eq!(range(&analysis(g)), (Limit::Finite(3), Limit::Finite(4)));
}

#[test]
fn a_loop_that_only_loses_bounds_the_maximum_but_not_the_minimum() {
    // 0 → 1 → 2 (−1) → 1 again, or 2 → 3 (+3).
    let g = graph(
        4,
        &[3],
        vec![
            edge(0, 1, 0, 0),
            edge(1, 2, -1, 0),
            edge(2, 1, 0, 0),
            edge(2, 3, 3, 0),
        ],
    );
    let a = analysis(g);
    let (min, max) = range(&a);
    assert_eq!(max, Limit::Finite(2));
    assert_eq!(min, Limit::Unbounded(vec![1, 2]));
}

#[test]
fn a_loop_that_gains_leaves_the_maximum_unbounded() {
    let g = graph(
        4,
        &[3],
        vec![
            edge(0, 1, 0, 0),
            edge(1, 2, 1, 0),
            edge(2, 1, 0, 0),
            edge(2, 3, 0, 0),
        ],
    );
    let (min, max) = range(&analysis(g));
    assert_eq!(min, Limit::Finite(1));
    assert_eq!(max, Limit::Unbounded(vec![1, 2]));
}

#[test]
fn a_loop_of_gains_and_losses_is_weighed_lap_by_lap() {
    // A lap gains 2 then loses 3: no lap pays, so the maximum is one pass through the gain.
    let g = graph(
        4,
        &[3],
        vec![
            edge(0, 1, 0, 0),
            edge(1, 2, 2, 0),
            edge(2, 1, -3, 0),
            edge(2, 3, 0, 0),
        ],
    );
    let (min, max) = range(&analysis(g));
    assert_eq!(max, Limit::Finite(2));
    assert_eq!(min, Limit::Unbounded(vec![1, 2]));
    // A lap that gains 3 and loses 1 pays.
    let g = graph(
        4,
        &[3],
        vec![
            edge(0, 1, 0, 0),
            edge(1, 2, 3, 0),
            edge(2, 1, -1, 0),
            edge(2, 3, 0, 0),
        ],
    );
    let (min, max) = range(&analysis(g));
    assert_eq!(min, Limit::Finite(3));
    assert_eq!(max, Limit::Unbounded(vec![1, 2]));
}

#[test]
fn walks_that_never_finish_do_not_count() {
    // The +10 branch leads only into a trap.
    let g = graph(
        4,
        &[1],
        vec![
            edge(0, 1, 1, 0),
            edge(0, 2, 10, 0),
            edge(2, 3, 0, 0),
            edge(3, 2, 5, 0),
        ],
    );
    assert_eq!(range(&analysis(g)), (Limit::Finite(1), Limit::Finite(1)));
}

#[test]
fn no_ending_means_no_bounds_and_no_grades() {
    let g = graph(2, &[], vec![edge(0, 1, 0, 0), edge(1, 0, 0, 0)]);
    let a = analysis(g);
    assert_eq!(a.bounds, None);
    assert_eq!(a.grades, None);
}

#[test]
fn a_chain_of_100000_scenes_and_a_loop_as_long_are_analysed_without_recursion() {
    const N: usize = 100_000;
    let chain: Vec<Edge> = (0..N - 1).map(|v| edge(v, v + 1, 1, 1)).collect();
    let a = analysis(graph(N, &[N - 1], chain));
    assert!(a.reach.from_start.iter().all(|r| *r));
    assert!(a.reach.to_ending.iter().all(|r| *r));
    assert_eq!(a.components.members.len(), N);
    let top = i64::try_from(N - 1).unwrap();
    assert_eq!(range(&a), (Limit::Finite(top), Limit::Finite(top)));
    // One loop through every scene, left from the last one: one component, deep DFS.
    let mut ring: Vec<Edge> = (0..N - 1).map(|v| edge(v, v + 1, -1, 0)).collect();
    ring.push(edge(N - 1, 0, 0, 0));
    ring.push(edge(N - 1, N, 0, 0));
    let a = analysis(graph(N + 1, &[N], ring));
    assert_eq!(a.components.members.len(), 2);
    let (min, max) = range(&a);
    assert_eq!(max, Limit::Finite(-top));
    assert!(matches!(min, Limit::Unbounded(scenes) if scenes.len() == N));
}

#[test]
fn grade_bands_outside_the_reachable_percents_are_unreachable() {
    // One question worth 2, answered for 2 (100%) or 1 (50%): below 50% cannot happen.
    let g = graph(2, &[1], vec![edge(0, 1, 2, 2), edge(0, 1, 1, 2)]);
    let a = Analysis::of_graph(g, 1, &[grade(80), grade(60), grade(50), grade(0)]);
    let grades = a.grades.expect("an ending is reachable");
    assert_eq!((grades.lowest, grades.highest), (50, 100));
    // 60% to 79% lies between two reachable percents: the method keeps only the range, so it
    // calls the band reachable (sound, not exact).
    assert_eq!(grades.bands, [true, true, true, false]);
    // Two questions in a row, each for 2 or 0: 0%, 50% or 100%; nothing reaches 101%.
    let g = graph(
        3,
        &[2],
        vec![
            edge(0, 1, 2, 2),
            edge(0, 1, 0, 2),
            edge(1, 2, 2, 2),
            edge(1, 2, 0, 2),
        ],
    );
    let a = Analysis::of_graph(g, 1, &[grade(100), grade(50), grade(0)]);
    let grades = a.grades.unwrap();
    assert_eq!((grades.lowest, grades.highest), (0, 100));
    assert_eq!(grades.bands, [true, true, true]);
    // At most 1 of 2 on the only question: 50% at best.
    let g = graph(2, &[1], vec![edge(0, 1, 1, 2), edge(0, 1, 0, 2)]);
    let a = Analysis::of_graph(g, 1, &[grade(51), grade(50), grade(0)]);
    let grades = a.grades.unwrap();
    assert_eq!((grades.lowest, grades.highest), (0, 50));
    assert_eq!(grades.bands, [false, true, true]);
}

#[test]
fn a_way_with_nothing_to_score_ends_at_100_percent() {
    // Losing points on a question worth nothing still ends at 100% (the engine's rule).
    let g = graph(2, &[1], vec![edge(0, 1, -1, 0)]);
    let a = Analysis::of_graph(g, 1, &[grade(90), grade(0)]);
    assert!(a.grades.unwrap().bands[0]);
}

fn fixture(path: &str) -> Scenario {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    scenario_of(&Folder::new(root))
}

fn scenario_of(files: &dyn ScenarioFiles) -> Scenario {
    let loaded = load(files).expect("readable");
    let name = files.display_name("");
    loaded
        .scenario
        .unwrap_or_else(|| panic!("{name} loads without errors (see `dojo check`)"))
}

/// A small deterministic generator, so the runs are the same on every machine.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % sides.max(1) as u64).unwrap_or(0)
    }
}

fn random_answer(
    scenario: &Scenario,
    view: &crate::engine::QuestionView,
    dice: &mut Dice,
) -> Answer {
    let ids: Vec<String> = view.options.iter().map(|o| o.id.clone()).collect();
    match view.kind {
        QuestionKind::Single => Answer::Choice(ids[dice.roll(ids.len())].clone()),
        QuestionKind::Multiple => {
            let mut chosen: Vec<String> =
                ids.iter().filter(|_| dice.roll(2) == 0).cloned().collect();
            if chosen.is_empty() {
                chosen.push(ids[dice.roll(ids.len())].clone());
            }
            Answer::Choices(chosen)
        }
        QuestionKind::Order => {
            let scene = scenario.scene_index(&view.scene).expect("the scene exists");
            let mut right: Vec<String> = scenario.scenes[scene]
                .question
                .as_ref()
                .map(|q| q.options.iter().map(|o| o.id.clone()).collect())
                .unwrap_or_default();
            if dice.roll(2) == 0 {
                right.reverse();
            }
            Answer::Order(right)
        }
        QuestionKind::Number => {
            Answer::Number([0.0, 1.0, 3.0, 5.0, 25.0, 50.0, 75.0, 106.0][dice.roll(8)])
        }
        QuestionKind::Text => Answer::Text(["test", "queues", "no idea"][dice.roll(3)].into()),
    }
}

/// Random playthroughs through the real engine end within the bounds, at a percent the
/// analysis allows, in a band it calls reachable; and its maximum is the analysis's sum of
/// `best_answer` over the questions met.
#[test]
fn the_engine_agrees_with_the_analysis() {
    let scenarios = [
        fixture("tests/fixtures/scenarios/code-review"),
        fixture("tests/fixtures/check/good"),
        scenario_of(&FLAGSHIP),
    ];
    for scenario in &scenarios {
        let analysis = Analysis::new(scenario);
        let bounds = analysis.bounds.as_ref().expect("an ending is reachable");
        let grades = analysis.grades.as_ref().expect("an ending is reachable");
        for run in 0..200 {
            let mut dice = Dice(0x9e37_79b9_7f4a_7c15 ^ (run + 1));
            let mut story = Story::new(scenario, "Tester", run);
            let mut results = None;
            for _ in 0..10_000 {
                match story.next() {
                    Step::Question(view) => {
                        // Some questions refuse some answers (a percent above 100): roll again.
                        let taken = (0..50).any(|_| {
                            let answer = random_answer(scenario, &view, &mut dice);
                            story.answer(answer, 0).is_ok()
                        });
                        assert!(taken, "no answer taken for {}", view.scene);
                    }
                    Step::End(end) => {
                        results = Some(end);
                        break;
                    }
                    _ => {}
                }
            }
            let results = results.expect("the run ends");
            let met: i64 = results
                .questions
                .iter()
                .filter_map(|q| scenario.scene_index(&q.scene))
                .filter_map(|s| scenario.scenes[s].question.as_ref())
                .map(|q| best_answer(q, scenario.competencies.len()))
                .sum();
            assert_eq!(met, results.max, "{}: run {run}", scenario.meta.id);
            for (competency, bounds) in results.competencies.iter().zip(bounds) {
                if let Limit::Finite(min) = bounds.min {
                    assert!(
                        competency.score >= min,
                        "{}: {competency:?}",
                        scenario.meta.id
                    );
                }
                if let Limit::Finite(max) = bounds.max {
                    assert!(
                        competency.score <= max,
                        "{}: {competency:?}",
                        scenario.meta.id
                    );
                }
            }
            assert!(
                (grades.lowest..=grades.highest).contains(&results.percent),
                "{}: {}%",
                scenario.meta.id,
                results.percent
            );
            let band = scenario
                .grades
                .iter()
                .position(|g| results.percent >= g.min)
                .expect("a band starts at 0");
            assert!(grades.bands[band], "{}: band {band}", scenario.meta.id);
        }
    }
}
