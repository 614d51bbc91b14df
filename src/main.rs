//! The `dojo` binary: parse arguments, run the command, print any error once.

use std::process::ExitCode;

use clap::Parser;

mod cli;
mod commands;

/// Loading builds and frees many small values on several threads; mimalloc keeps them cheap
/// and holds on to freed memory instead of handing it back to the system at once.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(error) if error.is_closed_pipe() => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            error.exit_code()
        }
    }
}
