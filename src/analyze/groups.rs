//! Lists of items kept end to end in one array, each found by where it starts.
//!
//! The components of a large graph are mostly single scenes: one array for all of them, rather
//! than one allocation each, is a fraction of the memory and is read in order.

use std::ops::Index;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Groups<T> {
    items: Vec<T>,
    /// `items[starts[g]..starts[g + 1]]` is group `g`.
    starts: Vec<usize>,
}

impl<T> Groups<T> {
    /// Groups `items` at the given starts: `starts` begins at 0, ends at `items.len()` and
    /// never decreases.
    pub(super) fn new(items: Vec<T>, starts: Vec<usize>) -> Groups<T> {
        debug_assert_eq!(starts.first(), Some(&0));
        debug_assert_eq!(starts.last(), Some(&items.len()));
        Groups { items, starts }
    }

    /// No groups yet, with room for `groups` of them holding `items` in all.
    pub(super) fn with_capacity(groups: usize, items: usize) -> Groups<T> {
        let mut starts = Vec::with_capacity(groups + 1);
        starts.push(0);
        Groups {
            items: Vec::with_capacity(items),
            starts,
        }
    }

    /// Adds a group after the others.
    pub(super) fn push(&mut self, group: impl IntoIterator<Item = T>) {
        self.items.extend(group);
        self.starts.push(self.items.len());
    }

    /// How many groups.
    pub(crate) fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Every group in order.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = &[T]> {
        self.starts.windows(2).map(|w| &self.items[w[0]..w[1]])
    }
}

impl<T> Index<usize> for Groups<T> {
    type Output = [T];

    fn index(&self, group: usize) -> &[T] {
        &self.items[self.starts[group]..self.starts[group + 1]]
    }
}
