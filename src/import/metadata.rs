//! A module's metadata in dojo's terms: minutes from "45 minutes", a level from the
//! difficulty, and objectives from the intro's "you will learn" list.

use super::markdown::Beat;

/// Minutes from a Katacoda `time` such as "45 minutes", "1 hour" or "10-15 minutes" (the first
/// number counts).
pub(crate) fn minutes(time: &str) -> Option<u64> {
    let start = time.find(|c: char| c.is_ascii_digit())?;
    let digits: String = time[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let number: u64 = digits.parse().ok()?;
    let lower = time.to_lowercase();
    if lower.contains("hour") || lower.trim_end().ends_with('h') {
        number.checked_mul(60)
    } else {
        Some(number)
    }
}

/// dojo's level for a Katacoda difficulty.
pub(crate) fn level(difficulty: &str) -> Option<&'static str> {
    match difficulty.trim().to_lowercase().as_str() {
        "beginner" | "easy" => Some("beginner"),
        "intermediate" | "medium" => Some("intermediate"),
        "advanced" | "expert" | "hard" => Some("advanced"),
        _ => None,
    }
}

/// Whether a paragraph introduces what the learner will learn.
fn leads_objectives(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.ends_with(':')
        && ["learn", "able to", "objective", "you will"]
            .iter()
            .any(|w| lower.contains(w))
}

/// The intro's "you will learn" list as objectives (a nested item joins its parent), and the
/// intro without that list and the line that introduces it.
pub(crate) fn objectives(beats: Vec<Beat>) -> (Vec<String>, Vec<Beat>) {
    let lead = beats
        .iter()
        .position(|b| matches!(b, Beat::Para(t) if leads_objectives(t)));
    let Some(lead) = lead.filter(|&l| matches!(beats.get(l + 1), Some(Beat::Item { .. }))) else {
        return (Vec::new(), beats);
    };
    let items = beats[lead + 1..]
        .iter()
        .take_while(|b| matches!(b, Beat::Item { .. }))
        .count();
    let mut objectives: Vec<(String, Vec<String>)> = Vec::new();
    for beat in &beats[lead + 1..lead + 1 + items] {
        match (beat, objectives.last_mut()) {
            (Beat::Item { depth: 0, text }, _) | (Beat::Item { text, .. }, None) => {
                objectives.push((text.clone(), Vec::new()));
            }
            (Beat::Item { text, .. }, Some((_, inner))) => inner.push(text.clone()),
            _ => {}
        }
    }
    let objectives = objectives
        .into_iter()
        .map(|(text, inner)| {
            if inner.is_empty() {
                text
            } else {
                format!(
                    "{}: {}",
                    text.trim_end_matches(['.', ':']),
                    inner.join("; ")
                )
            }
        })
        .collect();
    let mut rest = beats;
    rest.drain(lead..lead + 1 + items);
    (objectives, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_levels_and_objectives() {
        assert_eq!(minutes("45 minutes"), Some(45));
        assert_eq!(minutes("1 hour"), Some(60));
        assert_eq!(minutes("10-15 minutes"), Some(10));
        assert_eq!(minutes("soon"), None);
        assert_eq!(level("Intermediate"), Some("intermediate"));
        assert_eq!(level("wizard"), None);
        let item = |depth, text: &str| Beat::Item {
            depth,
            text: text.into(),
        };
        let beats = vec![
            Beat::Para("Welcome.".into()),
            Beat::Para("You will be able to:".into()),
            item(0, "Cook rice."),
            item(0, "Plan a meal."),
            item(1, "what to buy"),
            item(1, "when to start"),
            Beat::Para("Enjoy.".into()),
        ];
        let (objectives, rest) = objectives(beats);
        assert_eq!(
            objectives,
            ["Cook rice.", "Plan a meal: what to buy; when to start"]
        );
        assert_eq!(
            rest,
            [Beat::Para("Welcome.".into()), Beat::Para("Enjoy.".into())]
        );
    }
}
