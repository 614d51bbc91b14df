//! Embeds every file of the flagship scenario folder, so the binary plays it with no files around.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const FLAGSHIP: &str = "scenarios/pet-clinic-vsm";

fn main() {
    println!("cargo::rerun-if-changed={FLAGSHIP}");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(FLAGSHIP);
    let mut names: Vec<String> = fs::read_dir(&root)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_file())
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|name| name.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from("pub static FILES: &[(&str, &str)] = &[\n");
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
