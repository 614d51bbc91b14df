//! A scenario after loading: ids resolved to indices, text parsed into templates, ready to play.

use std::collections::HashMap;
use std::sync::Arc;

use crate::diagnostic::Location;
use crate::expr::{Expr, Template};

use super::colour::Colour;
use super::model::{FlagValue, Level, QuestionKind, RetryFrom};

/// Index of a scene in [`Scenario::scenes`].
pub type SceneIx = usize;

#[derive(Debug, Clone)]
pub struct Scenario {
    pub meta: Meta,
    pub(crate) start: SceneIx,
    pub(crate) characters: Vec<CharacterDef>,
    pub(crate) competencies: Vec<CompetencyDef>,
    /// Highest band first.
    pub(crate) grades: Vec<GradeDef>,
    pub(crate) scenes: Vec<SceneDef>,
    /// Changes whenever any source file changes; a save made against other text is detected.
    pub fingerprint: String,
    pub(crate) maps: Vec<MapDef>,
    pub(crate) workbenches: Vec<WorkbenchDef>,
    pub(super) scene_ids: HashMap<String, SceneIx>,
    pub(super) competency_ids: HashMap<String, usize>,
    /// Every flag a scene sets or reads, sorted: what an author may preset with `--set`.
    pub(crate) flags: Vec<String>,
    /// Whether an ending retries from the last choice, so the story keeps the state before
    /// each answer; scenarios without one pay nothing for it.
    pub(crate) retries_from_choice: bool,
}

#[derive(Debug, Clone)]
pub struct Meta {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub minutes: u32,
    /// The pass mark, a percentage of the attainable score, when the scenario sets one.
    pub pass: Option<u32>,
    pub level: Level,
    pub objectives: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct CharacterDef {
    /// Shared, not copied, with every line the character speaks.
    pub id: Arc<str>,
    pub name: Arc<str>,
    pub role: Arc<str>,
    pub colour: Colour,
    /// Lines of ASCII art, when the author gave one.
    pub portrait: Option<Arc<str>>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub(crate) struct CompetencyDef {
    pub id: String,
    pub name: String,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub(crate) struct GradeDef {
    pub min: u32,
    pub name: String,
    pub message: String,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub(crate) struct SceneDef {
    pub id: String,
    pub(crate) title: Option<Template>,
    pub(crate) beats: Vec<Beat>,
    pub question: Option<QuestionDef>,
    pub(crate) routes: Vec<RouteDef>,
    pub next: Option<SceneIx>,
    pub ending: bool,
    pub(crate) show_map: Option<MapRef>,
    /// Entering this scene keeps the state for an ending's `retry = "checkpoint"`.
    pub(crate) checkpoint: bool,
    /// An ending's offer to try again, with where it goes back to.
    pub(crate) retry: Option<RetryOffer>,
    pub(crate) location: Location,
}

/// What an ending with `retry` asks: a single-choice question of two options, `retry` and
/// `end`, so every driver (front ends, replays, playtests) handles it as any other question.
#[derive(Debug, Clone)]
pub(crate) struct RetryOffer {
    pub from: RetryFrom,
    pub question: QuestionDef,
}

/// The option of a retry offer that goes back.
pub(crate) const RETRY_OPTION: &str = "retry";
/// The option of a retry offer that ends the story here.
pub(crate) const END_OPTION: &str = "end";

/// One thing shown in order before a scene's question.
#[derive(Debug, Clone)]
pub(crate) enum Beat {
    Narration(Template),
    Line { speaker: usize, text: Template },
}

#[derive(Debug, Clone)]
pub(crate) struct RouteDef {
    pub when: Expr,
    pub goto: SceneIx,
}

#[derive(Debug, Clone)]
pub(crate) struct QuestionDef {
    pub kind: QuestionKind,
    pub(crate) build: Option<Build>,
    /// Groups of option indices that may come in any order among themselves: the parallel
    /// steps of the map an order question builds.
    pub interchangeable: Vec<Vec<usize>>,
    pub(crate) prompt: Template,
    pub shuffle: bool,
    pub options: Vec<OptionDef>,
    /// The expected value of a number question.
    pub(crate) answer: Option<Expr>,
    /// Where `answer` is written, for lints about it.
    pub(crate) answer_location: Option<Location>,
    pub tolerance: f64,
    pub unit: Option<String>,
    /// Words a text answer is right to contain; empty means any answer is taken as right.
    pub expect: Vec<String>,
    /// Words that make a text answer wrong, checked before `expect`, each group with its feedback.
    pub(crate) rejects: Vec<RejectDef>,
    pub(crate) right: Option<OutcomeDef>,
    pub(crate) wrong: Option<OutcomeDef>,
    /// The `[scene.question]` header.
    pub(crate) location: Location,
}

impl QuestionDef {
    /// The most one answer to each competency. A branching story is graded
    /// on the questions the learner met, and one answer is one choice: the maximum is the best single
    /// option (or best selection, or the better outcome) as a whole, never a mix of several.
    pub(crate) fn best_answer(&self, competencies: usize) -> Vec<i64> {
        let gains = |effects: &Effects| {
            let mut gains = vec![0; competencies];
            for (competency, delta) in &effects.score {
                gains[*competency] += delta;
            }
            gains
        };
        let best_of = |candidates: Vec<Vec<i64>>| {
            candidates
                .into_iter()
                .max_by_key(|gains| gains.iter().sum::<i64>())
                .unwrap_or_else(|| vec![0; competencies])
        };
        let best = match self.kind {
            QuestionKind::Single => {
                best_of(self.options.iter().map(|o| gains(&o.effects)).collect())
            }
            QuestionKind::Multiple => {
                let mut total = vec![0; competencies];
                for option in &self.options {
                    let option_gains = gains(&option.effects);
                    if option_gains.iter().sum::<i64>() > 0 {
                        for (sum, gain) in total.iter_mut().zip(option_gains) {
                            *sum += gain;
                        }
                    }
                }
                total
            }
            _ => best_of(
                [&self.right, &self.wrong]
                    .into_iter()
                    .flatten()
                    .map(|o| gains(&o.effects))
                    .collect(),
            ),
        };
        best.into_iter().map(|gain| gain.max(0)).collect()
    }

    /// Whether the question has a right answer at all, so results can say right or wrong.
    pub(crate) fn is_graded(&self) -> bool {
        match self.kind {
            QuestionKind::Single | QuestionKind::Multiple => {
                self.options.iter().any(|option| option.correct)
            }
            QuestionKind::Number | QuestionKind::Order => true,
            QuestionKind::Text => !self.expect.is_empty() || !self.rejects.is_empty(),
        }
    }
}

/// Words or phrases that make a text answer wrong, matched as whole words, lowercase.
#[derive(Debug, Clone)]
pub(crate) struct RejectDef {
    pub words: Vec<String>,
    pub feedback: Template,
}

impl RejectDef {
    /// Whether `lower` (an answer in lowercase) holds one of the words as a whole word.
    pub(crate) fn matches(&self, lower: &str) -> bool {
        self.words.iter().any(|word| holds_word(lower, word))
    }
}

/// Whether `phrase` occurs in `text` with no letter or digit right before or after it.
fn holds_word(text: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return false;
    }
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[derive(Debug, Clone)]
pub(crate) struct OptionDef {
    pub id: String,
    pub(crate) text: Template,
    pub(crate) feedback: Option<Template>,
    pub correct: bool,
    pub(crate) effects: Effects,
    pub(crate) when: Option<Expr>,
}

#[derive(Debug, Clone)]
pub(crate) struct OutcomeDef {
    pub feedback: Template,
    pub effects: Effects,
}

/// What choosing an option or reaching an outcome does to the session.
#[derive(Debug, Clone, Default)]
pub(crate) struct Effects {
    /// Competency index and change.
    pub score: Vec<(usize, i64)>,
    pub set: Vec<(String, FlagValue)>,
    pub goto: Option<SceneIx>,
}

impl Scenario {
    /// How many scenes the scenario has.
    pub fn scene_count(&self) -> usize {
        self.scenes.len()
    }
    /// Looked up on every step the engine takes, so by hash rather than by scanning.
    pub fn scene_index(&self, id: &str) -> Option<SceneIx> {
        self.scene_ids.get(id).copied()
    }

    pub(crate) fn competency_index(&self, id: &str) -> Option<usize> {
        self.competency_ids.get(id).copied()
    }

    /// A reference map or a workbench by id.
    pub(crate) fn map_ref(&self, id: &str) -> Option<MapRef> {
        self.maps
            .iter()
            .position(|m| m.id == id)
            .map(MapRef::Reference)
            .or_else(|| {
                self.workbenches
                    .iter()
                    .position(|w| w.id == id)
                    .map(MapRef::Workbench)
            })
    }
}

/// A reference value-stream map and its figures, computed once at load.
#[derive(Debug, Clone)]
pub(crate) struct MapDef {
    pub id: String,
    pub map: crate::vsm::Map,
    pub metrics: crate::vsm::Metrics,
}

/// A map the learner builds, step by step, against a reference map.
#[derive(Debug, Clone)]
pub(crate) struct WorkbenchDef {
    pub id: String,
    pub title: String,
    /// Index into [`Scenario::maps`].
    pub reference: usize,
    /// Index into [`Scenario::maps`] of the map that fills in what the learner has not given;
    /// every step of the reference has its LT, PT, %C/A and queue there.
    pub fill_from: Option<usize>,
}

/// A map a scene shows or an expression reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MapRef {
    Reference(usize),
    Workbench(usize),
}

/// What a question's answer writes into a workbench map.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Build {
    /// The order of the steps: an order question over step ids.
    Order { bench: usize },
    /// The steps that run side by side: a multiple question over step ids.
    Parallel { bench: usize },
    /// Where the reference queue in front of step `queue` goes: a single question over step ids.
    Queue { bench: usize, queue: String },
    /// A step's figure from a number question, read in `unit`.
    Figure {
        bench: usize,
        step: String,
        field: Field,
        unit: FigureUnit,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Field {
    Lt,
    Pt,
    Ca,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FigureUnit {
    Time(crate::vsm::Unit),
    Percent,
}

#[cfg(test)]
mod tests {
    use super::holds_word;

    #[test]
    fn reject_words_match_whole_words_only() {
        assert!(holds_word("dan writes buggy code", "dan"));
        assert!(holds_word("it was dan's change", "dan"));
        assert!(holds_word("the dev team, again", "dev team"));
        assert!(!holds_word("redundant checks abound", "dan"));
        assert!(!holds_word("danger everywhere", "dan"));
        assert!(!holds_word("anything", ""));
    }
}
