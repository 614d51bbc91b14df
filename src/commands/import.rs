//! `dojo import katacoda`: writes one scenario folder per imported module, then says what was
//! imported and, place by place, what was not carried over.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::cli::{ImportCommand, KatacodaArgs};
use dojo::diagnostic::{Style, render, summary};
use dojo::import::{Imported, ModuleReport, Note, Outcome};

use super::Error;

pub fn run(command: &ImportCommand) -> Result<ExitCode, Error> {
    match command {
        ImportCommand::Katacoda(args) => katacoda(args),
    }
}

fn katacoda(args: &KatacodaArgs) -> Result<ExitCode, Error> {
    let report = dojo::import::katacoda(&args.source)?;
    let style = Style::for_output(std::io::stdout().is_terminal());
    let mut out = std::io::stdout().lock();
    if !report.diagnostics.is_empty() {
        write!(
            out,
            "{}",
            render(&report.diagnostics, &report.sources, style)
        )?;
        writeln!(
            out,
            "{}\n",
            summary(&report.diagnostics, &args.source.display().to_string())
        )?;
    }
    let mut written = 0;
    for module in &report.modules {
        let target = args.out.join(&module.folder);
        match &module.outcome {
            Outcome::Imported(imported) if target.join("scenario.toml").exists() => writeln!(
                out,
                "Not imported: {} (\"{}\"): {} already holds a scenario; remove it or choose another OUT_DIR",
                module.source,
                module.title,
                target.display()
            )?,
            Outcome::Imported(imported) => {
                write_files(&target, imported)?;
                written += 1;
                say_imported(&mut out, module, imported, &target)?;
            }
            Outcome::NothingToPlay => {
                writeln!(
                    out,
                    "Nothing to play in {} (\"{}\"): it has no quiz and no dialogue, only lab work; nothing written",
                    module.source, module.title
                )?;
                list_notes(&mut out, module, None)?;
            }
            Outcome::Broken => writeln!(
                out,
                "Not imported: {} (\"{}\"): see the errors above",
                module.source, module.title
            )?,
        }
    }
    if report.modules.len() > 1 || written == 0 {
        writeln!(
            out,
            "\n{written} of {} imported into {}",
            count(report.modules.len(), "module", "modules"),
            args.out.display()
        )?;
    }
    let all = written == report.modules.len() && !report.diagnostics.iter().any(|d| d.is_error());
    Ok(if all && written > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn write_files(target: &Path, imported: &Imported) -> Result<(), Error> {
    let failed = |path: &Path| {
        let path = path.display().to_string();
        move |source| Error::WriteFile { path, source }
    };
    std::fs::create_dir_all(target).map_err(failed(target))?;
    for (name, text) in &imported.files {
        let path = target.join(name);
        std::fs::write(&path, text).map_err(failed(&path))?;
    }
    Ok(())
}

fn say_imported(
    out: &mut impl Write,
    module: &ModuleReport,
    imported: &Imported,
    target: &Path,
) -> Result<(), Error> {
    writeln!(
        out,
        "Imported {} (\"{}\") into {}",
        module.source,
        module.title,
        target.display()
    )?;
    let licence = match &imported.licence {
        Some(name) => format!("licence notice {name} copied"),
        None => "no licence file found".to_string(),
    };
    writeln!(
        out,
        "  {}, {}, {}, {}; {licence}",
        count(imported.scenes, "scene", "scenes"),
        count(imported.questions, "question", "questions"),
        count(
            imported.dialogue_lines,
            "line of dialogue",
            "lines of dialogue"
        ),
        count(imported.characters, "character", "characters"),
    )?;
    list_notes(out, module, Some(&target.join("IMPORT-NOTES.md")))
}

fn list_notes(
    out: &mut impl Write,
    module: &ModuleReport,
    page: Option<&Path>,
) -> Result<(), Error> {
    if module.notes.is_empty() {
        writeln!(out, "  Everything was carried over.")?;
        return Ok(());
    }
    match page {
        Some(page) => writeln!(
            out,
            "  Not carried over ({}, also in {}):",
            count(module.notes.len(), "place", "places"),
            page.display()
        )?,
        None => writeln!(
            out,
            "  Not carried over ({}):",
            count(module.notes.len(), "place", "places")
        )?,
    }
    for note in &module.notes {
        writeln!(out, "    {}", line(&module.source, note))?;
    }
    Ok(())
}

fn line(source: &str, note: &Note) -> String {
    format!("{source}/{}  {}: {}", note.place(), note.what, note.reason)
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
