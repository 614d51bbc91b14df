//! The command line: subcommands and flags (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "dojo",
    version,
    about = "Interactive choose-your-path training scenarios in the terminal",
    long_about = "Interactive choose-your-path training scenarios in the terminal.\n\nWith no command, plays the embedded Pet Clinic scenario."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Play a scenario (the embedded Pet Clinic one by default)
    Play(PlayArgs),
    /// List the embedded scenario and those in ./scenarios
    List,
    /// Show the results of a finished session again (the latest by default)
    Results(ResultsArgs),
    /// Check scenario folders and report every problem at once
    Check(CheckArgs),
    /// Compute and draw a value-stream map from a .vsm.toml file
    Vsm(VsmArgs),
    /// Draw a scenario's scenes and the ways between them as Graphviz DOT or Mermaid
    Graph(GraphArgs),
    /// Play a scenario automatically: random runs, every path, or typed answers against a transcript
    Test(TestArgs),
    /// Print the JSON Schema of scenario.toml, scene files, map files or results files
    Schema(SchemaArgs),
    /// Figures over a cohort's results files and journals: who finished, scores, endings, and how every question did
    Report(ReportArgs),
    /// Print the xAPI statements a session produced, from its journal or results file
    Xapi(XapiArgs),
    /// Send the learning records still waiting in the outbox to the configured LRS
    Sync,
    /// The learning record store (LRS) that records are sent to
    #[command(subcommand)]
    Lrs(LrsCommand),
    /// Turn courses written for other platforms into scenario folders
    #[command(subcommand)]
    Import(ImportCommand),
    /// Serve the Language Server Protocol on stdin and stdout, for editors
    Lsp(LspArgs),
    /// Print a completion script for your shell: `dojo completions bash > ~/.local/share/bash-completion/completions/dojo`
    Completions(CompletionsArgs),
    /// Print the manual page (roff): `dojo man > ~/.local/share/man/man1/dojo.1`
    #[command(hide = true)]
    Man,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct XapiArgs {
    /// A session journal (*.jsonl) or results file (*.json)
    #[arg(value_name = "SESSION|RESULTS")]
    pub path: PathBuf,
    /// The scenario folder played, for the choices and correct responses of each question
    #[arg(long, value_name = "DIR")]
    pub scenario: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum LrsCommand {
    /// Whether the configured LRS answers and accepts the credentials
    Check,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A Katacoda or Killercoda module folder (with index.json) or pathway file: one scenario folder per module, with IMPORT-NOTES.md listing what could not be carried over
    Katacoda(KatacodaArgs),
}

#[derive(Debug, clap::Args)]
pub struct KatacodaArgs {
    /// A module folder holding index.json, or a pathway file listing module folders
    #[arg(value_name = "MODULE_DIR|PATHWAY_FILE")]
    pub source: PathBuf,
    /// Where to write the scenario folders, one per module
    #[arg(value_name = "OUT_DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Default, clap::Args)]
pub struct LspArgs {
    /// Accepted because many editors pass it; stdin and stdout are the only transport
    #[arg(long)]
    pub stdio: bool,
}

#[derive(Debug, Default, clap::Args)]
pub struct PlayArgs {
    /// A scenario folder; without it, the embedded Pet Clinic scenario
    pub path: Option<PathBuf>,
    /// Lines in, lines out: no colour, no animation, numbered answers (for pipes, screen readers, scripts)
    #[arg(long)]
    pub plain: bool,
    /// Show text at once instead of typing it out
    #[arg(long)]
    pub no_animation: bool,
    /// Your name, as the characters will use it (remembered otherwise)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Seed for option shuffling, to replay a session exactly
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Discard any saved progress and start from the beginning
    #[arg(long, conflicts_with_all = ["from", "flags", "scores", "watch"])]
    pub restart: bool,
    /// For authors: start in this scene. Like --set, --score and --watch, starts a fresh session that is never saved
    #[arg(long, value_name = "SCENE")]
    pub from: Option<String>,
    /// For authors: start with a flag set; VALUE is true, false, a whole number, or else text (repeatable)
    #[arg(long = "set", value_name = "FLAG=VALUE", value_parser = dojo::play::preset::parse_flag)]
    pub flags: Vec<(String, dojo::scenario::model::FlagValue)>,
    /// For authors: start with a competency's score at N instead of 0 (repeatable)
    #[arg(long = "score", value_name = "COMPETENCY=N", value_parser = dojo::play::preset::parse_score)]
    pub scores: Vec<(String, i64)>,
    /// For authors: when a file of the scenario folder changes, reload it and replay your answers so far. Changes are picked up between steps and after each answer; a question waiting for an answer is not interrupted
    #[arg(long, requires = "path")]
    pub watch: bool,
}

#[derive(Debug, clap::Args)]
pub struct ResultsArgs {
    /// A results file (*.json), a session journal (*.jsonl), or a session id or its first characters [default: the session that ended last]
    #[arg(value_name = "SESSION|FILE")]
    pub session: Option<String>,
    /// Lines only: no colour, no pause, the maps as tables (as `dojo play --plain`)
    #[arg(long)]
    pub plain: bool,
    /// The scenario folder the session was played on, to draw its maps again [default: the embedded scenario or ./scenarios/<id>]
    #[arg(long, value_name = "DIR")]
    pub scenario: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Scenario folders to check
    #[arg(required_unless_present = "explain")]
    pub paths: Vec<PathBuf>,
    /// Report format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Print what a diagnostic code means and how to fix it, instead of checking
    #[arg(long, value_name = "CODE", conflicts_with_all = ["paths", "format"])]
    pub explain: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct VsmArgs {
    /// A value-stream map file (*.vsm.toml)
    #[arg(required_unless_present = "compare")]
    pub file: Option<PathBuf>,
    /// Compare two maps, such as a current state and its future state: draw both, then every figure before and after with the change
    #[arg(long, num_args = 2, value_names = ["BEFORE", "AFTER"], conflicts_with_all = ["file", "legend"])]
    pub compare: Option<Vec<PathBuf>>,
    /// Print every figure with its unit as JSON instead of the map
    #[arg(long)]
    pub json: bool,
    /// Also write the map (or, with --compare, both maps and the table) as an SVG picture to this file
    #[arg(long, value_name = "OUT.svg")]
    pub svg: Option<PathBuf>,
    /// Columns to draw the text map in [default: the terminal's width, or 80]
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
    /// Print the legend of value-stream symbols (customer, process box, queue, push arrow, ladder) first
    #[arg(long)]
    pub legend: bool,
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("mode").required(true).args(["random", "exhaustive", "answers"])))]
pub struct TestArgs {
    /// The scenario folder
    pub path: PathBuf,
    /// Play N runs choosing answers at random, and report endings, coverage, scores and stuck runs
    #[arg(long, value_name = "N", value_parser = at_least_one::<u32>)]
    pub random: Option<u32>,
    /// Seed for --random, or for option shuffling with --answers [default: 0]
    #[arg(long, value_name = "S", conflicts_with = "exhaustive")]
    pub seed: Option<u64>,
    /// With --random: a run that gives this many answers without reaching an ending is stuck [default: 1000]
    #[arg(long, value_name = "N", requires = "random", value_parser = at_least_one::<usize>)]
    pub max_answers: Option<usize>,
    /// Walk every distinct path, and report paths, endings, coverage, score ranges and traps
    #[arg(long)]
    pub exhaustive: bool,
    /// With --exhaustive: give up past this many distinct situations [default: 100000]
    #[arg(long, value_name = "N", conflicts_with_all = ["random", "answers"], value_parser = at_least_one::<usize>)]
    pub limit: Option<usize>,
    /// Answers to type, one per line as in `dojo play --plain` (numbers or option ids); lines starting with # are comments. Without --expect, print the transcript
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// The transcript the answers must produce
    #[arg(long, value_name = "FILE", requires = "answers")]
    pub expect: Option<PathBuf>,
    /// Write the transcript to the --expect file instead of comparing with it; refused when an answer is not taken or the answers end before an ending
    #[arg(long, requires = "expect")]
    pub bless: bool,
    /// With --answers: the learner's name in the transcript [default: Learner]
    #[arg(long, value_name = "NAME", requires = "answers")]
    pub name: Option<String>,
    /// Report format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Which file the schema describes
    #[arg(value_enum)]
    pub kind: SchemaKind,
    /// Write the schema to this file instead of printing it
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// A scenario's scenario.toml
    Manifest,
    /// A scene file: `[[scene]]` tables
    Scenes,
    /// A value-stream map file (*.vsm.toml)
    Map,
    /// A results file (results/*.json in the data folder)
    Results,
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("cohort").args(["scenario", "activity", "registration"]).multiple(true)))]
pub struct ReportArgs {
    /// Results files (*.json), session journals (*.jsonl), or folders to search for them, such as learners' data folders
    #[arg(required_unless_present = "lrs", conflicts_with = "lrs")]
    pub paths: Vec<PathBuf>,
    /// Report on this scenario id [default: the scenario most files are from]; with --lrs, read the statements about this scenario
    #[arg(long, value_name = "ID")]
    pub scenario: Option<String>,
    /// Read the cohort from the configured LRS instead of files: by --scenario, --activity or --registration
    #[arg(long, requires = "cohort")]
    pub lrs: bool,
    /// With --lrs: the statements about this activity IRI (a scenario's, as its statements name it)
    #[arg(
        long,
        value_name = "IRI",
        requires = "lrs",
        conflicts_with = "registration"
    )]
    pub activity: Option<String>,
    /// With --lrs: the statements of this session id (xAPI registration); give it once per session
    #[arg(long, value_name = "ID", requires = "lrs")]
    pub registration: Vec<String>,
    /// With --lrs: statements asked for in one request; the LRS's `more` links fetch the rest
    #[arg(long, value_name = "N", requires = "lrs", default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub page: u64,
    /// Report format on standard output
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also write the item analysis as CSV, one row per option, to this file
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Also write the report as one self-contained HTML page with charts to this file
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Columns for the tables [default: the terminal's width, or 80]
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
}

#[derive(Debug, clap::Args)]
pub struct GraphArgs {
    /// The scenario folder
    pub path: PathBuf,
    /// Drawing format
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz: `dojo graph PATH | dot -Tsvg > graph.svg`
    Dot,
    /// A Mermaid flowchart, for Markdown pages that render Mermaid
    Mermaid,
}

/// A count that must be at least 1.
fn at_least_one<N>(text: &str) -> Result<N, String>
where
    N: std::str::FromStr + Default + PartialEq,
    N::Err: std::fmt::Display,
{
    match text.parse::<N>() {
        Ok(n) if n == N::default() => Err("must be at least 1".to_string()),
        Ok(n) => Ok(n),
        Err(error) => Err(error.to_string()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}
