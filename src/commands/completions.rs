//! `dojo completions SHELL` and `dojo man`: what a shell and `man` need, generated from the
//! same clap definitions the parser uses, so they never disagree with it.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};

use super::Error;

pub fn completions(args: &CompletionsArgs) -> Result<ExitCode, Error> {
    let mut command = Cli::command();
    // clap_complete panics on a failed write; rendered first, a reader that goes away
    // (`dojo completions bash | head`) is an ordinary closed pipe.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "dojo", &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn man() -> Result<ExitCode, Error> {
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
