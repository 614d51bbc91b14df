//! `dojo vsm` as a user runs it: fixture maps in `tests/fixtures/vsm/`, JSON figures, SVG.
//!
//! Each fixture folder is one case, run from the repository root with `NO_COLOR=1`:
//!
//! - `map.vsm.toml`: the map, run as `dojo vsm tests/fixtures/vsm/<case>/map.vsm.toml`;
//! - `args` (optional): the arguments after `vsm`, one per line, instead;
//! - `expected.txt`: the exact stdout; `expected-code`: the exit code;
//! - `expected-stderr` (optional): the exact stderr; without it stderr must be empty.
//!
//! `DOJO_BLESS=1 cargo test --test it vsm` rewrites the expected files from the current output;
//! read every rewritten file before trusting it.

use std::fs;

use crate::common::{FixtureCases, Run, Stderr, dojo_in_repo};

const FIXTURES: &str = "tests/fixtures/vsm";
const PET_CLINIC: &str = "scenarios/pet-clinic-vsm/current-state.vsm.toml";

fn run(args: &[String]) -> Run {
    Run::of(dojo_in_repo().arg("vsm").args(args))
}

#[test]
fn every_fixture_case_prints_exactly_what_is_expected() {
    FixtureCases {
        folder: FIXTURES,
        subcommand: "vsm",
        target: "map.vsm.toml",
        stderr: Stderr::AsExpected,
        at_least: 10,
    }
    .assert_all_as_expected();
}

#[test]
fn json_gives_every_figure_with_its_unit() {
    let run = run(&[PET_CLINIC.into(), "--json".into()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(json["lead_time"]["days"], 48.0);
    assert_eq!(json["lead_time"]["hours"], 384.0);
    assert_eq!(json["lead_time"]["weeks"], 9.6);
    assert_eq!(json["process_time"]["hours"], 56.0);
    assert_eq!(json["process_time"]["days"], 7.0);
    assert_eq!(json["activity_ratio"]["text"], "14.58%");
    assert_eq!(json["rolled_ca"]["text"], "5.44%");
    assert_eq!(
        json["worst_activity_ratio"]["name"],
        "Release planning & estimation"
    );
    assert_eq!(json["worst_activity_ratio"]["value"]["text"], "0.83%");
    assert_eq!(json["longest_lead_time"]["value"]["weeks"], 3.0);
    assert_eq!(json["worst_ca"]["name"], "Showcase & UAT");
    assert_eq!(json["biggest_queue"]["name"], "Backlog");
    assert_eq!(json["biggest_queue"]["items"], 120);
    assert_eq!(json["steps"].as_array().map(Vec::len), Some(8));
}

#[test]
fn a_missing_file_is_unusable_input() {
    let run = run(&["tests/fixtures/vsm/nowhere.vsm.toml".into()]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .starts_with("error: cannot read tests/fixtures/vsm/nowhere.vsm.toml:"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_text_map_fits_the_width_it_is_given() {
    for width in [60, 80, 100] {
        let run = run(&[PET_CLINIC.into(), "--width".into(), width.to_string()]);
        assert_eq!(run.code, 0);
        for line in run.stdout.lines() {
            let columns = unicode_width::UnicodeWidthStr::width(line);
            assert!(columns <= width, "{columns} > {width}: {line:?}");
        }
        assert!(!run.stdout.contains('\x1b'), "no colour when piped");
    }
}

#[test]
fn the_pet_clinic_svg_is_well_formed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.svg");
    let run = run(&[PET_CLINIC.into(), "--svg".into(), out.display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, format!("wrote {}\n", out.display()));
    let svg = fs::read_to_string(&out).unwrap();
    check_xml(&svg);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    for text in [
        "Design &amp; Analysis",
        ">120<",
        ">14.58%<",
        ">5.44%<",
        "9.6 weeks = 48 days = 384 hours",
    ] {
        assert!(svg.contains(text), "the SVG shows {text:?}");
    }
}

#[test]
fn the_compare_svg_holds_both_maps_and_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("compare.svg");
    let run = run(&[
        "--compare".into(),
        PET_CLINIC.into(),
        "scenarios/pet-clinic-vsm/future-state.vsm.toml".into(),
        "--svg".into(),
        out.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let svg = fs::read_to_string(&out).unwrap();
    check_xml(&svg);
    for text in [
        "Pet Clinic: current state of a major upgrade",
        "Pet Clinic: future state of a major upgrade",
        ">Before and after<",
        ">−2 weeks (−20.83%)<",
        ">+40 points<",
        "url(#hand-before)",
        "url(#hand-after)",
        ">K1<",
    ] {
        assert!(svg.contains(text), "the SVG shows {text:?}");
    }
}

#[test]
fn the_factory_example_svg_shows_takt_and_cycle_times() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("garden.svg");
    let run = run(&[
        "docs/examples/garden-benches.vsm.toml".into(),
        "--svg".into(),
        out.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let svg = fs::read_to_string(&out).unwrap();
    check_xml(&svg);
    for text in ["takt time 270 seconds", ">C/T<", ">290 s<", ">Over takt<"] {
        assert!(svg.contains(text), "the SVG shows {text:?}");
    }
}

#[test]
fn map_text_is_escaped_in_the_svg() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("evil.vsm.toml");
    fs::write(
        &map,
        r#"
id = "evil"
title = "<script>alert('x')</script> & \"friends\""
customer = "</text><g onload=\"x\">"

[[step]]
id = "a"
name = "R&D <b>bold</b>"
owner = "Q&A ]]> <!-- -->"
lt = "1d"
pt = "1h"
ca = 90
[step.queue]
name = "<queue>"
items = 3
"#,
    )
    .unwrap();
    let out = dir.path().join("evil.svg");
    let run = run(&[
        map.display().to_string(),
        "--svg".into(),
        out.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let svg = fs::read_to_string(&out).unwrap();
    check_xml(&svg);
    assert!(!svg.contains("<script"));
    assert!(!svg.contains("<b>"));
    assert!(!svg.contains("onload=\""));
    assert!(
        svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;")
    );
    assert!(svg.contains("R&amp;D &lt;b&gt;bold&lt;/b&gt;"));
    assert!(svg.contains("&lt;queue&gt;"));
}

/// A minimal XML well-formedness check: tags balance, attributes are quoted, `&` starts an
/// entity, and no `<` appears in text or attribute values.
fn check_xml(xml: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml;
    let mut roots = 0;
    while let Some(start) = rest.find('<') {
        check_text(&rest[..start]);
        rest = &rest[start..];
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").expect("a closed comment");
            rest = &after[end + 3..];
            continue;
        }
        let end = tag_end(rest);
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack
                .pop()
                .unwrap_or_else(|| panic!("</{name}> closes nothing"));
            assert_eq!(open, name.trim(), "</{name}> closes <{open}>");
            continue;
        }
        let self_closing = tag.ends_with('/');
        let body = tag.trim_end_matches('/');
        let name: String = body.chars().take_while(|c| !c.is_whitespace()).collect();
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == ':'),
            "bad tag name in <{tag}>"
        );
        check_attributes(&body[name.len()..]);
        if stack.is_empty() {
            roots += 1;
        }
        if !self_closing {
            stack.push(name);
        }
    }
    check_text(rest);
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    assert_eq!(roots, 1, "one root element");
}

/// Where the tag starting at `text[0]` ends, skipping `>` inside quoted attribute values.
fn tag_end(text: &str) -> usize {
    let mut quote = None;
    for (i, c) in text.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i,
            (None, '<') => panic!("`<` inside a tag: {}", &text[..i]),
            _ => {}
        }
    }
    panic!("unclosed tag: {}", &text[..text.len().min(80)]);
}

fn check_attributes(mut attributes: &str) {
    loop {
        attributes = attributes.trim_start();
        if attributes.is_empty() {
            return;
        }
        let (name, rest) = attributes
            .split_once('=')
            .unwrap_or_else(|| panic!("attribute without a value: {attributes}"));
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':'),
            "bad attribute name {name:?}"
        );
        let quote = rest.chars().next().expect("a quoted value");
        assert!(quote == '"' || quote == '\'', "unquoted value for {name}");
        let end = rest[1..].find(quote).expect("a closed quote") + 1;
        check_text(&rest[1..end]);
        attributes = &rest[end + 1..];
    }
}

fn check_text(text: &str) {
    assert!(!text.contains('<'), "raw `<` in {text:?}");
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        let after = &rest[at + 1..];
        let end = after
            .find(';')
            .unwrap_or_else(|| panic!("bare `&` in {text:?}"));
        let entity = &after[..end];
        let known = matches!(entity, "amp" | "lt" | "gt" | "quot" | "apos")
            || entity
                .strip_prefix('#')
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        assert!(known, "unknown entity &{entity}; in {text:?}");
        rest = &after[end + 1..];
    }
}

/// What an author reads about a mistake: each diagnostic's headline and hint, with the table
/// the mistake is in named the same way.
fn wording(expected: &str, table: &str) -> Vec<String> {
    fs::read_to_string(expected)
        .expect("the blessed output")
        .lines()
        .filter(|line| line.starts_with("error[") || line.trim_start().starts_with("= hint:"))
        .map(|line| line.trim().replace(table, "[[table]]"))
        .collect()
}

#[test]
fn a_mistake_reads_the_same_in_a_scenario_and_in_a_map() {
    let scenario = wording(
        "tests/fixtures/check/same-words-as-maps/expected.txt",
        "[[character]]",
    );
    let map = wording(
        "tests/fixtures/vsm/same-words-as-scenarios/expected.txt",
        "[[step]]",
    );
    assert_eq!(
        scenario.len(),
        4,
        "two mistakes, each with a hint: {scenario:#?}"
    );
    assert_eq!(scenario, map);
}
