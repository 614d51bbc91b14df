//! Text that types itself out, and waiting for a key: the only places this front end reads keys
//! itself (inquire reads them during questions).

use std::io::{self, Write};
use std::time::Duration;

use crossterm::cursor::MoveUp;
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::queue;
use crossterm::style::Print;
use crossterm::terminal::{Clear, ClearType};

use super::guard::Raw;
use super::style::{Line, Paint, Span, begin, end, printable, write_span};
use crate::play::Reply;
use crate::play::wrap::truncate;

/// Per character: fast enough that nobody waits for text they have already read, slow enough
/// that the eye follows it rather than jumping to the end.
const CHAR: Duration = Duration::from_millis(14);
/// After a sentence, a breath, as a reader pauses there too.
const SENTENCE: Duration = Duration::from_millis(220);
/// After a comma, colon or dash, a shorter one.
const CLAUSE: Duration = Duration::from_millis(70);

/// What a key press means while text is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    /// Esc, `q`, Ctrl-C or Ctrl-D: save and leave.
    Quit,
    Other,
}

/// Reads an event as a key press; anything else (releases, resizes, focus) is no key at all.
pub(crate) fn classify(event: &Event) -> Option<Key> {
    let Event::Key(KeyEvent {
        code,
        modifiers,
        kind,
        ..
    }) = event
    else {
        return None;
    };
    if *kind == KeyEventKind::Release {
        return None;
    }
    let control = modifiers.contains(KeyModifiers::CONTROL);
    Some(match code {
        KeyCode::Esc => Key::Quit,
        KeyCode::Char('c' | 'd') if control => Key::Quit,
        KeyCode::Char('q' | 'Q') if !control && !modifiers.contains(KeyModifiers::ALT) => Key::Quit,
        KeyCode::Modifier(_) => return None,
        _ => Key::Other,
    })
}

/// How long to wait after typing `c`, given the character after it.
pub(crate) fn pause_after(c: char, next: Option<char>) -> Duration {
    let at_break = next.is_none_or(char::is_whitespace);
    match c {
        '.' | '!' | '?' | '…' if at_break => SENTENCE,
        ',' | ';' | ':' | '—' | '–' if at_break => CLAUSE,
        _ => CHAR,
    }
}

/// Types `lines` out one character at a time. Any key prints the rest at once; a quit key stops
/// and returns `Reply::Quit` with the cursor on a fresh line.
pub(crate) fn type_out(
    out: &mut impl Write,
    lines: &[Line],
    colour: bool,
) -> io::Result<Reply<()>> {
    let _raw = Raw::enter(colour)?;
    // Debug builds only: lets the PTY tests prove the panic hook restores a terminal that is
    // in raw mode mid-animation, the hardest moment to crash in.
    #[cfg(debug_assertions)]
    if std::env::var_os("DOJO_TEST_PANIC").is_some() {
        panic!("DOJO_TEST_PANIC is set: a deliberate panic while typing");
    }
    let mut hurry = false;
    for line in lines {
        for span in &line.0 {
            begin(out, span.paint, colour)?;
            let text: Vec<char> = printable(&span.text).chars().collect();
            for (i, &c) in text.iter().enumerate() {
                queue!(out, Print(c))?;
                if hurry {
                    continue;
                }
                out.flush()?;
                if !event::poll(pause_after(c, text.get(i + 1).copied()))? {
                    continue;
                }
                match classify(&event::read()?) {
                    Some(Key::Quit) => {
                        end(out, span.paint, colour)?;
                        queue!(out, Print("\r\n"))?;
                        out.flush()?;
                        return Ok(Reply::Quit);
                    }
                    Some(Key::Other) => hurry = true,
                    None => {}
                }
            }
            end(out, span.paint, colour)?;
        }
        queue!(out, Print("\r\n"))?;
    }
    out.flush()?;
    Ok(Reply::Given(()))
}

/// Shows `prompt` dimmed, after a blank row if `apart`, and waits for a key. The prompt (and the
/// blank row) are wiped afterwards, leaving the cursor where it was, so the transcript in the
/// scrollback reads as the story alone. The prompt is cut to fit in `width` columns: a prompt
/// the terminal folded onto two rows could not be wiped.
pub(crate) fn wait_for_key(
    out: &mut impl Write,
    prompt: &str,
    width: usize,
    apart: bool,
    colour: bool,
) -> io::Result<Reply<()>> {
    let prompt = truncate(prompt, width.saturating_sub(1));
    let _raw = Raw::enter(colour)?;
    // Keys pressed before the prompt appeared (hurrying the text along) are not an answer to it.
    discard_pending()?;
    if apart {
        queue!(out, Print("\r\n"))?;
    }
    write_span(out, &Span::new(prompt, Paint::DIM), colour)?;
    out.flush()?;
    let key = loop {
        if let Some(key) = classify(&event::read()?) {
            break key;
        }
    };
    queue!(out, Print("\r"), Clear(ClearType::CurrentLine))?;
    if apart {
        queue!(out, MoveUp(1))?;
    }
    out.flush()?;
    Ok(match key {
        Key::Quit => Reply::Quit,
        Key::Other => Reply::Given(()),
    })
}

/// Throws away keys typed ahead, so an Enter meant to hurry the text does not pick the first
/// option of the question that follows it.
pub(crate) fn discard_typeahead(colour: bool) -> io::Result<()> {
    let _raw = Raw::enter(colour)?;
    discard_pending()
}

fn discard_pending() -> io::Result<()> {
    while event::poll(Duration::ZERO)? {
        event::read()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventState;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        })
    }

    #[test]
    fn esc_q_and_ctrl_c_quit_and_any_other_key_hurries() {
        assert_eq!(
            classify(&key(KeyCode::Esc, KeyModifiers::NONE)),
            Some(Key::Quit)
        );
        assert_eq!(
            classify(&key(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Key::Quit)
        );
        assert_eq!(
            classify(&key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Key::Quit)
        );
        assert_eq!(
            classify(&key(KeyCode::Char('c'), KeyModifiers::NONE)),
            Some(Key::Other)
        );
        assert_eq!(
            classify(&key(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Key::Other)
        );
        assert_eq!(
            classify(&key(KeyCode::Char(' '), KeyModifiers::NONE)),
            Some(Key::Other)
        );
        assert_eq!(classify(&Event::Resize(80, 24)), None);
        let release = Event::Key(KeyEvent {
            code: KeyCode::Enter,
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Release,
            state: KeyEventState::NONE,
        });
        assert_eq!(classify(&release), None);
    }

    #[test]
    fn pauses_at_the_end_of_sentences_and_clauses_only() {
        assert_eq!(pause_after('.', Some(' ')), SENTENCE);
        assert_eq!(pause_after('.', None), SENTENCE);
        assert_eq!(pause_after('.', Some('5')), CHAR);
        assert_eq!(pause_after(',', Some(' ')), CLAUSE);
        assert_eq!(pause_after('a', Some(' ')), CHAR);
    }

    #[test]
    fn a_typical_row_types_out_in_about_a_second() {
        let row = "You joined Pet Clinic five weeks ago as an engineer. You spent both days in";
        let chars: Vec<char> = row.chars().collect();
        let total: Duration = (0..chars.len())
            .map(|i| pause_after(chars[i], chars.get(i + 1).copied()))
            .sum();
        assert!(
            total > Duration::from_millis(700) && total < Duration::from_millis(1600),
            "{total:?}"
        );
    }
}
