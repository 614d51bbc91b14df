//! Independent pieces of work spread over the machine's cores, with results in input order.
//!
//! Only scoped standard threads: each call starts its workers and joins them before returning,
//! so nothing outlives the data it borrows and no pool sits idle between calls.

use std::num::NonZero;
use std::thread;

/// `work` applied to every item, on as many threads as there are cores (and items). The result
/// is the same as a sequential map, in the same order; a panic in `work` is passed on.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = thread::available_parallelism()
        .map_or(1, NonZero::get)
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(work).collect();
    }
    let work = &work;
    // Item i goes to thread i % threads, so neighbouring items of similar size share the load.
    let parts: Vec<Vec<R>> = thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|first| {
                scope.spawn(move || {
                    items
                        .iter()
                        .skip(first)
                        .step_by(threads)
                        .map(work)
                        .collect()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut parts: Vec<_> = parts.into_iter().map(Vec::into_iter).collect();
    (0..items.len())
        .filter_map(|i| parts[i % threads].next())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order_of_the_items() {
        let items: Vec<u32> = (0..1_001).collect();
        let squares = super::map(&items, |i| i * i);
        assert_eq!(squares, items.iter().map(|i| i * i).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u32], |i| *i).is_empty());
    }
}
