//! Standard input and output as the server's connection, reading what the editor sends within
//! bounds: lsp-server's own reader sets aside whatever `Content-Length` claims before reading a
//! byte, so one bad header could abort the process.

use std::io::{self, BufRead, Read};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};

use crossbeam_channel::{Sender, bounded};
use lsp_server::{Connection, Message};

use crate::scenario::MAX_FILE_BYTES;

/// The largest message read: a file at dojo's size limit with every byte escaped in JSON (six
/// bytes at worst), and room for the envelope around it.
const MAX_MESSAGE: usize = 6 * MAX_FILE_BYTES as usize + 64 * 1024;
/// Header lines are a few dozen bytes; a longer one is not the protocol.
const MAX_HEADER_LINE: usize = 1024;

/// The two threads moving messages between the channels and stdio.
pub(super) struct Transport {
    reader: JoinHandle<()>,
    writer: JoinHandle<io::Result<()>>,
    /// Why the reader stopped, when it was not the end of the input: set before the server's
    /// channel closes, so a server that sees it close can say why.
    failure: Arc<Mutex<Option<io::Error>>>,
}

impl Transport {
    /// What went wrong reading from the editor, if anything did.
    pub(super) fn failure(&self) -> Option<io::Error> {
        self.failure
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    /// Waits for both threads, once the server has dropped its connection.
    pub(super) fn join(self) -> io::Result<()> {
        let panicked = || io::Error::other("a language server thread panicked");
        let Transport {
            reader,
            writer,
            failure,
        } = self;
        reader.join().map_err(|_| panicked())?;
        if let Some(error) = failure
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
        {
            return Err(error);
        }
        writer.join().map_err(|_| panicked())?
    }
}

/// Connects the server to stdin and stdout.
pub(super) fn stdio() -> io::Result<(Connection, Transport)> {
    let (to_server, from_editor) = bounded::<Message>(0);
    let (to_editor, from_server) = bounded::<Message>(0);
    let failure = Arc::new(Mutex::new(None));
    let failed = Arc::clone(&failure);
    let reader = thread::Builder::new()
        .name("dojo-lsp-reader".into())
        .spawn(move || {
            if let Err(error) = pump(&mut io::stdin().lock(), &to_server) {
                *failed.lock().unwrap_or_else(PoisonError::into_inner) = Some(error);
            }
            // `to_server` is dropped only now, after the failure is recorded.
        })?;
    let writer = thread::Builder::new()
        .name("dojo-lsp-writer".into())
        .spawn(move || {
            let mut output = io::stdout().lock();
            from_server
                .into_iter()
                .try_for_each(|message| message.write(&mut output))
        })?;
    let connection = Connection {
        sender: to_editor,
        receiver: from_editor,
    };
    Ok((
        connection,
        Transport {
            reader,
            writer,
            failure,
        },
    ))
}

/// Passes messages on until the input ends, the server goes away or `exit` arrives.
fn pump(input: &mut impl BufRead, to_server: &Sender<Message>) -> io::Result<()> {
    while let Some(message) = read_message(input)? {
        let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
        if to_server.send(message).is_err() || exit {
            break;
        }
    }
    Ok(())
}

fn invalid(why: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, why)
}

/// One message, or `None` when the input ends between messages.
fn read_message(input: &mut impl BufRead) -> io::Result<Option<Message>> {
    let mut length = None;
    let mut first = true;
    loop {
        let mut line = Vec::new();
        let read = input
            .by_ref()
            .take(MAX_HEADER_LINE as u64 + 1)
            .read_until(b'\n', &mut line)?;
        if read == 0 {
            return if first {
                Ok(None)
            } else {
                Err(invalid("the input ended inside a message's header".into()))
            };
        }
        first = false;
        let Some(line) = line.strip_suffix(b"\r\n") else {
            return Err(invalid(format!(
                "a header line that is not one of at most {MAX_HEADER_LINE} bytes ending in CRLF"
            )));
        };
        if line.is_empty() {
            break;
        }
        let text = String::from_utf8_lossy(line);
        if let Some((name, value)) = text.split_once(':')
            && name.eq_ignore_ascii_case("Content-Length")
        {
            let parsed = value.trim().parse::<usize>();
            length = Some(parsed.map_err(|_| invalid(format!("Content-Length `{value}`")))?);
        }
    }
    let length = length.ok_or_else(|| invalid("a message without a Content-Length".into()))?;
    if length > MAX_MESSAGE {
        return Err(invalid(format!(
            "a message of {length} bytes; at most {MAX_MESSAGE} are read"
        )));
    }
    // lsp-server parses the message; it gets one whose length is already known to be sane.
    let mut framed = format!("Content-Length: {length}\r\n\r\n").into_bytes();
    let body = framed.len();
    framed.resize(body + length, 0);
    input.read_exact(&mut framed[body..])?;
    Message::read(&mut io::Cursor::new(framed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str) -> io::Result<Option<Message>> {
        read_message(&mut io::Cursor::new(input.as_bytes().to_vec()))
    }

    #[test]
    fn a_message_is_read_and_the_end_between_messages_is_none() {
        let body = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let message = read(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        assert!(matches!(message, Ok(Some(Message::Notification(n))) if n.method == "exit"));
        assert!(matches!(read(""), Ok(None)));
    }

    #[test]
    fn a_length_past_the_limit_is_refused_before_anything_is_set_aside() {
        let error = read("Content-Length: 4000000000\r\n\r\n{}").expect_err("refused");
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert!(error.to_string().contains("4000000000 bytes"), "{error}");
    }

    #[test]
    fn an_endless_header_line_is_refused_after_a_kilobyte() {
        let error = read(&"x".repeat(10 * MAX_HEADER_LINE)).expect_err("refused");
        assert!(error.to_string().contains("header line"), "{error}");
        let error = read("Content-Length: 12\r\n").expect_err("cut off");
        assert!(error.to_string().contains("ended inside"), "{error}");
    }
}
