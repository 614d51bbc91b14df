//! What each diagnostic code means and how to fix it, read from the tables of the authoring
//! guide's Diagnostics section, so `dojo check --explain`, the editor and the guide say the
//! same thing.

/// The authoring guide, compiled in: its tables are the one explanation of every code.
const GUIDE: &str = include_str!("../../docs/authoring.md");

/// One row of a diagnostics table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub code: String,
    pub severity: String,
    pub meaning: String,
    pub fix: String,
    /// The heading of the table it is in: `Files and TOML`.
    pub section: String,
    /// The heading of the table, as a link anchor: `files-and-toml`.
    pub anchor: String,
}

/// Every code the guide explains, in the guide's order.
pub fn all() -> &'static [Explanation] {
    static ALL: std::sync::OnceLock<Vec<Explanation>> = std::sync::OnceLock::new();
    ALL.get_or_init(read)
}

fn read() -> Vec<Explanation> {
    let Some(section) = GUIDE.split("\n### Diagnostics\n").nth(1) else {
        return Vec::new();
    };
    let section = section.split("\n### ").next().unwrap_or(section);
    let mut section_name = String::from("Diagnostics");
    let mut anchor = String::from("diagnostics");
    let mut found = Vec::new();
    for line in section.lines() {
        if let Some(heading) = line.strip_prefix("#### ") {
            anchor = slug(heading);
            section_name = heading.to_string();
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
                section: section_name.clone(),
                anchor: anchor.clone(),
            });
        }
    }
    found
}

/// The explanation of `code`, if the guide has one.
pub fn of(code: &str) -> Option<&'static Explanation> {
    all().iter().find(|e| e.code == code)
}

/// The explanation of `code` as text for a terminal, or why there is none, with the nearest
/// code when `code` looks like a typo of one.
pub fn text(code: &str) -> Result<String, String> {
    let Some(e) = of(code) else {
        let codes = all().iter().map(|e| &e.code);
        let hint = crate::suggest::did_you_mean(code, codes).unwrap_or_else(|| {
            "the codes are listed under Diagnostics in docs/authoring.md".into()
        });
        return Err(format!("no diagnostic has the code `{code}`; {hint}"));
    };
    Ok(format!(
        "{} ({})\n\nWhat it means: {}.\n\nHow to fix it: {}.\n\n\
         See docs/authoring.md, Diagnostics, \"{}\".\n",
        e.code, e.severity, e.meaning, e.fix, e.section
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
            text("unknown-colour").ok().as_deref(),
            Some(
                "unknown-colour (error)\n\nWhat it means: a character's `colour` is not one dojo knows.\n\n\
                 How to fix it: use a named colour or `\"#rrggbb\"`.\n\n\
                 See docs/authoring.md, Diagnostics, \"Ids and names\".\n"
            )
        );
        assert_eq!(
            text("unknown-color"),
            Err(
                "no diagnostic has the code `unknown-color`; did you mean `unknown-colour`?".into()
            )
        );
        assert_eq!(
            slug("Maps and the workbench, in a scenario"),
            "maps-and-the-workbench-in-a-scenario"
        );
    }
}
