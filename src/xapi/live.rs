//! Records sent while a learner plays: every event's statements go to the outbox at once, and
//! a background thread tries to deliver them, so the learner never waits on the network and
//! play never fails because the LRS is down. What is not delivered waits for `dojo sync`.

use std::collections::BTreeMap;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::engine::{AnswerRecord, State, Story, option_texts};
use crate::progress::{DataDir, Journal, OptionRef, QuestionRecord, ResultsFile};
use crate::scenario::Scenario;

use super::statements::statements;
use super::{Base, Client, Config, Outbox};

/// Seconds a send during play may take before it gives up.
const QUICK: u64 = 3;
/// How long leaving waits for the last send.
const LAST_SEND: Duration = Duration::from_secs(3);

/// The live side of one session; does nothing without a configured LRS.
pub struct Live<'s> {
    scenario: &'s Scenario,
    /// Where statements are kept, and the base of their ids; `None` without an LRS.
    outbox: Option<(Outbox, Base)>,
    /// Where they are sent; `None` also while the configuration is broken.
    config: Option<Config>,
    /// Why nothing is sent although an LRS was meant to be configured.
    problem: Option<String>,
    graded: Vec<QuestionRecord>,
    /// A story's state before the first scene: option texts are rendered against it, since
    /// the state of the session itself is the driver's while it plays.
    fresh: Option<State>,
    sending: Option<JoinHandle<()>>,
}

impl<'s> Live<'s> {
    /// For a session recorded in `data`: configured from the environment and config file. A
    /// configuration that cannot be used turns sending off rather than stopping play; the
    /// statements are still kept in the outbox (with the default id base), for `dojo sync`
    /// once it is fixed.
    pub fn new(data: &DataDir, scenario: &'s Scenario) -> Live<'s> {
        let (outbox, config, problem) = match Config::discover() {
            Ok(Some(config)) => (
                Some((Outbox::new(data), config.base.clone())),
                Some(config),
                None,
            ),
            Ok(None) => (None, None, None),
            Err(error) => (
                Some((Outbox::new(data), Base::default())),
                None,
                Some(format!(
                    "Your learning records stay on this computer for now: {error}. Run `dojo lrs check` for the details."
                )),
            ),
        };
        Live {
            scenario,
            outbox,
            config,
            problem,
            graded: Vec::new(),
            fresh: None,
            sending: None,
        }
    }

    /// What to tell the learner as the session starts: why records are not sent, or, the
    /// first time for this LRS, where they go (remembered in the learner's profile, so later
    /// sessions do not repeat it).
    pub fn notice(&self, data: &DataDir) -> Option<String> {
        if let Some(problem) = &self.problem {
            return Some(problem.clone());
        }
        let endpoint = &self.config.as_ref()?.endpoint;
        // A profile that cannot be written means being told again next time, nothing worse.
        let first = data.first_told_of(endpoint).unwrap_or(true);
        first.then(|| {
            format!(
                "Your learning records are sent to {endpoint}, the learning record store your training team reads. This is said once."
            )
        })
    }

    /// Keeps what grading said about the answer `journal` ends with, for its statement.
    /// Answers from before a resume were graded in an earlier run: their place is kept empty
    /// (a scene that matches none), so their statements go without and keep their ids.
    pub fn graded(&mut self, journal: &Journal, answer: &AnswerRecord) {
        let before = journal.answers().len().saturating_sub(1);
        let seconds = journal.answer_seconds().last().copied().unwrap_or(0);
        self.graded
            .resize_with(before, || record(answer, String::new(), 0));
        let header = &journal.header;
        let scenario = self.scenario;
        let fresh = self.fresh.get_or_insert_with(|| {
            Story::new(scenario, &header.learner, header.seed)
                .state()
                .clone()
        });
        let mut graded = record(answer, answer.scene.clone(), seconds);
        graded.options = option_texts(scenario, fresh, &answer.scene)
            .into_iter()
            .map(|o| OptionRef {
                id: o.id,
                text: o.text,
            })
            .collect();
        self.graded.push(graded);
    }

    /// Puts the session's new statements in the outbox and starts a send if none is running.
    pub fn record(&mut self, journal: &Journal, results: Option<&ResultsFile>) {
        let Some((outbox, base)) = &self.outbox else {
            return;
        };
        let questions = results.map_or(&self.graded[..], |r| &r.questions[..]);
        let made = statements(journal, questions, results, Some(self.scenario), base);
        // A statement that cannot be kept on disk cannot be kept at all; play goes on.
        if outbox.add(&made).is_err() {
            return;
        }
        let Some(config) = &self.config else {
            return;
        };
        if self.sending.as_ref().is_some_and(|s| !s.is_finished()) {
            return;
        }
        let (config, outbox) = (config.clone(), outbox.clone());
        self.sending = Some(std::thread::spawn(move || {
            let _ = outbox.sync(&Client::new(&config, QUICK));
        }));
    }

    /// Waits a little for a send under way, then sends what is left once, so that leaving
    /// delivers what it can; what fails waits for `dojo sync`.
    pub fn finish(mut self) {
        if let Some(sending) = self.sending.take() {
            let until = Instant::now() + LAST_SEND;
            while !sending.is_finished() && Instant::now() < until {
                std::thread::sleep(Duration::from_millis(20));
            }
            if !sending.is_finished() {
                return;
            }
        }
        if let (Some((outbox, _)), Some(config)) = (&self.outbox, &self.config) {
            let _ = outbox.sync(&Client::new(config, QUICK));
        }
    }
}

fn record(answer: &AnswerRecord, scene: String, seconds: u64) -> QuestionRecord {
    QuestionRecord {
        scene,
        kind: answer.kind.into(),
        prompt: answer.prompt.clone(),
        chosen: Vec::new(),
        number: None,
        text: None,
        shown: answer.shown.clone(),
        right: answer.right,
        score: answer.score.iter().cloned().collect::<BTreeMap<_, _>>(),
        seconds,
        at: jiff::Timestamp::UNIX_EPOCH,
        options: Vec::new(),
    }
}
