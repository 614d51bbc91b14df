//! The terminal front end: colour per speaker, typewriter text, arrow-key menus.

use std::io;

use crate::engine::{Answer, QuestionView, Step};

use super::{Frontend, Reply};

/// Settings that shape how the terminal front end looks.
#[derive(Debug, Clone, Copy)]
pub struct TtyOptions {
    pub colour: bool,
    pub animation: bool,
}

pub struct Tty {
    options: TtyOptions,
}

impl Tty {
    pub fn new(options: TtyOptions) -> io::Result<Tty> {
        Ok(Tty { options })
    }
}

impl Frontend for Tty {
    fn show(&mut self, _step: &Step) -> io::Result<Reply<()>> {
        let _ = self.options;
        Ok(Reply::Given(()))
    }

    fn ask(
        &mut self,
        _question: &QuestionView,
        _problem: Option<&str>,
    ) -> io::Result<Reply<Answer>> {
        Ok(Reply::Quit)
    }

    fn ask_name(&mut self) -> io::Result<Reply<String>> {
        Ok(Reply::Quit)
    }

    fn offer_resume(&mut self, _summary: &str) -> io::Result<Reply<bool>> {
        Ok(Reply::Quit)
    }

    fn notice(&mut self, _message: &str) -> io::Result<()> {
        Ok(())
    }
}
