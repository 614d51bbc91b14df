//! `dojo xapi`, `dojo sync` and `dojo lrs check`: a session's statements, the outbox's
//! delivery, and whether the LRS takes the credentials.

use std::io::Write;
use std::process::ExitCode;

use dojo::progress::DataDir;
use dojo::xapi::{Base, Check, Client, Config, Outbox, session_statements};

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
    let base = Config::discover()?.map_or_else(Base::default, |config| config.base);
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

pub(super) fn configured() -> Result<Config, Error> {
    Config::discover()?.ok_or_else(|| {
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
