//! Golden transcripts: typed answers played through the plain front end, and what it printed.

use std::io::{BufRead, Cursor};

use crate::engine::Story;
use crate::play::Frontend;
use crate::play::plain::Plain;
use crate::play::session::{Outcome, SessionError, play};
use crate::scenario::Scenario;

use super::PlaytestError;

#[derive(Debug, Clone, PartialEq)]
pub struct Transcript {
    /// The title screen and the session, exactly as `dojo play --plain` prints them when the
    /// answers are piped in (without its name question and the note on saved results).
    pub text: String,
    pub end: TranscriptEnd,
    /// Answer lines left unread when the story ended.
    pub unused: usize,
    /// The answers the story could not take, as "`answer`: why", in the order given.
    pub rejected: Vec<String>,
}

impl Transcript {
    /// Why this run cannot stand as a golden transcript: an answer was refused, or the answers
    /// ran out before an ending. `None` when it played cleanly to an ending.
    pub fn unfit(&self) -> Option<String> {
        if let Some(first) = self.rejected.first() {
            let more = match self.rejected.len() - 1 {
                0 => String::new(),
                1 => " (and 1 more)".to_string(),
                n => format!(" (and {n} more)"),
            };
            return Some(format!("an answer was refused: {first}{more}"));
        }
        match &self.end {
            TranscriptEnd::RanOut { scene } => Some(format!(
                "the answers ran out at `{scene}`, before an ending"
            )),
            TranscriptEnd::Ended { .. } => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum TranscriptEnd {
    Ended {
        scene: String,
        title: String,
    },
    /// The answers ran out while this scene's question waited.
    RanOut {
        scene: String,
    },
}

/// The answers in an answers file: one per line, as typed in plain mode. Lines whose first
/// non-blank character is `#` are comments; blank lines are skipped, since no question takes
/// an empty answer and they keep a long file readable.
pub fn answer_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .filter(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
        .collect()
}

/// Plays the answers from the start with this seed and learner name.
pub fn transcript(
    scenario: &Scenario,
    answers: &[&str],
    seed: u64,
    learner: &str,
) -> Result<Transcript, PlaytestError> {
    let mut input = Cursor::new(
        answers
            .iter()
            .flat_map(|line| [*line, "\n"])
            .collect::<String>()
            .into_bytes(),
    );
    let mut output = Vec::new();
    let mut story = Story::new(scenario, learner, seed);
    let (outcome, rejected) = {
        let mut plain = Plain::new(&mut input, &mut output, true);
        plain.title(&scenario.meta).map_err(SessionError::from)?;
        // Nothing is saved and time stands still, so the transcript depends on nothing else.
        let outcome = play(&mut story, &mut plain, &mut |_| Ok(()), &|| 0)?;
        (outcome, plain.rejected().to_vec())
    };
    let end = match outcome {
        Outcome::Finished(results) => TranscriptEnd::Ended {
            scene: results.ending.scene,
            title: results.ending.title,
        },
        Outcome::Left => TranscriptEnd::RanOut {
            scene: story.state().scene.clone(),
        },
    };
    Ok(Transcript {
        text: String::from_utf8_lossy(&output).into_owned(),
        end,
        unused: input.lines().count(),
        rejected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_not_answers() {
        let text = "# intro\n1\n\n  # indented comment\n1 2\r\nthe # is kept\n";
        assert_eq!(answer_lines(text), ["1", "1 2", "the # is kept"]);
    }
}
