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
    /// Check scenario folders and report every problem at once
    Check(CheckArgs),
    /// Compute and draw a value-stream map from a .vsm.toml file
    Vsm(VsmArgs),
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
    #[arg(long)]
    pub restart: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Scenario folders to check
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Report format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct VsmArgs {
    /// A value-stream map file (*.vsm.toml)
    pub file: PathBuf,
    /// Print every figure with its unit as JSON instead of the map
    #[arg(long)]
    pub json: bool,
    /// Also write the map as an SVG picture to this file
    #[arg(long, value_name = "OUT.svg")]
    pub svg: Option<PathBuf>,
    /// Columns to draw the text map in [default: the terminal's width, or 80]
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}
