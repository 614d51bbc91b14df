//! What each subcommand does. Commands print their own output; errors come back to `main`,
//! which prints them once.

mod check;
mod completions;
mod graph;
mod import;
mod invocation;
mod list;
mod lsp;
mod play;
mod report;
mod results;
mod schema;
mod source;
mod test;
mod vsm;
mod xapi;

use std::process::ExitCode;

use crate::cli::{Cli, Command, LrsCommand, PlayArgs};

/// An error that ends a command; `main` prints it once and exits with [`Error::exit_code`].
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Unreadable(#[from] dojo::scenario::Unreadable),
    #[error("{path} does not exist")]
    NoSuchPath { path: String },
    #[error("{path} is not a scenario folder: it has no scenario.toml")]
    NotAScenario { path: String },
    #[error("{0}")]
    Broken(String),
    #[error(transparent)]
    Play(#[from] dojo::play::launch::PlayError),
    #[error(transparent)]
    Preset(#[from] dojo::play::preset::PresetError),
    #[error(transparent)]
    Progress(#[from] dojo::progress::ProgressError),
    #[error("cannot write {path}: {source}")]
    WriteFile {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Import(#[from] dojo::import::ImportError),
    #[error(transparent)]
    Playtest(#[from] dojo::playtest::PlaytestError),
    #[error("nothing to report: {0}")]
    NothingToReport(String),
    #[error(transparent)]
    Xapi(#[from] dojo::xapi::XapiError),
    #[error(
        "no LRS is configured: set DOJO_LRS_ENDPOINT (and DOJO_LRS_USERNAME, DOJO_LRS_PASSWORD) or write {0}"
    )]
    NoLrs(String),
    #[error(transparent)]
    Lsp(#[from] dojo::lsp::LspError),
    #[error(transparent)]
    Recall(#[from] dojo::play::recall::RecallError),
    #[error("cannot write to the terminal: {0}")]
    Output(#[from] std::io::Error),
}

impl Error {
    /// Whether the reader of the output went away (`dojo vsm ... | head`): nothing is wrong
    /// that a message could help with.
    pub fn is_closed_pipe(&self) -> bool {
        matches!(self, Error::Output(error) if error.kind() == std::io::ErrorKind::BrokenPipe)
    }

    /// 2 when the input could not be used at all, 1 for everything else.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::Unreadable(_)
            | Error::NoSuchPath { .. }
            | Error::NotAScenario { .. }
            | Error::Preset(_)
            | Error::Import(_) => ExitCode::from(2),
            _ => ExitCode::FAILURE,
        }
    }
}

pub fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        None => play::run(&PlayArgs::default()),
        Some(Command::Play(args)) => play::run(&args),
        Some(Command::List) => list::run(),
        Some(Command::Results(args)) => results::run(&args),
        Some(Command::Completions(args)) => completions::completions(&args),
        Some(Command::Man) => completions::man(),
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Vsm(args)) => vsm::run(&args),
        Some(Command::Graph(args)) => graph::run(&args),
        Some(Command::Test(args)) => test::run(&args),
        Some(Command::Schema(args)) => schema::run(&args),
        Some(Command::Report(args)) => report::run(&args),
        Some(Command::Import(command)) => import::run(&command),
        Some(Command::Lsp(_)) => lsp::run(),
        Some(Command::Xapi(args)) => xapi::print(&args),
        Some(Command::Sync) => xapi::sync(),
        Some(Command::Lrs(LrsCommand::Check)) => xapi::check(),
    }
}

/// The width to lay output out at: the terminal's, up to `widest`, or 80 columns when stdout is
/// not a terminal (a pipe or a file) and no `--width` was given.
fn terminal_width(terminal: bool, widest: usize) -> usize {
    const DEFAULT_WIDTH: usize = 80;
    if !terminal {
        return DEFAULT_WIDTH;
    }
    crossterm::terminal::size()
        .map(|(columns, _)| usize::from(columns).min(widest))
        .unwrap_or(DEFAULT_WIDTH)
}
