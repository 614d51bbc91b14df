//! Reading keys for our own prompts: the next key pressed, whatever else the terminal reports
//! in between.

use std::io;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Waits for the next key press. Releases (reported by terminals with the kitty protocol),
/// resizes, focus changes and pastes are not presses, and are skipped.
pub(crate) fn next_key_press() -> io::Result<(KeyCode, KeyModifiers)> {
    loop {
        if let Event::Key(KeyEvent {
            code,
            modifiers,
            kind,
            ..
        }) = event::read()?
            && kind != KeyEventKind::Release
        {
            return Ok((code, modifiers));
        }
    }
}
