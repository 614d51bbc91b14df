//! One input run on its own thread with a bounded stack and a time budget, so a panic or a
//! hang is caught and named. A stack overflow still aborts the process; the supervisor
//! watches for that.
//!
//! The budget is processor time, not time on the clock: on a machine busy with builds an input
//! can wait seconds for a core without being slow, and a clock budget there reports hangs that
//! are not. The clock still bounds an input that waits without computing.

use std::panic;
use std::sync::Mutex;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

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
    let started = Instant::now();
    let cpu_at_start = cpu_time();
    loop {
        match finished.recv_timeout(POLL) {
            Ok(()) => {
                let _ = handle.join();
                return Outcome::Passed;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let _ = handle.join();
                let message = LAST_PANIC.lock().map(|m| m.clone()).unwrap_or_default();
                return Outcome::Panicked(message);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let computed = match (cpu_at_start, cpu_time()) {
                    (Some(start), Some(now)) => now.saturating_sub(start),
                    _ => started.elapsed(),
                };
                if computed > budget || started.elapsed() > budget * WAITING_FACTOR {
                    return Outcome::Hung;
                }
            }
        }
    }
}

/// How often a running input's processor time is looked at.
const POLL: Duration = Duration::from_millis(20);

/// How many budgets of clock time an input may take, however little it computes.
const WAITING_FACTOR: u32 = 30;

/// Processor time this process has used (user and system), from `/proc/self/stat`; `None`
/// where there is no such file, and the clock is used instead. The worker runs one input at a
/// time, so this is what that input costs, dojo's own loading threads included.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name may hold spaces and parentheses; the fields that follow it do not.
    let fields: Vec<&str> = stat
        .get(stat.rfind(')')? + 1..)?
        .split_whitespace()
        .collect();
    let ticks = |at: usize| fields.get(at)?.parse::<u64>().ok();
    // utime and stime, fields 14 and 15 of proc(5), counted from field 3 here, in the
    // kernel's 100 ticks a second.
    let total = ticks(11)? + ticks(12)?;
    Some(Duration::from_millis(total * 10))
}
