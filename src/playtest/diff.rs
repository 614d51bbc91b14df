//! A unified diff of two texts, line by line, for a transcript that no longer matches.

/// Lines of context around each change.
pub(crate) const CONTEXT: usize = 3;

/// Diff lines shown at most: the first differences are what an author needs to see.
const MOST_LINES: usize = 80;

/// Beyond this many cells the middle of two texts is shown as replaced, not aligned: aligning
/// costs time and memory in proportion to it.
const MOST_CELLS: usize = 4_000_000;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Edit {
    Same,
    Gone,
    Added,
}

/// The hunks (`@@ -a,b +c,d @@` and `' '`, `-`, `+` lines) turning `expected` into `actual`,
/// or `None` when they are equal. Each line ends with a newline.
pub fn unified(expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    let old: Vec<&str> = expected.lines().collect();
    let new: Vec<&str> = actual.lines().collect();
    let edits = edits(&old, &new);
    let mut out = String::new();
    let mut shown = 0;
    for (start, end) in hunks(&edits) {
        let (mut o, mut n) = position(&edits[..start]);
        let (old_count, new_count) = position(&edits[start..end]);
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(o, old_count),
            range(n, new_count)
        ));
        for &edit in &edits[start..end] {
            if shown == MOST_LINES {
                out.push_str("... (more differences follow)\n");
                return Some(out);
            }
            let (mark, line) = match edit {
                Edit::Same => (' ', old[o]),
                Edit::Gone => ('-', old[o]),
                Edit::Added => ('+', new[n]),
            };
            out.push(mark);
            out.push_str(line);
            out.push('\n');
            shown += 1;
            o += usize::from(edit != Edit::Added);
            n += usize::from(edit != Edit::Gone);
        }
    }
    if out.is_empty() {
        // Same lines, different ends: only the final newline differs.
        out.push_str("\\ the texts differ only in their final newline\n");
    }
    Some(out)
}

/// How many old and new lines a run of edits covers.
fn position(edits: &[Edit]) -> (usize, usize) {
    let old = edits.iter().filter(|&&e| e != Edit::Added).count();
    let new = edits.iter().filter(|&&e| e != Edit::Gone).count();
    (old, new)
}

/// `start,count` as unified diffs write it: from 1, and the line before for an empty range.
fn range(start: usize, count: usize) -> String {
    if count == 0 {
        format!("{start},0")
    } else {
        format!("{},{count}", start + 1)
    }
}

/// Runs of edits with their context, neighbouring ones merged.
fn hunks(edits: &[Edit]) -> Vec<(usize, usize)> {
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for (i, _) in edits.iter().enumerate().filter(|(_, e)| **e != Edit::Same) {
        let start = i.saturating_sub(CONTEXT);
        let end = (i + 1 + CONTEXT).min(edits.len());
        match hunks.last_mut() {
            Some(last) if start <= last.1 => last.1 = end,
            _ => hunks.push((start, end)),
        }
    }
    hunks
}

/// The edits from `old` to `new`: common ends kept, the middle aligned on a longest common
/// subsequence when that is affordable.
fn edits(old: &[&str], new: &[&str]) -> Vec<Edit> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let a = &old[prefix..old.len() - suffix];
    let b = &new[prefix..new.len() - suffix];
    let mut edits = vec![Edit::Same; prefix];
    if (a.len() + 1).saturating_mul(b.len() + 1) <= MOST_CELLS {
        edits.extend(aligned(a, b));
    } else {
        edits.extend(std::iter::repeat_n(Edit::Gone, a.len()));
        edits.extend(std::iter::repeat_n(Edit::Added, b.len()));
    }
    edits.extend(std::iter::repeat_n(Edit::Same, suffix));
    edits
}

/// Longest common subsequence by dynamic programming; removals before additions.
fn aligned(a: &[&str], b: &[&str]) -> Vec<Edit> {
    let width = b.len() + 1;
    // Longest common subsequence of a[i..] and b[j..], at i * width + j.
    let mut longest = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            longest[i * width + j] = if a[i] == b[j] {
                longest[(i + 1) * width + j + 1] + 1
            } else {
                longest[(i + 1) * width + j].max(longest[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut edits = Vec::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            edits.push(Edit::Same);
            i += 1;
            j += 1;
        } else if j == b.len()
            || (i < a.len() && longest[(i + 1) * width + j] >= longest[i * width + j + 1])
        {
            edits.push(Edit::Gone);
            i += 1;
        } else {
            edits.push(Edit::Added);
            j += 1;
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(unified("a\nb\n", "a\nb\n"), None);
    }

    #[test]
    fn a_changed_line_shows_with_context() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assert_eq!(
            unified(old, new).unwrap(),
            "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
        );
    }

    #[test]
    fn distant_changes_make_two_hunks_and_insertions_align() {
        let old: String = (1..=20).map(|n| format!("{n}\n")).collect();
        let new: String = (1..=20)
            .filter(|&n| n != 18)
            .map(|n| {
                if n == 2 {
                    "2\nnew\n".to_string()
                } else {
                    format!("{n}\n")
                }
            })
            .collect();
        let diff = unified(&old, &new).unwrap();
        assert!(
            diff.starts_with("@@ -1,5 +1,6 @@\n 1\n 2\n+new\n 3\n"),
            "{diff}"
        );
        assert!(
            diff.contains("@@ -15,6 +16,5 @@\n 15\n 16\n 17\n-18\n 19\n 20\n"),
            "{diff}"
        );
    }

    #[test]
    fn lines_added_at_the_end() {
        assert_eq!(
            unified("a\n", "a\nb\n").unwrap(),
            "@@ -1,1 +1,2 @@\n a\n+b\n"
        );
        assert_eq!(unified("", "a\n").unwrap(), "@@ -0,0 +1,1 @@\n+a\n");
    }
}
