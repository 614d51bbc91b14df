//! Speaker colours an author may name; the front end maps them to terminal colours.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// The terminal's own foreground colour.
    Default,
    Named(Named),
    Rgb(u8, u8, u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    White,
    Grey,
    BrightRed,
    BrightGreen,
    BrightYellow,
    BrightBlue,
    BrightMagenta,
    BrightCyan,
    BrightWhite,
}

pub(super) const NAMES: &[(&str, Named)] = &[
    ("black", Named::Black),
    ("red", Named::Red),
    ("green", Named::Green),
    ("yellow", Named::Yellow),
    ("blue", Named::Blue),
    ("magenta", Named::Magenta),
    ("cyan", Named::Cyan),
    ("white", Named::White),
    ("grey", Named::Grey),
    ("gray", Named::Grey),
    ("bright-red", Named::BrightRed),
    ("bright-green", Named::BrightGreen),
    ("bright-yellow", Named::BrightYellow),
    ("bright-blue", Named::BrightBlue),
    ("bright-magenta", Named::BrightMagenta),
    ("bright-cyan", Named::BrightCyan),
    ("bright-white", Named::BrightWhite),
];

impl Colour {
    /// Parses a colour name or `#rrggbb`; `None` if it is neither.
    pub fn parse(text: &str) -> Option<Colour> {
        if let Some(hex) = text.strip_prefix('#') {
            if hex.len() != 6 || !hex.is_ascii() {
                return None;
            }
            let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
            return Some(Colour::Rgb(channel(0)?, channel(2)?, channel(4)?));
        }
        NAMES
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(text))
            .map(|&(_, named)| Colour::Named(named))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_hex() {
        assert_eq!(
            Colour::parse("bright-cyan"),
            Some(Colour::Named(Named::BrightCyan))
        );
        assert_eq!(Colour::parse("Red"), Some(Colour::Named(Named::Red)));
        assert_eq!(Colour::parse("#ff8000"), Some(Colour::Rgb(255, 128, 0)));
        assert_eq!(Colour::parse("#ff80"), None);
        assert_eq!(Colour::parse("#ffé000"), None);
        assert_eq!(Colour::parse("chartreuse"), None);
    }
}
