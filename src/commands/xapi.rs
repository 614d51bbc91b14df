//! `dojo xapi`, `dojo sync` and `dojo lrs check`: a session's statements, the outbox's
//! delivery, and whether the LRS takes the credentials.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use dojo::diagnostic::Style;
use dojo::progress::DataDir;
use dojo::xapi::{Base, Check, Client, Config, Outbox, XapiError, session_statements};

use super::Error;
use crate::cli::XapiArgs;

/// Seconds `dojo sync` and `dojo lrs check` wait on each request.
const PATIENCE: u64 = 10;

pub fn print(args: &XapiArgs) -> Result<ExitCode, Error> {
    if !args.path.exists() {
        return Err(Error::NoSuchPath {
            path: args.path.display().to_string(),
        });
    }
    let base = discover()?.map_or_else(Base::default, |config| config.base);
    let loaded = match &args.scenario {
        Some(dir) => Some(super::source::load_named(Some(dir))?),
        None => None,
    };
    let scenario = match (loaded, &args.scenario) {
        (Some(loaded), Some(dir)) => Some(loaded.scenario.ok_or_else(|| {
            Error::Broken(format!(
                "{} has errors: run `dojo check` on it",
                dir.display()
            ))
        })?),
        _ => None,
    };
    let statements =
        session_statements(&args.path, &DataDir::discover()?, scenario.as_ref(), &base)?;
    let json = serde_json::to_string_pretty(&statements)
        .map_err(|error| Error::Output(std::io::Error::other(error)))?;
    writeln!(std::io::stdout().lock(), "{json}")?;
    Ok(ExitCode::SUCCESS)
}

/// The configuration in effect; an `lrs.toml` with problems has them shown rustc-style on
/// standard error before the error.
pub(super) fn discover() -> Result<Option<Config>, Error> {
    Config::discover().map_err(|error| {
        show_problems(&error);
        Error::Xapi(error)
    })
}

/// Prints an `lrs.toml`'s located problems, when that is what `error` is.
pub(super) fn show_problems(error: &XapiError) {
    if let XapiError::Config(problems) = error {
        let style = Style::for_output(std::io::stderr().is_terminal());
        eprint!("{}", problems.render(style));
    }
}

pub(super) fn configured() -> Result<Config, Error> {
    discover()?.ok_or_else(|| {
        Error::NoLrs(
            Config::file_path().map_or_else(|| "lrs.toml".to_string(), |p| p.display().to_string()),
        )
    })
}

pub fn sync() -> Result<ExitCode, Error> {
    let config = configured()?;
    let outbox = Outbox::new(&DataDir::discover()?);
    let report = outbox.sync(&Client::new(&config, PATIENCE))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "sent {} to {}", report.sent, config.endpoint)?;
    writeln!(out, "refused {}", report.refused.len())?;
    for (id, reason) in &report.refused {
        writeln!(out, "  {id}: {reason}")?;
    }
    writeln!(out, "waiting {}", report.waiting)?;
    if let Some(why) = &report.stopped {
        writeln!(out, "stopped: {why}")?;
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn check() -> Result<ExitCode, Error> {
    let config = configured()?;
    let mut out = std::io::stdout().lock();
    match Client::new(&config, PATIENCE).check()? {
        Check::Accepted => {
            writeln!(
                out,
                "{} answers and accepts the credentials",
                config.endpoint
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Check::Refused { status, body } => {
            writeln!(out, "{} refused: {status} {body}", config.endpoint)?;
            Ok(ExitCode::FAILURE)
        }
    }
}
