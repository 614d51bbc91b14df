//! Starting a session: choosing the front end, the learner's name, resuming, writing results;
//! or, for authors, an unsaved session from a preset state (in `authoring`).

use std::io::{self, IsTerminal};
use std::path::PathBuf;

use uuid::Uuid;

use crate::diagnostic::Style;
use crate::engine::{Cursor, Results, Step, Story};
use crate::progress::{
    DataDir, Event, Header, JOURNAL_FORMAT, Journal, JournalWriter, Profile, ResultsFile, now,
    unix_now,
};
use crate::scenario::Scenario;
use crate::xapi::Live;

use super::authoring;
use super::plain::Plain;
use super::preset::{Preset, PresetError};
use super::replay::{Start, from_journal};
use super::session::{Outcome, Record, SessionError, play};
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
    /// Whether a first run may ask the learner's name: not when answers are piped in, where
    /// the first line is an answer.
    pub ask_name: bool,
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
    if plain_wanted(options.plain) {
        return Ok(Box::new(plain()));
    }
    Ok(Box::new(Tty::new(TtyOptions {
        colour: Style::for_output(true).is_colour(),
        animation: !options.no_animation,
    })?))
}

/// Whether to use the plain front end: asked for, not at a terminal, or a terminal that cannot
/// move its cursor.
fn plain_wanted(asked: bool) -> bool {
    let term_dumb = std::env::var("TERM").is_ok_and(|term| term == "dumb");
    let interactive = io::stdin().is_terminal() && io::stdout().is_terminal();
    asked || !interactive || term_dumb
}

/// The plain front end on stdin and stdout: wrapped to the terminal's width when stdout is one,
/// one paragraph a line when it is piped.
fn plain() -> Plain<io::StdinLock<'static>, io::Stdout> {
    let echo = !io::stdin().is_terminal();
    let width = io::stdout()
        .is_terminal()
        .then(|| match crossterm::terminal::size() {
            Ok((columns, _)) if columns > 0 => usize::from(columns),
            _ => 80,
        });
    Plain::new(io::stdin().lock(), io::stdout(), echo).wrapped(width)
}

/// Shows the results of a finished session again (`dojo results`), on the front end `dojo play`
/// would use: the first screen, then the rest behind a key at a terminal.
pub fn show_results(results: &Results, plain_asked: bool) -> io::Result<()> {
    let mut frontend: Box<dyn Frontend> = if plain_wanted(plain_asked) {
        Box::new(plain())
    } else {
        Box::new(Tty::new(TtyOptions {
            colour: Style::for_output(true).is_colour(),
            animation: false,
        })?)
    };
    frontend.show(&Step::End(Box::new(results.clone())))?;
    Ok(())
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
    let options = PlayOptions {
        ask_name: io::stdin().is_terminal(),
        ..options.clone()
    };
    run(scenario, &options, data, frontend.as_mut(), watch)
}

/// The session itself, with the front end chosen by the caller (tests pass a plain one). The
/// path of the results file comes back when one was written. A preset or a watch makes it an
/// authoring session, which is never saved.
pub(crate) fn run(
    scenario: &Scenario,
    options: &PlayOptions,
    data: &DataDir,
    frontend: &mut dyn Frontend,
    watch: Option<Watch>,
) -> Result<Option<PathBuf>, PlayError> {
    let id = &scenario.meta.id;
    let authoring = !options.preset.is_empty() || watch.is_some();
    let Some(learner) = learner_name(options, data, frontend, authoring)? else {
        return Ok(None);
    };
    if authoring {
        let start = Start {
            preset: &options.preset,
            learner: &learner,
            seed: options.seed.unwrap_or_else(rand::random),
        };
        authoring::run(scenario, &start, watch, frontend)?;
        return Ok(None);
    }
    // Held to the end of the session: reading, resuming and appending are all one learner's.
    let _lock = data.lock_session(id)?;
    if options.restart {
        data.discard(id)?;
    }
    let learner_id = data.learner_id()?;
    let (mut story, journal) = match resume(scenario, data, learner_id, frontend)? {
        Resume::Continue(resumed) => *resumed,
        Resume::Quit => return Ok(None),
        Resume::Fresh => {
            if frontend.title(&scenario.meta)? == Reply::Quit {
                return Ok(None);
            }
            let seed = options.seed.unwrap_or_else(rand::random);
            let story = Story::new(scenario, &learner, seed);
            let journal = data.start_journal(Header {
                journal: JOURNAL_FORMAT,
                session: Uuid::new_v4(),
                scenario: id.clone(),
                fingerprint: scenario.fingerprint.clone(),
                learner: story.state().learner.clone(),
                learner_id,
                seed,
                started: now(),
            })?;
            (story, journal)
        }
    };
    let mut live = Live::new(data, scenario);
    if let Some(notice) = live.notice(data) {
        frontend.notice(&notice)?;
    }
    let mut journal = Some(journal);
    let mut written: Option<PathBuf> = None;
    let mut record = |record: Record<'_>| {
        // Once the story has ended and its journal is filed away, nothing is left to record.
        let Some(writer) = journal.as_mut() else {
            return Ok(());
        };
        writer.append(match record {
            Record::Answered(answer) => Event::Answer {
                at: now(),
                scene: answer.scene.clone(),
                answer: answer.answer.clone(),
            },
            Record::Left { scene } => Event::Quit {
                at: now(),
                scene: scene.to_string(),
            },
            Record::Retried { scene, kept } => Event::Retry {
                at: now(),
                scene: scene.to_string(),
                kept,
            },
            Record::Ended(results) => Event::End {
                at: now(),
                scene: results.ending.scene.clone(),
            },
        })?;
        match record {
            Record::Answered(answer) => {
                live.graded(writer.journal(), answer);
                live.record(writer.journal(), None);
            }
            // Written before the results are shown: a terminal closed on them loses nothing.
            Record::Ended(results) => {
                let file = ResultsFile::new(results, writer.journal());
                written = Some(data.write_results(id, unix_now(), &file)?);
                live.record(writer.journal(), Some(&file));
                if let Some(writer) = journal.take() {
                    data.archive_journal(writer)?;
                }
            }
            Record::Left { .. } | Record::Retried { .. } => live.record(writer.journal(), None),
        }
        Ok(())
    };
    let outcome = play(&mut story, frontend, &mut record, &unix_now)?;
    match outcome {
        Outcome::Finished(_) => {
            live.finish();
            if let Some(path) = &written {
                frontend.notice(&format!("Your results are saved in {}", path.display()))?;
            }
            Ok(written)
        }
        Outcome::Left => {
            live.finish();
            frontend.notice(&format!(
                "Progress saved. Run `{}` to continue.",
                options.command
            ))?;
            Ok(None)
        }
    }
}

/// The name from `--name`, the profile, or a question on the first run. `None` if the learner
/// quit at the question. An authoring session, or a learner whose answers are piped in, is not
/// asked (the first piped line is an answer, not a name) and plays as [`ANONYMOUS`]; neither
/// writes the profile.
fn learner_name(
    options: &PlayOptions,
    data: &DataDir,
    frontend: &mut dyn Frontend,
    authoring: bool,
) -> Result<Option<String>, PlayError> {
    if let Some(name) = &options.name {
        return Ok(Some(name.clone()));
    }
    // A damaged profile must not stop anyone from playing: it is asked for again and rewritten.
    let profile = data.load_profile().unwrap_or_default();
    let name = match profile.learner {
        Some(name) => name,
        None if authoring => String::new(),
        None if !options.ask_name => {
            frontend.notice(&format!(
                "Playing as {ANONYMOUS}: give --name NAME to be called something else."
            ))?;
            String::new()
        }
        None => match frontend.ask_name()? {
            Reply::Quit => return Ok(None),
            Reply::Given(name) => {
                let name = crate::scenario::clean(name.trim());
                data.save_profile(&Profile {
                    learner: Some(name.clone()),
                    ..profile
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
    Continue(Box<(Story<'s>, JournalWriter)>),
    Fresh,
    Quit,
}

/// Offers the unfinished session, if there is one, and continues it by replaying its answers
/// as far as they still fit the scenario; the learner is told in one line when they do not all
/// fit, or when the last one was cut off. Nothing is discarded unless the learner says so.
fn resume<'s>(
    scenario: &'s Scenario,
    data: &DataDir,
    learner_id: Uuid,
    frontend: &mut dyn Frontend,
) -> Result<Resume<'s>, PlayError> {
    let id = &scenario.meta.id;
    let journal = match data.migrate_save(id, learner_id)? {
        Some(journal) => journal,
        None => match data.read_journal(id)? {
            Some(journal) => journal,
            None => return Ok(Resume::Fresh),
        },
    };
    if journal.ending().is_some() {
        // dojo stopped between writing a session's end and filing it away: it is filed now,
        // its results already written, and a new session starts.
        data.archive_journal(data.continue_journal(journal)?)?;
        return Ok(Resume::Fresh);
    }
    let answered = journal.answers().len();
    let summary = format!(
        "You have an unfinished session of \"{}\" ({answered} {} so far).",
        scenario.meta.title,
        plural(answered, "answer")
    );
    match frontend.offer_resume(&summary)? {
        Reply::Quit => return Ok(Resume::Quit),
        Reply::Given(false) => {
            data.discard(id)?;
            return Ok(Resume::Fresh);
        }
        Reply::Given(true) => {}
    }
    if journal.torn {
        frontend.notice(
            "dojo stopped while writing your last answer down, so that answer was not kept.",
        )?;
    }
    let (mut story, replayed) = from_journal(scenario, &journal)?;
    // The learner saw the last answer's feedback before leaving: they come back to the scene
    // they were in, from its heading, as if they had never left.
    if matches!(story.state().cursor, Cursor::Feedback { .. }) {
        story.next();
    }
    let story = Story::resume(scenario, story.state().clone()).unwrap_or(story);
    let changed = last_fingerprint(&journal) != scenario.fingerprint;
    if replayed.stopped.is_some() {
        frontend.notice(&format!(
            "The scenario changed since your last session: continued after {} of your {answered} {}.",
            replayed.replayed,
            plural(answered, "answer")
        ))?;
    } else if changed && answered == 1 {
        frontend.notice("The scenario changed since your last session; your answer still fits.")?;
    } else if changed && answered > 1 {
        frontend.notice(&format!(
            "The scenario changed since your last session; all {answered} of your answers still fit."
        ))?;
    }
    let mut writer = data.continue_journal(journal)?;
    writer.append(Event::Resume {
        at: now(),
        fingerprint: scenario.fingerprint.clone(),
        kept: replayed.replayed,
    })?;
    Ok(Resume::Continue(Box::new((story, writer))))
}

/// The fingerprint of the scenario the session last ran with.
fn last_fingerprint(journal: &Journal) -> &str {
    journal
        .events
        .iter()
        .rev()
        .find_map(|event| match event {
            Event::Resume { fingerprint, .. } => Some(fingerprint.as_str()),
            _ => None,
        })
        .unwrap_or(&journal.header.fingerprint)
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}
