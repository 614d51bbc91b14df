//! One input run on its own thread with a bounded stack and a time budget, so a panic or a
//! hang is caught and named. A stack overflow still aborts the process; the supervisor
//! watches for that.

use std::panic;
use std::sync::Mutex;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crate::case::Case;
use crate::target;

/// The stack each input gets: what Rust gives any spawned thread, and what dojo's own
/// loading threads have.
pub const STACK: usize = 2 * 1024 * 1024;

pub enum Outcome {
    Passed,
    /// Where the panic happened and its message.
    Panicked(String),
    /// Still running when the budget ran out; the thread is abandoned.
    Hung,
}

static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

/// Panics are findings, recorded for the report instead of printed.
pub fn quiet_panics() {
    panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = format!("panic at {place}: {message}");
        }
    }));
}

pub fn run(case: Case, budget: Duration) -> Outcome {
    let (done, finished) = mpsc::channel();
    let spawned = thread::Builder::new()
        .name("input".into())
        .stack_size(STACK)
        .spawn(move || {
            target::run(&case);
            let _ = done.send(());
        });
    let Ok(handle) = spawned else {
        return Outcome::Panicked("could not start a thread".into());
    };
    match finished.recv_timeout(budget) {
        Ok(()) => {
            let _ = handle.join();
            Outcome::Passed
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let _ = handle.join();
            let message = LAST_PANIC.lock().map(|m| m.clone()).unwrap_or_default();
            Outcome::Panicked(message)
        }
        Err(mpsc::RecvTimeoutError::Timeout) => Outcome::Hung,
    }
}
