//! Putting the story into words: scenes, lines, maps, questions, feedback and the end.

use super::{Story, holds};
use crate::engine::results::results;
use crate::engine::shuffle::shuffle;
use crate::engine::step::{ChoiceView, FeedbackView, MapView, QuestionView, ScoreChange, Speaker};
use crate::engine::tally::{Maxima, Tally, tally};
use crate::engine::workbench;
use crate::engine::{Cursor, Moment, Step};
use crate::scenario::model::QuestionKind;
use crate::scenario::{Beat, MapRef, QuestionDef};

impl<'s> Story<'s> {
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
    pub(crate) fn ending_title(&self) -> String {
        self.scene()
            .title
            .as_ref()
            .map_or_else(|| self.state.scene.clone(), |t| t.render(&self.env()))
    }

    /// The figures of the verdict as the story stands, without the words of [`Results`].
    ///
    /// [`Results`]: super::Results
    pub(crate) fn tally(&self, maxima: &Maxima) -> Tally {
        tally(self.scenario, &self.state, maxima)
    }

    /// The options of the waiting question in the order shown, by position in the question's
    /// list; none when no question waits.
    pub(crate) fn options_shown(&mut self) -> &[usize] {
        if matches!(self.state.cursor, Cursor::Asking | Cursor::Offering) {
            self.ask();
        }
        self.asked.as_deref().unwrap_or_default()
    }

    /// The waiting question as the learner sees it, or `None` if no question waits.
    pub fn question_view(&self) -> Option<QuestionView> {
        self.waiting_question().map(|q| self.view(q))
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
    pub(super) fn order(&self, question: &QuestionDef) -> Vec<usize> {
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
