//! The protocol loop: the handshake, then each message in turn, with the diagnostics of the
//! projects that changed published once the author has paused.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::{
    CompletionOptions, Diagnostic, HoverProviderCapability, OneOf, PublishDiagnosticsParams,
    RenameOptions, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::documents::{Documents, Project};
use super::uri::{from_path, to_path};
use super::{LspError, complete, diagnostics, hover, navigate};

/// How long the author must pause before the folder is checked again: long enough not to
/// check on every keystroke, short enough to feel immediate.
const DEBOUNCE: Duration = Duration::from_millis(200);
/// The longest a change waits for its check while the author keeps typing.
const LONGEST_WAIT: Duration = Duration::from_secs(1);

/// Serves one editor on stdin and stdout until it sends `exit`.
pub fn serve() -> Result<(), LspError> {
    let (connection, transport) = super::transport::stdio()?;
    let served = serve_on(&connection);
    drop(connection);
    match served {
        Ok(()) => Ok(transport.join()?),
        // A server cut off mid-way only saw its channel close; a bad message is why.
        Err(error) => Err(transport.failure().map_or(error, LspError::Io)),
    }
}

fn serve_on(connection: &Connection) -> Result<(), LspError> {
    let capabilities = serde_json::to_value(capabilities())?;
    let init = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": ServerInfo {
            name: "dojo".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    });
    // Nothing the client says about itself changes what this server does.
    let (id, _) = connection.initialize_start()?;
    connection.initialize_finish(id, init)?;
    Server::default().run(connection)
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".into(), "\"".into(), "{".into()]),
            ..CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        ..ServerCapabilities::default()
    }
}

#[derive(Default)]
struct Server {
    documents: Documents,
    /// Projects changed since their diagnostics were last published.
    stale: BTreeSet<Project>,
    /// When to check the stale projects.
    due: Option<Instant>,
    /// When the oldest change not yet checked arrived.
    waiting_since: Option<Instant>,
    /// What each file was last published with, so only changes are sent.
    published: HashMap<PathBuf, Vec<Diagnostic>>,
}

impl Server {
    fn run(&mut self, connection: &Connection) -> Result<(), LspError> {
        loop {
            let message = match self.due {
                Some(due) => {
                    match connection
                        .receiver
                        .recv_timeout(due.saturating_duration_since(Instant::now()))
                    {
                        Ok(message) => Some(message),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return Err(LspError::Disconnected),
                    }
                }
                None => Some(
                    connection
                        .receiver
                        .recv()
                        .map_err(|_| LspError::Disconnected)?,
                ),
            };
            match message {
                None => self.publish(connection)?,
                Some(Message::Request(request)) => {
                    if connection.handle_shutdown(&request)? {
                        return Ok(());
                    }
                    let response = self.answer(request);
                    send(connection, Message::Response(response))?;
                }
                Some(Message::Notification(notification)) if notification.method == "exit" => {
                    return Err(LspError::ExitWithoutShutdown);
                }
                Some(Message::Notification(notification)) => self.notice(notification),
                Some(Message::Response(_)) => {}
            }
        }
    }

    fn notice(&mut self, notification: Notification) {
        use lsp_types::notification::{
            DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
            Notification as _,
        };
        let params = notification.params;
        let (path, wait) = match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Some(p) = parse::<lsp_types::DidOpenTextDocumentParams>(params) else {
                    return;
                };
                let path = to_path(&p.text_document.uri);
                if let Some(path) = &path {
                    self.documents.set(path.clone(), p.text_document.text);
                }
                (path, Duration::ZERO)
            }
            DidChangeTextDocument::METHOD => {
                let Some(p) = parse::<lsp_types::DidChangeTextDocumentParams>(params) else {
                    return;
                };
                let path = to_path(&p.text_document.uri);
                // Full sync: the last change holds the whole text.
                if let (Some(path), Some(change)) = (&path, p.content_changes.into_iter().last()) {
                    self.documents.set(path.clone(), change.text);
                }
                (path, DEBOUNCE)
            }
            DidSaveTextDocument::METHOD => {
                let Some(p) = parse::<lsp_types::DidSaveTextDocumentParams>(params) else {
                    return;
                };
                (to_path(&p.text_document.uri), Duration::ZERO)
            }
            DidCloseTextDocument::METHOD => {
                let Some(p) = parse::<lsp_types::DidCloseTextDocumentParams>(params) else {
                    return;
                };
                let path = to_path(&p.text_document.uri);
                if let Some(path) = &path {
                    self.documents.close(path);
                }
                (path, Duration::ZERO)
            }
            _ => return,
        };
        if let Some(project) = path.and_then(|path| self.documents.project_of(&path)) {
            self.stale.insert(project);
            let now = Instant::now();
            let since = *self.waiting_since.get_or_insert(now);
            self.due = Some((now + wait).min(since + LONGEST_WAIT));
        }
    }

    /// Checks every stale project and sends the files whose diagnostics changed.
    fn publish(&mut self, connection: &Connection) -> Result<(), LspError> {
        self.due = None;
        self.waiting_since = None;
        for project in std::mem::take(&mut self.stale) {
            let checked = diagnostics::check(&project, &self.documents);
            for (path, found) in &checked {
                if self
                    .published
                    .get(path)
                    .map_or(found.is_empty(), |last| last == found)
                {
                    continue;
                }
                publish_one(connection, path, found.clone())?;
                self.published.insert(path.clone(), found.clone());
            }
            self.clear_fixed(&project, &checked, connection)?;
        }
        Ok(())
    }

    /// Clears the files of a project that had diagnostics and now have none.
    fn clear_fixed(
        &mut self,
        project: &Project,
        checked: &diagnostics::ByFile,
        connection: &Connection,
    ) -> Result<(), LspError> {
        let gone: Vec<PathBuf> = self
            .published
            .iter()
            .filter(|(path, found)| {
                !found.is_empty()
                    && !checked.contains_key(*path)
                    && self.documents.project_of(path).as_ref() == Some(project)
            })
            .map(|(path, _)| path.clone())
            .collect();
        for path in gone {
            publish_one(connection, &path, Vec::new())?;
            self.published.insert(path, Vec::new());
        }
        Ok(())
    }

    fn answer(&self, request: Request) -> Response {
        use lsp_types::request::{
            Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest, PrepareRenameRequest,
            References, Rename, Request as _,
        };
        let id = request.id.clone();
        let params = request.params;
        let docs = &self.documents;
        let result: Result<Value, String> = match request.method.as_str() {
            GotoDefinition::METHOD => with(params, |p| navigate::definition(docs, p)),
            References::METHOD => with(params, |p| navigate::references(docs, p)),
            Rename::METHOD => with(params, |p| navigate::rename(docs, p)),
            PrepareRenameRequest::METHOD => with(params, |p| navigate::prepare_rename(docs, p)),
            DocumentSymbolRequest::METHOD => with(params, |p| navigate::symbols(docs, p)),
            HoverRequest::METHOD => with(params, |p| hover::hover(docs, p)),
            Completion::METHOD => with(params, |p| complete::complete(docs, p)),
            _ => {
                return Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("dojo does not answer {}", request.method),
                );
            }
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err(message) => Response::new_err(id, ErrorCode::InvalidParams as i32, message),
        }
    }
}

/// Reads a request's parameters, runs `handler` and encodes what it answers.
fn with<P: DeserializeOwned, R: serde::Serialize>(
    params: Value,
    handler: impl FnOnce(P) -> Result<R, String>,
) -> Result<Value, String> {
    let params = serde_json::from_value(params).map_err(|e| e.to_string())?;
    serde_json::to_value(handler(params)?).map_err(|e| e.to_string())
}

fn parse<P: DeserializeOwned>(params: Value) -> Option<P> {
    serde_json::from_value(params).ok()
}

fn publish_one(
    connection: &Connection,
    path: &std::path::Path,
    found: Vec<Diagnostic>,
) -> Result<(), LspError> {
    let Some(uri) = from_path(path) else {
        return Ok(());
    };
    let params = PublishDiagnosticsParams::new(uri, found, None);
    let method = "textDocument/publishDiagnostics".to_string();
    send(
        connection,
        Message::Notification(Notification::new(method, params)),
    )
}

fn send(connection: &Connection, message: Message) -> Result<(), LspError> {
    connection
        .sender
        .send(message)
        .map_err(|_| LspError::Disconnected)
}

/// The path of a document the editor names, or why it cannot be served.
pub(crate) fn path_of(uri: &Uri) -> Result<PathBuf, String> {
    to_path(uri).ok_or_else(|| format!("dojo serves only file: documents, not {}", uri.as_str()))
}
