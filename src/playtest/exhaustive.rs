//! Every distinct path through a scenario: how many end where, which scenes they reach, the
//! scores they can end with, and the traps no path leaves.
//!
//! A path is a sequence of answers from the start to an ending, where the answers to one
//! question are told apart as [`super::answers::Asked::every_pick`] says: each option, each
//! selection, and right or wrong for order, number and text questions. Paths are counted over
//! the graph of distinct situations, not walked one by one, so millions of them cost no more
//! than the situations they pass through.

use std::collections::VecDeque;

use serde::Serialize;

use crate::scenario::{Scenario, SceneIx};

use super::PlaytestError;
use super::coverage::Coverage;
use super::explore::{Graph, Kind, Node, explore};
use super::memo::Reads;

/// Traps listed in a report; more would bury the first, which is usually the cause.
const MOST_TRAPS: usize = 10;

#[derive(Debug, Clone, Serialize)]
pub struct ExhaustiveReport {
    /// Distinct situations explored.
    pub states: usize,
    /// What tells two situations in the same scene apart (`playtest/memo.rs` says why that is
    /// sound).
    pub memo: Vec<String>,
    pub paths: Paths,
    /// Endings reached, most paths first (in scenario order when paths can loop).
    pub endings: Vec<EndingPaths>,
    pub coverage: Coverage,
    /// Lowest and highest final score per competency over every path; `None` when paths
    /// can loop, since a loop may add up without end.
    pub scores: Option<Vec<ScoreRange>>,
    /// Places a learner can reach and never leave.
    pub traps: Vec<Trap>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Paths {
    /// Paths that end, counted; `u128::MAX` stands for that many or more.
    Counted { count: u128 },
    /// The story can go round `scenes` as often as a learner likes and still end afterwards.
    Unbounded { scenes: Vec<String> },
}

#[derive(Debug, Clone, Serialize)]
pub struct EndingPaths {
    pub scene: String,
    pub title: String,
    /// `None` when paths can loop.
    pub paths: Option<u128>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoreRange {
    pub competency: String,
    pub name: String,
    pub min: i64,
    pub max: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Trap {
    pub why: TrapKind,
    /// The scenes inside the trap.
    pub scenes: Vec<String>,
    /// Answers to type after `dojo play PATH --plain --seed 0` to walk into it.
    pub replay: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TrapKind {
    /// Every answer leads back round the same questions.
    NoWayOut,
    /// A question offers no option to choose.
    NoOptions { scene: String },
    /// Scenes without questions lead into each other without end.
    Circling,
}

/// Explores the whole scenario; fails when it has more than `limit` distinct situations.
pub fn exhaustive(scenario: &Scenario, limit: usize) -> Result<ExhaustiveReport, PlaytestError> {
    let reads = Reads::of(scenario);
    let graph = explore(scenario, &reads, limit)?;
    let ends = can_end(&graph.nodes);
    let order = reverse_topological(&graph.nodes, &ends);
    let id = |scene: SceneIx| scenario.scenes[scene].id.clone();
    let acyclic = order.len() == ends.iter().filter(|&&e| e).count();
    let (paths, mut endings, scores) = if acyclic {
        counted(scenario, &graph, &order, &ends)
    } else {
        let scenes = a_loop(&graph.nodes, &ends, &order)
            .into_iter()
            .map(id)
            .collect();
        let endings = graph
            .endings
            .iter()
            .map(|(scene, title)| EndingPaths {
                scene: id(*scene),
                title: title.clone(),
                paths: None,
            })
            .collect();
        (Paths::Unbounded { scenes }, endings, None)
    };
    endings.sort_by(|a, b| {
        let place = |e: &EndingPaths| scenario.scene_index(&e.scene);
        b.paths.cmp(&a.paths).then_with(|| place(a).cmp(&place(b)))
    });
    Ok(ExhaustiveReport {
        states: graph.nodes.len(),
        memo: reads.describe(),
        paths,
        endings,
        coverage: graph.seen.coverage(scenario),
        scores,
        traps: traps(scenario, &graph.nodes, &ends),
    })
}

/// Which nodes some path leads from to an ending.
fn can_end(nodes: &[Node]) -> Vec<bool> {
    let mut before: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (from, node) in nodes.iter().enumerate() {
        for step in &node.moves {
            before[step.to].push(from);
        }
    }
    let mut ends: Vec<bool> = nodes
        .iter()
        .map(|n| matches!(n.kind, Kind::Ending(_)))
        .collect();
    let mut queue: VecDeque<usize> = (0..nodes.len()).filter(|&n| ends[n]).collect();
    while let Some(node) = queue.pop_front() {
        for &from in &before[node] {
            if !ends[from] {
                ends[from] = true;
                queue.push_back(from);
            }
        }
    }
    ends
}

/// The nodes that can end, each after every node it leads to; fewer than all of them when
/// some go round in a loop.
fn reverse_topological(nodes: &[Node], ends: &[bool]) -> Vec<usize> {
    let mut before: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut waiting: Vec<usize> = vec![0; nodes.len()];
    for (from, node) in nodes.iter().enumerate().filter(|(n, _)| ends[*n]) {
        for step in node.moves.iter().filter(|m| ends[m.to]) {
            before[step.to].push(from);
            waiting[from] += 1;
        }
    }
    let mut ready: VecDeque<usize> = (0..nodes.len())
        .filter(|&n| ends[n] && waiting[n] == 0)
        .collect();
    let mut order = Vec::new();
    while let Some(node) = ready.pop_front() {
        order.push(node);
        for &from in &before[node] {
            waiting[from] -= 1;
            if waiting[from] == 0 {
                ready.push_back(from);
            }
        }
    }
    order
}

/// Path counts per ending and score ranges, from the endings back to the start.
fn counted(
    scenario: &Scenario,
    graph: &Graph,
    order: &[usize],
    ends: &[bool],
) -> (Paths, Vec<EndingPaths>, Option<Vec<ScoreRange>>) {
    let nodes = &graph.nodes;
    let competencies = scenario.competencies.len();
    let mut counts: Vec<Vec<u128>> = vec![Vec::new(); nodes.len()];
    let mut lows: Vec<Vec<i64>> = vec![Vec::new(); nodes.len()];
    let mut highs: Vec<Vec<i64>> = vec![Vec::new(); nodes.len()];
    for &node in order {
        let mut count = vec![0u128; graph.endings.len()];
        let (mut low, mut high) = (vec![i64::MAX; competencies], vec![i64::MIN; competencies]);
        if let Kind::Ending(ending) = nodes[node].kind {
            count[ending] = 1;
            low.fill(0);
            high.fill(0);
        }
        for step in nodes[node].moves.iter().filter(|m| ends[m.to]) {
            for (sum, add) in count.iter_mut().zip(&counts[step.to]) {
                *sum = sum.saturating_add(*add);
            }
            for c in 0..competencies {
                low[c] = low[c].min(lows[step.to][c].saturating_add(step.delta[c]));
                high[c] = high[c].max(highs[step.to][c].saturating_add(step.delta[c]));
            }
        }
        counts[node] = count;
        lows[node] = low;
        highs[node] = high;
    }
    // Node 0 is the start; it has no counts when no path from it ends.
    let start = counts.first().cloned().unwrap_or_default();
    let total = start.iter().fold(0u128, |sum, n| sum.saturating_add(*n));
    let endings = graph
        .endings
        .iter()
        .enumerate()
        .map(|(i, (scene, title))| EndingPaths {
            scene: scenario.scenes[*scene].id.clone(),
            title: title.clone(),
            paths: Some(start.get(i).copied().unwrap_or(0)),
        })
        .collect();
    let scores = (!start.is_empty()).then(|| {
        scenario
            .competencies
            .iter()
            .enumerate()
            .map(|(c, competency)| ScoreRange {
                competency: competency.id.clone(),
                name: competency.name.clone(),
                min: lows[0][c],
                max: highs[0][c],
            })
            .collect()
    });
    (Paths::Counted { count: total }, endings, scores)
}

/// The scenes of one loop among nodes that can end but were left out of the order: each of
/// those has a move to another of them, so following such moves must come round.
fn a_loop(nodes: &[Node], ends: &[bool], order: &[usize]) -> Vec<SceneIx> {
    let mut ordered = vec![false; nodes.len()];
    for &node in order {
        ordered[node] = true;
    }
    let looping = |n: usize| ends[n] && !ordered[n];
    let Some(mut node) = (0..nodes.len()).find(|&n| looping(n)) else {
        return Vec::new();
    };
    // Nodes in the order followed, each with the move taken from it.
    let mut path: Vec<(usize, usize)> = Vec::new();
    while !path.iter().any(|&(n, _)| n == node) {
        let Some(step) = nodes[node].moves.iter().position(|m| looping(m.to)) else {
            break;
        };
        path.push((node, step));
        node = nodes[node].moves[step].to;
    }
    let start = path.iter().position(|&(n, _)| n == node).unwrap_or(0);
    let mut scenes: Vec<SceneIx> = Vec::new();
    for &(n, step) in &path[start..] {
        let through = &nodes[n].moves[step].through;
        for &scene in std::iter::once(&nodes[n].scene).chain(through) {
            if !scenes.contains(&scene) {
                scenes.push(scene);
            }
        }
    }
    scenes
}

/// Each way into a part of the story with no way out, in the order exploration found them.
fn traps(scenario: &Scenario, nodes: &[Node], ends: &[bool]) -> Vec<Trap> {
    let id = |scene: SceneIx| scenario.scenes[scene].id.clone();
    let mut reported = vec![false; nodes.len()];
    let mut traps = Vec::new();
    for entry in 0..nodes.len() {
        let enters = !ends[entry] && nodes[entry].parent.is_none_or(|(from, _)| ends[from]);
        if !enters || reported[entry] || traps.len() == MOST_TRAPS {
            continue;
        }
        let mut region = vec![entry];
        reported[entry] = true;
        let mut next = 0;
        while next < region.len() {
            for step in &nodes[region[next]].moves {
                if !reported[step.to] {
                    reported[step.to] = true;
                    region.push(step.to);
                }
            }
            next += 1;
        }
        region.sort_unstable();
        let mut scenes: Vec<SceneIx> = Vec::new();
        let mut why = TrapKind::NoWayOut;
        for &node in &region {
            let mut met = vec![nodes[node].scene];
            match &nodes[node].kind {
                Kind::NoOptions => {
                    why = TrapKind::NoOptions {
                        scene: id(nodes[node].scene),
                    };
                }
                Kind::Circling(circled) => {
                    why = TrapKind::Circling;
                    met.clone_from(circled);
                }
                _ => {}
            }
            let onward = nodes[node].moves.iter().flat_map(|m| &m.through);
            for &scene in met.iter().chain(onward) {
                if !scenes.contains(&scene) {
                    scenes.push(scene);
                }
            }
        }
        traps.push(Trap {
            why,
            scenes: scenes.into_iter().map(id).collect(),
            replay: replay(nodes, entry),
        });
    }
    traps
}

/// The answers along the moves that first reached `node`.
fn replay(nodes: &[Node], mut node: usize) -> Vec<String> {
    let mut lines = Vec::new();
    while let Some((from, step)) = nodes[node].parent {
        lines.push(nodes[from].moves[step].line.clone());
        node = from;
    }
    lines.reverse();
    lines
}
