//! `dojo lsp`: the language server for editors, on stdin and stdout until the editor exits.

use std::process::ExitCode;

use super::Error;

pub fn run() -> Result<ExitCode, Error> {
    dojo::lsp::serve()?;
    Ok(ExitCode::SUCCESS)
}
