//! The known word an unknown one was most likely meant to be.

/// The candidate nearest to `word`, if it is near enough to be a typo of it: at most a third
/// of its letters changed (at least one), never the whole word.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .filter(|candidate| *candidate != word)
        .map(|candidate| (distance(word, candidate), candidate))
        .filter(|(d, candidate)| {
            let len = candidate.chars().count();
            *d <= 1.max(len / 3) && *d < len
        })
        .min()
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance: inserts, deletes and replacements, one row at a time.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let replaced = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = replaced.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_near_words_only() {
        let lints = ["unreachable-scene", "flag-never-set"];
        assert_eq!(
            closest("unreachable-scen", lints),
            Some("unreachable-scene")
        );
        assert_eq!(closest("flag-never-sets", lints), Some("flag-never-set"));
        assert_eq!(closest("something", lints), None);
    }
}
