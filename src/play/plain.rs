//! The plain front end: lines in, lines out, no colour, no animation, no wrapping.
//!
//! Used when stdin or stdout is not a terminal, with `--plain`, by screen readers and by
//! scripted tests. Options are numbered; answers are typed one per line.

use std::io::{self, BufRead, Write};

use crate::engine::{Answer, FeedbackView, QuestionView, Results, Step};
use crate::scenario::model::QuestionKind;
use crate::scenario::{Meta, clean};

use super::map_text::{comparison_lines, map_lines};
use super::{Frontend, Reply};

/// The most of one line read as an answer; no answer is longer, and input is never read
/// without bound.
const LONGEST_ANSWER: u64 = 64 * 1024;

/// Plain text is not wrapped, but maps are drawn: at the width of a classic terminal.
const PLAIN_WIDTH: usize = 80;

pub(crate) struct Plain<R, W> {
    input: R,
    output: W,
    /// Repeat each answer read, so a transcript of piped input reads like a conversation.
    /// Off when a terminal already echoes what the learner types.
    echo: bool,
    /// The last line read, so a refusal by the story can name the answer it refused.
    last: String,
    /// Every answer that could not be taken, as "`answer`: why", in the order given.
    rejected: Vec<String>,
}

impl<R: BufRead, W: Write> Plain<R, W> {
    pub(crate) fn new(input: R, output: W, echo: bool) -> Plain<R, W> {
        Plain {
            input,
            output,
            echo,
            last: String::new(),
            rejected: Vec::new(),
        }
    }

    /// The answers that could not be taken so far, each with the reason given.
    pub(crate) fn rejected(&self) -> &[String] {
        &self.rejected
    }

    /// Reads one line; `None` at the end of input.
    fn read_line(&mut self) -> io::Result<Option<String>> {
        self.output.flush()?;
        let mut line = String::new();
        if io::Read::take(&mut self.input, LONGEST_ANSWER).read_line(&mut line)? == 0 {
            writeln!(self.output)?;
            return Ok(None);
        }
        if !line.ends_with('\n') {
            // The rest of an over-long line is not an answer of its own.
            self.input.skip_until(b'\n')?;
        }
        // Echoed and returned without escape sequences: the echo reaches the terminal and
        // `dojo test --bless` writes it into a transcript.
        let line = clean(line.trim_end_matches(['\n', '\r']));
        if self.echo {
            writeln!(self.output, "{line}")?;
        }
        self.last.clone_from(&line);
        Ok(Some(line))
    }

    fn feedback(&mut self, feedback: &FeedbackView) -> io::Result<()> {
        match feedback.right {
            Some(true) => writeln!(self.output, "Right.")?,
            Some(false) => writeln!(self.output, "Not quite.")?,
            None => {}
        }
        for line in &feedback.lines {
            match &line.option {
                Some(option) if line.missed => {
                    writeln!(self.output, "- Missed: {option}\n  {}", line.text)?
                }
                Some(option) => writeln!(self.output, "- {option}\n  {}", line.text)?,
                None => writeln!(self.output, "{}", line.text)?,
            }
        }
        if let Some(solution) = &feedback.solution {
            writeln!(self.output, "The answer: {solution}")?;
        }
        if !feedback.score.is_empty() {
            let changes: Vec<String> = feedback
                .score
                .iter()
                .map(|change| format!("{} {:+}", change.competency, change.delta))
                .collect();
            writeln!(self.output, "Score: {}", changes.join(", "))?;
        }
        writeln!(self.output)
    }

    fn results(&mut self, results: &Results) -> io::Result<()> {
        writeln!(self.output, "== The end: {} ==", results.ending.title)?;
        if let Some(grade) = &results.grade {
            writeln!(self.output, "Grade: {} ({}%)", grade.name, results.percent)?;
            if !grade.message.is_empty() {
                writeln!(self.output, "{}", grade.message)?;
            }
        }
        for competency in &results.competencies {
            writeln!(
                self.output,
                "{}: {} of {}",
                competency.name, competency.score, competency.max
            )?;
        }
        writeln!(self.output)?;
        writeln!(self.output, "Your answers:")?;
        for (number, question) in results.questions.iter().enumerate() {
            let verdict = match question.right {
                Some(true) => " (right)",
                Some(false) => " (not quite)",
                None => "",
            };
            writeln!(self.output, "{}. {}", number + 1, question.prompt)?;
            writeln!(self.output, "   You answered: {}{verdict}", question.answer)?;
        }
        for comparison in &results.maps {
            let mut lines = comparison_lines(comparison, PLAIN_WIDTH).into_iter();
            if let Some(title) = lines.next() {
                writeln!(self.output, "\n== {title} ==")?;
            }
            for line in lines {
                writeln!(self.output, "{line}")?;
            }
        }
        writeln!(self.output)
    }
}

/// The line under a question saying how to answer it.
/// A refused answer and why, naming the answer unless the reason already does.
fn refusal(answer: &str, why: &str) -> String {
    let quoted = format!("`{answer}`");
    if why.contains(&quoted) {
        why.to_string()
    } else {
        format!("{quoted}: {why}")
    }
}

pub(crate) fn how_to_answer(question: &QuestionView) -> String {
    match question.kind {
        QuestionKind::Single => "Type the number of your choice:".to_string(),
        QuestionKind::Multiple => {
            "Type the numbers of all that apply, separated by spaces or commas:".to_string()
        }
        QuestionKind::Order => {
            "Type the numbers in order, first to last, separated by spaces:".to_string()
        }
        QuestionKind::Number => match &question.unit {
            Some(unit) => format!("Type a number (in {unit}):"),
            None => "Type a number:".to_string(),
        },
        QuestionKind::Text => "Type your answer:".to_string(),
    }
}

impl<R: BufRead, W: Write> Frontend for Plain<R, W> {
    fn title(&mut self, meta: &Meta) -> io::Result<Reply<()>> {
        writeln!(self.output, "# {}", meta.title)?;
        if !meta.summary.is_empty() {
            writeln!(self.output, "{}", meta.summary)?;
        }
        match meta.minutes {
            0 => writeln!(self.output, "{} level.", capitalised(meta.level.as_str()))?,
            minutes => writeln!(
                self.output,
                "About {minutes} minutes, {} level.",
                meta.level.as_str()
            )?,
        }
        if !meta.objectives.is_empty() {
            writeln!(self.output, "You will learn to:")?;
            for objective in &meta.objectives {
                writeln!(self.output, "- {objective}")?;
            }
        }
        writeln!(self.output)?;
        Ok(Reply::Given(()))
    }

    fn show(&mut self, step: &Step) -> io::Result<Reply<()>> {
        match step {
            Step::Scene { title, .. } => {
                if let Some(title) = title {
                    writeln!(self.output, "== {title} ==")?;
                    writeln!(self.output)?;
                }
            }
            Step::Narration { text } => writeln!(self.output, "{text}\n")?,
            Step::Line { speaker, text } => writeln!(self.output, "{}: {text}\n", speaker.name)?,
            Step::Question(_) => {}
            Step::Feedback(feedback) => self.feedback(feedback)?,
            Step::Map(view) => {
                for line in map_lines(view, PLAIN_WIDTH) {
                    writeln!(self.output, "{line}")?;
                }
                writeln!(self.output)?;
            }
            Step::End(results) => self.results(results)?,
        }
        Ok(Reply::Given(()))
    }

    fn ask(&mut self, question: &QuestionView, problem: Option<&str>) -> io::Result<Reply<Answer>> {
        if let Some(problem) = problem {
            self.rejected.push(refusal(&self.last, problem));
            writeln!(self.output, "That answer cannot be taken: {problem}.")?;
        } else {
            writeln!(self.output, "? {}", question.prompt)?;
            for (number, option) in question.options.iter().enumerate() {
                writeln!(self.output, "  {}. {}", number + 1, option.text)?;
            }
        }
        loop {
            write!(self.output, "{} ", how_to_answer(question))?;
            let Some(line) = self.read_line()? else {
                return Ok(Reply::Quit);
            };
            let quits = question.kind != QuestionKind::Text && matches!(line.trim(), "q" | "quit");
            if quits {
                return Ok(Reply::Quit);
            }
            match Answer::parse(question, &line) {
                Ok(answer) => {
                    writeln!(self.output)?;
                    return Ok(Reply::Given(answer));
                }
                Err(error) => {
                    self.rejected.push(refusal(&line, &error.to_string()));
                    writeln!(self.output, "That answer cannot be taken: {error}.")?;
                }
            }
        }
    }

    fn ask_name(&mut self) -> io::Result<Reply<String>> {
        write!(
            self.output,
            "What should the team call you? (Enter to skip) "
        )?;
        Ok(match self.read_line()? {
            Some(name) => Reply::Given(name.trim().to_string()),
            None => Reply::Quit,
        })
    }

    fn offer_resume(&mut self, summary: &str) -> io::Result<Reply<bool>> {
        writeln!(self.output, "{summary}")?;
        loop {
            write!(self.output, "Continue where you left off? [Y/n] ")?;
            let Some(line) = self.read_line()? else {
                return Ok(Reply::Quit);
            };
            match line.trim().to_lowercase().as_str() {
                "" | "y" | "yes" => {
                    writeln!(self.output)?;
                    return Ok(Reply::Given(true));
                }
                "n" | "no" => {
                    writeln!(self.output)?;
                    return Ok(Reply::Given(false));
                }
                "q" | "quit" => return Ok(Reply::Quit),
                _ => writeln!(self.output, "Please type y or n.")?,
            }
        }
    }

    fn notice(&mut self, message: &str) -> io::Result<()> {
        writeln!(self.output, "{message}")
    }
}

/// `beginner` as `Beginner`, to start a sentence.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
