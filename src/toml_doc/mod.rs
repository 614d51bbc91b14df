//! One way from TOML text to located diagnostics, for every kind of file dojo reads.
//!
//! A file is parsed as far as the parser can recover ([`parse`]), each table is deserialised
//! into its serde model on its own, and a table with a bad key loses only that key
//! ([`lenient`], [`each`]): every problem in a file is reported at once. A [`Doc`] turns the
//! parser's and serde's errors into diagnostics that name the key, the table it landed in and,
//! for the TOML trap (a key written below a sub-table's header), the table it belongs to. What
//! differs between scenario files and map files is only their [`Format`]: the keys of each
//! table and a few hints; the same mistake gets the same words in both.

mod doc;
mod inline_tables;
mod recover;
mod shape;
mod walk;

use crate::diagnostic::{Diagnostic, Sources};

pub(crate) use doc::Doc;
pub(crate) use recover::{each, lenient, parse, table_id};

/// What a kind of file may hold, for the hints of its diagnostics.
pub(crate) struct Format {
    /// The keys each table accepts, by the dotted path its header names (`""` is the top
    /// level). Lets a diagnostic say where a key written in the wrong table belongs.
    pub tables: &'static [(&'static str, &'static [&'static str])],
    /// What another `[[...]]` table would hold, for the hint on a key set twice:
    /// "another scene or option".
    pub entries: &'static str,
    /// Hints for a `[table]` header written twice, by header, instead of the general one.
    pub headers_twice: &'static [(&'static str, &'static str)],
    /// An example value per key, for the hint on a missing key (`"..."` otherwise).
    pub examples: &'static [(&'static str, &'static str)],
    /// For a value matching no variant of an untagged enum, by the enum's name: what was
    /// expected, and a hint.
    pub untagged: &'static [(&'static str, &'static str, &'static str)],
    /// A hint per key for a value of the right type out of range.
    pub range_hints: &'static [(&'static str, &'static str)],
}

impl Format {
    /// The keys a table at `path` accepts, if it is a table of the format.
    pub(crate) fn keys_of(&self, path: &str) -> Option<&'static [&'static str]> {
        self.tables
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, keys)| *keys)
    }

    fn example(&self, key: &str) -> &'static str {
        lookup(self.examples, key).unwrap_or("\"...\"")
    }
}

fn lookup(pairs: &'static [(&'static str, &'static str)], key: &str) -> Option<&'static str> {
    pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// Drops what else is reported on the line of a syntax error: the parser's recovery can leave
/// a confusing value behind there, and the syntax error is the one to fix.
pub(crate) fn quiet_after_syntax(sources: &Sources, diagnostics: &mut Vec<Diagnostic>) {
    let syntax_lines: std::collections::HashSet<(usize, usize)> = diagnostics
        .iter()
        .filter(|d| d.code == "toml-syntax")
        .filter_map(|d| line_of(sources, d))
        .collect();
    if syntax_lines.is_empty() {
        return;
    }
    diagnostics.retain(|d| {
        d.code == "toml-syntax" || !line_of(sources, d).is_some_and(|l| syntax_lines.contains(&l))
    });
}

/// The file and line a diagnostic points at.
fn line_of(sources: &Sources, diagnostic: &Diagnostic) -> Option<(usize, usize)> {
    let location = &diagnostic.primary.as_ref()?.location;
    Some((
        location.file.0,
        sources.line_col(location.file, location.span.start).0,
    ))
}
