//! The wording of suggestions, in one place so every diagnostic says them alike: "did you mean
//! ...?" (the known word an unknown one was most likely meant to be), and lists of known ids.
//!
//! Searches among an author's ids go through a [`Suggester`], which bounds how many one load
//! makes; only a fixed vocabulary of dojo's own (lint codes, name roots, metric names) is searched
//! with the free [`did_you_mean`] and [`closest_known`].

/// The candidate nearest to `word`, if it is near enough to be a typo of it (see [`near`]).
fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // Each comparison costs the product of the two lengths; past a budget the search ends with
    // what it has, so one search among a hostile file's thousands of ids stays quick.
    let mut cells: usize = 0;
    candidates
        .into_iter()
        .take_while(|candidate| {
            cells += word.len().max(1) * candidate.len().max(1);
            cells <= MOST_CELLS
        })
        .filter(|candidate| *candidate != word)
        .filter_map(|candidate| Some((near(word, candidate)?, candidate)))
        .min()
        .map(|(_, candidate)| candidate)
}

/// What one search may spend comparing: 5,000 ids of ten letters against a word of ten.
const MOST_CELLS: usize = 500_000;

/// The word of dojo's own fixed `vocabulary` nearest to `word`, if one is near enough.
pub(crate) fn closest_known<'a>(
    word: &str,
    vocabulary: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    closest(word, vocabulary)
}

/// "did you mean `x`?" for the word of dojo's own fixed vocabulary nearest to `word`.
pub(crate) fn did_you_mean<'a, S: AsRef<str> + ?Sized + 'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a S>,
) -> Option<String> {
    closest(word, candidates.into_iter().map(AsRef::as_ref))
        .map(|close| format!("did you mean `{close}`?"))
}

/// "`a`, `b`, `c`": ids quoted as code, in the order given; past a dozen, "and 3 more".
pub(crate) fn quoted<S: AsRef<str>>(ids: impl IntoIterator<Item = S>) -> String {
    const MOST_QUOTED: usize = 12;
    let mut ids = ids.into_iter();
    let shown = ids
        .by_ref()
        .take(MOST_QUOTED)
        .map(|id| format!("`{}`", id.as_ref()))
        .collect::<Vec<_>>()
        .join(", ");
    match ids.count() {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
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
    let shown: Vec<String> = ids
        .iter()
        .take(8)
        .map(|id| match id.char_indices().nth(LONGEST_WORD) {
            Some((cut, _)) => format!("`{}…`", &id[..cut]),
            None => format!("`{id}`"),
        })
        .collect();
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

/// The most "did you mean" searches one load makes over an open-ended set of ids (scenes,
/// characters, competencies, names): past the most problems a file lists, nobody reads the
/// rest, and each search compares the word with every id.
const MOST_SEARCHES: usize = 200;

/// "Did you mean" searches among an author's ids, at most [`MOST_SEARCHES`] for one load (or one
/// map, or one run of the lints); shared by the threads that compile a load's scenes. Past the
/// budget a search finds nothing, so the hint falls back to its plain wording.
#[derive(Debug, Clone, Default)]
pub(crate) struct Suggester(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl Suggester {
    /// The candidate nearest to `word`, if near enough and this budget has searches left.
    pub(crate) fn closest<'a>(
        &self,
        word: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Option<&'a str> {
        let spent = self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if spent < MOST_SEARCHES {
            closest(word, candidates)
        } else {
            None
        }
    }
}

/// Words longer than this are never suggested, nor given suggestions: nobody types an id that
/// long by hand, and comparing two words costs the product of their lengths, which a hostile
/// file would otherwise pay once for every unknown name.
const LONGEST_WORD: usize = 100;

/// The edits from `word` to `known` when they are near enough to suggest `known`: one edit for
/// a short word, a third of the letters for a longer one, never the whole word.
pub(crate) fn near(word: &str, known: &str) -> Option<usize> {
    let (word_len, known_len) = (word.chars().count(), known.chars().count());
    let most = 1.max(known_len / 3);
    // No number of edits below the difference in length can bridge it.
    if word_len > LONGEST_WORD || known_len > LONGEST_WORD || word_len.abs_diff(known_len) > most {
        return None;
    }
    let distance = edit_distance(word, known);
    (distance <= most && distance < known_len).then_some(distance)
}

/// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`: swapped letters are
/// the commonest typo, so they count as one edit, not two.
fn edit_distance(a: &str, b: &str) -> usize {
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

    #[test]
    fn a_suggester_makes_so_many_searches_in_all_its_clones() {
        let suggester = Suggester::default();
        let clone = suggester.clone();
        let found = (0..MOST_SEARCHES + 10)
            .filter(|i| {
                let searching = if i % 2 == 0 { &suggester } else { &clone };
                searching.closest("flwo", ["flow"]).is_some()
            })
            .count();
        assert_eq!(found, MOST_SEARCHES);
    }

    #[test]
    fn words_too_long_or_too_different_in_length_are_not_compared() {
        assert_eq!(near("the-edn", "the-end"), Some(1));
        assert_eq!(near("end", "the-end"), None);
        let long = "not ".repeat(200_000);
        assert_eq!(near("The End", &long), None);
        assert_eq!(near(&long, &long.replace("not", "nut")), None);
    }
}
