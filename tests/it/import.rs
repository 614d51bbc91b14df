//! `dojo import katacoda` on fixture courses written for these tests (`tests/fixtures/import`):
//! the command's exact summary, every file it writes, and that each imported scenario checks
//! clean and plays to an ending. `DOJO_BLESS=1` rewrites the expected files.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{Goldens, Run, assert_golden, blessing, dojo, dojo_in_repo, repo_root};

const FIXTURES: &str = "tests/fixtures/import";
const EXPECTED: &str = "tests/fixtures/import/expected";

fn import(source: &str, out: &Path) -> Run {
    Run::of(dojo_in_repo().args(["import", "katacoda", source]).arg(out))
}

/// Output with the temporary folder named `$OUT`, as the expected files say.
fn without_out(text: &str, out: &Path) -> String {
    text.replace(&out.display().to_string(), "$OUT")
}

/// The files of a folder, by name, sorted.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| {
                    e.expect("a readable entry")
                        .file_name()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Every file written for `module` equals its expected copy, and no file is missing or extra.
fn compare_written(goldens: &mut Goldens, out: &Path, module: &str) {
    let written = out.join(module);
    let expected = repo_root().join(EXPECTED).join(module);
    if blessing() {
        let _ = fs::remove_dir_all(&expected);
        fs::create_dir_all(&expected).expect("the expected folder can be made");
    }
    let names = files_in(&written);
    for name in &names {
        let text = fs::read_to_string(written.join(name)).expect("written files are text");
        goldens.compare(
            &format!("{module}/{name}"),
            &expected.join(name),
            &without_out(&text, out),
        );
    }
    if !blessing() && files_in(&expected) != names {
        goldens.fail(format!(
            "{module}: wrote {names:?}, expected {:?}",
            files_in(&expected)
        ));
    }
}

/// The imported scenario checks with no problem at all and plays to an ending with the answers
/// in `<module>.answers`; the transcript is `<module>.play.txt`.
fn check_and_play(out: &Path, module: &str) {
    let scenario: PathBuf = out.join(module);
    let check = Run::of(dojo_in_repo().arg("check").arg(&scenario));
    assert_eq!(check.code, 0, "dojo check {module}:\n{}", check.stdout);
    assert!(
        check.stdout.contains("no problems found"),
        "{}",
        check.stdout
    );
    let data = tempfile::tempdir().expect("a temporary data folder");
    let answers = fs::read_to_string(repo_root().join(EXPECTED).join(format!("{module}.answers")))
        .expect("the answers file");
    let play = Run::of(
        dojo(data.path())
            .arg("play")
            .arg(&scenario)
            .args(["--plain", "--name", "Ada"])
            .write_stdin(answers),
    );
    assert_eq!(
        play.code, 0,
        "dojo play {module}:\n{}{}",
        play.stdout, play.stderr
    );
    assert!(play.stdout.contains("== The end: "), "{module} ends");
    assert_golden(
        EXPECTED,
        &format!("{module}.play.txt"),
        &without_out(&play.stdout, out),
        data.path(),
    );
}

#[test]
fn a_pathway_imports_every_module_that_can_be_played() {
    let out = tempfile::tempdir().expect("a temporary output folder");
    let run = import(&format!("{FIXTURES}/cooking-pathway.json"), out.path());
    let mut goldens = Goldens::from_env();
    goldens.compare(
        "pathway summary",
        &repo_root().join(EXPECTED).join("pathway.txt"),
        &without_out(&run.stdout, out.path()),
    );
    assert_eq!(run.stderr, "");
    // A broken module, a pure lab and a missing folder do not stop the others.
    assert_eq!(run.code, 1);
    assert_eq!(files_in(out.path()), ["knife-skills", "tea-break"]);
    for module in ["knife-skills", "tea-break"] {
        compare_written(&mut goldens, out.path(), module);
    }
    goldens.assert_none_failed(1);
    for module in ["knife-skills", "tea-break"] {
        check_and_play(out.path(), module);
    }
}

#[test]
fn a_module_folder_imports_on_its_own_and_is_never_overwritten() {
    let out = tempfile::tempdir().expect("a temporary output folder");
    let source = format!("{FIXTURES}/cooking/tea-break");
    let first = import(&source, out.path());
    assert_eq!(first.code, 0, "{}", first.stdout);
    assert_eq!(
        without_out(&first.stdout, out.path()),
        "Imported tests/fixtures/import/cooking/tea-break (\"Tea Break\") into $OUT/tea-break\n  2 scenes, 1 question, 1 line of dialogue, 1 character; licence notice LICENSE copied\n  Everything was carried over.\n"
    );
    let again = import(&source, out.path());
    assert_eq!(again.code, 1);
    assert_eq!(
        without_out(&again.stdout, out.path()),
        "Not imported: tests/fixtures/import/cooking/tea-break (\"Tea Break\"): $OUT/tea-break already holds a scenario; remove it or choose another OUT_DIR\n\n0 of 1 module imported into $OUT\n"
    );
}

#[test]
fn malformed_json_is_pointed_at() {
    let out = tempfile::tempdir().expect("a temporary output folder");
    let run = import(&format!("{FIXTURES}/bad-json"), out.path());
    assert_eq!(run.code, 1);
    let mut goldens = Goldens::from_env();
    goldens.compare(
        "bad-json",
        &repo_root().join(EXPECTED).join("bad-json.txt"),
        &without_out(&run.stdout, out.path()),
    );
    goldens.assert_none_failed(1);
    assert_eq!(files_in(out.path()), Vec::<String>::new());
}

#[test]
fn a_folder_that_is_no_course_is_refused() {
    let out = tempfile::tempdir().expect("a temporary output folder");
    let run = import(&format!("{FIXTURES}/cooking"), out.path());
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: tests/fixtures/import/cooking is neither a module folder (it has no index.json) nor a pathway file\n"
    );
    let run = import(&format!("{FIXTURES}/nowhere"), out.path());
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: tests/fixtures/import/nowhere does not exist\n"
    );
}
