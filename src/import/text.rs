//! Small text helpers of the importer: ids from names, dojo template escaping, comparing
//! answers written two ways.

/// A dojo id (lowercase letters, digits, `-`, starting with a letter) made from a name, or
/// `None` when the name has no letter or digit to make one from.
pub(crate) fn slug(name: &str) -> Option<String> {
    let mut id = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_string();
    match id.chars().next() {
        None => None,
        Some(c) if c.is_ascii_digit() => Some(format!("n{id}")),
        Some(_) => Some(id),
    }
}

/// Text as a dojo template: braces are literal, and Katacoda's `[student]` placeholder becomes
/// the learner's name.
pub(crate) fn template(text: &str) -> String {
    text.replace('{', "{{")
        .replace('}', "}}")
        .replace("[student]", "{learner}")
}

/// Whitespace runs as one space, trimmed.
pub(crate) fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Two answers written by hand in two places match when they differ only in case, spacing
/// and a closing full stop.
pub(crate) fn same_answer(a: &str, b: &str) -> bool {
    let key = |s: &str| squeeze(s).trim_end_matches('.').to_lowercase();
    key(a) == key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_templates_and_answers() {
        assert_eq!(
            slug("Value Stream Mapping").as_deref(),
            Some("value-stream-mapping")
        );
        assert_eq!(slug("  Dan  ").as_deref(), Some("dan"));
        assert_eq!(slug("2nd step").as_deref(), Some("n2nd-step"));
        assert_eq!(slug("!!"), None);
        assert_eq!(template("Hi [student], {x}"), "Hi {learner}, {{x}}");
        assert!(same_answer("All of the  above.", "all of the above"));
    }
}
