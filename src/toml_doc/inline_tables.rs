//! Every inline table (`{ ... }`) of a parsed file, indexed once, so finding the ones around
//! an offset costs a binary search instead of a walk over the whole file per diagnostic: a
//! file with thousands of problems was quadratic.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

pub(crate) struct InlineTables {
    /// Sorted by start, outer before inner at the same start.
    tables: Vec<Inline>,
}

struct Inline {
    span: Range<usize>,
    /// The keys of this table and of the inline tables around it, outermost first.
    path: Vec<String>,
    /// The inline table this one is written in.
    parent: Option<usize>,
}

impl InlineTables {
    pub(crate) fn new(source: &str, root: &DeTable<'_>) -> InlineTables {
        let mut tables = Vec::new();
        collect(source, root, &mut Vec::new(), &mut tables);
        tables.sort_by_key(|t: &Inline| (t.span.start, std::cmp::Reverse(t.span.end)));
        // Inline tables nest properly, so a stack of the open ones gives each its parent.
        let mut open: Vec<usize> = Vec::new();
        for i in 0..tables.len() {
            while open
                .last()
                .is_some_and(|&o| tables[o].span.end <= tables[i].span.start)
            {
                open.pop();
            }
            tables[i].parent = open.last().copied();
            open.push(i);
        }
        InlineTables { tables }
    }

    /// The keys of the inline tables around `offset`, outermost first.
    pub(crate) fn around(&self, offset: usize) -> Vec<String> {
        let last = self.tables.partition_point(|t| t.span.start <= offset);
        // The innermost table around `offset` is the last one starting before it, or one of
        // that table's parents.
        let mut at = last.checked_sub(1);
        while let Some(i) = at {
            if offset < self.tables[i].span.end {
                return self.tables[i].path.clone();
            }
            at = self.tables[i].parent;
        }
        Vec::new()
    }
}

fn collect(source: &str, table: &DeTable<'_>, path: &mut Vec<String>, out: &mut Vec<Inline>) {
    for (key, value) in table.iter() {
        match value.get_ref() {
            DeValue::Table(inner) => {
                let span = value.span();
                if source.get(span.clone()).is_some_and(|t| t.starts_with('{')) {
                    path.push(key.get_ref().to_string());
                    out.push(Inline {
                        span,
                        path: path.clone(),
                        parent: None,
                    });
                    collect(source, inner, path, out);
                    path.pop();
                } else {
                    // A header table: the inline tables in it start a path of their own.
                    collect(source, inner, &mut Vec::new(), out);
                }
            }
            DeValue::Array(items) => {
                for item in items.iter() {
                    if let DeValue::Table(inner) = item.get_ref() {
                        collect(source, inner, path, out);
                    }
                }
            }
            _ => {}
        }
    }
}
