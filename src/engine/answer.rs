//! A learner's answer, and reading one from a line of text (`2`; `1,3`; `3 1 2 4`; `14.6`;
//! or options by id: `ask`; `deploy rollback`).

use serde::{Deserialize, Serialize};

use crate::scenario::model::QuestionKind;

use super::QuestionView;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum Answer {
    /// The id of the chosen option.
    Choice(String),
    /// The ids of every selected option.
    Choices(Vec<String>),
    Number(f64),
    /// Option ids, first to last.
    Order(Vec<String>),
    Text(String),
}

/// Why an answer cannot be taken; the message is shown to the learner, who answers again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("there is no question waiting for an answer")]
    NotAsking,
    #[error("{0}")]
    Invalid(String),
}

fn invalid(message: impl Into<String>) -> AnswerError {
    AnswerError::Invalid(message.into())
}

/// A typed number in the form Rust parses: `2,400` and `1,234.5` use commas between
/// thousands; otherwise a comma is a decimal comma (`14,6`).
fn decimal(text: &str) -> String {
    let groups: Vec<&str> = text.split(',').collect();
    let thousands = groups.len() > 1
        && groups[0].trim_start_matches('-').len() <= 3
        && groups[1..]
            .iter()
            .all(|g| g.split('.').next().is_some_and(|whole| whole.len() == 3));
    if thousands || text.contains('.') {
        text.replace(',', "")
    } else {
        text.replace(',', ".")
    }
}

impl Answer {
    /// Reads an answer typed as one line, numbering options from 1 as they are shown.
    pub fn parse(question: &QuestionView, line: &str) -> Result<Answer, AnswerError> {
        let line = line.trim();
        let count = question.options.len();
        let pick = |token: &str| -> Result<String, AnswerError> {
            // An option's id names it whatever order it is shown in, which is what a golden
            // transcript written by an author wants; a number is its place in that order.
            let Ok(n) = token.parse::<usize>() else {
                return question
                    .options
                    .iter()
                    .find(|o| o.id == token)
                    .map(|o| o.id.clone())
                    .ok_or_else(|| {
                        invalid(format!(
                            "`{token}` is not an option number or id; type a number from 1 to {count}"
                        ))
                    });
            };
            question
                .options
                .get(n.wrapping_sub(1))
                .map(|o| o.id.clone())
                .ok_or_else(|| {
                    invalid(format!(
                        "there is no option {n}; type a number from 1 to {count}"
                    ))
                })
        };
        let tokens = || {
            line.split(|c: char| c == ',' || c.is_whitespace())
                .filter(|t| !t.is_empty())
        };
        match question.kind {
            QuestionKind::Single => {
                let mut all = tokens();
                match (all.next(), all.next()) {
                    (Some(one), None) => Ok(Answer::Choice(pick(one)?)),
                    (None, _) => Err(invalid(format!(
                        "type the number of your choice, from 1 to {count}"
                    ))),
                    (Some(_), Some(_)) => Err(invalid("choose just one option")),
                }
            }
            QuestionKind::Multiple => Ok(Answer::Choices(
                tokens().map(pick).collect::<Result<_, _>>()?,
            )),
            QuestionKind::Order => Ok(Answer::Order(tokens().map(pick).collect::<Result<_, _>>()?)),
            QuestionKind::Number => {
                let unit = question.unit.as_deref().unwrap_or("");
                if line.is_empty() {
                    return Err(invalid("type a number, such as 14.6"));
                }
                let number = decimal(line.strip_suffix(unit).unwrap_or(line).trim());
                number
                    .parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite())
                    .map(Answer::Number)
                    .ok_or_else(|| {
                        invalid(format!(
                            "`{line}` is not a number; type digits such as 14.6"
                        ))
                    })
            }
            QuestionKind::Text => Ok(Answer::Text(line.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::decimal;

    #[test]
    fn commas_are_thousands_or_decimals_as_a_person_means_them() {
        for (typed, read) in [
            ("2,400", "2400"),
            ("1,234.5", "1234.5"),
            ("480,000", "480000"),
            ("14,6", "14.6"),
            ("0,25", "0.25"),
            ("14.58", "14.58"),
            ("-1,000", "-1000"),
        ] {
            assert_eq!(decimal(typed), read, "{typed}");
        }
    }
}
