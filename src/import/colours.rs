//! Speaker colours from a Katacoda dialogue player: the Python script that plays the YAML maps
//! each speaker to a curses colour pair (`'paulo': 2,`) and each pair to an xterm colour
//! (`curses.init_pair(2, 183, curses.COLOR_BLACK)`). dojo takes them as `#rrggbb`.

/// Each speaker's colour, by lowercase name, as dojo writes it.
pub(crate) fn speaker_colours(player: &str) -> Vec<(String, String)> {
    let pairs: Vec<(u32, String)> = player.lines().filter_map(init_pair).collect();
    player
        .lines()
        .filter_map(speaker_pair)
        .filter_map(|(name, pair)| {
            let colour = pairs.iter().find(|(p, _)| *p == pair)?.1.clone();
            Some((name, colour))
        })
        .collect()
}

/// `'name': 2,` as the name and the pair number.
fn speaker_pair(line: &str) -> Option<(String, u32)> {
    let line = line.trim();
    let quote = line.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let rest = &line[1..];
    let end = rest.find(quote)?;
    let name = &rest[..end];
    let number = rest[end + 1..].trim_start().strip_prefix(':')?;
    let digits: String = number
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
    valid.then_some((name.to_lowercase(), digits.parse().ok()?))
}

/// `curses.init_pair(2, 183, ...)` as the pair number and its foreground colour.
fn init_pair(line: &str) -> Option<(u32, String)> {
    let args = line.split_once("init_pair(")?.1;
    let mut parts = args.split(',').map(str::trim);
    let pair = parts.next()?.parse().ok()?;
    let foreground = parts.next()?;
    let colour = match foreground.strip_prefix("curses.COLOR_") {
        Some(name) => named(name)?.to_string(),
        None => xterm(foreground.parse().ok()?)?,
    };
    Some((pair, colour))
}

fn named(name: &str) -> Option<&'static str> {
    Some(match name {
        "BLACK" => "black",
        "RED" => "red",
        "GREEN" => "green",
        "YELLOW" => "yellow",
        "BLUE" => "blue",
        "MAGENTA" => "magenta",
        "CYAN" => "cyan",
        "WHITE" => "white",
        _ => return None,
    })
}

/// An xterm 256-colour index as `#rrggbb`: the 16 system colours, the 6×6×6 cube, the greys.
fn xterm(index: u32) -> Option<String> {
    const SYSTEM: [u32; 16] = [
        0x000000, 0x800000, 0x008000, 0x808000, 0x000080, 0x800080, 0x008080, 0xc0c0c0, 0x808080,
        0xff0000, 0x00ff00, 0xffff00, 0x0000ff, 0xff00ff, 0x00ffff, 0xffffff,
    ];
    const LEVELS: [u32; 6] = [0, 95, 135, 175, 215, 255];
    let rgb = match index {
        0..=15 => SYSTEM[index as usize],
        16..=231 => {
            let i = index - 16;
            let level = |n: u32| LEVELS[n as usize];
            (level(i / 36) << 16) | (level(i / 6 % 6) << 8) | level(i % 6)
        }
        232..=255 => {
            let grey = 8 + 10 * (index - 232);
            (grey << 16) | (grey << 8) | grey
        }
        _ => return None,
    };
    Some(format!("#{rgb:06x}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pairs_and_speakers() {
        let player = "    curses.init_pair(2, 183, curses.COLOR_BLACK)\n    curses.init_pair(3, curses.COLOR_CYAN, curses.COLOR_BLACK)\n    return {\n        'Ravi': 2,\n        \"mo\": 3,\n        'nobody': 9,\n    }.get(speaker.lower(),'2')\n";
        assert_eq!(
            speaker_colours(player),
            [
                ("ravi".to_string(), "#d7afff".to_string()),
                ("mo".to_string(), "cyan".to_string())
            ]
        );
        assert_eq!(xterm(232).as_deref(), Some("#080808"));
        assert_eq!(xterm(9).as_deref(), Some("#ff0000"));
    }
}
