//! Seeded option order: a function of the session seed, the scene and the visit, so it needs no
//! saved random state and a resumed session shows the options in the same order.
//!
//! Saves and golden transcripts rely on that order never changing, so both halves are pinned:
//! the generator is ChaCha8, whose output `rand_chacha` promises is value-stable and portable,
//! seeded with bytes laid out here; and the shuffle is this file's own Fisher-Yates with an
//! exact bounded draw, not `rand`'s, which is free to change between versions.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub(crate) fn shuffle<T>(items: &mut [T], seed: u64, scene: &str, visit: u32) {
    let mut rng = ChaCha8Rng::from_seed(seed_bytes(seed, scene, visit));
    for last in (1..items.len()).rev() {
        // `last` is an index into a slice, so it fits in u64 and the draw back in usize.
        let pick = below(&mut rng, last as u64 + 1) as usize;
        items.swap(last, pick);
    }
}

/// The generator's seed: the session seed, a hash of the scene id, and the visit, each in its own
/// bytes, so no two of them can cancel out.
fn seed_bytes(seed: u64, scene: &str, visit: u32) -> [u8; 32] {
    let mut scene_hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in scene.bytes() {
        scene_hash ^= u64::from(byte);
        scene_hash = scene_hash.wrapping_mul(0x0100_0000_01b3);
    }
    let mut bytes = [0; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    bytes[8..16].copy_from_slice(&scene_hash.to_le_bytes());
    bytes[16..20].copy_from_slice(&visit.to_le_bytes());
    bytes
}

/// A uniform draw from `0..bound` (Lemire's multiply-and-reject): the high half of a 64x64-bit
/// product, drawing again in the rare case that would favour some values.
fn below(rng: &mut impl Rng, bound: u64) -> u64 {
    let threshold = bound.wrapping_neg() % bound;
    loop {
        let product = u128::from(rng.next_u64()) * u128::from(bound);
        if product as u64 >= threshold {
            return (product >> 64) as u64;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(len: usize, seed: u64, scene: &str, visit: u32) -> Vec<usize> {
        let mut items: Vec<usize> = (0..len).collect();
        shuffle(&mut items, seed, scene, visit);
        items
    }

    /// Pinned orders: if any of these changes, every saved session and golden transcript
    /// would show its options in another order. Change them only with a migration.
    #[test]
    fn the_order_for_a_seed_scene_and_visit_never_changes() {
        assert_eq!(order(4, 1, "war-room", 1), PINNED_A);
        assert_eq!(order(4, 2, "war-room", 1), PINNED_B);
        assert_eq!(order(4, 1, "war-room", 2), PINNED_C);
        assert_eq!(order(6, 42, "workshop", 1), PINNED_D);
        assert_eq!(order(10, u64::MAX, "", 0), PINNED_E);
    }

    const PINNED_A: [usize; 4] = [0, 3, 2, 1];
    const PINNED_B: [usize; 4] = [2, 0, 3, 1];
    const PINNED_C: [usize; 4] = [2, 3, 1, 0];
    const PINNED_D: [usize; 6] = [5, 3, 2, 0, 1, 4];
    const PINNED_E: [usize; 10] = [1, 9, 4, 3, 5, 8, 6, 2, 7, 0];

    #[test]
    fn every_order_of_three_comes_up_about_as_often() {
        let mut counts = std::collections::BTreeMap::new();
        for seed in 0..6000 {
            *counts.entry(order(3, seed, "s", 1)).or_insert(0) += 1;
        }
        assert_eq!(counts.len(), 6);
        assert!(
            counts.values().all(|&n| (850..1150).contains(&n)),
            "{counts:?}"
        );
    }

    #[test]
    fn no_items_and_one_item_are_left_alone() {
        assert_eq!(order(0, 1, "s", 1), Vec::<usize>::new());
        assert_eq!(order(1, 1, "s", 1), vec![0]);
    }
}
