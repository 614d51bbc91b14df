//! `dojo play`: loads the scenario, refuses a broken one with its diagnostics, and plays.

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::cli::PlayArgs;
use crate::diagnostic::{Style, render, summary};
use crate::play::launch::{PlayOptions, launch};
use crate::progress::DataDir;

use super::Error;
use super::source::load_named;

pub fn run(args: &PlayArgs) -> Result<ExitCode, Error> {
    let loaded = load_named(args.path.as_deref())?;
    let Some(scenario) = loaded.scenario else {
        let style = if std::io::stderr().is_terminal() {
            Style::Colour
        } else {
            Style::Plain
        };
        eprint!("{}", render(&loaded.diagnostics, &loaded.sources, style));
        let name = args
            .path
            .as_ref()
            .map_or("the embedded scenario".to_string(), |p| {
                p.display().to_string()
            });
        return Err(Error::Broken(format!(
            "cannot play {}",
            summary(&loaded.diagnostics, &name)
        )));
    };
    let command = match &args.path {
        Some(path) => format!("dojo play {}", path.display()),
        None => "dojo play".to_string(),
    };
    let options = PlayOptions {
        plain: args.plain,
        no_animation: args.no_animation,
        name: args.name.clone(),
        seed: args.seed,
        restart: args.restart,
        command,
    };
    let data = DataDir::discover()?;
    launch(&scenario, &options, &data)?;
    Ok(ExitCode::SUCCESS)
}
