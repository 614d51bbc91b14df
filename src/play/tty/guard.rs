//! Putting the terminal back: a guard for raw mode, and a panic hook that does the same job when
//! the guard's owner never gets to drop it cleanly.

use std::io::{self, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::{Hide, Show};
use crossterm::style::{Attribute, ResetColor, SetAttribute};
use crossterm::terminal::{disable_raw_mode, enable_raw_mode};
use crossterm::{execute, queue};

/// Whether this process writes colour escapes, so the panic hook only resets what was set:
/// with colour off, not even a reset sequence reaches the terminal.
static COLOUR: AtomicBool = AtomicBool::new(false);

static HOOK: Once = Once::new();

/// Raw mode with a hidden cursor, for as long as the guard lives.
pub(crate) struct Raw {
    colour: bool,
}

impl Raw {
    pub(crate) fn enter(colour: bool) -> io::Result<Raw> {
        enable_raw_mode()?;
        let guard = Raw { colour };
        execute!(io::stdout(), Hide)?;
        Ok(guard)
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        restore(self.colour);
    }
}

/// Leaves raw mode, shows the cursor and resets colours. Every step is tried even if one fails:
/// a half-restored terminal is worse than an unreported error on the way out.
fn restore(colour: bool) {
    let mut out = io::stdout();
    if colour {
        let _ = queue!(out, SetAttribute(Attribute::Reset), ResetColor);
    }
    let _ = queue!(out, Show);
    let _ = out.flush();
    let _ = disable_raw_mode();
}

/// Makes a panic restore the terminal before the message is printed, so the message is
/// readable and the shell is usable afterwards; and makes SIGINT, SIGTERM and SIGHUP (a `kill`,
/// a closed terminal window) and SIGQUIT do the same before the process ends. Progress needs no saving
/// there: the session is saved after every answer. Installed once; later calls only record
/// whether colour is in use.
pub(crate) fn install_restore_hooks(colour: bool) {
    COLOUR.store(colour, Ordering::Relaxed);
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore(COLOUR.load(Ordering::Relaxed));
            previous(info);
        }));
        // If the handler cannot be installed, the default action still ends the process; only
        // the terminal restore is lost, which is no reason to refuse to play.
        let _ = ctrlc::set_handler(|| {
            restore_from_signal(COLOUR.load(Ordering::Relaxed));
            std::process::exit(130);
        });
        #[cfg(unix)]
        restore_on_quit();
    });
}

/// SIGQUIT (`kill -QUIT`; Ctrl-\ is only a key in raw mode) would end the process with the
/// terminal still raw and the cursor hidden: it gets the same restore, and the exit status a
/// shell reports for it.
#[cfg(unix)]
fn restore_on_quit() {
    use signal_hook::consts::SIGQUIT;
    use signal_hook::iterator::Signals;
    let Ok(mut signals) = Signals::new([SIGQUIT]) else {
        return;
    };
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            restore_from_signal(COLOUR.load(Ordering::Relaxed));
            std::process::exit(128 + SIGQUIT);
        }
    });
}

/// The signal handler runs on its own thread while the main thread may hold the stdout lock, so
/// it writes to the controlling terminal directly instead of through stdout.
fn restore_from_signal(colour: bool) {
    if let Ok(mut tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
        if colour {
            let _ = queue!(tty, SetAttribute(Attribute::Reset), ResetColor);
        }
        let _ = queue!(tty, Show);
        let _ = writeln!(tty);
        let _ = tty.flush();
    }
    let _ = disable_raw_mode();
}
