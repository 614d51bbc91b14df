//! The wording of suggestions, in one place so every diagnostic says them alike: "did you mean
//! ...?" (the known word an unknown one was most likely meant to be), and lists of known ids.

/// The candidate nearest to `word`, if it is near enough to be a typo of it (see [`is_near`]).
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .filter(|candidate| *candidate != word)
        .map(|candidate| (edit_distance(word, candidate), candidate))
        .filter(|(distance, candidate)| is_near(*distance, candidate))
        .min()
        .map(|(_, candidate)| candidate)
}

/// "did you mean `x`?" for the candidate nearest to `word`, if one is near enough.
pub(crate) fn did_you_mean<'a, S: AsRef<str> + ?Sized + 'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a S>,
) -> Option<String> {
    closest(word, candidates.into_iter().map(AsRef::as_ref))
        .map(|close| format!("did you mean `{close}`?"))
}

/// "`a`, `b`, `c`": ids quoted as code, in the order given.
pub(crate) fn quoted<S: AsRef<str>>(ids: impl IntoIterator<Item = S>) -> String {
    ids.into_iter()
        .map(|id| format!("`{}`", id.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "the scenes are `a`, `b` and `c`", for a hint after an unknown id; sorted, and a long list
/// is cut short.
pub(crate) fn known_list<'a>(
    one: &str,
    what: &str,
    ids: impl Iterator<Item = &'a String>,
) -> String {
    let mut ids: Vec<&String> = ids.collect();
    ids.sort();
    let shown: Vec<String> = ids.iter().take(8).map(|id| format!("`{id}`")).collect();
    match (ids.len(), shown.split_last()) {
        (0, _) | (_, None) => format!("there are no {what} yet"),
        (1, _) => format!("the only {one} is {}", shown[0]),
        (n, Some((last, rest))) if n == shown.len() => {
            format!("the {what} are {} and {last}", rest.join(", "))
        }
        (n, _) => format!(
            "the {what} include {}, and {} more",
            shown.join(", "),
            n - shown.len()
        ),
    }
}

/// Whether `distance` edits from `known` is near enough to suggest it: one edit for a short
/// word, a third of the letters for a longer one, never the whole word.
pub(crate) fn is_near(distance: usize, known: &str) -> bool {
    let len = known.chars().count();
    distance <= 1.max(len / 3) && distance < len
}

/// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`: swapped letters are
/// the commonest typo, so they count as one edit, not two.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // d[i][j]: edits from the first i chars of a to the first j of b.
    let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_words_only() {
        let known = ["war-room", "the-end", "flag-never-set", "ab"];
        assert_eq!(closest("war-rom", known), Some("war-room"));
        assert_eq!(closest("the-ned", known), Some("the-end"));
        assert_eq!(closest("flag-nevr-set", known), Some("flag-never-set"));
        assert_eq!(closest("xy", known), None);
        assert_eq!(closest("war-room", known), None);
        assert_eq!(edit_distance("abcd", "abdc"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
