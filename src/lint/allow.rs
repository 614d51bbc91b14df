//! A scene's `allow` list: which lints stay quiet inside it, and codes it names that are no lint.
//!
//! A diagnostic is inside a scene when its underline starts within the scene's `[[scene]]`
//! table, sub-tables included: from the table's header to the next scene's header in the same
//! file. The compiled scenario keeps where each scene's id is written; TOML puts a scene's keys
//! before its first sub-table, so the header is the nearest line above the id that starts with
//! `[`.

use crate::diagnostic::{Diagnostic, FileId, Sources};
use crate::scenario::{LintFacts, Scenario, SceneIx};

use super::codes::{LINTS, UNKNOWN_LINT};
use super::diagnostic;
use crate::suggest::did_you_mean;

/// Drops the diagnostics their scene allows, and adds one for each unknown code in an `allow`.
pub(crate) fn apply(
    scenario: &Scenario,
    facts: &LintFacts,
    sources: &Sources,
    found: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let extents = Extents::new(scenario, sources);
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(found.len());
    for allowed in &facts.allows {
        for (code, location) in allowed {
            if LINTS.iter().any(|lint| lint.code == code) {
                continue;
            }
            let hint =
                did_you_mean(code, LINTS.iter().map(|lint| lint.code)).unwrap_or_else(|| {
                    // dojo's own short list, shown whole (`quoted` cuts long lists short).
                    let all: Vec<String> = LINTS.iter().map(|l| format!("`{}`", l.code)).collect();
                    format!("the lints are {}", all.join(", "))
                });
            kept.push(
                diagnostic(
                    UNKNOWN_LINT,
                    format!("`{code}` is not a lint dojo knows"),
                    location,
                    "unknown lint",
                )
                .hint(hint),
            );
        }
    }
    kept.extend(found);
    kept.retain(|d| {
        let scene = d
            .primary
            .as_ref()
            .and_then(|label| extents.scene_at(label.location.file, label.location.span.start));
        !scene.is_some_and(|s| facts.allows(s, d.code))
    });
    kept
}

/// Where each scene's table starts, per file.
struct Extents {
    /// (file, start offset, scene), sorted.
    starts: Vec<(FileId, usize, SceneIx)>,
}

impl Extents {
    fn new(scenario: &Scenario, sources: &Sources) -> Extents {
        let mut starts: Vec<(FileId, usize, SceneIx)> = scenario
            .scenes
            .iter()
            .enumerate()
            .map(|(index, scene)| {
                let file = scene.location.file;
                (
                    file,
                    header_before(sources.text(file), scene.location.span.start),
                    index,
                )
            })
            .collect();
        starts.sort_unstable();
        Extents { starts }
    }

    /// The scene whose table holds `offset` of `file`.
    fn scene_at(&self, file: FileId, offset: usize) -> Option<SceneIx> {
        let after = self
            .starts
            .partition_point(|&(f, start, _)| (f, start) <= (file, offset));
        let &(f, _, scene) = self.starts.get(after.checked_sub(1)?)?;
        (f == file).then_some(scene)
    }
}

/// The start of the nearest line at or before `offset` that starts with `[` (after spaces).
fn header_before(text: &str, offset: usize) -> usize {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut line_end = end;
    loop {
        let line_start = text[..line_end].rfind('\n').map_or(0, |i| i + 1);
        if text[line_start..].trim_start().starts_with('[') || line_start == 0 {
            return line_start;
        }
        line_end = line_start - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::header_before;

    #[test]
    fn finds_the_header_above_an_id() {
        let text = "[[scene]]\nid = \"a\"\n\n[[scene]]\ntitle = \"T\"\nid = \"b\"\n";
        let a = text.find("\"a\"").unwrap();
        let b = text.find("\"b\"").unwrap();
        assert_eq!(header_before(text, a), 0);
        assert_eq!(
            header_before(text, b),
            text.find("[[scene]]\ntitle").unwrap()
        );
    }
}
