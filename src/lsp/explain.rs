//! Links and hovers for diagnostic codes, from the guide's explanations
//! ([`crate::diagnostic::explain`]).

use crate::diagnostic::explain::of;

/// Where the guide lives in the source tree this binary was built from; diagnostics link to
/// its sections.
const GUIDE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/authoring.md");

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
