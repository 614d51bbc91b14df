//! Saving a failing input as a folder named for its kind of failure, a few per kind.

use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use crate::case::Case;

/// Inputs kept per kind of failure: enough to see its shape, not thousands of the same.
const KEPT_PER_KIND: usize = 5;

/// A file-name-safe name for a failure: `panic-src-vsm-flow-rs-120`, `hang`, `stack-overflow`.
pub fn kind(signature: &str) -> String {
    let head = signature.split(": ").next().unwrap_or(signature);
    let mut slug: String = head
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    while slug.contains("--") {
        slug = slug.replace("--", "-");
    }
    slug.trim_matches('-').chars().take(80).collect()
}

/// Saves `case` under `crashers/<kind>-<hash>/` unless enough of that kind are kept already.
/// Returns where it went.
pub fn save(out: &Path, case: &Case, signature: &str) -> Option<String> {
    let kind = kind(signature);
    let crashers = out.join("crashers");
    let kept = fs::read_dir(&crashers)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with(&format!("{kind}-"))
                })
                .count()
        })
        .unwrap_or(0);
    if kept >= KEPT_PER_KIND {
        return None;
    }
    let mut hasher = DefaultHasher::new();
    serde_json::to_string(case)
        .unwrap_or_default()
        .hash(&mut hasher);
    let folder = crashers.join(format!("{kind}-{:016x}", hasher.finish()));
    case.write_to(&folder).ok()?;
    fs::write(folder.join("why.txt"), format!("{signature}\n")).ok()?;
    Some(folder.display().to_string())
}
