//! The value-stream domain: durations on a working calendar, maps of steps and queues,
//! the figures computed from them, and the map drawn as text or SVG.
//!
//! Nothing here touches the terminal: renderers return strings and the `dojo vsm` command
//! prints them. Arithmetic is exact (fractions of minutes, fractions for ratios); numbers are
//! rounded only when shown.
//!
//! ```text
//! *.vsm.toml ──read──▶ Map ──Metrics::compute──▶ Metrics ──get("activity_ratio")──▶ 14.58…
//!                       └──────────────┴──render_text / render_svg──▶ String
//! ```

mod assemble;
mod calendar;
mod duration;
mod figure;
mod flow;
mod format;
mod format_factory;
mod format_links;
mod format_model;
mod format_steps;
mod format_values;
mod lookup;
mod map;
mod metrics;
mod ratio;
mod render_svg;
mod render_text;
mod svg_doc;
mod svg_figures;
mod svg_layout;
mod takt;
mod text_canvas;
mod text_flow;
mod text_ladder;

#[cfg(test)]
mod tests;

pub(crate) use assemble::{Incomplete, Layout, assemble};
pub(crate) use calendar::Unit;
pub(crate) use duration::Duration;
pub(crate) use flow::Segment;
pub(crate) use format::read;
pub use format_model::MapTable;
pub(crate) use map::Map;
pub use metrics::{
    Bottleneck, CalendarFigures, ConventionFigures, KaizenFigures, Metrics, Pick, QueueFigures,
    QueuePick, StepFigures,
};
pub use takt::{DemandFigures, FactoryFigures};
pub(crate) use ratio::Ratio;
pub use render_svg::render_svg;
pub use render_text::{TextOptions, render_text};
pub(crate) use svg_doc::escape;

use crate::diagnostic::{Diagnostic, Sources};

/// A map file read on its own: the map when it has no error, every diagnostic, and the text
/// they point into.
pub struct Loaded {
    pub map: Option<Map>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

/// Reads a map from its text; `name` is how diagnostics name the file.
pub fn load(name: &str, text: &str) -> Loaded {
    let mut sources = Sources::new();
    let file = sources.add(name, text);
    let mut diagnostics = Vec::new();
    let map = read(&sources, file, &mut diagnostics);
    Loaded {
        map,
        diagnostics,
        sources,
    }
}
