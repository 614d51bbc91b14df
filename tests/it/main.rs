//! dojo's integration tests, built as one test binary so the library and its dependencies are
//! linked once. Each module tests one surface; `common` holds the helpers they share.

mod check;
mod cli;
mod common;
mod conventions;
mod engine;
mod graph;
mod hostile;
mod import;
mod lints;
mod live;
mod lrs;
mod lrs_config;
mod lrs_report;
mod lrs_retry;
mod lsp;
mod plain;
mod playtest;
mod pty;
mod pty_prompts;
mod pty_retry;
mod records;
mod report_retries;
mod results;
mod scenario_playthroughs;
mod schema;
mod schema_validate;
mod tutorial;
mod vsm;
