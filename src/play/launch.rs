//! Starting a session: choosing the front end, the learner's name, resuming, writing results;
//! or, for authors, an unsaved session from a preset state (in `authoring`).

use std::io::{self, IsTerminal};
use std::path::PathBuf;

use crate::diagnostic::Style;
use crate::engine::{State, Story};
use crate::progress::{DataDir, Profile, unix_now};
use crate::scenario::Scenario;

use super::authoring;
use super::plain::Plain;
use super::preset::{Preset, PresetError};
use super::replay::Start;
use super::session::{Outcome, SessionError, play};
use super::tty::{Tty, TtyOptions};
use super::watch::Watch;
use super::{Frontend, Reply};

/// What `dojo play` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct PlayOptions {
    pub plain: bool,
    pub no_animation: bool,
    pub name: Option<String>,
    pub seed: Option<u64>,
    pub restart: bool,
    /// How to start this scenario again, for the "progress saved" message.
    pub command: String,
    /// Where to start and with what flags and scores, for authors (`--from`, `--set`, `--score`).
    pub preset: Preset,
}

/// Name used in `{learner}` when the learner skips giving one.
const ANONYMOUS: &str = "Learner";

#[derive(Debug, thiserror::Error)]
pub enum PlayError {
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error(transparent)]
    Progress(#[from] crate::progress::ProgressError),
    #[error(transparent)]
    Preset(#[from] PresetError),
    #[error("the terminal failed: {0}")]
    Terminal(#[from] io::Error),
}

/// How the terminal should be driven, from flags and environment.
fn frontend(options: &PlayOptions) -> io::Result<Box<dyn Frontend>> {
    let term_dumb = std::env::var("TERM").is_ok_and(|term| term == "dumb");
    let interactive = io::stdin().is_terminal() && io::stdout().is_terminal();
    if options.plain || !interactive || term_dumb {
        let echo = !io::stdin().is_terminal();
        return Ok(Box::new(Plain::new(io::stdin().lock(), io::stdout(), echo)));
    }
    Ok(Box::new(Tty::new(TtyOptions {
        colour: Style::for_output(true).is_colour(),
        animation: !options.no_animation,
    })?))
}

/// Plays `scenario` to an ending or until the learner leaves. `watch`, when given, is what
/// loaded `scenario`: changes to its files are then played as they are made.
pub fn launch(
    scenario: &Scenario,
    options: &PlayOptions,
    data: &DataDir,
    watch: Option<Watch>,
) -> Result<Option<PathBuf>, PlayError> {
    let mut frontend = frontend(options)?;
    run(scenario, options, data, frontend.as_mut(), watch)
}

/// The session itself, with the front end chosen by the caller (tests pass a plain one). The
/// path of the results file comes back when one was written. A preset or a watch makes it an
/// authoring session, which is never saved.
pub fn run(
    scenario: &Scenario,
    options: &PlayOptions,
    data: &DataDir,
    frontend: &mut dyn Frontend,
    watch: Option<Watch>,
) -> Result<Option<PathBuf>, PlayError> {
    let id = &scenario.meta.id;
    let Some(learner) = learner_name(options, data, frontend)? else {
        return Ok(None);
    };
    if !options.preset.is_empty() || watch.is_some() {
        let start = Start {
            preset: &options.preset,
            learner: &learner,
            seed: options.seed.unwrap_or_else(rand::random),
        };
        authoring::run(scenario, &start, watch, frontend)?;
        return Ok(None);
    }
    if options.restart {
        data.discard(id)?;
    }
    let mut story = match resume(scenario, data, frontend)? {
        Resume::Continue(story) => *story,
        Resume::Quit => return Ok(None),
        Resume::Fresh => {
            if frontend.title(&scenario.meta)? == Reply::Quit {
                return Ok(None);
            }
            let seed = options.seed.unwrap_or_else(rand::random);
            Story::new(scenario, &learner, seed)
        }
    };
    let fingerprint = scenario.fingerprint.clone();
    let mut save = |state: &State| data.save(id, &fingerprint, state, unix_now()).map(|_| ());
    match play(&mut story, frontend, &mut save, &unix_now)? {
        Outcome::Finished(results) => {
            let path = data.write_results(id, unix_now(), &results)?;
            data.discard(id)?;
            frontend.notice(&format!("Your results are saved in {}", path.display()))?;
            Ok(Some(path))
        }
        Outcome::Left => {
            frontend.notice(&format!(
                "Progress saved. Run `{}` to continue.",
                options.command
            ))?;
            Ok(None)
        }
    }
}

/// The name from `--name`, the profile, or a question on the first run. `None` if the learner
/// quit at the question.
fn learner_name(
    options: &PlayOptions,
    data: &DataDir,
    frontend: &mut dyn Frontend,
) -> Result<Option<String>, PlayError> {
    if let Some(name) = &options.name {
        return Ok(Some(name.clone()));
    }
    // A damaged profile must not stop anyone from playing: it is asked for again and rewritten.
    let profile = data.load_profile().unwrap_or_default();
    let name = match profile.learner {
        Some(name) => name,
        None => match frontend.ask_name()? {
            Reply::Quit => return Ok(None),
            Reply::Given(name) => {
                let name = crate::scenario::clean(name.trim());
                data.save_profile(&Profile {
                    learner: Some(name.clone()),
                })?;
                name
            }
        },
    };
    Ok(Some(if name.is_empty() {
        ANONYMOUS.to_string()
    } else {
        name
    }))
}

enum Resume<'s> {
    Continue(Box<Story<'s>>),
    Fresh,
    Quit,
}

fn resume<'s>(
    scenario: &'s Scenario,
    data: &DataDir,
    frontend: &mut dyn Frontend,
) -> Result<Resume<'s>, PlayError> {
    let Some(saved) = data.load::<State>(&scenario.meta.id)? else {
        return Ok(Resume::Fresh);
    };
    let answered = saved.state.answers.len();
    let summary = format!(
        "You have an unfinished session of \"{}\" ({answered} answer{} so far).",
        scenario.meta.title,
        if answered == 1 { "" } else { "s" }
    );
    match frontend.offer_resume(&summary)? {
        Reply::Quit => Ok(Resume::Quit),
        Reply::Given(false) => {
            data.discard(&scenario.meta.id)?;
            Ok(Resume::Fresh)
        }
        Reply::Given(true) => match Story::resume(scenario, saved.state) {
            Ok(story) => Ok(Resume::Continue(Box::new(story))),
            Err(error) => {
                frontend.notice(&format!(
                    "The saved session cannot continue ({error}); starting over."
                ))?;
                data.discard(&scenario.meta.id)?;
                Ok(Resume::Fresh)
            }
        },
    }
}
