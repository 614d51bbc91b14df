//! Placeholder while the play benchmark is written.

fn main() {}
