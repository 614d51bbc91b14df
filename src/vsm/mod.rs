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
mod compare;
mod compare_svg;
mod compare_text;
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
mod svg_factory;
mod svg_figures;
mod svg_layout;
mod takt;
mod text_canvas;
mod text_flow;
mod text_ladder;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_factory;

pub(crate) use assemble::{Incomplete, Layout, assemble};
pub(crate) use calendar::Unit;
pub use compare::{Change, Comparison};
pub use compare_svg::render_compare_svg;
pub use compare_text::render_compare_text;
pub(crate) use duration::Duration;
pub(crate) use figure::{Time, rolled_ca_text};
pub(crate) use flow::Segment;
pub(crate) use format::read;
pub use format_model::MapTable;
pub(crate) use map::Map;
pub use metrics::{
    Bottleneck, CalendarFigures, ConventionFigures, KaizenFigures, Metrics, Pick, QueueFigures,
    QueuePick, StepFigures,
};
pub(crate) use ratio::Ratio;
pub use render_svg::render_svg;
pub use render_text::{TextOptions, render_text};
pub(crate) use svg_doc::escape;
pub use takt::{DemandFigures, FactoryFigures};

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
    crate::diagnostic::cap_per_file(&mut diagnostics);
    Loaded {
        map,
        diagnostics,
        sources,
    }
}

/// Two map files read for a comparison, into one set of sources: each map when it has no
/// error, every diagnostic of both, and the warning when the later map says it improves on
/// some other map than the earlier one.
pub struct LoadedPair {
    pub before: Option<Map>,
    pub after: Option<Map>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

/// Reads the maps `before` and `after`, each given as (name for diagnostics, text).
pub fn load_pair(before: (&str, &str), after: (&str, &str)) -> LoadedPair {
    let mut sources = Sources::new();
    let first = sources.add(before.0, before.1);
    let second = sources.add(after.0, after.1);
    let mut diagnostics = Vec::new();
    let before = read(&sources, first, &mut diagnostics);
    let after = read(&sources, second, &mut diagnostics);
    if let (Some(b), Some(a)) = (&before, &after) {
        diagnostics.extend(compare::pair_diagnostics(b, a));
    }
    LoadedPair {
        before,
        after,
        diagnostics,
        sources,
    }
}
