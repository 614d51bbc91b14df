//! What one input is put through, in-process and through the library's public API: loading,
//! everything `dojo check` runs (lints, analysis and the play-time estimate), the drawings (of
//! broken folders too), a few seeded playthroughs, and for maps the reader, figures and both renderers.

use std::io;

use dojo::analyze::{
    Analysis, outline_to_dot, outline_to_mermaid, report_json, report_text, to_dot, to_mermaid,
};
use dojo::diagnostic::{Style, render, render_json, summary};
use dojo::lint::lint;
use dojo::playtest::{self, RandomOptions};
use dojo::scenario::{self, ScenarioFiles};
use dojo::vsm::{self, Metrics, TextOptions, render_svg, render_text};

use crate::case::Case;

/// A scenario folder held in memory.
struct Memory<'a>(&'a [(String, String)]);

impl ScenarioFiles for Memory<'_> {
    fn read(&self, name: &str) -> io::Result<String> {
        self.0
            .iter()
            .find(|(file, _)| file == name)
            .map(|(_, text)| text.clone())
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))
    }

    fn display_name(&self, name: &str) -> String {
        format!("fuzz/{name}")
    }
}

/// Runs one input. A panic, including a failed oracle below, is a finding.
pub fn run(case: &Case) {
    match case {
        Case::Scenario { files } => scenario(files),
        Case::Map { text } => map(text),
    }
}

fn scenario(files: &[(String, String)]) {
    let Ok(loaded) = scenario::load(&Memory(files)) else {
        return;
    };
    let mut diagnostics = loaded.diagnostics.clone();
    if let Some(scenario) = &loaded.scenario {
        let analysis = Analysis::new(scenario);
        diagnostics.extend(lint(scenario, &loaded.facts, &analysis, &loaded.sources));
        std::hint::black_box(report_text(scenario, &analysis));
        well_formed_json(&report_json(scenario, &analysis));
        std::hint::black_box(to_dot(scenario, &analysis));
        std::hint::black_box(to_mermaid(scenario, &analysis));
        let clean = !diagnostics.iter().any(|d| d.is_error());
        if clean {
            let options = RandomOptions {
                runs: 4,
                seed: 1,
                max_answers: 200,
            };
            std::hint::black_box(playtest::random_runs(scenario, options));
            std::hint::black_box(playtest::play_time(scenario));
        }
    }
    // What `dojo graph` draws of a folder that does not load.
    if let Some(outline) = &loaded.outline {
        std::hint::black_box(outline_to_dot("fuzz", outline));
        std::hint::black_box(outline_to_mermaid(outline));
    }
    std::hint::black_box(render(&diagnostics, &loaded.sources, Style::Plain));
    std::hint::black_box(summary(&diagnostics, "fuzz"));
    well_formed_json(&render_json(&diagnostics, &loaded.sources));
}

fn map(text: &str) {
    let loaded = vsm::load("fuzz.vsm.toml", text);
    std::hint::black_box(render(&loaded.diagnostics, &loaded.sources, Style::Colour));
    let Some(map) = &loaded.map else {
        return;
    };
    let metrics = Metrics::compute(map);
    let svg = render_svg(map, &metrics);
    if let Some(bad) = svg.chars().find(|&c| !xml_char(c)) {
        panic!(
            "SVG holds U+{:04X}, which XML does not allow",
            u32::from(bad)
        );
    }
    for (width, colour) in [(20, false), (80, true), (100, false)] {
        let options = TextOptions {
            width,
            colour,
            figures: true,
        };
        std::hint::black_box(render_text(map, &metrics, &options));
    }
    match serde_json::to_value(&metrics) {
        Ok(value) => well_formed_json(&value),
        Err(error) => panic!("figures do not serialise: {error}"),
    }
}

/// The characters XML 1.0 allows in a document.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// JSON written by dojo must read back. (Not necessarily to the same value: without
/// serde_json's `float_roundtrip` a huge float may come back one bit off, which is no bug.)
fn well_formed_json(value: &serde_json::Value) {
    let text = serde_json::to_string(value).unwrap_or_default();
    if serde_json::from_str::<serde_json::Value>(&text).is_err() {
        panic!("JSON output does not read back");
    }
}
