//! Taking the learner's answer to the waiting question: judging it, applying its effects,
//! and recording it.

use super::{MAX_TEXT_ANSWER, Story};
use crate::engine::grading::judge;
use crate::engine::step::FeedbackLine;
use crate::engine::workbench;
use crate::engine::{Answer, AnswerError, AnswerRecord, Cursor};
use crate::scenario::clean;

impl Story<'_> {
    /// Takes the learner's answer to the waiting question. An invalid answer changes nothing.
    pub fn answer(&mut self, answer: Answer, at: u64) -> Result<(), AnswerError> {
        if self.state.cursor == Cursor::Offering {
            self.quiet = 0;
            return self.decide(&answer);
        }
        if self.state.cursor != Cursor::Asking {
            return Err(AnswerError::NotAsking);
        }
        let scene = self.scene();
        let question = scene.question.as_ref().ok_or(AnswerError::NotAsking)?;
        self.quiet = 0;
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
        // Kept before the answer changes anything, and only where an ending can go back to it.
        let choice = self
            .scenario
            .retries_from_choice
            .then(|| self.state.snapshot(Cursor::Heading));
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
                    // A resumed save may hold any figure: the sum stops at the edge, never wraps.
                    Some(total) => *total = total.saturating_add(delta),
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
        if choice.is_some() {
            self.state.choice = choice;
        }
        let goto = judgement.effects().find_map(|effects| effects.goto);
        self.state.cursor = Cursor::Feedback {
            goto: goto.map(|g| self.scenario.scenes[g].id.clone()),
        };
        Ok(())
    }
}
