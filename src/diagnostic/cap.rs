//! A bound on the problems one file reports, so a mangled file cannot bury its first mistakes
//! under thousands of copies of one, nor take seconds to print them.

use std::collections::HashMap;

use super::{Diagnostic, FileId, Severity};

/// The most problems one file lists; past this the rest are counted, not shown.
pub(crate) const MOST_PER_FILE: usize = 200;

/// Keeps the first [`MOST_PER_FILE`] problems of each file, in the order given, and puts one
/// `too-many-problems` where the first left-out problem stood, counting all that were left out.
/// Problems that have no place are all kept.
pub(crate) fn cap_per_file(diagnostics: &mut Vec<Diagnostic>) {
    let mut shown: HashMap<FileId, usize> = HashMap::new();
    // Where each file's summary sits in the kept list, and how many it stands for.
    let mut summaries: HashMap<FileId, (usize, usize)> = HashMap::new();
    let mut kept = Vec::with_capacity(diagnostics.len().min(4 * MOST_PER_FILE));
    for diagnostic in diagnostics.drain(..) {
        let Some(file) = diagnostic.primary.as_ref().map(|l| l.location.file) else {
            kept.push(diagnostic);
            continue;
        };
        let count = shown.entry(file).or_default();
        if *count < MOST_PER_FILE {
            *count += 1;
            kept.push(diagnostic);
            continue;
        }
        match summaries.get_mut(&file) {
            Some((at, left_out)) => {
                *left_out += 1;
                if diagnostic.is_error() {
                    kept[*at].severity = Severity::Error;
                }
            }
            None => {
                summaries.insert(file, (kept.len(), 1));
                let mut summary = diagnostic;
                summary.code = "too-many-problems";
                summary.secondary.clear();
                if let Some(label) = summary.primary.as_mut() {
                    label.message = "the first not listed".to_string();
                }
                summary.hint = Some("fix the problems above and check again".to_string());
                kept.push(summary);
            }
        }
    }
    for (at, left_out) in summaries.into_values() {
        let noun = if left_out == 1 { "problem" } else { "problems" };
        kept[at].message = format!(
            "{left_out} more {noun} in this file; past {MOST_PER_FILE} the rest are not listed"
        );
    }
    *diagnostics = kept;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(file: usize, start: usize, error: bool) -> Diagnostic {
        let diagnostic = if error {
            Diagnostic::error("missing-key", "missing")
        } else {
            Diagnostic::warning("unused-flag", "unused")
        };
        diagnostic.at(FileId(file), start..start + 1, "here")
    }

    #[test]
    fn each_file_keeps_its_first_problems_and_counts_the_rest() {
        let mut diagnostics: Vec<Diagnostic> = (0..MOST_PER_FILE + 30)
            .map(|i| at(0, i, false))
            .chain((0..5).map(|i| at(1, i, true)))
            .collect();
        diagnostics.push(Diagnostic::error("no-place", "anywhere"));
        cap_per_file(&mut diagnostics);
        assert_eq!(diagnostics.len(), MOST_PER_FILE + 1 + 5 + 1);
        let summary = &diagnostics[MOST_PER_FILE];
        assert_eq!(summary.code, "too-many-problems");
        assert_eq!(
            summary.message,
            format!("30 more problems in this file; past {MOST_PER_FILE} the rest are not listed")
        );
        assert_eq!(
            summary.primary.as_ref().map(|l| l.location.span.start),
            Some(MOST_PER_FILE)
        );
        assert!(!summary.is_error(), "only warnings were left out");
        assert!(
            diagnostics[MOST_PER_FILE + 1..]
                .iter()
                .all(|d| d.code != "too-many-problems")
        );
    }

    #[test]
    fn a_left_out_error_makes_the_summary_an_error() {
        let mut diagnostics: Vec<Diagnostic> = (0..MOST_PER_FILE + 2)
            .map(|i| at(0, i, i == MOST_PER_FILE + 1))
            .collect();
        cap_per_file(&mut diagnostics);
        assert_eq!(diagnostics.len(), MOST_PER_FILE + 1);
        assert!(diagnostics[MOST_PER_FILE].is_error());
        assert!(
            diagnostics[MOST_PER_FILE]
                .message
                .starts_with("2 more problems")
        );
    }
}
