//! dojo: an engine for interactive choose-your-path training scenarios.
//!
//! Layers, from data to terminal: [`scenario`] (the format), [`expr`] (conditions and
//! interpolation), [`diagnostic`] (problems in authors' files), [`engine`] (the pure story state
//! machine), [`progress`] (journals and results), [`report`] (cohort figures), [`play`] (terminal
//! front ends), [`lsp`] (the language server). Only `play`, `lsp` and the binary touch the
//! terminal or stdio. See ARCHITECTURE.md.

#![warn(unreachable_pub)]

pub mod analyze;
pub mod diagnostic;
pub mod engine;
mod expr;
pub mod import;
pub mod lint;
pub mod lsp;
mod parallel;
pub mod play;
pub mod playtest;
pub mod progress;
pub mod report;
mod scan;
pub mod scenario;
mod suggest;
mod toml_doc;
pub mod vsm;
pub mod xapi;
