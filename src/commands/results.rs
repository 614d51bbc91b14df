//! `dojo results`: the results of a finished session again, as they were shown at its end.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::ResultsArgs;
use dojo::play::launch::show_results;
use dojo::play::recall::{find, recall};
use dojo::progress::DataDir;
use dojo::scenario::{FLAGSHIP, Folder, Loaded, load};

use super::Error;

pub fn run(args: &ResultsArgs) -> Result<ExitCode, Error> {
    let data = DataDir::discover()?;
    let found = find(&data, args.session.as_deref())?;
    let id = &found.results.scenario.id;
    // The scenario is needed only to draw the maps again; without it the figures still show.
    let loaded = match &args.scenario {
        Some(folder) => Some(load(&Folder::new(folder))?),
        None => played_here(id)?,
    };
    let scenario = loaded.as_ref().and_then(|l| l.scenario.as_ref());
    let results = recall(&found.results, found.journal.as_ref(), scenario);
    show_results(&results, args.plain)?;
    Ok(ExitCode::SUCCESS)
}

/// The embedded scenario or `./scenarios/<id>`, when one has the id the session was played on.
fn played_here(id: &str) -> Result<Option<Loaded>, Error> {
    let embedded = load(&FLAGSHIP)?;
    if embedded.scenario.as_ref().is_some_and(|s| s.meta.id == id) {
        return Ok(Some(embedded));
    }
    let folder: PathBuf = Path::new("scenarios").join(id);
    if !folder.join(dojo::scenario::MANIFEST).is_file() {
        return Ok(None);
    }
    let loaded = load(&Folder::new(&folder))?;
    Ok(loaded
        .scenario
        .as_ref()
        .is_some_and(|s| s.meta.id == id)
        .then_some(loaded))
}
