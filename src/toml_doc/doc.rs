//! A parsed file with its text, for finding which table and key an error points into, and
//! the diagnostics for syntax errors and missing keys.

use std::ops::Range;

use toml::de::DeTable;

use crate::diagnostic::{Diagnostic, FileId};

use super::Format;
use super::inline_tables::InlineTables;
use super::walk::{collect_headers, visit_keys};

/// A file's parsed table and text, for finding which table and key an error points into.
pub(crate) struct Doc<'a> {
    pub(super) file: FileId,
    /// The file's own name, such as `scenario.toml`.
    pub(super) name: String,
    pub(super) source: &'a str,
    pub(super) root: &'a DeTable<'a>,
    pub(super) format: &'static Format,
    headers: std::cell::OnceCell<Vec<Header>>,
    inline: std::cell::OnceCell<InlineTables>,
}

/// A `[table]` or `[[array-of-tables]]` header and where it is written.
pub(super) struct Header {
    pub(super) start: usize,
    pub(super) path: Vec<String>,
    pub(super) array: bool,
}

impl Header {
    fn name(&self) -> String {
        let path = self.path.join(".");
        if self.array {
            format!("[[{path}]]")
        } else {
            format!("[{path}]")
        }
    }
}

impl<'a> Doc<'a> {
    pub(crate) fn new(
        format: &'static Format,
        file: FileId,
        path: &str,
        source: &'a str,
        root: &'a DeTable<'a>,
    ) -> Doc<'a> {
        let name = std::path::Path::new(path)
            .file_name()
            .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned());
        Doc {
            file,
            name,
            source,
            root,
            format,
            headers: std::cell::OnceCell::new(),
            inline: std::cell::OnceCell::new(),
        }
    }

    /// Every header of the file, found on the first diagnostic that needs one: a file with
    /// no problem never pays for it.
    pub(super) fn headers(&self) -> &[Header] {
        self.headers.get_or_init(|| {
            let mut headers = Vec::new();
            collect_headers(self.source, self.root, &mut Vec::new(), &mut headers);
            headers.sort_by_key(|h| (h.start, h.path.len()));
            headers
        })
    }

    /// The header of the table a key written at `offset` lands in; `None` at the top level.
    pub(super) fn header_at(&self, offset: usize) -> Option<&Header> {
        let after = self.headers().partition_point(|h| h.start <= offset);
        self.headers().get(after.checked_sub(1)?)
    }

    /// The keys of the inline tables (`{ ... }`) around `offset`, outermost first; the
    /// tables are indexed on the first diagnostic that needs them.
    pub(super) fn inline_around(&self, offset: usize) -> Vec<String> {
        self.inline
            .get_or_init(|| InlineTables::new(self.source, self.root))
            .around(offset)
    }

    /// The path of the table a key written at `offset` lands in, and how to name it: the
    /// header above it, extended into any inline table (`right = { ... }`) around it.
    pub(super) fn table_at(&self, offset: usize) -> (Vec<String>, String) {
        let header = self.header_at(offset);
        let inline = self.inline_around(offset);
        let mut path = header.map(|h| h.path.clone()).unwrap_or_default();
        path.extend(inline.iter().cloned());
        let name = match header {
            Some(header) if inline.is_empty() => header.name(),
            _ if path.is_empty() => format!("the top level of {}", self.name),
            _ => format!("[{}]", path.join(".")),
        };
        (path, name)
    }

    /// "in [[scene]]", or "at the top level of scenario.toml".
    pub(super) fn place(&self, offset: usize) -> String {
        let (path, name) = self.table_at(offset);
        if path.is_empty() {
            format!("at {name}")
        } else {
            format!("in {name}")
        }
    }

    /// Past the most syntax errors one file may report.
    pub(crate) fn too_many_syntax_errors(&self, next: Range<usize>) -> Diagnostic {
        Diagnostic::error(
            "too-many-problems",
            "more syntax errors in this file than are worth listing; the rest are not reported",
        )
        .at(self.file, next, "the first not reported")
        .hint("fix the problems above and check again")
    }

    /// Past the most problems one table may report: the rest wait for the next check.
    pub(crate) fn too_many_problems(&self, next: Range<usize>) -> Diagnostic {
        Diagnostic::error(
            "too-many-problems",
            "more problems in this table than are worth listing; the rest are not reported",
        )
        .at(self.file, next, "the first not reported")
        .hint("fix the problems above and check again")
    }

    /// A diagnostic for an error `DeTable::parse_recoverable` reported.
    pub(crate) fn syntax(&self, error: &toml::de::Error) -> Diagnostic {
        let end = self.source.len();
        let span = error.span().unwrap_or(end..end);
        let message = error.message().trim_end_matches('\n');
        let (what, expected) = match message.split_once(", expected ") {
            Some((what, expected)) => (what, Some(expected)),
            None => (message, None),
        };
        if what == "duplicate key" {
            return self.duplicate_key(span);
        }
        let raw = self
            .source
            .get(span.start..)
            .and_then(|rest| rest.chars().next());
        if let Some(c) = raw.filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
            return Diagnostic::error("toml-syntax", "a raw control character in the file")
                .at(self.file, span.start..span.start + c.len_utf8(), format!("U+{:04X}", u32::from(c)))
                .hint("TOML allows no control characters but tabs and newlines; remove it (dojo would not show it anyway)");
        }
        let label = if what.starts_with("string values must be quoted") {
            "not in quotes".to_string()
        } else {
            expected.map_or_else(|| "here".to_string(), |e| format!("expected {e}"))
        };
        let hint = if what.starts_with("invalid basic string")
            || what.starts_with("invalid literal string")
        {
            Some(
                "a quoted string ends on the line it starts; use `\"\"\"` quotes for text over several lines",
            )
        } else if what.starts_with("string values must be quoted") {
            Some("put text in quotes: `key = \"text\"`")
        } else if what.starts_with("unexpected key or value") {
            Some("write one `key = value` per line")
        } else if what.starts_with("missing comma") || what.starts_with("unclosed") {
            Some("lists are written `[\"a\", \"b\"]` and inline tables `{ a = 1, b = 2 }`")
        } else {
            None
        };
        let diagnostic = Diagnostic::error("toml-syntax", what).at(self.file, span, label);
        match hint {
            Some(hint) => diagnostic.hint(hint),
            None => diagnostic,
        }
    }

    fn duplicate_key(&self, span: Range<usize>) -> Diagnostic {
        let key = self.source.get(span.clone()).unwrap_or_default().trim();
        if let Some(header) = self.header_line(span.start) {
            let mut diagnostic = Diagnostic::error(
                "toml-syntax",
                format!("`{header}` is written twice for the same table"),
            )
            .at(self.file, span.clone(), "written again here");
            // The first one is below the latest `[[...]]` header that encloses this table.
            let path = header.trim_matches(['[', ']']);
            let from = self.source[..span.start]
                .match_indices("[[")
                .filter(|(at, _)| {
                    self.header_line(*at).is_some_and(|h| {
                        path.starts_with(&format!("{}.", h.trim_matches(['[', ']'])))
                    })
                })
                .last()
                .map_or(0, |(at, _)| at);
            let first = self.source[from..span.start]
                .match_indices(header)
                .map(|(at, text)| (from + at, text))
                .find(|(at, _)| self.header_line(*at) == Some(header));
            if let Some((at, _)) = first {
                diagnostic =
                    diagnostic.also(self.file, at..at + header.len(), "first written here");
            }
            return diagnostic.hint(super::lookup(self.format.headers_twice, header).unwrap_or(
                "a `[table]` header names one table, written once; each `[[table]]` header starts a new entry",
            ));
        }
        let table = self.header_at(span.start);
        let mut diagnostic = Diagnostic::error(
            "toml-syntax",
            format!("`{key}` is set twice {}", self.place(span.start)),
        )
        .at(self.file, span.clone(), "set again here");
        if let Some(first) = self.first_key_named(table, key, span.start) {
            diagnostic = diagnostic.also(self.file, first, "first set here");
        }
        diagnostic.hint(format!(
            "a key appears once per table; for {}, start a new `[[...]]` header",
            self.format.entries
        ))
    }

    /// The header written on the line of `offset`, such as `[scene.question]`, if it is one.
    fn header_line(&self, offset: usize) -> Option<&'a str> {
        let start = self.source[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line = self.source[start..].lines().next().unwrap_or_default();
        let line = line.split('#').next().unwrap_or_default().trim();
        line.starts_with('[').then_some(line)
    }

    /// For an error that a table's header is written twice: the body below that header, up
    /// to the next header. Keys there all repeat keys of the first table and say nothing new.
    pub(crate) fn repeated_body(&self, error: &toml::de::Error) -> Option<Range<usize>> {
        let span = error.span()?;
        if !error.message().starts_with("duplicate key") {
            return None;
        }
        self.header_line(span.start)?;
        let body = self.source[span.start..]
            .find('\n')
            .map_or(self.source.len(), |i| span.start + i + 1);
        let mut end = body;
        for line in self.source[body..].split_inclusive('\n') {
            if line.trim_start().starts_with('[') {
                break;
            }
            end += line.len();
        }
        Some(body..end)
    }

    /// Where `key` is first set in the table whose header is `table` (before `before`).
    fn first_key_named(
        &self,
        table: Option<&Header>,
        key: &str,
        before: usize,
    ) -> Option<Range<usize>> {
        let mut found = None;
        visit_keys(self.root, &mut |k, _| {
            if k.get_ref() == key && k.span().start < before {
                let same_table = match (self.header_at(k.span().start), table) {
                    (Some(a), Some(b)) => a.start == b.start,
                    (None, None) => true,
                    _ => false,
                };
                if same_table && found.is_none() {
                    found = Some(k.span());
                }
            }
        });
        found
    }
}
