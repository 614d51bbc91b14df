//! `dojo lsp`: a language server for scenario folders and map files, over stdin and stdout.
//!
//! Synchronous, on rust-analyzer's `lsp-server` with our own bounded stdio transport: one
//! thread reads messages, this one answers them. Diagnostics are exactly `dojo check`'s, computed from the editor's unsaved buffers
//! laid over the folder on disk, a moment after the author stops typing. Navigation,
//! completion and hover read ids from the TOML text with spans, so they work in a folder that
//! does not load.

mod collect;
mod complete;
mod diagnostics;
mod documents;
mod explain;
mod hover;
mod index;
mod keys;
mod navigate;
mod position;
mod server;
mod transport;
mod uri;

pub use server::serve;

/// Why the server stopped before the editor asked it to exit.
#[derive(Debug, thiserror::Error)]
pub enum LspError {
    #[error("language server protocol: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    #[error("the editor closed the connection")]
    Disconnected,
    #[error("the editor asked the server to exit without shutting it down first")]
    ExitWithoutShutdown,
    #[error("cannot read or write stdio: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot read or encode a message: {0}")]
    Encode(#[from] serde_json::Error),
}

#[cfg(test)]
mod tests;
