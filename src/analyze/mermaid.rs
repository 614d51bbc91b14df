//! The scene graph as a Mermaid flowchart: `dojo graph --format mermaid`.
//!
//! Scenes become nodes `s0`, `s1`, ... (a scene id such as `end` would be a Mermaid keyword)
//! labelled with their id and title; endings are stadium shapes; the start is bold and has an
//! arrow from a small `start` circle; scenes the start cannot reach are dashed and grey. Routes
//! are dotted edges labelled with their condition. Labels are quoted, and every character that
//! Mermaid could read as markup is written as an entity code (`#34;` for `"`), so scenario text
//! stays text.

use std::fmt::Write as _;

use crate::scenario::Scenario;

use super::Analysis;
use super::label;

pub fn to_mermaid(scenario: &Scenario, analysis: &Analysis) -> String {
    let mut out = String::from("flowchart TD\n");
    out.push_str("  start((start))\n");
    for (index, scene) in scenario.scenes.iter().enumerate() {
        let mut text = escape(&scene.id);
        if let Some(title) = label::title(scene) {
            text.push_str("<br/>");
            text.push_str(&escape(&title));
        }
        let (open, close) = if scene.ending {
            ("([", "])")
        } else {
            ("[", "]")
        };
        let _ = writeln!(out, "  s{index}{open}\"{text}\"{close}");
    }
    if scenario.start < scenario.scenes.len() {
        let _ = writeln!(out, "  start --> s{}", scenario.start);
    }
    for edge in analysis.graph.edges() {
        let arrow = match edge.kind {
            super::EdgeKind::Route(_) => "-.->",
            _ => "-->",
        };
        let _ = match label::edge(scenario, edge) {
            Some(text) => writeln!(
                out,
                "  s{} {arrow}|\"{}\"| s{}",
                edge.from,
                escape(&text),
                edge.to
            ),
            None => writeln!(out, "  s{} {arrow} s{}", edge.from, edge.to),
        };
    }
    out.push_str("  classDef first stroke-width:3px\n");
    let _ = writeln!(out, "  class s{} first", scenario.start);
    let unreachable: Vec<String> = (0..scenario.scenes.len())
        .filter(|&index| !analysis.reachable(index))
        .map(|index| format!("s{index}"))
        .collect();
    if !unreachable.is_empty() {
        out.push_str("  classDef unreachable stroke-dasharray:5 5,stroke:#999,color:#999\n");
        let _ = writeln!(out, "  class {} unreachable", unreachable.join(","));
    }
    out
}

/// Text for inside a quoted Mermaid label: quotes, markup and Mermaid's own escape character
/// become entity codes, line breaks become spaces.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '#' | '&' | '<' | '>' | '|' | '`' => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_becomes_entity_codes() {
        assert_eq!(
            escape(r#"a "b" <i>#1</i>"#),
            "a #34;b#34; #60;i#62;#35;1#60;/i#62;"
        );
        assert_eq!(escape("x | y"), "x #124; y");
    }
}
