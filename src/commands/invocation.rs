//! How the learner started dojo, so a message telling them to run it again names a command
//! that works where they are: `dojo` once installed, the path they typed, or `cargo run`.

use std::path::{Component, Path};

/// The words that start dojo again the way it was started this time, such as `dojo`,
/// `./target/release/dojo` or `cargo run --release --`.
pub fn program() -> String {
    let argv0 = std::env::args_os().next().unwrap_or_default();
    program_for(Path::new(&argv0), std::env::var_os("CARGO").is_some())
}

/// `cargo` sets `CARGO` for the programs it runs; a binary under its `target/debug` or
/// `target/release` was then started by `cargo run` (a learner without dojo on PATH).
/// Otherwise the name as typed: a path when one was typed, else `dojo` from the PATH.
fn program_for(argv0: &Path, under_cargo: bool) -> String {
    let parts: Vec<&str> = argv0
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect();
    let profile = parts
        .windows(2)
        .rev()
        .find(|pair| pair[0] == "target")
        .map(|pair| pair[1]);
    match profile {
        Some("release") if under_cargo => return "cargo run --release --".to_string(),
        Some("debug") if under_cargo => return "cargo run --".to_string(),
        _ => {}
    }
    let typed = argv0.to_string_lossy();
    if typed.is_empty() || !typed.contains(std::path::MAIN_SEPARATOR) {
        return "dojo".to_string();
    }
    if typed.contains(char::is_whitespace) {
        format!("'{typed}'")
    } else {
        typed.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_command_as_the_learner_typed_it() {
        let cases = [
            ("dojo", false, "dojo"),
            ("dojo", true, "dojo"),
            (
                "/work/dojo/target/release/dojo",
                true,
                "cargo run --release --",
            ),
            ("target/debug/dojo", true, "cargo run --"),
            ("./target/release/dojo", false, "./target/release/dojo"),
            ("/opt/my tools/dojo", false, "'/opt/my tools/dojo'"),
            ("", false, "dojo"),
        ];
        for (argv0, cargo, expected) in cases {
            assert_eq!(program_for(Path::new(argv0), cargo), expected, "{argv0}");
        }
    }
}
