//! The terminal front end: colour per speaker, typewriter text, arrow-key menus.
//!
//! The story is written to stdout as a transcript that stays in the scrollback (no alternate
//! screen); questions are drawn on stderr. Raw mode is on only while text types itself out or
//! a key is awaited, and a guard and a panic hook always turn it off again.
//!
//! Pacing: text is paused on ("press any key") before a new scene, before the results, and
//! whenever more text would push unread lines off the top of the screen.

mod choose;
mod guard;
mod keys;
mod layout;
mod line;
mod menu;
mod style;
mod typewriter;
mod yes_no;

use std::collections::HashSet;
use std::io::{self, Write};

use crossterm::queue;
use crossterm::style::Print;

use crate::engine::{Answer, QuestionView, Step};
use crate::scenario::Meta;

use super::{Frontend, Reply};
use menu::Screen;
use style::{Line, write_line};

/// Settings that shape how the terminal front end looks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TtyOptions {
    pub colour: bool,
    pub animation: bool,
}

/// Lines longer than this are hard to follow back to their start, however wide the terminal.
const MEASURE: usize = 100;
/// Below this many rows, pausing to keep text on screen would pause after every line.
const MIN_PAGED_ROWS: usize = 6;
/// What the learner is asked to do at a pause; tests look for "press any key".
const PAUSE: &str = "press any key · q saves and quits";
/// A pause once the story has ended, when there is nothing left to save.
const PAUSE_AFTER_THE_END: &str = "press any key · q to finish";

pub(crate) struct Tty {
    options: TtyOptions,
    out: io::Stdout,
    /// Rows written since the learner last pressed a key or answered: the text they may not
    /// have read yet, which must not scroll away unseen.
    rows: usize,
    /// Story text has been shown since the last pause, so a new scene waits for a key first.
    unread: bool,
    /// The last row written was blank (or nothing was written yet since a prompt cleared it).
    spaced: bool,
    /// Speakers whose role has been shown, by id.
    introduced: HashSet<String>,
    /// What a pause says `q` does: save and quit during the story, finish after its end.
    pause: &'static str,
}

impl Tty {
    pub(crate) fn new(options: TtyOptions) -> io::Result<Tty> {
        guard::install_restore_hooks(options.colour);
        Ok(Tty {
            options,
            out: io::stdout(),
            rows: 0,
            unread: false,
            spaced: false,
            introduced: HashSet::new(),
            pause: PAUSE,
        })
    }

    /// The terminal's size now: it is read before every step, so resizing mid-story re-wraps.
    fn screen(&self) -> Screen {
        // A terminal that reports no size (some ptys, serial lines) gets the classic one.
        let (columns, rows) = match crossterm::terminal::size() {
            Ok((columns, rows)) if columns > 0 && rows > 0 => (columns, rows),
            _ => (80, 24),
        };
        Screen {
            width: usize::from(columns).clamp(1, MEASURE),
            height: usize::from(rows),
            colour: self.options.colour,
        }
    }

    /// Rows that may be written before unread text would scroll off, leaving one for the pause.
    fn room(&self, screen: &Screen) -> Option<usize> {
        (screen.height >= MIN_PAGED_ROWS)
            .then(|| screen.height.saturating_sub(2).saturating_sub(self.rows))
    }

    /// Whether `needed` more rows would push unread text off the screen.
    fn crowded(&self, screen: &Screen, needed: usize) -> bool {
        self.rows > 0 && self.room(screen).is_some_and(|room| needed > room)
    }

    fn pause(&mut self) -> io::Result<Reply<()>> {
        self.pause_with(self.pause)
    }

    fn pause_with(&mut self, prompt: &str) -> io::Result<Reply<()>> {
        let width = self.screen().width;
        let reply = typewriter::wait_for_key(
            &mut self.out,
            prompt,
            width,
            !self.spaced,
            self.options.colour,
        )?;
        self.rows = 0;
        self.unread = false;
        Ok(reply)
    }

    fn gap(&mut self) -> io::Result<()> {
        if !self.spaced {
            queue!(self.out, Print("\r\n"))?;
            self.rows += 1;
            self.spaced = true;
        }
        Ok(())
    }

    /// Writes `rows` after a blank row, typing them out if `typed` and animation is on. A block
    /// that would fit on a fresh screen but not below what is there waits for a key first; a
    /// block taller than the screen is paused on part way.
    fn block(&mut self, rows: &[Line], typed: bool) -> io::Result<Reply<()>> {
        if rows.is_empty() {
            return Ok(Reply::Given(()));
        }
        let screen = self.screen();
        let whole = rows.len() + usize::from(!self.spaced);
        let fits_a_screen = whole <= screen.height.saturating_sub(2);
        if fits_a_screen && self.crowded(&screen, whole) && self.pause()? == Reply::Quit {
            return Ok(Reply::Quit);
        }
        self.gap()?;
        let mut rest = rows;
        while !rest.is_empty() {
            let take = match self.room(&screen) {
                Some(0) => {
                    if self.pause()? == Reply::Quit {
                        return Ok(Reply::Quit);
                    }
                    continue;
                }
                Some(room) => room.min(rest.len()),
                None => rest.len(),
            };
            let (now, later) = rest.split_at(take);
            if self.write_rows(now, typed)? == Reply::Quit {
                self.spaced = false;
                return Ok(Reply::Quit);
            }
            self.rows += now.len();
            self.spaced = now.last().is_some_and(|row| row.0.is_empty());
            rest = later;
        }
        Ok(Reply::Given(()))
    }

    fn write_rows(&mut self, rows: &[Line], typed: bool) -> io::Result<Reply<()>> {
        if typed && self.options.animation {
            return typewriter::type_out(&mut self.out, rows, self.options.colour);
        }
        for row in rows {
            write_line(&mut self.out, row, self.options.colour)?;
        }
        self.out.flush()?;
        Ok(Reply::Given(()))
    }

    /// Gets the screen ready for a prompt of about `height` rows: unread text is paused on if
    /// the prompt would push it off, our output is flushed before the prompt writes to the
    /// other stream, and keys typed ahead are dropped.
    fn before_prompt(&mut self, height: usize) -> io::Result<Reply<()>> {
        let screen = self.screen();
        if self.crowded(&screen, height + 1) && self.pause()? == Reply::Quit {
            return Ok(Reply::Quit);
        }
        self.gap()?;
        self.out.flush()?;
        typewriter::discard_typeahead(self.options.colour)?;
        Ok(Reply::Given(()))
    }

    /// After a prompt the learner has seen everything above it.
    fn after_prompt(&mut self) {
        self.rows = 0;
        self.unread = false;
        self.spaced = false;
    }

    /// Shows `rows` as story text the learner should read before the scene moves on.
    fn story(&mut self, rows: &[Line]) -> io::Result<Reply<()>> {
        let reply = self.block(rows, true)?;
        self.unread = true;
        Ok(reply)
    }

    /// Waits for a key if story text was shown since the learner last acted.
    fn settle_unread(&mut self) -> io::Result<Reply<()>> {
        if self.unread {
            return self.pause();
        }
        Ok(Reply::Given(()))
    }
}

impl Frontend for Tty {
    fn title(&mut self, meta: &Meta) -> io::Result<Reply<()>> {
        let screen = self.screen();
        // A card to take in at a glance, not a story to follow, so it is not typed out; it
        // leaves room for the blank row above it and the pause (and its blank row) below.
        let rows = screen.height.saturating_sub(3);
        let card = layout::title_card(meta, screen.width, rows);
        let reply = self.block(&card, false)?;
        self.unread = true;
        Ok(reply)
    }

    fn show(&mut self, step: &Step) -> io::Result<Reply<()>> {
        let width = self.screen().width;
        match step {
            Step::Scene { title, .. } => {
                if self.settle_unread()? == Reply::Quit {
                    return Ok(Reply::Quit);
                }
                match title {
                    Some(title) => self.block(&layout::heading(title, width), false),
                    None => Ok(Reply::Given(())),
                }
            }
            Step::Narration { text } => self.story(&layout::narration(text, width)),
            Step::Line { speaker, text } => {
                let introduce = self.introduced.insert(speaker.id.to_string());
                if introduce {
                    let portrait = layout::portrait(speaker, &self.screen());
                    if !portrait.is_empty() && self.block(&portrait, false)? == Reply::Quit {
                        return Ok(Reply::Quit);
                    }
                }
                self.story(&layout::speech(speaker, text, width, introduce))
            }
            Step::Map(view) => self.block(&layout::map(view, width), false),
            Step::Question(_) => Ok(Reply::Given(())),
            Step::Feedback(feedback) => self.story(&layout::feedback(feedback, width)),
            Step::End(results) => {
                self.pause = PAUSE_AFTER_THE_END;
                if self.settle_unread()? == Reply::Quit {
                    return Ok(Reply::Quit);
                }
                // Room for the blank row above and the pause, with its blank row, below.
                let rows = self.screen().height.saturating_sub(3);
                if self.block(&layout::results(results, width, rows), false)? == Reply::Quit {
                    return Ok(Reply::Given(()));
                }
                let Some(prompt) = layout::details_prompt(results) else {
                    return Ok(Reply::Given(()));
                };
                if self.pause_with(prompt)? == Reply::Quit {
                    return Ok(Reply::Given(()));
                }
                self.block(&layout::details(results, width), false)
            }
        }
    }

    fn ask(&mut self, question: &QuestionView, problem: Option<&str>) -> io::Result<Reply<Answer>> {
        let screen = self.screen();
        if let Some(problem) = problem {
            if self.block(&layout::problem(problem, screen.width), false)? == Reply::Quit {
                return Ok(Reply::Quit);
            }
            self.spaced = true;
        }
        if self.before_prompt(menu::height(question, &screen))? == Reply::Quit {
            return Ok(Reply::Quit);
        }
        let reply = menu::ask(question, &screen);
        self.after_prompt();
        reply
    }

    fn ask_name(&mut self) -> io::Result<Reply<String>> {
        if self.before_prompt(2)? == Reply::Quit {
            return Ok(Reply::Quit);
        }
        let reply = menu::name(&self.screen());
        self.after_prompt();
        reply
    }

    fn offer_resume(&mut self, summary: &str) -> io::Result<Reply<bool>> {
        let width = self.screen().width;
        if self.block(&layout::narration(summary, width), false)? == Reply::Quit {
            return Ok(Reply::Quit);
        }
        self.spaced = true;
        if self.before_prompt(2)? == Reply::Quit {
            return Ok(Reply::Quit);
        }
        let reply = menu::resume(&self.screen());
        self.after_prompt();
        reply
    }

    fn notice(&mut self, message: &str) -> io::Result<()> {
        self.gap()?;
        for row in layout::notice(message, self.screen().width) {
            write_line(&mut self.out, &row, self.options.colour)?;
        }
        self.spaced = false;
        self.out.flush()
    }
}
