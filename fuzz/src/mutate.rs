//! Mutations of one file's text: byte flips, cuts and copies, lines spliced in from other
//! files, deeply nested expressions, huge numbers and hostile Unicode.

use crate::case::lossy;
use crate::rng::Rng;

/// Inputs grow by splicing and repetition; past this they are cut back, so one input stays
/// cheap and a slow case is an algorithmic one, not a big one.
const LARGEST_INPUT: usize = 512 * 1024;

/// Numbers that have broken parsers and arithmetic before.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "-1",
    "1e308",
    "-1e308",
    "1e309",
    "5e-324",
    "nan",
    "inf",
    "-inf",
    "2147483648",
    "4294967296",
    "9007199254740993",
    "9223372036854775807",
    "-9223372036854775808",
    "9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "340282366920938463463374607431768211456",
    "0.000000000000000000001",
    "1_000",
    "0x7fffffffffffffff",
];

/// Characters that terminals, XML, JSON and width tables treat specially.
const CHARACTERS: &[char] = &[
    '\0',
    '\u{7}',
    '\u{8}',
    '\t',
    '\n',
    '\r',
    '\u{1b}',
    '\u{7f}',
    '\u{85}',
    '\u{9b}',
    '\u{a0}',
    '\u{ad}',
    '\u{300}',
    '\u{200b}',
    '\u{200d}',
    '\u{2028}',
    '\u{2029}',
    '\u{202e}',
    '\u{2066}',
    '\u{feff}',
    '\u{fffd}',
    '\u{fffe}',
    '\u{ffff}',
    '\u{1f600}',
    '\u{10ffff}',
    '\u{e000}',
    '"',
    '\'',
    '\\',
    '{',
    '}',
    '[',
    ']',
    '=',
    '#',
    '<',
    '>',
    '&',
];

/// Escape sequences an attacker would like to reach a terminal.
const SEQUENCES: &[&str] = &[
    "\u{1b}[2J",
    "\u{1b}]52;c;ZWNobyBoaQ==\u{7}",
    "\u{1b}]0;title\u{1b}\\",
    "\u{9b}31m",
    "\r\u{1b}[K",
];

pub fn mutate(text: &str, lines: &[String], rng: &mut Rng) -> String {
    let mut text = text.to_string();
    for _ in 0..1 + rng.below(4) {
        text = once(text, lines, rng);
    }
    if text.len() > LARGEST_INPUT {
        let mut end = LARGEST_INPUT;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text
}

fn once(text: String, lines: &[String], rng: &mut Rng) -> String {
    match rng.below(12) {
        0 => flip_bytes(text, rng),
        1 => cut(text, rng),
        2 => copy_range(text, rng),
        3 | 4 => splice_lines(text, lines, rng),
        5 => nest(text, rng),
        6 => huge_number(text, rng),
        7 => unicode(text, rng),
        8 => drop_like_lines(text, rng),
        9 => repeat_block(text, rng),
        10 => swap_lines(text, rng),
        _ => sequence(text, rng),
    }
}

fn flip_bytes(text: String, rng: &mut Rng) -> String {
    let mut bytes = text.into_bytes();
    if bytes.is_empty() {
        return String::new();
    }
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(bytes.len());
        match rng.below(3) {
            0 => bytes[at] ^= 1 << rng.below(8),
            1 => bytes[at] = rng.next() as u8,
            _ => bytes[at] = *rng.pick(b"\"'[]{}()=#\n\\.,-+ 0"),
        }
    }
    lossy(&bytes)
}

fn boundary(text: &str, rng: &mut Rng) -> usize {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn cut(mut text: String, rng: &mut Rng) -> String {
    let a = boundary(&text, rng);
    let b = boundary(&text, rng);
    let (a, b) = (a.min(b), a.max(b));
    let b = b.min(a + 1 + rng.below(200));
    let mut b = b.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text.replace_range(a..b, "");
    text
}

fn copy_range(mut text: String, rng: &mut Rng) -> String {
    let a = boundary(&text, rng);
    let b = boundary(&text, rng);
    let piece = text[a.min(b)..a.max(b)].to_string();
    let at = boundary(&text, rng);
    text.insert_str(at, &piece);
    text
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

fn splice_lines(mut text: String, lines: &[String], rng: &mut Rng) -> String {
    if lines.is_empty() {
        return text;
    }
    let at = *rng.pick(&line_starts(&text));
    let mut piece = String::new();
    for _ in 0..1 + rng.below(6) {
        piece.push_str(rng.pick(lines).as_str());
        piece.push('\n');
    }
    text.insert_str(at, &piece);
    text
}

fn nest(mut text: String, rng: &mut Rng) -> String {
    let depth = *rng.pick(&[3, 40, 300, 1_500, 5_000, 20_000, 100_000]);
    let expression = match rng.below(6) {
        0 => format!("{}1{}", "(".repeat(depth), ")".repeat(depth)),
        1 => format!("{}true", "not ".repeat(depth)),
        2 => format!("{}1", "- ".repeat(depth)),
        3 => format!("1{}", " + 1".repeat(depth)),
        4 => format!("{}score.x{}", "(".repeat(depth), " > 1)".repeat(depth)),
        _ => format!("{}1", "-".repeat(depth)),
    };
    if rng.chance(2) {
        let at = *rng.pick(&line_starts(&text));
        let key = rng.pick(&["when", "score", "answer", "text", "minutes"]);
        text.insert_str(at, &format!("{key} = \"{expression}\"\n"));
    } else {
        let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i + 1).collect();
        if quotes.is_empty() {
            return text;
        }
        let at = *rng.pick(&quotes);
        text.insert_str(at, &format!("{{{expression}}}"));
    }
    text
}

fn huge_number(mut text: String, rng: &mut Rng) -> String {
    let digits: Vec<(usize, usize)> = runs_of_digits(&text);
    let number = rng.pick(NUMBERS);
    if digits.is_empty() {
        let at = *rng.pick(&line_starts(&text));
        text.insert_str(at, &format!("points = {number}\n"));
        return text;
    }
    let (a, b) = *rng.pick(&digits);
    text.replace_range(a..b, number);
    text
}

fn runs_of_digits(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut start = None;
    for (i, b) in bytes.iter().enumerate() {
        match (b.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push((s, bytes.len()));
    }
    runs
}

fn unicode(mut text: String, rng: &mut Rng) -> String {
    for _ in 0..1 + rng.below(4) {
        let c = if rng.chance(3) {
            char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{fffd}')
        } else {
            *rng.pick(CHARACTERS)
        };
        let at = boundary(&text, rng);
        text.insert(at, c);
    }
    text
}

fn sequence(mut text: String, rng: &mut Rng) -> String {
    let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i + 1).collect();
    let at = if quotes.is_empty() {
        boundary(&text, rng)
    } else {
        *rng.pick(&quotes)
    };
    let sequence = *rng.pick(SEQUENCES);
    text.insert_str(at, sequence);
    text
}

/// Removes every line equal to a random one: all `[[step]]` headers, say.
fn drop_like_lines(text: String, rng: &mut Rng) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.is_empty() {
        return text;
    }
    let gone = *rng.pick(&lines);
    let mut out = String::with_capacity(text.len());
    for line in lines.iter().filter(|l| **l != gone) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Copies a run of lines many times, as a long scene list or many options would be.
fn repeat_block(mut text: String, rng: &mut Rng) -> String {
    let starts = line_starts(&text);
    let a = rng.below(starts.len());
    let b = (a + 1 + rng.below(12)).min(starts.len());
    let end = starts.get(b).copied().unwrap_or(text.len());
    let block = text[starts[a]..end].to_string();
    let times = *rng.pick(&[2, 10, 100, 1_000, 10_000]);
    let times = times.min(LARGEST_INPUT / block.len().max(1));
    text.insert_str(end, &block.repeat(times));
    text
}

fn swap_lines(text: String, rng: &mut Rng) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    if lines.len() < 2 {
        return text;
    }
    let a = rng.below(lines.len());
    let b = rng.below(lines.len());
    lines.swap(a, b);
    lines.join("\n")
}
