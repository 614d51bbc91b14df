//! The pull-based story: ask for the next step, hand in answers.

use std::cell::Cell;
use std::collections::BTreeMap;

use crate::expr::Expr;
use crate::scenario::model::QuestionKind;
use crate::scenario::{Beat, MapRef, QuestionDef, Scenario, SceneDef, SceneIx, clean};

use super::env::SessionEnv;
use super::grading::judge;
use super::results::results;
use super::shuffle::shuffle;
use super::step::MapView;
use super::step::{
    ChoiceView, FeedbackLine, FeedbackView, QuestionView, ScoreChange, Speaker, Step,
};
use super::tally::{Maxima, Tally, tally};
use super::workbench;
use super::{Answer, AnswerError, AnswerRecord, Cursor, Moment, State};

/// Longest free-text answer kept; more is cut, so a pasted essay cannot bloat a save.
const MAX_TEXT_ANSWER: usize = 2000;

pub struct Story<'s> {
    scenario: &'s Scenario,
    state: State,
    /// Where the current scene is, once found: every step asks for it, and the state names
    /// scenes by id. The story keeps it up to date as it moves, and forgets it whenever the
    /// state is handed out to be changed.
    current: Cell<Option<SceneIx>>,
    /// The options of the waiting question in the order shown, by position in the question's
    /// list, so asking again and judging the answer do not shuffle them anew. Only ever set
    /// while the story is asking; never saved: it is rebuilt from the state when missing.
    asked: Option<Vec<usize>>,
    /// Whether answers are recorded with their words; see [`Story::without_words`].
    keep_words: bool,
}

/// Why a saved session cannot continue with this scenario.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResumeError {
    #[error("the saved session is in scene `{0}`, which this scenario no longer has")]
    MissingScene(String),
}

impl<'s> Story<'s> {
    pub fn new(scenario: &'s Scenario, learner: &str, seed: u64) -> Story<'s> {
        let mut story = Story {
            scenario,
            state: State {
                learner: clean(learner),
                seed,
                scene: String::new(),
                cursor: Cursor::Entering,
                flags: BTreeMap::new(),
                scores: BTreeMap::new(),
                visits: BTreeMap::new(),
                answers: Vec::new(),
                maps: BTreeMap::new(),
            },
            current: Cell::new(None),
            asked: None,
            keep_words: true,
        };
        story.restart(seed);
        story
    }

    /// Starts again from the start scene with another seed, for the same learner, as
    /// [`Story::new`] would; what the last run grew (the list of answers) keeps its room, so
    /// many runs in a row allocate less.
    pub fn restart(&mut self, seed: u64) {
        let state = &mut self.state;
        state.seed = seed;
        state
            .scene
            .clone_from(&self.scenario.scenes[self.scenario.start].id);
        state.cursor = Cursor::Entering;
        state.flags.clear();
        state.scores.clear();
        state.visits.clear();
        state.answers.clear();
        state.maps.clear();
        self.current.set(Some(self.scenario.start));
        self.asked = None;
    }

    /// A story that records of each answer only what conditions and the verdict read (the
    /// scene, the answer and its rightness): no prompt, answer in words, feedback, solution or
    /// score change. Its feedback steps and results then have nothing to say about answers; it
    /// is for drivers that show nothing, which step it with [`Story::next_moment`].
    pub fn without_words(mut self) -> Story<'s> {
        self.keep_words = false;
        self
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
            current: Cell::new(None),
            asked: None,
            keep_words: true,
        })
    }

    /// Starts in the given scene instead of the start scene (for authors testing a scene).
    pub fn jump_to(&mut self, scene: &str) -> bool {
        let Some(index) = self.scenario.scene_index(scene) else {
            return false;
        };
        self.state.scene = scene.to_string();
        self.current.set(Some(index));
        self.state.cursor = Cursor::Entering;
        self.asked = None;
        true
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn state_mut(&mut self) -> &mut State {
        self.asked = None;
        self.current.set(None);
        &mut self.state
    }

    pub fn scenario(&self) -> &'s Scenario {
        self.scenario
    }

    pub fn is_over(&self) -> bool {
        self.state.cursor == Cursor::Ended
    }

    /// The current scene; the start scene if the state names a scene the scenario lacks.
    pub fn scene_index(&self) -> SceneIx {
        if let Some(index) = self.current.get() {
            return index;
        }
        let index = self
            .scenario
            .scene_index(&self.state.scene)
            .unwrap_or(self.scenario.start);
        self.current.set(Some(index));
        index
    }

    fn scene(&self) -> &'s SceneDef {
        &self.scenario.scenes[self.scene_index()]
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
        match self.next_moment() {
            Moment::Scene(index) => {
                let scene = &self.scenario.scenes[index];
                Step::Scene {
                    id: scene.id.clone(),
                    title: scene.title.as_ref().map(|t| t.render(&self.env())),
                }
            }
            Moment::Beat(beat) => self.beat(beat),
            Moment::Map(map) => Step::Map(self.map_view(map)),
            Moment::Question(question) => Step::Question(self.view(question)),
            Moment::Feedback => Step::Feedback(self.feedback_view()),
            Moment::End => self.end(),
        }
    }

    /// Moves on exactly as [`Story::next`] does, but says only where the story got to, without
    /// putting anything into words.
    pub fn next_moment(&mut self) -> Moment<'s> {
        // Scenes with no beats and no question pass straight on; the bound keeps a cycle of
        // such scenes (which `dojo check` reports) from hanging a learner.
        for _ in 0..=self.scenario.scenes.len() * 2 + 4 {
            if let Some(moment) = self.advance() {
                return moment;
            }
        }
        self.state.cursor = Cursor::Ended;
        Moment::End
    }

    fn advance(&mut self) -> Option<Moment<'s>> {
        let here = self.scene_index();
        let scene = &self.scenario.scenes[here];
        match &mut self.state.cursor {
            Cursor::Entering => {
                // Most scenes a run enters are new to it: one search, and a key to keep.
                *self.state.visits.entry(scene.id.clone()).or_insert(0) += 1;
                self.state.cursor = Cursor::Heading;
                None
            }
            Cursor::Heading => {
                self.state.cursor = Cursor::Beat { index: 0 };
                Some(Moment::Scene(here))
            }
            Cursor::Beat { index } => {
                let index = *index;
                match scene.beats.get(index) {
                    Some(beat) => {
                        self.state.cursor = Cursor::Beat { index: index + 1 };
                        Some(Moment::Beat(beat))
                    }
                    // The map, if the scene shows one, is the beat after the dialogue.
                    None if index == scene.beats.len() && scene.show_map.is_some() => {
                        self.state.cursor = Cursor::Beat { index: index + 1 };
                        scene.show_map.map(Moment::Map)
                    }
                    None if scene.ending => {
                        self.state.cursor = Cursor::Ended;
                        Some(Moment::End)
                    }
                    None if scene.question.is_some() => {
                        self.state.cursor = Cursor::Asking;
                        self.ask()
                    }
                    None => {
                        self.leave(None);
                        None
                    }
                }
            }
            Cursor::Asking => self.ask(),
            Cursor::Feedback { goto } => {
                let goto = goto.take();
                self.leave(goto);
                Some(Moment::Feedback)
            }
            Cursor::Ended => Some(Moment::End),
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
        Step::End(Box::new(results(
            self.scenario,
            &self.state,
            self.ending_title(),
        )))
    }

    /// The heading of the scene the story ended in, or its id when it has none.
    pub fn ending_title(&self) -> String {
        self.scene()
            .title
            .as_ref()
            .map_or_else(|| self.state.scene.clone(), |t| t.render(&self.env()))
    }

    /// The figures of the verdict as the story stands, without the words of [`Results`].
    ///
    /// [`Results`]: super::Results
    pub fn tally(&self, maxima: &Maxima) -> Tally {
        tally(self.scenario, &self.state, maxima)
    }

    /// Moves on: an explicit `goto` first, then the first route whose condition holds, then `next`.
    fn leave(&mut self, goto: Option<String>) {
        if let Some(id) = goto {
            self.state.scene = id;
            self.current.set(None);
            self.state.cursor = Cursor::Entering;
            return;
        }
        let scene = self.scene();
        let env = self.env();
        let target = scene
            .routes
            .iter()
            .find(|route| holds(&route.when, &env))
            .map(|route| route.goto)
            .or(scene.next);
        match target {
            Some(index) => {
                // Copied into the buffer already there: a run moves scene after scene.
                self.state.scene.clone_from(&self.scenario.scenes[index].id);
                self.current.set(Some(index));
                self.state.cursor = Cursor::Entering;
            }
            None => self.state.cursor = Cursor::Ended,
        }
    }

    /// The waiting question, its options shuffled once and remembered for the answer.
    fn ask(&mut self) -> Option<Moment<'s>> {
        let question = self.scene().question.as_ref()?;
        if self.asked.is_none() {
            self.asked = Some(self.order(question));
        }
        Some(Moment::Question(question))
    }

    /// The options of the waiting question in the order shown, by position in the question's
    /// list; none when no question waits.
    pub fn options_shown(&mut self) -> &[usize] {
        if self.state.cursor == Cursor::Asking {
            self.ask();
        }
        self.asked.as_deref().unwrap_or_default()
    }

    /// The waiting question as the learner sees it, or `None` if no question waits.
    pub fn question_view(&self) -> Option<QuestionView> {
        self.scene().question.as_ref().map(|q| self.view(q))
    }

    fn view(&self, question: &QuestionDef) -> QuestionView {
        let fresh;
        let order = match &self.asked {
            Some(order) => order,
            None => {
                fresh = self.order(question);
                &fresh
            }
        };
        let env = self.env();
        QuestionView {
            scene: self.scene().id.clone(),
            kind: question.kind,
            prompt: question.prompt.render(&env),
            options: order
                .iter()
                .map(|&i| ChoiceView {
                    id: question.options[i].id.clone(),
                    text: question.options[i].text.render(&env),
                })
                .collect(),
            unit: question.unit.clone(),
        }
    }

    /// The options of the current scene's question the learner sees, in the order shown.
    fn order(&self, question: &QuestionDef) -> Vec<usize> {
        let env = self.env();
        let mut order: Vec<usize> = (0..question.options.len())
            .filter(|&i| {
                let when = question.options[i].when.as_ref();
                when.is_none_or(|when| holds(when, &env))
            })
            .collect();
        if question.shuffle || question.kind == QuestionKind::Order {
            let scene = self.scene();
            let visit = self.state.visits.get(&scene.id).copied().unwrap_or(0);
            shuffle(&mut order, self.state.seed, &scene.id, visit);
            // An order question shown already in order would answer itself.
            let in_order = order.is_sorted();
            if question.kind == QuestionKind::Order && in_order && order.len() > 1 {
                order.rotate_left(1);
            }
        }
        order
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
        let scene = self.scene();
        let question = scene.question.as_ref().ok_or(AnswerError::NotAsking)?;
        let shown = match self.asked.take() {
            Some(shown) => shown,
            None => self.order(question),
        };
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
        let judgement = judge(question, &shown, &answer, &env)?;
        let mut record = AnswerRecord {
            scene: scene.id.clone(),
            kind: question.kind,
            prompt: String::new(),
            answer,
            shown: String::new(),
            right: judgement.right,
            feedback: Vec::new(),
            solution: None,
            score: Vec::new(),
            at,
        };
        if self.keep_words {
            let feedback = judgement.feedback(&shown);
            let labelled = feedback.len() > 1;
            record.feedback = feedback
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
            (record.shown, record.solution) = judgement.words(&shown, &record.answer, &env);
            record.prompt = question.prompt.render(&env);
            record.score = judgement
                .score_changes()
                .into_iter()
                .map(|(c, delta)| (self.scenario.competencies[c].id.clone(), delta))
                .collect();
        }
        // Change by change, which leaves the scores as adding up each competency's changes
        // first would.
        for effects in judgement.effects() {
            for &(competency, delta) in &effects.score {
                let id = &self.scenario.competencies[competency].id;
                match self.state.scores.get_mut(id) {
                    Some(total) => *total += delta,
                    None => {
                        self.state.scores.insert(id.clone(), delta);
                    }
                }
            }
            for (flag, value) in &effects.set {
                match self.state.flags.get_mut(flag) {
                    Some(old) => old.clone_from(value),
                    None => {
                        self.state.flags.insert(flag.clone(), value.clone());
                    }
                }
            }
        }
        if let Some(build) = &question.build {
            workbench::apply(build, &record.answer, self.scenario, &mut self.state.maps);
        }
        self.state.answers.push(record);
        let goto = judgement.effects().find_map(|effects| effects.goto);
        self.state.cursor = Cursor::Feedback {
            goto: goto.map(|g| self.scenario.scenes[g].id.clone()),
        };
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
