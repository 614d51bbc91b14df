//! Every golden playthrough an author keeps beside a shipped scenario
//! (`scenarios/<name>/playthroughs/<ending>.answers` with its `.expect`) still plays to the
//! same transcript, through `dojo test --answers`.

use std::fs;
use std::path::PathBuf;

use crate::common::dojo_in_repo;

fn playthroughs() -> Vec<(PathBuf, PathBuf)> {
    let mut found = Vec::new();
    for scenario in fs::read_dir("scenarios")
        .expect("scenarios folder")
        .flatten()
    {
        let Ok(entries) = fs::read_dir(scenario.path().join("playthroughs")) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "answers") {
                found.push((scenario.path(), path));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn shipped_playthroughs_match_their_transcripts() {
    let cases = playthroughs();
    assert!(
        !cases.is_empty(),
        "no playthroughs under scenarios/*/playthroughs"
    );
    for (scenario, answers) in cases {
        let expect = answers.with_extension("expect");
        let output = dojo_in_repo()
            .arg("test")
            .arg(&scenario)
            .arg("--answers")
            .arg(&answers)
            .arg("--expect")
            .arg(&expect)
            .args(["--seed", "1"])
            .output()
            .expect("dojo runs");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{} no longer matches {}:\n{}",
            answers.display(),
            expect.display(),
            String::from_utf8_lossy(&output.stdout)
        );
    }
}
