//! `dojo vsm`: a value-stream map file drawn as text (or its figures as JSON), optionally
//! also as an SVG picture; with `--compare`, two maps and every figure before and after. A
//! broken file gets the same diagnostics as `dojo check`.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::cli::VsmArgs;
use dojo::diagnostic::{Style, render, render_json, summary};
use dojo::scenario::Unreadable;
use dojo::vsm::{
    self, Comparison, Metrics, TextOptions, render_compare_svg, render_compare_text, render_svg,
    render_text,
};

use super::Error;

/// What the symbols of a hand-drawn map mean, as drawn in the SVG.
const LEGEND: &str = include_str!("../../assets/vsm-legend.txt");

/// A wider terminal does not make a better map: boxes and figures stop growing.
const WIDEST: usize = 100;

pub fn run(args: &VsmArgs) -> Result<ExitCode, Error> {
    if let Some([before, after]) = args.compare.as_deref() {
        return compare(args, before, after);
    }
    let Some(file) = &args.file else {
        // clap requires a file without --compare.
        return Ok(ExitCode::from(2));
    };
    let (path, text) = read(file)?;
    let terminal = std::io::stdout().is_terminal();
    let style = Style::for_output(terminal);
    let loaded = vsm::load(&path, &text);
    let mut out = std::io::stdout().lock();
    let Some(map) = &loaded.map else {
        let found = Found {
            text: render(&loaded.diagnostics, &loaded.sources, style),
            json: render_json(&loaded.diagnostics, &loaded.sources),
            summary: summary(&loaded.diagnostics, &path),
        };
        return problems(args, &path, found);
    };
    let metrics = Metrics::compute(map);
    if let Some(svg) = &args.svg {
        write_svg(svg, &render_svg(map, &metrics))?;
    }
    let warnings = render(&loaded.diagnostics, &loaded.sources, style);
    if args.json {
        // Warnings stay off stdout so that the JSON can be piped as is.
        eprint!("{warnings}");
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&metrics).unwrap_or_default()
        )?;
    } else {
        write!(out, "{warnings}")?;
        if args.legend {
            writeln!(out, "{}\n", LEGEND.trim_end())?;
        }
        write!(
            out,
            "{}",
            render_text(map, &metrics, &options(args, terminal))
        )?;
    }
    if let Some(svg) = &args.svg {
        eprintln!("wrote {}", svg.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `--compare BEFORE AFTER`.
fn compare(args: &VsmArgs, before: &Path, after: &Path) -> Result<ExitCode, Error> {
    let (before_path, before_text) = read(before)?;
    let (after_path, after_text) = read(after)?;
    let terminal = std::io::stdout().is_terminal();
    let style = Style::for_output(terminal);
    let loaded = vsm::load_pair((&before_path, &before_text), (&after_path, &after_text));
    let (Some(before_map), Some(after_map)) = (&loaded.before, &loaded.after) else {
        let what = format!("{before_path} and {after_path}");
        let found = Found {
            text: render(&loaded.diagnostics, &loaded.sources, style),
            json: render_json(&loaded.diagnostics, &loaded.sources),
            summary: summary(&loaded.diagnostics, &what),
        };
        return problems(args, &what, found);
    };
    let comparison = Comparison::new(Metrics::compute(before_map), Metrics::compute(after_map));
    if let Some(svg) = &args.svg {
        write_svg(svg, &render_compare_svg(before_map, after_map, &comparison))?;
    }
    let warnings = render(&loaded.diagnostics, &loaded.sources, style);
    let mut out = std::io::stdout().lock();
    if args.json {
        eprint!("{warnings}");
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&comparison).unwrap_or_default()
        )?;
    } else {
        write!(out, "{warnings}")?;
        let text =
            render_compare_text(before_map, after_map, &comparison, &options(args, terminal));
        write!(out, "{text}")?;
    }
    if let Some(svg) = &args.svg {
        eprintln!("wrote {}", svg.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn options(args: &VsmArgs, terminal: bool) -> TextOptions {
    TextOptions {
        width: args
            .width
            .unwrap_or_else(|| super::terminal_width(terminal, WIDEST)),
        colour: Style::for_output(terminal).is_colour(),
        figures: true,
    }
}

/// A map file's path as shown, and its text.
fn read(file: &Path) -> Result<(String, String), Error> {
    let path = file.display().to_string();
    let text = dojo::scenario::read_regular(file).map_err(|source| Unreadable {
        path: path.clone(),
        // "no such file or directory", without the OS error number.
        source: std::io::Error::new(source.kind(), reason(&source)),
    })?;
    Ok((path, text))
}

/// The problems of maps that did not load, rendered.
struct Found {
    text: String,
    json: serde_json::Value,
    summary: String,
}

/// A map that did not load: its problems, as text or JSON.
fn problems(args: &VsmArgs, path: &str, found: Found) -> Result<ExitCode, Error> {
    let mut out = std::io::stdout().lock();
    if args.json {
        let json = serde_json::json!({
            "path": path,
            "problems": found.json,
        });
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json).unwrap_or_default()
        )?;
    } else {
        write!(out, "{}", found.text)?;
        writeln!(out, "{}", found.summary)?;
    }
    Ok(ExitCode::FAILURE)
}

fn write_svg(path: &Path, svg: &str) -> Result<(), Error> {
    std::fs::write(path, svg).map_err(|source| Error::WriteFile {
        path: path.display().to_string(),
        source,
    })
}

fn reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text);
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}
