//! The scene graph as a Mermaid flowchart: `dojo graph --format mermaid`.
//!
//! Scenes become nodes `s0`, `s1`, ... (a scene id such as `end` would be a Mermaid keyword)
//! labelled with their id and title; endings are stadium shapes; the start is bold and has an
//! arrow from a small `start` circle; scenes the start cannot reach are dashed and grey. Routes
//! are dotted edges labelled with their condition. A scenario that did not load is drawn from
//! its outline: a reference to no scene is a red link into a red dashed ghost node. Labels are quoted, and every character that
//! Mermaid could read as markup is written as an entity code (`#34;` for `"`), so scenario text
//! stays text.

use std::fmt::Write as _;

use crate::scenario::{Outline, Scenario};

use super::Analysis;
use super::drawing::Drawing;

pub fn to_mermaid(scenario: &Scenario, analysis: &Analysis) -> String {
    render(&Drawing::of_scenario(scenario, analysis))
}

/// A scenario that did not load, drawn from its outline.
pub fn outline_to_mermaid(outline: &Outline) -> String {
    render(&Drawing::of_outline("", outline))
}

fn render(drawing: &Drawing) -> String {
    let mut out = String::from("flowchart TD\n");
    out.push_str("  start((start))\n");
    for (index, node) in drawing.nodes.iter().enumerate() {
        let mut text = escape(&node.id);
        if let Some(title) = node.title.as_deref().or(node.ghost) {
            text.push_str("<br/>");
            text.push_str(&escape(title));
        }
        let (open, close) = if node.ending {
            ("([", "])")
        } else {
            ("[", "]")
        };
        let _ = writeln!(out, "  s{index}{open}\"{text}\"{close}");
    }
    // Mermaid styles links by their place in the order written, the start's arrow first.
    let mut links = 0;
    let mut red = Vec::new();
    if let Some(start) = drawing.start {
        let _ = writeln!(out, "  start --> s{start}");
        if drawing.start_broken() {
            red.push(links);
        }
        links += 1;
    }
    for edge in &drawing.edges {
        let arrow = if edge.route { "-.->" } else { "-->" };
        let _ = match &edge.label {
            Some(text) => writeln!(
                out,
                "  s{} {arrow}|\"{}\"| s{}",
                edge.from,
                escape(text),
                edge.to
            ),
            None => writeln!(out, "  s{} {arrow} s{}", edge.from, edge.to),
        };
        if edge.broken {
            red.push(links);
        }
        links += 1;
    }
    if let Some(start) = drawing.start.filter(|_| !drawing.start_broken()) {
        out.push_str("  classDef first stroke-width:3px\n");
        let _ = writeln!(out, "  class s{start} first");
    }
    let class = |wanted: &dyn Fn(&super::drawing::Node) -> bool| -> Vec<String> {
        (drawing.nodes.iter().enumerate())
            .filter(|(_, node)| wanted(node))
            .map(|(index, _)| format!("s{index}"))
            .collect()
    };
    let unreachable = class(&|node| node.unreachable);
    if !unreachable.is_empty() {
        out.push_str("  classDef unreachable stroke-dasharray:5 5,stroke:#999,color:#999\n");
        let _ = writeln!(out, "  class {} unreachable", unreachable.join(","));
    }
    let ghosts = class(&|node| node.ghost.is_some());
    if !ghosts.is_empty() {
        out.push_str("  classDef ghost stroke-dasharray:5 5,stroke:#d00,color:#d00\n");
        let _ = writeln!(out, "  class {} ghost", ghosts.join(","));
    }
    if !red.is_empty() {
        let red: Vec<String> = red.iter().map(usize::to_string).collect();
        let _ = writeln!(out, "  linkStyle {} stroke:#d00,color:#d00", red.join(","));
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
