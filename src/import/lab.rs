//! What the lab parts of a course were for, in words for the import notes: verify scripts,
//! scripts run on the lab machine, and commands.

/// Why a `verify` script is not carried over. Some only check that a learner ran a lab script
/// (a file the script leaves in `/tmp`); others check the lab machine itself.
pub(crate) fn verify_reason(script: &str) -> &'static str {
    let checks: Vec<&str> = script
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let marker_only = !checks.is_empty()
        && checks
            .iter()
            .all(|l| l.contains("/tmp/") || l.starts_with("echo") || l == &"exit 0");
    if marker_only {
        "only checked that a lab script had run (a name entered, a dialogue played); dojo needs no such check"
    } else {
        "checked the lab machine, which dojo does not have; the step plays without the check"
    }
}

/// Why a course script run with `{{execute}}` is left out of the text.
pub(crate) fn script_reason(script: &str) -> &'static str {
    let asks_name = script.lines().any(|line| {
        let line = line.trim().to_lowercase();
        line.starts_with("read ") && line.contains("name")
    });
    if asks_name {
        "asked the learner's name for the lab; dojo asks for it itself"
    } else {
        "ran a lab script of the course; scripts do not run in dojo"
    }
}

pub(crate) const COMMAND_REASON: &str =
    "a command for the lab machine; shown as narration for the reader to run where they can";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_marker_checks_from_lab_checks() {
        assert!(
            verify_reason("#!/bin/bash\n[ -f /tmp/x.txt ] && echo \"done\"\n").starts_with("only")
        );
        assert!(
            verify_reason("git -C ~/repo log | grep fix && echo done\n").starts_with("checked")
        );
    }
}
