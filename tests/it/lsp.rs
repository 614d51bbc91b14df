//! `dojo lsp` driven over JSON-RPC, as an editor drives it: each session in
//! `tests/fixtures/lsp/*.session` is a transcript, `>` lines sent and `<` lines the exact
//! messages expected back, in order. `DOJO_BLESS=1` rewrites the `<` lines from what the
//! server answers. Paths print as `$ROOT` (the fixture folder) and `$REPO`.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::thread;
use std::time::{Duration, Instant};

use crate::common::{Goldens, dojo_process, repo_root};

const FIXTURES: &str = "tests/fixtures/lsp";
/// The longest a reply may take, however busy the machine.
const PATIENCE: Duration = Duration::from_secs(20);
/// When blessing: how long the server must stay quiet before a notification's effects are
/// taken to be complete (it checks 200 ms after the last change).
const QUIET: Duration = Duration::from_millis(1500);
/// No message this server sends comes near this; a larger one is a bug, not a message.
const LARGEST: usize = 1 << 22;

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<String>,
}

impl Server {
    fn start(data: &Path) -> Server {
        let mut child = dojo_process(data)
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dojo lsp starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, messages) = channel();
        thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Server {
            stdin: child.stdin.take(),
            child,
            messages,
        }
    }

    fn send(&mut self, json: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{json}", json.len()).expect("server reads");
        stdin.flush().expect("server reads");
    }

    fn next(&self, within: Duration) -> Option<String> {
        self.messages.recv_timeout(within).ok()
    }

    /// Waits for the server to exit; it must, and with success, once sent `exit`.
    fn finish(mut self) -> Vec<String> {
        drop(self.stdin.take());
        let deadline = Instant::now() + PATIENCE;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait works") {
                break status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("dojo lsp did not exit after `exit`");
            }
            thread::sleep(Duration::from_millis(20));
        };
        assert!(status.success(), "dojo lsp exited with {status}");
        self.messages.try_iter().collect()
    }
}

/// One framed message, with a bounded header and body; `None` at the end of the stream.
fn read_message(reader: &mut impl BufRead) -> Option<String> {
    let mut length = None;
    loop {
        let mut line = String::new();
        reader.by_ref().take(1024).read_line(&mut line).ok()?;
        if line.is_empty() {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let length = length.filter(|&n| n <= LARGEST)?;
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    String::from_utf8(body).ok()
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display()).replace(' ', "%20")
}

/// A message as transcripts hold it: keys in one order, paths as placeholders.
fn normalise(message: &str, root: &Path) -> String {
    let value: serde_json::Value = serde_json::from_str(message).expect("the server sends JSON");
    serde_json::to_string(&value)
        .expect("JSON encodes")
        .replace(&file_uri(root), "$ROOT")
        .replace(&file_uri(repo_root()), "$REPO")
}

fn is_request(json: &str) -> Option<serde_json::Value> {
    let value: serde_json::Value = serde_json::from_str(json).expect("a session line is JSON");
    value.get("id").cloned()
}

/// Plays one session; returns the transcript with the server's replies.
fn play(session: &str, root: &Path, expected: &mut dyn FnMut(&Server) -> Vec<String>) -> String {
    let data = tempfile::tempdir().expect("temp dir");
    let mut server = Server::start(data.path());
    let mut transcript = String::new();
    for line in session.lines() {
        let Some(sent) = line.strip_prefix("> ") else {
            if !line.starts_with("< ") {
                transcript.push_str(line);
                transcript.push('\n');
            }
            continue;
        };
        transcript.push_str(line);
        transcript.push('\n');
        server.send(&sent.replace("$ROOT", &file_uri(root)));
        for reply in expected(&server) {
            transcript.push_str(&format!("< {}\n", normalise(&reply, root)));
        }
    }
    for extra in server.finish() {
        transcript.push_str(&format!("< {}\n", normalise(&extra, root)));
    }
    transcript
}

#[test]
fn sessions_get_the_exact_replies() {
    let mut goldens = Goldens::from_env();
    let mut cases = 0;
    let mut paths: Vec<PathBuf> = fs::read_dir(repo_root().join(FIXTURES))
        .expect("fixtures")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "session"))
        .collect();
    paths.sort();
    for path in paths {
        cases += 1;
        let session = fs::read_to_string(&path).expect("session readable");
        let root = repo_root().join(FIXTURES).join(
            session
                .lines()
                .find_map(|l| l.strip_prefix("# folder: "))
                .expect("a session names its folder"),
        );
        let actual = if goldens.blessing() {
            bless(&session, &root)
        } else {
            replay(&session, &root)
        };
        goldens.compare(&path.display().to_string(), &path, &actual);
    }
    goldens.assert_none_failed(cases);
}

/// Reads what each sent line brings: a request's reply, or whatever a notification causes
/// until the server is quiet. A line after `# at once` is sent without waiting for the
/// effects of the one before, as an author types faster than the debounce.
fn bless(session: &str, root: &Path) -> String {
    let mut sends: Vec<(&str, bool)> = Vec::new();
    let mut at_once = false;
    for line in session.lines() {
        if line == "# at once" {
            at_once = true;
        } else if let Some(sent) = line.strip_prefix("> ") {
            if let Some(previous) = sends.last_mut() {
                previous.1 = !at_once;
            }
            sends.push((sent, true));
            at_once = false;
        }
    }
    let mut at = 0;
    play(session, root, &mut |server| {
        let (sent, wait) = sends[at];
        at += 1;
        let mut replies = Vec::new();
        match is_request(sent) {
            Some(id) => {
                while let Some(reply) = server.next(PATIENCE) {
                    let answered = is_request(&reply).is_some_and(|r| r == id);
                    replies.push(reply);
                    if answered {
                        break;
                    }
                }
            }
            None if !wait || sent.contains("\"exit\"") => {}
            None => replies.extend(std::iter::from_fn(|| server.next(QUIET))),
        }
        replies
    })
}

/// Reads, after each sent line, as many messages as the transcript expects there.
fn replay(session: &str, root: &Path) -> String {
    let mut counts = Vec::new();
    for line in session.lines() {
        if line.starts_with("> ") {
            counts.push(0);
        } else if line.starts_with("< ")
            && let Some(count) = counts.last_mut()
        {
            *count += 1;
        }
    }
    let mut at = 0;
    play(session, root, &mut |server| {
        let count = counts[at];
        at += 1;
        (0..count).map_while(|_| server.next(PATIENCE)).collect()
    })
}
