//! Yes-or-no questions (continuing a saved session, keeping an order) on our own line input
//! rather than inquire's, so they take the keys every other prompt takes: Ctrl-U clears what
//! was typed, `q` and Esc leave as in menus, Enter alone takes the default.

use std::io;

use super::line;
use crate::play::Reply;

/// What `input` says, or `None` when it is neither yes nor no; an empty line is `default`.
pub(crate) fn parse(input: &str, default: bool) -> Option<bool> {
    match input.trim().to_lowercase().as_str() {
        "" => Some(default),
        "y" | "yes" => Some(true),
        "n" | "no" => Some(false),
        _ => None,
    }
}

/// Asks `message` (already wrapped) with the default shown as `(Y/n)` or `(y/N)`.
pub(crate) fn ask(
    message: &str,
    default: bool,
    help: &str,
    width: usize,
    colour: bool,
) -> io::Result<Reply<bool>> {
    let hint = if default { "(Y/n)" } else { "(y/N)" };
    let message = format!("{message} {hint}");
    let check = |input: &str| {
        parse(input, default)
            .is_none()
            .then(|| "Type y or n, or press Enter for the default.".to_string())
    };
    let answered = |input: &str| {
        if parse(input, default) == Some(true) {
            "Yes".to_string()
        } else {
            "No".to_string()
        }
    };
    let reply = line::ask(&line::Prompt {
        message: &message,
        help,
        width,
        colour,
        check: &check,
        answered: &answered,
        q_quits: true,
    })?;
    Ok(match reply {
        Reply::Given(text) => Reply::Given(parse(&text, default).unwrap_or(default)),
        Reply::Quit => Reply::Quit,
    })
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn yes_no_and_the_default() {
        assert_eq!(parse("", true), Some(true));
        assert_eq!(parse("  ", false), Some(false));
        assert_eq!(parse("Y", false), Some(true));
        assert_eq!(parse("yes", false), Some(true));
        assert_eq!(parse("N", true), Some(false));
        assert_eq!(parse(" no ", true), Some(false));
        assert_eq!(parse("u", true), None);
        assert_eq!(parse("maybe", true), None);
    }
}
