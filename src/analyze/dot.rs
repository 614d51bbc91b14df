//! The scene graph as Graphviz DOT: `dojo graph --format dot`.
//!
//! Scenes are boxes labelled with their id and title; the start has a bold border and an arrow
//! from a dot; endings have a double border; scenes the start cannot reach are dashed and grey.
//! Options and outcomes label their edges, routes are dashed edges labelled with their
//! condition. Every id and text is quoted and escaped: scenario text is data.

use std::fmt::Write as _;

use crate::scenario::Scenario;

use super::Analysis;
use super::label;

pub fn to_dot(scenario: &Scenario, analysis: &Analysis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quote(&scenario.meta.id));
    out.push_str("  node [shape=box, style=rounded];\n");
    // Scene ids cannot start with `_`, so this name is free.
    let _ = writeln!(out, "  \"_start\" [shape=point, width=0.15];");
    if let Some(start) = scenario.scenes.get(scenario.start) {
        let _ = writeln!(out, "  \"_start\" -> {};", quote(&start.id));
    }
    for (index, scene) in scenario.scenes.iter().enumerate() {
        let mut text = scene.id.clone();
        if let Some(title) = label::title(scene) {
            text.push('\n');
            text.push_str(&title);
        }
        let mut attributes = vec![format!("label={}", quote(&text))];
        if index == scenario.start {
            attributes.push("penwidth=2".into());
        }
        if scene.ending {
            attributes.push("peripheries=2".into());
        }
        if !analysis.reachable(index) {
            attributes.push("style=\"rounded,dashed\"".into());
            attributes.push("color=grey".into());
            attributes.push("fontcolor=grey".into());
        }
        let _ = writeln!(out, "  {} [{}];", quote(&scene.id), attributes.join(", "));
    }
    for edge in analysis.graph.edges() {
        let (from, to) = (&scenario.scenes[edge.from].id, &scenario.scenes[edge.to].id);
        let mut attributes = Vec::new();
        if let Some(text) = label::edge(scenario, edge) {
            attributes.push(format!("label={}", quote(&text)));
        }
        if matches!(edge.kind, super::EdgeKind::Route(_)) {
            attributes.push("style=dashed".into());
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
