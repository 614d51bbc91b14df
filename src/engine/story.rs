//! The pull-based story: ask for the next step, hand in answers.

use std::cell::Cell;
use std::collections::BTreeMap;

use crate::expr::Expr;
use crate::scenario::model::QuestionKind;
use crate::scenario::{Beat, MapRef, Scenario, SceneDef, SceneIx, clean};

use super::env::SessionEnv;
use super::grading::judge;
use super::results::results;
use super::shuffle::shuffle;
use super::step::MapView;
use super::step::{
    ChoiceView, FeedbackLine, FeedbackView, QuestionView, ScoreChange, Speaker, Step,
};
use super::workbench;
use super::{Answer, AnswerError, AnswerRecord, Cursor, State};

/// Longest free-text answer kept; more is cut, so a pasted essay cannot bloat a save.
const MAX_TEXT_ANSWER: usize = 2000;

pub struct Story<'s> {
    scenario: &'s Scenario,
    state: State,
    /// Where the current scene was last found: every step asks for it, and the state names
    /// scenes by id, so the lookup is remembered until the id changes.
    current: Cell<SceneIx>,
    /// The waiting question as last shown, so asking again and judging the answer do not
    /// render and shuffle it anew. Never saved: it is rebuilt from the state when missing.
    asked: Option<QuestionView>,
}

/// Why a saved session cannot continue with this scenario.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResumeError {
    #[error("the saved session is in scene `{0}`, which this scenario no longer has")]
    MissingScene(String),
}

impl<'s> Story<'s> {
    pub fn new(scenario: &'s Scenario, learner: &str, seed: u64) -> Story<'s> {
        Story {
            scenario,
            state: State {
                learner: clean(learner),
                seed,
                scene: scenario.scenes[scenario.start].id.clone(),
                cursor: Cursor::Entering,
                flags: BTreeMap::new(),
                scores: BTreeMap::new(),
                visits: BTreeMap::new(),
                answers: Vec::new(),
                maps: BTreeMap::new(),
            },
            current: Cell::new(scenario.start),
            asked: None,
        }
    }

    /// Continues a saved session. Mid-scene, the scene restarts from its heading so the learner
    /// sees the context of the question again; its visit is not counted twice.
    pub fn resume(scenario: &'s Scenario, mut state: State) -> Result<Story<'s>, ResumeError> {
        if scenario.scene_index(&state.scene).is_none() {
            return Err(ResumeError::MissingScene(state.scene));
        }
        if matches!(state.cursor, Cursor::Beat { .. } | Cursor::Asking) {
            state.cursor = Cursor::Heading;
        }
        Ok(Story {
            scenario,
            state,
            current: Cell::new(scenario.start),
            asked: None,
        })
    }

    /// Starts in the given scene instead of the start scene (for authors testing a scene).
    pub fn jump_to(&mut self, scene: &str) -> bool {
        if self.scenario.scene_index(scene).is_none() {
            return false;
        }
        self.state.scene = scene.to_string();
        self.state.cursor = Cursor::Entering;
        self.asked = None;
        true
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn state_mut(&mut self) -> &mut State {
        self.asked = None;
        &mut self.state
    }

    pub fn scenario(&self) -> &'s Scenario {
        self.scenario
    }

    pub fn is_over(&self) -> bool {
        self.state.cursor == Cursor::Ended
    }

    fn scene(&self) -> &'s SceneDef {
        let remembered = &self.scenario.scenes[self.current.get()];
        if remembered.id == self.state.scene {
            return remembered;
        }
        let index = self
            .scenario
            .scene_index(&self.state.scene)
            .unwrap_or(self.scenario.start);
        self.current.set(index);
        &self.scenario.scenes[index]
    }

    fn env(&self) -> SessionEnv<'_> {
        SessionEnv {
            scenario: self.scenario,
            state: &self.state,
        }
    }

    /// The next thing to show. While a question waits, it is returned again and again.
    #[expect(
        clippy::should_implement_trait,
        reason = "a story is not an iterator: it never runs out, and it stalls until answered"
    )]
    pub fn next(&mut self) -> Step {
        // Scenes with no beats and no question pass straight on; the bound keeps a cycle of
        // such scenes (which `dojo check` reports) from hanging a learner.
        for _ in 0..=self.scenario.scenes.len() * 2 + 4 {
            if let Some(step) = self.advance() {
                return step;
            }
        }
        self.state.cursor = Cursor::Ended;
        self.end()
    }

    fn advance(&mut self) -> Option<Step> {
        let scene = self.scene();
        match self.state.cursor.clone() {
            Cursor::Entering => {
                *self.state.visits.entry(scene.id.clone()).or_insert(0) += 1;
                self.state.cursor = Cursor::Heading;
                None
            }
            Cursor::Heading => {
                self.state.cursor = Cursor::Beat { index: 0 };
                let title = scene.title.as_ref().map(|t| t.render(&self.env()));
                Some(Step::Scene {
                    id: scene.id.clone(),
                    title,
                })
            }
            Cursor::Beat { index } => match scene.beats.get(index) {
                Some(beat) => {
                    self.state.cursor = Cursor::Beat { index: index + 1 };
                    Some(self.beat(beat))
                }
                // The map, if the scene shows one, is the beat after the dialogue.
                None if index == scene.beats.len() && scene.show_map.is_some() => {
                    self.state.cursor = Cursor::Beat { index: index + 1 };
                    scene.show_map.map(|map| Step::Map(self.map_view(map)))
                }
                None if scene.ending => {
                    self.state.cursor = Cursor::Ended;
                    Some(self.end())
                }
                None if scene.question.is_some() => {
                    self.state.cursor = Cursor::Asking;
                    self.ask()
                }
                None => {
                    self.leave(None);
                    None
                }
            },
            Cursor::Asking => self.ask(),
            Cursor::Feedback { goto } => {
                let feedback = self.feedback_view();
                self.leave(goto);
                Some(Step::Feedback(feedback))
            }
            Cursor::Ended => Some(self.end()),
        }
    }

    fn map_view(&self, map: MapRef) -> MapView {
        match map {
            MapRef::Reference(index) => {
                let reference = &self.scenario.maps[index];
                MapView {
                    id: reference.id.clone(),
                    title: reference.map.title.clone(),
                    map: Some(Box::new(reference.map.clone())),
                    missing: Vec::new(),
                }
            }
            MapRef::Workbench(bench) => {
                let workbench = &self.scenario.workbenches[bench];
                let learner = workbench::learner_map(self.scenario, &self.state.maps, bench);
                let title = if workbench.title.is_empty() {
                    "Your map".to_string()
                } else {
                    workbench.title.clone()
                };
                match learner {
                    Ok(map) => MapView {
                        id: workbench.id.clone(),
                        title,
                        map: Some(Box::new(map)),
                        missing: Vec::new(),
                    },
                    Err(incomplete) => MapView {
                        id: workbench.id.clone(),
                        title,
                        map: None,
                        missing: incomplete.missing,
                    },
                }
            }
        }
    }

    fn beat(&self, beat: &Beat) -> Step {
        let env = self.env();
        match beat {
            Beat::Narration(text) => Step::Narration {
                text: text.render(&env),
            },
            Beat::Line { speaker, text } => {
                let character = &self.scenario.characters[*speaker];
                Step::Line {
                    speaker: Speaker {
                        id: character.id.clone(),
                        name: character.name.clone(),
                        role: character.role.clone(),
                        colour: character.colour,
                        portrait: character.portrait.clone(),
                    },
                    text: text.render(&env),
                }
            }
        }
    }

    fn end(&self) -> Step {
        let title = self
            .scene()
            .title
            .as_ref()
            .map_or_else(|| self.state.scene.clone(), |t| t.render(&self.env()));
        Step::End(Box::new(results(self.scenario, &self.state, title)))
    }

    /// Moves on: an explicit `goto` first, then the first route whose condition holds, then `next`.
    fn leave(&mut self, goto: Option<String>) {
        let scene = self.scene();
        let env = self.env();
        let target = goto.or_else(|| {
            scene
                .routes
                .iter()
                .find(|route| holds(&route.when, &env))
                .map(|route| self.scenario.scenes[route.goto].id.clone())
                .or_else(|| scene.next.map(|n| self.scenario.scenes[n].id.clone()))
        });
        match target {
            Some(id) => {
                self.state.scene = id;
                self.state.cursor = Cursor::Entering;
            }
            None => self.state.cursor = Cursor::Ended,
        }
    }

    /// The waiting question as a step, remembered for the answer that follows.
    fn ask(&mut self) -> Option<Step> {
        if self.asked.is_none() {
            self.asked = self.question_view();
        }
        self.asked.clone().map(Step::Question)
    }

    /// The waiting question as the learner sees it, or `None` if no question waits.
    pub fn question_view(&self) -> Option<QuestionView> {
        let scene = self.scene();
        let question = scene.question.as_ref()?;
        let env = self.env();
        let mut options: Vec<ChoiceView> = question
            .options
            .iter()
            .filter(|option| option.when.as_ref().is_none_or(|when| holds(when, &env)))
            .map(|option| ChoiceView {
                id: option.id.clone(),
                text: option.text.render(&env),
            })
            .collect();
        if question.shuffle || question.kind == QuestionKind::Order {
            let visit = self.state.visits.get(&scene.id).copied().unwrap_or(0);
            shuffle(&mut options, self.state.seed, &scene.id, visit);
            // An order question shown already in order would answer itself.
            let in_order = options.iter().map(|o| &o.id).eq(question
                .options
                .iter()
                .filter(|o| options.iter().any(|v| v.id == o.id))
                .map(|o| &o.id));
            if question.kind == QuestionKind::Order && in_order && options.len() > 1 {
                options.rotate_left(1);
            }
        }
        Some(QuestionView {
            scene: scene.id.clone(),
            kind: question.kind,
            prompt: question.prompt.render(&env),
            options,
            unit: question.unit.clone(),
        })
    }

    /// The number the waiting number question counts as right, as grading would compute it now;
    /// `None` for other questions or when it cannot be computed. For automated playtests.
    pub fn expected_number(&self) -> Option<f64> {
        let question = self.scene().question.as_ref()?;
        if self.state.cursor != Cursor::Asking || question.kind != QuestionKind::Number {
            return None;
        }
        match question.answer.as_ref()?.eval(&self.env()).ok()? {
            crate::expr::Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// Takes the learner's answer to the waiting question. An invalid answer changes nothing.
    pub fn answer(&mut self, answer: Answer, at: u64) -> Result<(), AnswerError> {
        if self.state.cursor != Cursor::Asking {
            return Err(AnswerError::NotAsking);
        }
        let view = match self.asked.take() {
            Some(view) => view,
            None => self.question_view().ok_or(AnswerError::NotAsking)?,
        };
        let scene = self.scene();
        let question = scene.question.as_ref().ok_or(AnswerError::NotAsking)?;
        let answer = match answer {
            Answer::Text(text) => {
                Answer::Text(clean(text.trim()).chars().take(MAX_TEXT_ANSWER).collect())
            }
            other => other,
        };
        if let Some(build) = &question.build {
            workbench::validate(build, &answer)?;
        }
        let env = self.env();
        let judgement = judge(question, &view, &answer, &env)?;
        let labelled = judgement.feedback.len() > 1;
        let feedback: Vec<FeedbackLine> = judgement
            .feedback
            .iter()
            .map(|item| FeedbackLine {
                option: item
                    .option
                    .filter(|_| labelled || item.missed)
                    .map(|i| question.options[i].text.render(&env)),
                missed: item.missed,
                text: item.text.render(&env),
            })
            .collect();
        // One change per competency, in the order the scenario declares them.
        let mut totals: BTreeMap<usize, i64> = BTreeMap::new();
        let mut goto = None;
        for effects in &judgement.effects {
            for (competency, delta) in &effects.score {
                *totals.entry(*competency).or_insert(0) += delta;
            }
            if goto.is_none() {
                goto = effects.goto.map(|g| self.scenario.scenes[g].id.clone());
            }
        }
        let score: Vec<(String, i64)> = totals
            .into_iter()
            .map(|(competency, delta)| (self.scenario.competencies[competency].id.clone(), delta))
            .collect();
        let sets: Vec<_> = judgement
            .effects
            .iter()
            .flat_map(|e| e.set.iter().cloned())
            .collect();
        let record = AnswerRecord {
            scene: scene.id.clone(),
            kind: question.kind,
            prompt: view.prompt.clone(),
            answer,
            shown: judgement.shown,
            right: judgement.right,
            feedback,
            solution: judgement.solution,
            score: score.clone(),
            at,
        };
        for (competency, delta) in score {
            *self.state.scores.entry(competency).or_insert(0) += delta;
        }
        for (flag, value) in sets {
            self.state.flags.insert(flag, value);
        }
        if let Some(build) = &question.build {
            workbench::apply(build, &record.answer, self.scenario, &mut self.state.maps);
        }
        self.state.answers.push(record);
        self.state.cursor = Cursor::Feedback { goto };
        Ok(())
    }

    /// Feedback on the latest answer, rebuilt from its record so a resumed session shows it too.
    fn feedback_view(&self) -> FeedbackView {
        let Some(record) = self.state.answers.last() else {
            return FeedbackView {
                right: None,
                lines: Vec::new(),
                solution: None,
                score: Vec::new(),
            };
        };
        FeedbackView {
            right: record.right,
            lines: record.feedback.clone(),
            solution: record.solution.clone(),
            score: record
                .score
                .iter()
                .filter(|(_, delta)| *delta != 0)
                .map(|(id, delta)| ScoreChange {
                    competency: self.scenario.competency_index(id).map_or_else(
                        || id.clone(),
                        |i| self.scenario.competencies[i].name.clone(),
                    ),
                    delta: *delta,
                })
                .collect(),
        }
    }
}

fn holds(expr: &Expr, env: &SessionEnv<'_>) -> bool {
    expr.eval(env).is_ok_and(|value| value.truthy())
}
