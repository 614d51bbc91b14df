//! Embeds every file of the flagship scenario folder (scenes, maps, portraits), so the binary
//! plays it with no files around.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const FLAGSHIP: &str = "scenarios/pet-clinic-vsm";

fn main() {
    println!("cargo::rerun-if-changed={FLAGSHIP}");
    // Read when the script runs, not when it was compiled: a target folder copied from another
    // checkout keeps its compiled build script, which must still embed this checkout's files.
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join(FLAGSHIP);
    let mut names = Vec::new();
    collect(&root, "", &mut names);
    names.sort();
    let mut code = String::from("pub(crate) static FILES: &[(&str, &str)] = &[\n");
    for name in &names {
        let path = root.join(name);
        println!("cargo::rerun-if-changed={}", path.display());
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("writing to a String cannot fail");
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}

/// Every text file under `dir`, named relative to the scenario folder with `/` separators.
/// Folders are followed through links, though a scenario's files must stay inside its folder.
fn collect(dir: &Path, prefix: &str, names: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let path = entry.path();
        let relative = format!("{prefix}{name}");
        if path.is_dir() {
            println!("cargo::rerun-if-changed={}", path.display());
            collect(&path, &format!("{relative}/"), names);
        } else if name.ends_with(".toml") || name.ends_with(".txt") {
            names.push(relative);
        }
    }
}
