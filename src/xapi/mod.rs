//! Learning records leave the machine: xAPI 1.0.3 statements about sessions, an outbox on disk,
//! and delivery to a learning record store. The only module that touches the network.
//!
//! Statements are derived from a session's journal (and its results file once it ended), each
//! with an id fixed by the session and the event it describes, so building them again never
//! makes a second record: the LRS keeps one statement per id.

mod client;
mod config;
mod live;
mod outbox;
mod readback;
mod session;
mod statements;

pub use client::{Check, Client, PAGE, Query, XapiError};
pub use config::{CONFIG_FILE, Config, ConfigProblems};
pub use live::Live;
pub use outbox::{Outbox, SyncReport};
pub use readback::cohort_inputs;
pub use session::session_statements;
pub use statements::{Base, statements};
