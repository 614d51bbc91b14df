//! `dojo list`: the embedded scenario and every scenario folder under `./scenarios`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dojo::scenario::{FLAGSHIP, Folder, MANIFEST, Scenario, load};

use super::Error;

pub fn run() -> Result<ExitCode, Error> {
    let mut out = std::io::stdout().lock();
    let mut rows: Vec<(String, String)> = Vec::new();
    let embedded = load(&FLAGSHIP)?.scenario;
    if let Some(scenario) = &embedded {
        rows.push((describe(scenario), "embedded: dojo play".to_string()));
    }
    for folder in scenario_folders(Path::new("scenarios")) {
        let command = format!("dojo play {}", folder.display());
        match load(&Folder::new(&folder)).ok().and_then(|l| l.scenario) {
            // The embedded scenario's own folder (in a checkout of dojo) is listed once.
            Some(scenario)
                if embedded
                    .as_ref()
                    .is_some_and(|e| e.fingerprint == scenario.fingerprint) => {}
            Some(scenario) => rows.push((describe(&scenario), command)),
            None => rows.push((
                format!(
                    "{} (has problems: run `dojo check {}`)",
                    folder.display(),
                    folder.display()
                ),
                command,
            )),
        }
    }
    for (description, command) in rows {
        writeln!(out, "{description}\n    {command}")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn describe(scenario: &Scenario) -> String {
    let meta = &scenario.meta;
    match meta.minutes {
        0 => format!("{}  {} ({})", meta.id, meta.title, meta.level.as_str()),
        minutes => format!(
            "{}  {} ({minutes} min, {})",
            meta.id,
            meta.title,
            meta.level.as_str()
        ),
    }
}

fn scenario_folders(root: &Path) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(root)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.join(MANIFEST).is_file())
                .collect()
        })
        .unwrap_or_default();
    folders.sort();
    folders
}
