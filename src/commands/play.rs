//! `dojo play`: loads the scenario, refuses a broken one with its diagnostics, and plays.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::PlayArgs;
use dojo::analyze::Analysis;
use dojo::diagnostic::{Diagnostic, Style, render, summary};
use dojo::lint::{lint, sort};
use dojo::play::launch::{PlayOptions, launch};
use dojo::play::preset::Preset;
use dojo::play::watch::Watch;
use dojo::progress::DataDir;
use dojo::scenario::Loaded;

use super::Error;
use super::source::{check_folder, load_named};

pub fn run(args: &PlayArgs) -> Result<ExitCode, Error> {
    let mut watch = match (&args.path, args.watch) {
        (Some(path), true) => Some(Watch::new(path)),
        _ => None,
    };
    let loaded = match (&args.path, &mut watch) {
        (Some(path), Some(watch)) => load_watched(path, watch)?,
        _ => load_named(args.path.as_deref())?,
    };
    let name = args
        .path
        .as_ref()
        .map_or("the embedded scenario".to_string(), |p| {
            p.display().to_string()
        });
    let refuse = |diagnostics: &[Diagnostic], sources| {
        let style = Style::for_output(std::io::stderr().is_terminal());
        eprint!("{}", render(diagnostics, sources, style));
        Error::Broken(format!("cannot play {}", summary(diagnostics, &name)))
    };
    let Some(scenario) = &loaded.scenario else {
        return Err(refuse(&loaded.diagnostics, &loaded.sources));
    };
    // A scenario the lints call broken (a loop no learner can leave, say) would trap the
    // learner: it is refused as `dojo check` would fail it. Warnings do not stop play.
    let analysis = Analysis::new(scenario);
    let mut errors: Vec<Diagnostic> = lint(scenario, &loaded.facts, &analysis, &loaded.sources)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    if !errors.is_empty() {
        sort(&mut errors);
        return Err(refuse(&errors, &loaded.sources));
    }
    let preset = Preset {
        from: args.from.clone(),
        flags: args.flags.clone(),
        scores: args.scores.clone(),
    };
    preset.check(scenario)?;
    let mut command = format!("{} play", super::invocation::program());
    if let Some(path) = &args.path {
        command.push_str(&format!(" {}", path.display()));
    }
    if args.plain {
        command.push_str(" --plain");
    }
    let options = PlayOptions {
        plain: args.plain,
        no_animation: args.no_animation,
        name: args.name.clone(),
        seed: args.seed,
        restart: args.restart,
        command,
        ask_name: true,
        preset,
    };
    // A broken LRS configuration never stops play: said here, before the player takes the
    // screen; the session's records then wait in the outbox for `dojo sync`.
    if let Err(error) = dojo::xapi::Config::discover() {
        super::xapi::show_problems(&error);
        eprintln!(
            "warning: {error}\n  = note: playing on; learning records wait in the outbox until it is fixed and `dojo sync` runs"
        );
    }
    let data = DataDir::discover()?;
    launch(scenario, &options, &data, watch)?;
    Ok(ExitCode::SUCCESS)
}

/// Loads through the watch, so it knows every file the scenario was read from.
fn load_watched(path: &Path, watch: &mut Watch) -> Result<Loaded, Error> {
    check_folder(path)?;
    Ok(watch.load()?)
}
