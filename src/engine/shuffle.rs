//! Seeded option order: a function of the session seed, the scene and the visit, so it needs no
//! saved random state and a resumed session shows the options in the same order.

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

pub fn shuffle<T>(items: &mut [T], seed: u64, scene: &str, visit: u32) {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for byte in scene.bytes().chain(visit.to_le_bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    items.shuffle(&mut StdRng::seed_from_u64(hash));
}
