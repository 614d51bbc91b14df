//! Exhaustive exploration: every answer to every question, depth first, each distinct
//! situation (see [`super::memo`]) explored once, into a graph of situations and moves.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value as Json;

use crate::engine::{Moment, State, Story};
use crate::scenario::model::QuestionKind;
use crate::scenario::{Scenario, SceneIx};

use super::answers::{Asked, MOST_OPTIONS_TO_SELECT};
use super::coverage::Seen;
use super::memo::Reads;
use super::{LEARNER, PlaytestError, quiet_bound};

/// The seed of every explored story: it only decides how options are shown, and a trap's
/// replay is typed after `dojo play PATH --plain --seed 0`.
pub(crate) const SEED: u64 = 0;

/// A situation the story can be in between two answers.
pub(crate) struct Node {
    pub scene: SceneIx,
    pub kind: Kind,
    pub moves: Vec<Move>,
    /// The move that first reached this node, from which node; `None` for the start.
    pub parent: Option<(usize, usize)>,
}

pub(crate) enum Kind {
    /// Waiting for an answer.
    Question,
    /// The story ended; index into [`Graph::endings`].
    Ending(usize),
    /// The question offers no option to choose.
    NoOptions,
    /// Scenes without questions lead into each other without end; the scenes met.
    Circling(Vec<SceneIx>),
}

/// One answer and where it leads.
pub(crate) struct Move {
    pub to: usize,
    /// The change to each competency's score, in the scenario's order.
    pub delta: Vec<i64>,
    /// The answer as typed in plain mode, options shown as with seed [`SEED`].
    pub line: String,
    /// The scenes entered on the way, in order, each once.
    pub through: Vec<SceneIx>,
}

pub(crate) struct Graph {
    pub nodes: Vec<Node>,
    /// Ending scenes reached, with the title of the first path to reach each.
    pub endings: Vec<(SceneIx, String)>,
    pub seen: Seen,
}

struct Explorer<'s> {
    scenario: &'s Scenario,
    reads: &'s Reads,
    limit: usize,
    quiet_bound: usize,
    graph: Graph,
    index: HashMap<String, usize>,
    /// Situations found but not yet explored, with their first-found state. Depth first keeps
    /// this to about the length of a path times its branching, where breadth first would hold
    /// most of the situations at once.
    pending: Vec<(usize, State)>,
}

/// Where walking on from an answer stopped.
enum Stop {
    Asking,
    Ended(String),
    Circling,
}

/// Explores every path, failing once more than `limit` situations are found.
pub(crate) fn explore<'s>(
    scenario: &'s Scenario,
    reads: &'s Reads,
    limit: usize,
) -> Result<Graph, PlaytestError> {
    let mut explorer = Explorer {
        scenario,
        reads,
        limit,
        quiet_bound: quiet_bound(scenario),
        graph: Graph {
            nodes: Vec::new(),
            endings: Vec::new(),
            seen: Seen::new(scenario),
        },
        index: HashMap::new(),
        pending: Vec::new(),
    };
    let mut story = Story::new(scenario, LEARNER, SEED).without_words();
    let (stop, through) = explorer.walk(&mut story);
    explorer.node(story, stop, through, None)?;
    while let Some((node, state)) = explorer.pending.pop() {
        explorer.expand(node, state)?;
    }
    Ok(explorer.graph)
}

impl<'s> Explorer<'s> {
    /// Tries every answer to the question `node` waits at, from its first-found state.
    fn expand(&mut self, node: usize, state: State) -> Result<(), PlaytestError> {
        let scene = self.graph.nodes[node].scene;
        let mut story = restore(self.scenario, state.clone());
        let Some(def) = self.scenario.scenes[scene].question.as_ref() else {
            self.graph.nodes[node].kind = Kind::NoOptions;
            return Ok(());
        };
        let expected = story.expected_number();
        let shown = story.options_shown();
        if def.kind == QuestionKind::Multiple && shown.len() > MOST_OPTIONS_TO_SELECT {
            return Err(PlaytestError::TooManySelections {
                scene: self.scenario.scenes[scene].id.clone(),
                options: shown.len(),
            });
        }
        let asked = Asked {
            def,
            shown,
            expected,
        };
        let picks = asked.every_pick(self.reads.reads_answer(&self.scenario.scenes[scene].id));
        if picks.is_empty() {
            self.graph.nodes[node].kind = Kind::NoOptions;
            return Ok(());
        }
        let before = self.scores(&state);
        for pick in picks {
            let mut next = restore(self.scenario, state.clone());
            next.answer(pick.answer(&asked), 0)
                .map_err(|error| PlaytestError::Refused {
                    scene: self.scenario.scenes[scene].id.clone(),
                    answer: pick.line(),
                    message: error.to_string(),
                })?;
            let (stop, through) = self.walk(&mut next);
            let delta = self
                .scores(next.state())
                .iter()
                .zip(&before)
                .map(|(after, before)| after - before)
                .collect();
            let from = (node, self.graph.nodes[node].moves.len());
            let to = self.node(next, stop, through.clone(), Some(from))?;
            self.graph.nodes[node].moves.push(Move {
                to,
                delta,
                line: pick.line(),
                through,
            });
        }
        Ok(())
    }

    /// The node for where a story stopped, made and queued if it is new.
    fn node(
        &mut self,
        mut story: Story<'_>,
        stop: Stop,
        through: Vec<SceneIx>,
        parent: Option<(usize, usize)>,
    ) -> Result<usize, PlaytestError> {
        let scene = story.scene_index();
        let key = match &stop {
            Stop::Asking => self.reads.key(story.state_mut()),
            // Nothing follows an ending: one node per ending scene, and the same for a scene
            // the story circles from, whatever the state.
            Stop::Ended(_) => format!("ended {scene}"),
            Stop::Circling => format!("circling {scene}"),
        };
        if let Some(&known) = self.index.get(&key) {
            return Ok(known);
        }
        if self.graph.nodes.len() >= self.limit {
            let why = growth(std::mem::take(&mut self.index).into_keys())
                .map_or_else(String::new, |(part, kinds)| {
                    format!(": they differ most in {part}, {kinds} ways so far")
                });
            return Err(PlaytestError::TooManyStates {
                limit: self.limit,
                why,
            });
        }
        let id = self.graph.nodes.len();
        let kind = match stop {
            Stop::Asking => {
                self.pending.push((id, story.state().clone()));
                Kind::Question
            }
            Stop::Ended(title) => {
                self.graph.endings.push((scene, title));
                Kind::Ending(self.graph.endings.len() - 1)
            }
            Stop::Circling => Kind::Circling(through),
        };
        self.index.insert(key, id);
        self.graph.nodes.push(Node {
            scene,
            kind,
            moves: Vec::new(),
            parent,
        });
        Ok(id)
    }

    /// Steps the story on to its next question or ending, marking the scenes it enters; returns
    /// where it stopped and the scenes it entered, each once.
    ///
    /// An ending scene counts as ended on entering it: what remains is narration, which changes
    /// nothing, and the results the engine would then compute (grades, map comparisons) are not
    /// needed here and cost more than the rest of the walk. An ending's retry offer is left
    /// untried too: going back puts the story in a situation already met on the way here, with
    /// its scores, so it can add no trap and no final score; the paths counted are those that
    /// never go back.
    fn walk(&mut self, story: &mut Story<'_>) -> (Stop, Vec<SceneIx>) {
        let mut quiet = 0;
        let mut met: Vec<SceneIx> = Vec::new();
        loop {
            match story.next_moment() {
                Moment::Question(_) => return (Stop::Asking, met),
                Moment::End => return (Stop::Ended(story.ending_title()), met),
                Moment::Scene(scene) => {
                    self.graph.seen.enter(scene);
                    if !met.contains(&scene) {
                        met.push(scene);
                    }
                    if self.scenario.scenes[scene].ending {
                        return (Stop::Ended(story.ending_title()), met);
                    }
                    quiet += 1;
                }
                _ => quiet += 1,
            }
            if quiet > self.quiet_bound {
                return (Stop::Circling, met);
            }
        }
    }

    fn scores(&self, state: &State) -> Vec<i64> {
        self.scenario
            .competencies
            .iter()
            .map(|c| state.scores.get(&c.id).copied().unwrap_or(0))
            .collect()
    }
}

/// A story standing exactly where `state` says, cursor and all (unlike `Story::resume`, which
/// replays the scene's heading). It keeps no words of answers, so pending states stay small
/// and cheap to copy.
fn restore(scenario: &Scenario, state: State) -> Story<'_> {
    let mut story = Story::new(scenario, LEARNER, SEED).without_words();
    *story.state_mut() = state;
    story
}

/// The part of the situations found that varies most, in words, and how many ways it varies:
/// why there are too many of them.
fn growth(keys: impl Iterator<Item = String>) -> Option<(String, usize)> {
    let mut kinds: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for key in keys {
        // Keys of endings and circling scenes are not JSON, and vary only by scene.
        let Ok(Json::Array(parts)) = serde_json::from_str::<Json>(&key) else {
            continue;
        };
        let mut parts = parts.into_iter();
        let (Some(Json::Object(fields)), Some(read)) = (parts.next(), parts.next()) else {
            continue;
        };
        let fields = fields
            .into_iter()
            .chain([("read_answers".to_string(), read)]);
        for (field, value) in fields {
            if field != "scene" && field != "cursor" {
                kinds.entry(field).or_default().insert(value.to_string());
            }
        }
    }
    let (field, values) = kinds.into_iter().max_by_key(|(_, values)| values.len())?;
    let part = match field.as_str() {
        "flags" => "the flags conditions read".to_string(),
        "scores" => "the scores conditions read".to_string(),
        "visits" => "the visits conditions count".to_string(),
        "read_answers" => "the answers conditions read".to_string(),
        "maps" => "the value-stream maps learners build".to_string(),
        other => format!("`{other}`"),
    };
    (values.len() > 1).then_some((part, values.len()))
}
