//! The scene graph as Graphviz DOT: `dojo graph --format dot`.
//!
//! Scenes are boxes labelled with their id and title; the start has a bold border and an arrow
//! from a dot; endings have a double border; scenes the start cannot reach are dashed and grey.
//! Options and outcomes label their edges, routes are dashed edges labelled with their
//! condition. A scenario that did not load is drawn from its outline: a reference to no scene
//! is a red edge into a red dashed ghost node. Every id and text is quoted and escaped:
//! scenario text is data.

use std::fmt::Write as _;

use crate::scenario::{Outline, Scenario};

use super::Analysis;
use super::drawing::Drawing;

pub fn to_dot(scenario: &Scenario, analysis: &Analysis) -> String {
    render(&Drawing::of_scenario(scenario, analysis))
}

/// A scenario that did not load, drawn from its outline; `name` stands for its id.
pub fn outline_to_dot(name: &str, outline: &Outline) -> String {
    render(&Drawing::of_outline(name, outline))
}

const RED: &str = "color=red, fontcolor=red";

fn render(drawing: &Drawing) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quote(&drawing.name));
    out.push_str("  node [shape=box, style=rounded];\n");
    // Scene ids cannot start with `_`, so this name is free.
    let _ = writeln!(out, "  \"_start\" [shape=point, width=0.15];");
    if let Some(start) = drawing.start {
        let red = if drawing.start_broken() {
            " [color=red]"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  \"_start\" -> {}{red};",
            quote(&drawing.nodes[start].id)
        );
    }
    for (index, node) in drawing.nodes.iter().enumerate() {
        let mut text = node.id.clone();
        if let Some(title) = node
            .title
            .as_ref()
            .or(node.ghost.map(str::to_string).as_ref())
        {
            text.push('\n');
            text.push_str(title);
        }
        let mut attributes = vec![format!("label={}", quote(&text))];
        if node.ghost.is_some() {
            attributes.push("style=\"rounded,dashed\"".into());
            attributes.push(RED.into());
        } else {
            if drawing.start == Some(index) {
                attributes.push("penwidth=2".into());
            }
            if node.ending {
                attributes.push("peripheries=2".into());
            }
            if node.unreachable {
                attributes.push("style=\"rounded,dashed\"".into());
                attributes.push("color=grey".into());
                attributes.push("fontcolor=grey".into());
            }
        }
        let _ = writeln!(out, "  {} [{}];", quote(&node.id), attributes.join(", "));
    }
    for edge in &drawing.edges {
        let (from, to) = (&drawing.nodes[edge.from].id, &drawing.nodes[edge.to].id);
        let mut attributes = Vec::new();
        if let Some(text) = &edge.label {
            attributes.push(format!("label={}", quote(text)));
        }
        if edge.route {
            attributes.push("style=dashed".into());
        }
        if edge.broken {
            attributes.push(RED.into());
        }
        let _ = write!(out, "  {} -> {}", quote(from), quote(to));
        if !attributes.is_empty() {
            let _ = write!(out, " [{}]", attributes.join(", "));
        }
        out.push_str(";\n");
    }
    out.push_str("}\n");
    out
}

/// A DOT double-quoted string. Inside one only `"` and `\` are special (a backslash starts
/// an escape such as `\n`, which is how the label's line break is written).
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(quote(r#"say "hi" \n"#), r#""say \"hi\" \\n""#);
        assert_eq!(quote("a\nb"), r#""a\nb""#);
    }
}
