//! "Did you mean ...?": the known word an unknown one was most likely meant to be.

/// The candidate nearest to `word`, if it is near enough to be a typo of it (see [`is_near`]).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .filter(|candidate| *candidate != word)
        .map(|candidate| (edit_distance(word, candidate), candidate))
        .filter(|(distance, candidate)| is_near(*distance, candidate))
        .min()
        .map(|(_, candidate)| candidate)
}

/// Whether `distance` edits from `known` is near enough to suggest it: one edit for a short
/// word, a third of the letters for a longer one, never the whole word.
pub fn is_near(distance: usize, known: &str) -> bool {
    let len = known.chars().count();
    distance <= 1.max(len / 3) && distance < len
}

/// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`: swapped letters are
/// the commonest typo, so they count as one edit, not two.
pub fn edit_distance(a: &str, b: &str) -> usize {
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
