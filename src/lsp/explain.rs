//! What each diagnostic code means and how to fix it, read from the tables of the authoring
//! guide's Diagnostics section, so the editor and the guide say the same thing.

/// The authoring guide, compiled in: its tables are the one explanation of every code.
const GUIDE: &str = include_str!("../../docs/authoring.md");

/// Where the guide lives in the source tree this binary was built from; diagnostics link to
/// its sections.
const GUIDE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/authoring.md");

/// One row of a diagnostics table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Explanation {
    pub(crate) code: String,
    pub(crate) severity: String,
    pub(crate) meaning: String,
    pub(crate) fix: String,
    /// The heading of the table, as a link anchor: `files-and-toml`.
    pub(crate) anchor: String,
}

/// Every code the guide explains, in the guide's order.
pub(crate) fn all() -> &'static [Explanation] {
    static ALL: std::sync::OnceLock<Vec<Explanation>> = std::sync::OnceLock::new();
    ALL.get_or_init(read)
}

fn read() -> Vec<Explanation> {
    let Some(section) = GUIDE.split("\n### Diagnostics\n").nth(1) else {
        return Vec::new();
    };
    let section = section.split("\n### ").next().unwrap_or(section);
    let mut anchor = String::from("diagnostics");
    let mut found = Vec::new();
    for line in section.lines() {
        if let Some(heading) = line.strip_prefix("#### ") {
            anchor = slug(heading);
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if let [_, code, severity, meaning, fix, _] = cells[..]
            && let Some(code) = code.strip_prefix('`').and_then(|c| c.strip_suffix('`'))
        {
            found.push(Explanation {
                code: code.to_string(),
                severity: severity.to_string(),
                meaning: meaning.to_string(),
                fix: fix.to_string(),
                anchor: anchor.clone(),
            });
        }
    }
    found
}

pub(crate) fn of(code: &str) -> Option<&'static Explanation> {
    all().iter().find(|e| e.code == code)
}

/// The link to the guide's section that explains `code`.
pub(crate) fn link(code: &str) -> Option<String> {
    let anchor = &of(code)?.anchor;
    let guide = super::uri::from_path(std::path::Path::new(GUIDE_PATH))?;
    Some(format!("{}#{anchor}", guide.as_str()))
}

/// A Markdown explanation for a hover.
pub(crate) fn markdown(code: &str) -> Option<String> {
    let e = of(code)?;
    Some(format!(
        "`{}` ({}): {}.\n\nHow to fix it: {}.",
        e.code, e.severity, e.meaning, e.fix
    ))
}

/// A heading as GitHub makes it an anchor: lowercase, spaces to hyphens, punctuation gone.
fn slug(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lint_is_explained_under_lints() {
        for lint in crate::lint::LINTS {
            let found = of(lint.code).map(|e| e.anchor.as_str());
            assert_eq!(found, Some("lints"), "{}", lint.code);
        }
        assert_eq!(
            of("toml-syntax").map(|e| e.anchor.as_str()),
            Some("files-and-toml")
        );
        assert_eq!(
            slug("Maps and the workbench, in a scenario"),
            "maps-and-the-workbench-in-a-scenario"
        );
    }
}
