//! Placeholder while the load benchmark is written.

fn main() {}
