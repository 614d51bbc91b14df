//! stub
use super::map::Map;
use super::metrics::Metrics;
pub fn render_svg(_map: &Map, _metrics: &Metrics) -> String { String::new() }
