//! The plain front end as a screen reader meets it: a whole Pet Clinic run, piped, holds no box
//! drawing or block character, and its maps are tables read row by row.

use std::fs;

use crate::common::{dojo, stderr_of, stdout_of};

/// Box drawing (U+2500 to U+257F) and block elements (U+2580 to U+259F).
fn boxes(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| line.chars().any(|c| ('\u{2500}'..='\u{259F}').contains(&c)))
        .map(|(n, line)| (n + 1, line.to_string()))
        .collect()
}

/// The answers of a shipped playthrough, as typed into `dojo play --plain`.
pub fn shipped_answers(name: &str) -> String {
    let path = format!("scenarios/pet-clinic-vsm/playthroughs/{name}.answers");
    let text = fs::read_to_string(crate::common::repo_root().join(path)).unwrap();
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// A finished Pet Clinic session in `data`, played through the plain front end; its output.
pub fn play_pet_clinic(data: &std::path::Path) -> String {
    let output = dojo(data)
        .args(["play", "--plain", "--name", "Ada", "--seed", "1"])
        .write_stdin(shipped_answers("flow-ending"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    stdout_of(&output)
}

#[test]
fn a_full_plain_run_has_no_box_or_block_characters() {
    let data = tempfile::tempdir().unwrap();
    let text = play_pet_clinic(data.path());
    assert!(text.contains("== The end: Seeing the flow =="), "{text}");
    assert_eq!(boxes(&text), [], "box or block characters in plain output");
    // The map as a table: a header, then one row per step with its queue in front.
    assert!(text.contains("Step | Name | Owner | People | LT | PT | %C/A | Queue in front\n"));
    assert!(text.contains(
        "3 | Release planning & estimation | PMO | 3 | 3 weeks | 1 hour | 60% | Backlog, 120 items\n"
    ));
    assert!(text.contains("These run side by side: 6a and 6b.\n"));
    assert!(text.contains("Activity ratio (PT / LT): 14.58%.\n"));
    // Piped, a paragraph stays on one line.
    assert!(text.contains(
        "Critical path, the longest way through: 1, 2, 3, 4, 5, 6b and 7. Along it the lead time is 384 hours and the process time 56 hours.\n"
    ));
}

#[test]
fn the_verdict_and_the_comparison_come_before_every_answer() {
    let data = tempfile::tempdir().unwrap();
    let text = play_pet_clinic(data.path());
    let end = text.find("== The end:").unwrap();
    let comparison = text.find("Figure | Yours | Team's").unwrap();
    let answers = text.find("Your answers:").unwrap();
    assert!(end < comparison && comparison < answers);
}
