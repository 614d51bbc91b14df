//! Whole-text byte tests fast enough to run on every file and string an author writes.
//!
//! Nearly all scenario text is printable ASCII, so the loader asks "is there anything to clean
//! here?" before walking characters. Testing fixed-size blocks without stopping early inside a
//! block lets the compiler check many bytes per instruction.

/// Bytes tested together; a whole block is read even when its first byte already fails.
const BLOCK: usize = 32;

/// Whether every byte of `text` passes `ok`.
pub(crate) fn all_bytes(text: &str, ok: impl Fn(u8) -> bool) -> bool {
    let blocks = text.as_bytes().chunks(BLOCK);
    blocks
        .into_iter()
        .all(|block| block.iter().fold(true, |all, &byte| all & ok(byte)))
}

/// Printable ASCII (space to tilde).
pub(crate) fn is_printable_ascii(byte: u8) -> bool {
    (0x20..0x7f).contains(&byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_failing_byte_anywhere_in_a_block() {
        let ok = |b: u8| is_printable_ascii(b) || b == b'\n';
        assert!(all_bytes("", ok));
        assert!(all_bytes(&"plain text\n".repeat(40), ok));
        for at in [0, 5, 31, 32, 33, 200, 439] {
            let mut text = "x".repeat(440);
            text.replace_range(at..at + 1, "\u{1b}");
            assert!(!all_bytes(&text, ok), "escape at {at}");
        }
        assert!(!all_bytes("caf\u{e9}", ok));
    }
}
