//! `dojo vsm`: a value-stream map file drawn as text (or its figures as JSON), optionally
//! also as an SVG picture. A broken file gets the same diagnostics as `dojo check`.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::VsmArgs;
use dojo::diagnostic::{Style, render, render_json, summary};
use dojo::scenario::Unreadable;
use dojo::vsm::{self, Metrics, TextOptions, render_svg, render_text};

use super::Error;

/// What the symbols of a hand-drawn map mean, as drawn in the SVG.
const LEGEND: &str = include_str!("../../assets/vsm-legend.txt");

/// A wider terminal does not make a better map: boxes and figures stop growing.
const WIDEST: usize = 100;

pub fn run(args: &VsmArgs) -> Result<ExitCode, Error> {
    let path = args.file.display().to_string();
    let text = dojo::scenario::read_regular(&args.file).map_err(|source| Unreadable {
        path: path.clone(),
        // "no such file or directory", without the OS error number.
        source: std::io::Error::new(source.kind(), reason(&source)),
    })?;
    let terminal = std::io::stdout().is_terminal();
    let style = Style::for_output(terminal);
    let colour = style.is_colour();
    let loaded = vsm::load(&path, &text);
    let mut out = std::io::stdout().lock();
    let Some(map) = &loaded.map else {
        if args.json {
            let json = serde_json::json!({
                "path": path,
                "problems": render_json(&loaded.diagnostics, &loaded.sources),
            });
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            )?;
        } else {
            write!(
                out,
                "{}",
                render(&loaded.diagnostics, &loaded.sources, style)
            )?;
            writeln!(out, "{}", summary(&loaded.diagnostics, &path))?;
        }
        return Ok(ExitCode::FAILURE);
    };
    let metrics = Metrics::compute(map);
    if let Some(svg) = &args.svg {
        std::fs::write(svg, render_svg(map, &metrics)).map_err(|source| Error::WriteFile {
            path: svg.display().to_string(),
            source,
        })?;
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
        let width = args
            .width
            .unwrap_or_else(|| super::terminal_width(terminal, WIDEST));
        let options = TextOptions {
            width,
            colour,
            figures: true,
        };
        write!(out, "{}", render_text(map, &metrics, &options))?;
    }
    if let Some(svg) = &args.svg {
        eprintln!("wrote {}", svg.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text);
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}
