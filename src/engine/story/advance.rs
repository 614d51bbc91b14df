//! Moving on: from scene to scene, beat to beat, to the waiting question and past its feedback.

use super::{Story, holds};
use crate::engine::{Cursor, Moment};

impl<'s> Story<'s> {
    /// Moves on exactly as [`Story::next`] does, but says only where the story got to, without
    /// putting anything into words.
    pub(crate) fn next_moment(&mut self) -> Moment<'s> {
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

    /// How many scenes may pass without a question before the story stops: every scene twice
    /// and a thousand more, far past any story that walks a loop on purpose.
    fn quiet_limit(&self) -> usize {
        1_000 + 2 * self.scenario.scenes.len()
    }

    fn advance(&mut self) -> Option<Moment<'s>> {
        let here = self.scene_index();
        let scene = &self.scenario.scenes[here];
        let talked_out = self.quiet >= self.quiet_limit();
        match &mut self.state.cursor {
            Cursor::Entering if talked_out => {
                // A run of scenes with no question that `dojo check` could not prove endless
                // (its routes read flags or visits) must still not talk forever.
                self.state.cursor = Cursor::Ended;
                Some(Moment::End)
            }
            Cursor::Entering => {
                self.quiet += 1;
                if scene.checkpoint {
                    self.state.checkpoint = Some(self.state.snapshot(Cursor::Entering));
                }
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
                    None if scene.ending && self.can_retry() => {
                        self.state.cursor = Cursor::Offering;
                        self.ask()
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
            Cursor::Asking | Cursor::Offering => self.ask(),
            Cursor::Feedback { goto } => {
                let goto = goto.take();
                self.leave(goto);
                Some(Moment::Feedback)
            }
            Cursor::Ended => Some(Moment::End),
        }
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
    pub(super) fn ask(&mut self) -> Option<Moment<'s>> {
        let question = self.waiting_question()?;
        if self.asked.is_none() {
            self.asked = Some(self.order(question));
        }
        Some(Moment::Question(question))
    }
}
