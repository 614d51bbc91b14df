//! The plain front end: lines in, lines out, no colour, no animation, no box drawing.
//!
//! Used when stdin or stdout is not a terminal, with `--plain` or `TERM=dumb`, by screen
//! readers and by scripted tests. Options are numbered; answers are typed one per line; a map
//! is a table read row by row. At a terminal, text is wrapped at word boundaries to its width;
//! piped, each paragraph stays on one line, as a transcript wants.

use std::io::{self, BufRead, Write};

use crate::engine::{Answer, FeedbackView, QuestionView, Results, Step};
use crate::scenario::model::QuestionKind;
use crate::scenario::{Meta, clean};

use super::map_plain::map_paragraphs;
use super::map_text::{comparison_summary, comparison_title, unfinished};
use super::wrap::wrap;
use super::{Frontend, Reply};

/// The most of one line read as an answer; no answer is longer, and input is never read
/// without bound.
const LONGEST_ANSWER: u64 = 64 * 1024;

/// Where nothing is wrapped, tables still need a width to fall back on.
const UNWRAPPED: usize = usize::MAX;

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
    /// The terminal's width, to wrap to; `None` keeps each paragraph on one line.
    width: Option<usize>,
}

impl<R: BufRead, W: Write> Plain<R, W> {
    pub(crate) fn new(input: R, output: W, echo: bool) -> Plain<R, W> {
        Plain {
            input,
            output,
            echo,
            last: String::new(),
            rejected: Vec::new(),
            width: None,
        }
    }

    /// Wraps text at word boundaries to `width` columns, for a terminal.
    pub(crate) fn wrapped(self, width: Option<usize>) -> Plain<R, W> {
        Plain { width, ..self }
    }

    /// Writes one paragraph: wrapped with `first` and then `rest` leading its rows at a
    /// terminal, or on one line after `first`.
    fn para(&mut self, text: &str, first: &str, rest: &str) -> io::Result<()> {
        match self.width {
            Some(width) => {
                for row in wrap(text, width, first, rest) {
                    writeln!(self.output, "{row}")?;
                }
                Ok(())
            }
            None => writeln!(self.output, "{first}{text}"),
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
                Some(option) => {
                    let missed = if line.missed { "Missed: " } else { "" };
                    self.para(&format!("{missed}{option}"), "- ", "  ")?;
                    self.para(&line.text, "  ", "  ")?;
                }
                None => self.para(&line.text, "", "")?,
            }
        }
        if let Some(solution) = &feedback.solution {
            self.para(&format!("The answer: {solution}"), "", "  ")?;
        }
        if !feedback.score.is_empty() {
            let changes: Vec<String> = feedback
                .score
                .iter()
                .map(|change| format!("{} {:+}", change.competency, change.delta))
                .collect();
            self.para(&format!("Score: {}", changes.join(", ")), "", "  ")?;
        }
        writeln!(self.output)
    }

    /// The verdict first, then what the maps say, then every answer, then the maps in full:
    /// what matters most is read first.
    fn results(&mut self, results: &Results) -> io::Result<()> {
        self.para(
            &format!("== The end: {} ==", results.ending.title),
            "",
            "   ",
        )?;
        if let Some(grade) = &results.grade {
            writeln!(self.output, "Grade: {} ({}%)", grade.name, results.percent)?;
            if !grade.message.is_empty() {
                self.para(&grade.message, "", "")?;
            }
        }
        if let Some(line) = results.pass_line() {
            writeln!(self.output, "{line}")?;
        }
        if let Some(line) = results.retry_line() {
            self.para(&line, "", "")?;
        }
        for competency in &results.competencies {
            writeln!(
                self.output,
                "{}: {} of {}",
                competency.name, competency.score, competency.max
            )?;
        }
        for comparison in &results.maps {
            writeln!(self.output)?;
            self.para(
                &format!("== {} ==", comparison_title(comparison)),
                "",
                "   ",
            )?;
            for line in comparison_summary(comparison, UNWRAPPED, true) {
                self.para(&line, "", "  ")?;
            }
        }
        writeln!(self.output)?;
        writeln!(self.output, "Your answers:")?;
        for (number, question) in results.questions.iter().enumerate() {
            let verdict = match question.right {
                Some(true) => " (right)",
                Some(false) => " (not quite)",
                None => "",
            };
            self.para(&question.prompt, &format!("{}. ", number + 1), "   ")?;
            self.para(
                &format!("You answered: {}{verdict}", question.answer),
                "   ",
                "   ",
            )?;
        }
        for comparison in &results.maps {
            let maps = [
                comparison.learner_map.as_deref(),
                comparison.reference_map.as_deref(),
            ];
            for map in maps.into_iter().flatten() {
                writeln!(self.output)?;
                self.para(&format!("== {} ==", map.title), "", "   ")?;
                for paragraph in map_paragraphs(map, true) {
                    self.para(&paragraph, "", "  ")?;
                }
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
        self.para(&meta.title, "# ", "  ")?;
        if !meta.summary.is_empty() {
            self.para(&meta.summary, "", "")?;
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
                self.para(objective, "- ", "  ")?;
            }
        }
        writeln!(self.output)?;
        Ok(Reply::Given(()))
    }

    fn show(&mut self, step: &Step) -> io::Result<Reply<()>> {
        match step {
            Step::Scene { title, .. } => {
                if let Some(title) = title {
                    self.para(&format!("== {title} =="), "", "   ")?;
                    writeln!(self.output)?;
                }
            }
            Step::Narration { text } => {
                self.para(text, "", "")?;
                writeln!(self.output)?;
            }
            Step::Line { speaker, text } => {
                self.para(&format!("{}: {text}", speaker.name), "", "  ")?;
                writeln!(self.output)?;
            }
            Step::Question(_) => {}
            Step::Feedback(feedback) => self.feedback(feedback)?,
            Step::Map(view) => {
                // Mid-story the learner is about to work the figures out: they stay off.
                let paragraphs = match &view.map {
                    Some(map) => map_paragraphs(map, false),
                    None => unfinished(view).to_vec(),
                };
                for paragraph in paragraphs {
                    self.para(&paragraph, "", "  ")?;
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
            self.para(&format!("That answer cannot be taken: {problem}."), "", "")?;
        } else {
            self.para(&question.prompt, "? ", "  ")?;
            for (number, option) in question.options.iter().enumerate() {
                let label = format!("  {}. ", number + 1);
                let indent = " ".repeat(label.len());
                self.para(&option.text, &label, &indent)?;
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
                    self.para(&format!("That answer cannot be taken: {error}."), "", "")?;
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
        self.para(summary, "", "")?;
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
        self.para(message, "", "")
    }
}

/// `beginner` as `Beginner`, to start a sentence.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
