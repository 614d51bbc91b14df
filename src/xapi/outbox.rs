//! The outbox: statements written to disk before any network call, then delivered in batches.
//!
//! ```text
//! <data>/outbox/statements.jsonl   every statement made, one per line, only appended to
//! <data>/outbox/delivered.jsonl    ids the LRS has (stored now or already)
//! <data>/outbox/refused.jsonl      {"id", "status", "reason"} the LRS rejected (400 or 422)
//! ```
//!
//! All three are append-only with a synced line per record, so a crash cuts off at most the
//! line being written; reading skips a cut-off line, and a statement whose delivery was not
//! recorded is sent again, which the LRS answers as already stored (same id).

use std::collections::HashSet;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::XapiError;
use super::client::{Client, Reply};
use crate::progress::DataDir;

/// Statements per POST.
const BATCH: usize = 50;

/// The outbox under a data folder.
#[derive(Debug, Clone)]
pub struct Outbox {
    dir: PathBuf,
}

/// What one delivery attempt did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Statements the LRS now has, counting those it already had.
    pub sent: usize,
    /// Statements refused in this attempt, with the LRS's reason.
    pub refused: Vec<(String, String)>,
    /// Statements still to send.
    pub waiting: usize,
    /// Why sending stopped early, if it did.
    pub stopped: Option<String>,
}

impl Outbox {
    pub fn new(data: &DataDir) -> Outbox {
        Outbox {
            dir: data.root().join("outbox"),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Appends the statements not already in the outbox; returns how many were new.
    pub fn add(&self, statements: &[Value]) -> Result<usize, XapiError> {
        let path = self.path("statements.jsonl");
        let known: HashSet<String> = ids(&read_lines(&path)?);
        let lines: Vec<String> = statements
            .iter()
            .filter(|s| s["id"].as_str().is_some_and(|id| !known.contains(id)))
            .map(Value::to_string)
            .collect();
        append(&path, &lines)?;
        Ok(lines.len())
    }

    /// Statements made but neither delivered nor refused, in the order made.
    pub fn pending(&self) -> Result<Vec<Value>, XapiError> {
        let done: HashSet<String> = ids(&read_lines(&self.path("delivered.jsonl"))?)
            .into_iter()
            .chain(ids(&read_lines(&self.path("refused.jsonl"))?))
            .collect();
        Ok(read_lines(&self.path("statements.jsonl"))?
            .into_iter()
            .filter(|s| s["id"].as_str().is_some_and(|id| !done.contains(id)))
            .collect())
    }

    /// Sends what is pending, batch by batch, until done or the LRS stops answering well.
    pub fn sync(&self, client: &Client) -> Result<SyncReport, XapiError> {
        let pending = self.pending()?;
        let mut report = SyncReport::default();
        let mut done = 0;
        for batch in pending.chunks(BATCH) {
            match self.deliver(client, batch, &mut report) {
                Ok(()) => done += batch.len(),
                Err(XapiError::Outbox { path, source }) => {
                    return Err(XapiError::Outbox { path, source });
                }
                Err(other) => {
                    report.stopped = Some(other.to_string());
                    break;
                }
            }
        }
        report.waiting = pending.len() - done;
        Ok(report)
    }

    fn deliver(
        &self,
        client: &Client,
        batch: &[Value],
        report: &mut SyncReport,
    ) -> Result<(), XapiError> {
        let reply = client.post(batch)?;
        if success(&reply) {
            self.mark_delivered(batch)?;
            report.sent += batch.len();
            return Ok(());
        }
        if !refusal(&reply) && reply.status != 409 {
            return Err(XapiError::Refused {
                status: reply.status,
                body: reply.body,
            });
        }
        // One bad statement rejects its whole batch: send them one by one to find it.
        for statement in batch {
            let reply = client.put(statement)?;
            let id = statement["id"].as_str().unwrap_or_default().to_string();
            // 409: the LRS holds a statement with this id already, which is all that matters.
            if success(&reply) || reply.status == 409 {
                self.mark_delivered(std::slice::from_ref(statement))?;
                report.sent += 1;
            } else if refusal(&reply) {
                let line = json!({ "id": id, "status": reply.status, "reason": reply.body });
                append(&self.path("refused.jsonl"), &[line.to_string()])?;
                report.refused.push((id, reply.body));
            } else {
                return Err(XapiError::Refused {
                    status: reply.status,
                    body: reply.body,
                });
            }
        }
        Ok(())
    }

    fn mark_delivered(&self, statements: &[Value]) -> Result<(), XapiError> {
        let lines: Vec<String> = statements
            .iter()
            .filter_map(|s| s["id"].as_str())
            .map(|id| json!({ "id": id }).to_string())
            .collect();
        append(&self.path("delivered.jsonl"), &lines)
    }
}

fn success(reply: &Reply) -> bool {
    (200..300).contains(&reply.status)
}

/// The LRS will never take this statement as it is: 400 as the spec says, or 422 for a
/// statement that fails its schema (what Ralph answers).
fn refusal(reply: &Reply) -> bool {
    reply.status == 400 || reply.status == 422
}

fn ids(values: &[Value]) -> HashSet<String> {
    values
        .iter()
        .filter_map(|v| v["id"].as_str().map(str::to_string))
        .collect()
}

fn outbox_error(path: &Path) -> impl Fn(std::io::Error) -> XapiError + '_ {
    move |source| XapiError::Outbox {
        path: path.to_path_buf(),
        source,
    }
}

/// Whole JSON lines of a file; none when it does not exist. A line that does not parse (the
/// last one, cut off by a crash) is left out.
fn read_lines(path: &Path) -> Result<Vec<Value>, XapiError> {
    match crate::scenario::read_regular_bytes(path) {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes)
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(outbox_error(path)(e)),
    }
}

/// Appends whole lines and syncs them. A cut-off line left by a crash is ended first so that it
/// cannot swallow the next record.
fn append(path: &Path, lines: &[String]) -> Result<(), XapiError> {
    if lines.is_empty() {
        return Ok(());
    }
    let error = outbox_error(path);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(&error)?;
    }
    let torn = crate::scenario::read_regular_bytes(path)
        .is_ok_and(|bytes| bytes.last().is_some_and(|&b| b != b'\n'));
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(&error)?;
    let mut text = String::new();
    if torn {
        text.push('\n');
    }
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    file.write_all(text.as_bytes()).map_err(&error)?;
    file.sync_data().map_err(&error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_are_kept_once_and_a_torn_line_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = Outbox::new(&DataDir::at(dir.path()));
        let a = json!({ "id": "a" });
        let b = json!({ "id": "b" });
        assert_eq!(outbox.add(std::slice::from_ref(&a)).unwrap(), 1);
        assert_eq!(outbox.add(&[a.clone(), b.clone()]).unwrap(), 1);
        let path = dir.path().join("outbox/delivered.jsonl");
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, "{\"id\":\"a\"}\n{\"id\":\"b").unwrap();
        assert_eq!(outbox.pending().unwrap(), vec![b.clone()]);
        outbox.mark_delivered(&[b]).unwrap();
        assert_eq!(outbox.pending().unwrap(), Vec::<Value>::new());
    }
}
