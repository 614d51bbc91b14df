//! stub
use super::map::Map;
use super::metrics::Metrics;
pub struct TextOptions { pub width: usize, pub colour: bool }
pub fn render_text(_map: &Map, _metrics: &Metrics, _o: &TextOptions) -> String { String::new() }
