//! Authoring sessions (`--from`, `--set`, `--score`, `--watch`): a fresh story with a preset
//! state that is never saved, so trying a scene out never touches a learner's progress or
//! results. With `--watch`, the scenario is reloaded when its files change and the answers given
//! so far are replayed on the new version.

use std::io::IsTerminal;

use crate::diagnostic::{Style, render, summary};
use crate::engine::AnswerRecord;
use crate::progress::{ProgressError, unix_now};
use crate::scenario::Scenario;

use super::launch::PlayError;
use super::preset::Preset;
use super::replay::{Given, Start};
use super::session::{Outcome, Record, Stop, play, play_until};
use super::watch::Watch;
use super::{Frontend, Reply};

const NOTHING_SAVED: &str =
    "Nothing was saved: a session started with --from, --set, --score or --watch is a try-out.";
const RESULTS_NOT_SAVED: &str = "The results were not saved: a session started with --from, --set, --score or --watch is a try-out.";

/// Plays `scenario` from the preset; `watch` reloads it when its files change.
pub(crate) fn run(
    scenario: &Scenario,
    start: &Start<'_>,
    watch: Option<Watch>,
    frontend: &mut dyn Frontend,
) -> Result<(), PlayError> {
    // Starting mid-story, the title card is in the way of the scene being tried.
    if start.preset.from.is_none() && frontend.title(&scenario.meta)? == Reply::Quit {
        return Ok(());
    }
    let outcome = match watch {
        Some(watch) => watched(scenario, start, watch, frontend)?,
        None => {
            let (mut story, _) = start.story(scenario, &[])?;
            play(&mut story, frontend, &mut no_save, &unix_now)?
        }
    };
    frontend.notice(match outcome {
        Outcome::Finished(_) => RESULTS_NOT_SAVED,
        Outcome::Left => NOTHING_SAVED,
    })?;
    Ok(())
}

fn no_save(_: Record<'_>) -> Result<(), ProgressError> {
    Ok(())
}

/// Plays, and at every step boundary where a file has changed, reloads: a scenario without
/// errors replaces the one playing, with the answers so far replayed; one with errors is
/// reported and the old one plays on until the files change again.
fn watched(
    initial: &Scenario,
    start: &Start<'_>,
    mut watch: Watch,
    frontend: &mut dyn Frontend,
) -> Result<Outcome, PlayError> {
    let mut reloaded: Option<Scenario> = None;
    let mut answers: Vec<AnswerRecord> = Vec::new();
    loop {
        let scenario = reloaded.as_ref().unwrap_or(initial);
        let given: Vec<Given> = answers.iter().map(Given::from).collect();
        let (mut story, replayed) = start.story(scenario, &given)?;
        if reloaded.is_some() {
            frontend.notice(&replayed.report())?;
        }
        let next = loop {
            let stop = &mut || watch.changed();
            match play_until(&mut story, frontend, &mut no_save, &unix_now, stop)? {
                Stop::Ended(outcome) => return Ok(outcome),
                Stop::Asked => {
                    if let Some(next) = reload(&mut watch, start.preset, frontend)? {
                        break next;
                    }
                }
            }
        };
        answers = story.state().answers.clone();
        reloaded = Some(next);
    }
}

/// The changed scenario, or `None` when it cannot be played (the author is told why).
fn reload(
    watch: &mut Watch,
    preset: &Preset,
    frontend: &mut dyn Frontend,
) -> Result<Option<Scenario>, PlayError> {
    const KEPT: &str = "still playing the previous version";
    let loaded = match watch.load() {
        Ok(loaded) => loaded,
        Err(unreadable) => {
            frontend.notice(&format!("scenario changed: {unreadable}; {KEPT}"))?;
            return Ok(None);
        }
    };
    let Some(scenario) = loaded.scenario else {
        let style = Style::for_output(std::io::stderr().is_terminal());
        eprint!("{}", render(&loaded.diagnostics, &loaded.sources, style));
        let problems = summary(&loaded.diagnostics, "scenario changed");
        frontend.notice(&format!("{problems}; {KEPT}"))?;
        return Ok(None);
    };
    match preset.check(&scenario) {
        Ok(()) => Ok(Some(scenario)),
        Err(error) => {
            frontend.notice(&format!("scenario changed: {error}; {KEPT}"))?;
            Ok(None)
        }
    }
}
