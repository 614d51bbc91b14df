//! The tutorial in docs/authoring.md works when followed literally.
//!
//! Its code blocks say what they build in the info string after the language:
//!
//! - `toml file=standup/scenes.toml` writes the whole file (under a temporary `scenarios/`);
//! - `... append` adds the block to the end of the file;
//! - `... scene=ID` sets each `key = value` line of the block in the top table of scene `ID`;
//! - `console run` runs each `$ dojo ...` command there and compares what it prints with the
//!   lines below it, as the reader would see them.
//!
//! Blocks without a mark are fragments the prose explains. Every scenario built must then pass
//! `dojo check` and reach an ending in every random run.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::common::{Run, dojo, repo_root};

/// What a code block does to the scenarios being built.
#[derive(Debug)]
enum Block {
    Write {
        path: String,
        text: String,
    },
    Append {
        path: String,
        text: String,
    },
    SetKeys {
        path: String,
        scene: String,
        text: String,
    },
    Run {
        text: String,
    },
}

fn blocks(markdown: &str) -> Vec<(usize, Block)> {
    let mut found = Vec::new();
    let mut lines = markdown.lines().enumerate();
    while let Some((number, line)) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            continue;
        };
        let mut text = String::new();
        for (_, body) in lines.by_ref() {
            if body == "```" {
                break;
            }
            text.push_str(body);
            text.push('\n');
        }
        let words: Vec<&str> = info.split_whitespace().collect();
        let path = words
            .iter()
            .find_map(|w| w.strip_prefix("file="))
            .map(str::to_string);
        let scene = words.iter().find_map(|w| w.strip_prefix("scene="));
        let block = match (path, scene) {
            (Some(path), Some(scene)) => Block::SetKeys {
                path,
                scene: scene.to_string(),
                text,
            },
            (Some(path), None) if words.contains(&"append") => Block::Append { path, text },
            (Some(path), None) => Block::Write { path, text },
            (None, _) if words.first() == Some(&"console") && words.contains(&"run") => {
                Block::Run { text }
            }
            (None, _) => continue,
        };
        found.push((number + 1, block));
    }
    found
}

/// Sets `key = value` lines in the top table of the scene whose id is `scene`.
fn set_keys(file: &str, scene: &str, keys: &str) -> String {
    let mut lines: Vec<String> = file.lines().map(str::to_string).collect();
    let id = format!("id = \"{scene}\"");
    let start = lines
        .iter()
        .position(|l| *l == id)
        .unwrap_or_else(|| panic!("no scene `{scene}` to edit"));
    let end = (start + 1..lines.len())
        .find(|&i| lines[i].starts_with('['))
        .unwrap_or(lines.len());
    for line in keys.lines().filter(|l| !l.trim().is_empty()) {
        let key = line.split('=').next().unwrap_or_default().trim();
        let at =
            (start..end).find(|&i| lines[i].split('=').next().unwrap_or_default().trim() == key);
        match at {
            Some(i) => lines[i] = line.to_string(),
            None => lines.insert(start + 1, line.to_string()),
        }
    }
    lines.join("\n") + "\n"
}

/// Runs each `$ dojo ...` line in `root` and compares its output with the lines below it.
fn run_commands(root: &Path, data: &Path, text: &str, at: usize) {
    let mut commands: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        match line.strip_prefix("$ ") {
            Some(command) => commands.push((command.to_string(), String::new())),
            None => {
                let (_, expected) = commands.last_mut().expect("a command comes first");
                expected.push_str(line);
                expected.push('\n');
            }
        }
    }
    for (command, expected) in commands {
        let words: Vec<&str> = command.split_whitespace().collect();
        assert_eq!(words.first(), Some(&"dojo"), "line {at}: {command}");
        let run = Run::of(dojo(data).current_dir(root).args(&words[1..]));
        let printed = format!("{}{}", run.stdout, run.stderr);
        assert_eq!(
            printed, expected,
            "docs/authoring.md, the block at line {at}: `{command}` printed something else"
        );
    }
}

#[test]
fn the_tutorial_builds_scenarios_that_check_and_play_as_it_shows() {
    let markdown =
        fs::read_to_string(repo_root().join("docs/authoring.md")).expect("the guide reads");
    let temp = tempfile::tempdir().expect("a temporary folder");
    let root = temp.path();
    let data = root.join("data");
    let scenarios = root.join("scenarios");
    let mut built = BTreeSet::new();
    let mut commands = 0;
    for (at, block) in blocks(&markdown) {
        match block {
            Block::Write { path, text } => {
                let file = scenarios.join(&path);
                fs::create_dir_all(file.parent().expect("a folder")).expect("folder made");
                fs::write(&file, text).expect("file written");
                built.insert(path.split('/').next().unwrap_or_default().to_string());
            }
            Block::Append { path, text } => {
                let file = scenarios.join(&path);
                let before = fs::read_to_string(&file).unwrap_or_else(|_| {
                    panic!("line {at}: {path} is appended to before it exists")
                });
                fs::write(&file, format!("{before}\n{text}")).expect("file written");
            }
            Block::SetKeys { path, scene, text } => {
                let file = scenarios.join(&path);
                let before = fs::read_to_string(&file).expect("the file to edit exists");
                fs::write(&file, set_keys(&before, &scene, &text)).expect("file written");
            }
            Block::Run { text } => {
                run_commands(root, &data, &text, at);
                commands += 1;
            }
        }
    }
    assert_eq!(
        built.iter().map(String::as_str).collect::<Vec<_>>(),
        ["standup", "team-flow"],
        "the scenarios the tutorial builds"
    );
    assert!(commands >= 6, "only {commands} command blocks were run");
    for name in &built {
        let folder = format!("scenarios/{name}");
        let check = Run::of(dojo(&data).current_dir(root).args(["check", &folder]));
        assert_eq!(
            check.code, 0,
            "{folder} does not check clean:\n{}",
            check.stdout
        );
        let test = Run::of(
            dojo(&data)
                .current_dir(root)
                .args(["test", &folder, "--random", "30", "--seed", "7"]),
        );
        assert_eq!(
            test.code, 0,
            "{folder}: not every run ended:\n{}",
            test.stdout
        );
    }
}
