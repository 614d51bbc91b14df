//! Command-line conventions: shell completions and the manual page, generated from the parser.

use std::process::Command;

use crate::common::{dojo, dojo_process, stdout_of};

#[test]
fn bash_completions_parse_and_know_the_subcommands() {
    let data = tempfile::tempdir().unwrap();
    let output = dojo(data.path())
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let script = stdout_of(&output);
    for command in ["play", "results", "check", "completions"] {
        assert!(script.contains(command), "{command} is completed");
    }
    let file = data.path().join("dojo.bash");
    std::fs::write(&file, &script).unwrap();
    let checked = Command::new("bash").arg("-n").arg(&file).output().unwrap();
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
}

#[test]
fn every_shell_clap_knows_gets_a_script() {
    let data = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = dojo(data.path())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{shell}");
        assert!(!output.stdout.is_empty(), "{shell}");
    }
}

#[test]
fn the_man_page_renders() {
    let data = tempfile::tempdir().unwrap();
    let output = dojo(data.path()).arg("man").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let page = stdout_of(&output);
    assert!(page.contains(".TH dojo 1"), "{page}");
    assert!(page.contains("dojo \\- Interactive choose\\-your\\-path training"));
    let file = data.path().join("dojo.1");
    std::fs::write(&file, &page).unwrap();
    // `man -l` where man is installed; the header above is the check elsewhere.
    let rendered = Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output();
    if let Some(rendered) = rendered.ok().filter(|r| r.status.success()) {
        let text = String::from_utf8_lossy(&rendered.stdout);
        assert!(
            text.contains("SUBCOMMANDS") || text.contains("dojo-play"),
            "{text}"
        );
    }
}

/// A reader that goes away (`dojo completions bash | head`) ends the command quietly: no panic,
/// no message, as with any other Unix filter.
#[test]
fn output_into_a_closed_pipe_is_no_error() {
    let data = tempfile::tempdir().unwrap();
    let commands: [&[&str]; 8] = [
        &["list"],
        &["graph", "scenarios/pet-clinic-vsm"],
        &["completions", "bash"],
        &["completions", "zsh"],
        &["man"],
        &["schema", "manifest"],
        &["vsm", "scenarios/pet-clinic-vsm/current-state.vsm.toml"],
        &["check", "scenarios/pet-clinic-vsm"],
    ];
    for args in commands {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = dojo_process(data.path())
            .args(args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}
