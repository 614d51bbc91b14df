//! Factory figures, future-state maps and comparisons, computed from whole maps: takt time
//! from a daily or monthly demand, steps over takt, per-step shifts, kaizen bursts, and every
//! figure before and after on the Pet Clinic maps.

use super::lookup::Value;
use super::*;

const GARDEN: &str = include_str!("../../docs/examples/garden-benches.vsm.toml");
const CURRENT: &str = include_str!("../../scenarios/pet-clinic-vsm/current-state.vsm.toml");
const FUTURE: &str = include_str!("../../scenarios/pet-clinic-vsm/future-state.vsm.toml");

fn map(text: &str) -> Map {
    let loaded = load("test.vsm.toml", text);
    assert!(
        loaded.diagnostics.is_empty(),
        "{}",
        crate::diagnostic::render(
            &loaded.diagnostics,
            &loaded.sources,
            crate::diagnostic::Style::Plain
        )
    );
    loaded.map.expect("a map")
}

fn number(metrics: &Metrics, name: &str) -> Ratio {
    match metrics.get(name) {
        Some(Value::Number { value, .. }) => value,
        other => panic!("{name}: {other:?}"),
    }
}

fn r(n: u128, d: u128) -> Ratio {
    Ratio::new(n, d).unwrap()
}

/// The codes of the diagnostics `text` gets.
fn codes(text: &str) -> Vec<String> {
    load("test.vsm.toml", text)
        .diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .collect()
}

#[test]
fn takt_is_available_time_over_daily_demand_exactly() {
    let m = Metrics::compute(&map(GARDEN));
    // 4400 a month over 22 days = 200 a day; 2 shifts x 27000 s = 54000 s; 54000 / 200 = 270 s.
    assert_eq!(number(&m, "daily_demand"), Ratio::whole(200));
    assert_eq!(number(&m, "takt_seconds"), Ratio::whole(270));
    assert_eq!(number(&m, "takt_minutes"), r(9, 2));
    let demand = m.demand.as_ref().unwrap();
    assert_eq!(demand.takt.text, "270 seconds");
    assert_eq!(demand.available_per_day.text, "54000 seconds");
    assert_eq!(
        demand.text,
        "4400 items a month over 22 working days = 200 a day"
    );
}

#[test]
fn a_factory_map_reads_lead_time_in_days_and_work_in_seconds() {
    let m = Metrics::compute(&map(GARDEN));
    // 7500 items / 200 a day = 15.5 days of demand (wait: 3100 / 200), plus 880 s of work on
    // 15-hour days: 15.5 + 880 / 54000 days, exactly.
    assert_eq!(number(&m, "queue_time_days"), r(31, 2));
    assert_eq!(number(&m, "process_time_seconds"), Ratio::whole(880));
    assert_eq!(number(&m, "lead_time_days"), r(31, 2).add(r(880, 54000)));
    assert_eq!(m.lead_time.text, "15.52 days");
    assert_eq!(m.process_time.text, "880 seconds");
    assert_eq!(m.step("assemble").unwrap().lead_time.text, "240 seconds");
}

#[test]
fn cycle_times_over_takt_are_bottlenecks_and_a_step_with_its_own_shifts_has_its_own_takt() {
    let m = Metrics::compute(&map(GARDEN));
    let over: Vec<&str> = m.bottlenecks.iter().map(|b| b.step.as_str()).collect();
    assert_eq!(over, ["route", "finish"]);
    assert_eq!(number(&m, "bottlenecks"), Ratio::whole(2));
    assert_eq!(m.text("bottleneck_step").as_deref(), Some("Routing"));
    // Oiling works one shift: 27000 s / 200 = 135 s.
    assert_eq!(number(&m, "step.finish.takt_seconds"), Ratio::whole(135));
    assert_eq!(number(&m, "step.route.takt_seconds"), Ratio::whole(270));
    assert_eq!(
        number(&m, "step.route.cycle_time_seconds"),
        Ratio::whole(290)
    );
    assert_eq!(
        number(&m, "step.route.changeover_minutes"),
        Ratio::whole(45)
    );
    assert_eq!(number(&m, "step.route.uptime"), Ratio::whole(80));
    assert!(!m.step("assemble").unwrap().factory.over_takt);
}

#[test]
fn a_daily_demand_with_no_shifts_shares_a_calendar_day() {
    let text = r#"
id = "line"
title = "Line"
[calendar]
hours_per_day = 7.5
[demand]
per_day = 450
[[step]]
id = "press"
name = "Press"
lt = "1 min"
pt = "1 min"
ct = "1 min"
"#;
    let m = Metrics::compute(&map(text));
    // 7.5 h = 27000 s over 450 items: 60 s, exactly the cycle time, which is not over it.
    assert_eq!(number(&m, "takt_seconds"), Ratio::whole(60));
    assert!(m.bottlenecks.is_empty());
    assert_eq!(
        super::render_text::over_takt(&m),
        "none: every cycle time is within takt"
    );
}

#[test]
fn takt_and_cycle_times_show_in_text_json_and_svg() {
    let map = map(GARDEN);
    let m = Metrics::compute(&map);
    let text = render_text(&map, &m, &TextOptions::default());
    for expected in [
        "takt 270 s",
        "C/T 290 s  C/O 45 m  Up 80%",
        "│ Takt time         270 seconds",
        "Over takt         2 Routing, C/T 290 s > takt 270 s",
        "✸ 2 Routing: second router for the seat slats",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    let json = serde_json::to_value(&m).unwrap();
    assert_eq!(json["demand"]["takt"]["seconds"], 270.0);
    assert_eq!(json["bottlenecks"][0]["cycle_time"]["seconds"], 290.0);
    assert_eq!(json["steps"][1]["cycle_time"]["text"], "290 seconds");
    assert_eq!(json["steps"][1]["over_takt"], true);
    let svg = render_svg(&map, &m);
    for expected in [
        "takt time 270 seconds",
        ">C/T<",
        ">290 s<",
        ">Over takt<",
        ">K1<",
    ] {
        assert!(svg.contains(expected), "{expected:?} in the SVG");
    }
}

#[test]
fn mistakes_in_factory_keys_are_reported() {
    let base = "id = \"x\"\ntitle = \"X\"\n";
    let step = "[[step]]\nid = \"a\"\nname = \"A\"\nlt = \"1 min\"\npt = \"1 min\"\n";
    assert_eq!(
        codes(&format!(
            "{base}[demand]\nper_day = 5\nper_month = 100\n{step}"
        )),
        ["invalid-value"]
    );
    assert_eq!(
        codes(&format!("{base}[demand]\nper_month = 100\n{step}")),
        ["missing-key"]
    );
    assert_eq!(
        codes(&format!("{base}[demand]\nshifts = 2\n{step}")),
        ["missing-key"]
    );
    assert_eq!(
        codes(&format!("{base}[demand]\nper_day = 0\n{step}")),
        ["invalid-value"]
    );
    assert_eq!(
        codes(&format!(
            "{base}[demand]\nper_day = 5\nshifts = 3\navailable = \"9h\"\n{step}"
        )),
        ["invalid-value"]
    );
    assert_eq!(
        codes(&format!("{base}{step}uptime = 120\n")),
        ["invalid-value"]
    );
    assert_eq!(
        codes(&format!("{base}{step}shifts = 0\n")),
        ["invalid-value"]
    );
    assert_eq!(
        codes(&format!("{base}{step}ct = \"62 parsecs\"\n")),
        ["bad-duration"]
    );
}

#[test]
fn a_future_state_map_names_what_it_improves_on_and_carries_kaizen_bursts() {
    let future = map(FUTURE);
    let m = Metrics::compute(&future);
    assert_eq!(m.improves.as_deref(), Some("pet-clinic-current"));
    let targets: Vec<&str> = m.kaizen.iter().map(|k| k.step.as_str()).collect();
    assert_eq!(
        targets,
        [
            "release-planning",
            "design",
            "showcase",
            "change-approval",
            "deployment"
        ]
    );
    let base = "id = \"x\"\ntitle = \"X\"\n[[step]]\nid = \"plan\"\nname = \"Plan\"\nlt = \"1d\"\npt = \"1h\"\n";
    assert_eq!(
        codes(&format!(
            "{base}[[kaizen]]\nstep = \"plna\"\nnote = \"n\"\n"
        )),
        ["unknown-step"]
    );
    assert_eq!(
        codes(&format!("{base}[[kaizen]]\nstep = \"plan\"\n")),
        ["missing-key"]
    );
    assert_eq!(
        codes(&format!(
            "{base}[[kaizen]]\nstep = \"plan\"\nnote = \" \"\n"
        )),
        ["invalid-value"]
    );
    assert_eq!(
        codes(&format!("improves = \"x\"\n{base}")),
        ["improves-itself"]
    );
}

#[test]
fn the_pet_clinic_future_state_is_the_seven_point_six_weeks_of_act_seven() {
    let current = Metrics::compute(&map(CURRENT));
    let future = Metrics::compute(&map(FUTURE));
    // Act 7 asks for the lead time with planning at one week instead of three.
    let asked = number(&current, "lead_time_weeks")
        .checked_sub(number(&current, "step.release-planning.lead_time_weeks"))
        .unwrap()
        .add(Ratio::ONE);
    assert_eq!(number(&future, "lead_time_weeks"), asked);
    assert_eq!(future.lead_time.text, "7.6 weeks");
    assert_eq!(
        future.text("longest_lead_time_step").as_deref(),
        Some("Design & Analysis")
    );
    assert_eq!(
        future.text("longest_wait_step").as_deref(),
        Some("Design & Analysis")
    );
}

#[test]
fn a_comparison_gives_every_figure_before_and_after_with_the_change() {
    let comparison = Comparison::new(
        Metrics::compute(&map(CURRENT)),
        Metrics::compute(&map(FUTURE)),
    );
    let row = |name: &str| {
        comparison
            .changes
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let lead = row("lead_time");
    assert_eq!(lead.before.as_deref(), Some("9.6 weeks"));
    assert_eq!(lead.after.as_deref(), Some("7.6 weeks"));
    assert_eq!(lead.change, "−2 weeks (−20.83%)");
    assert_eq!(lead.better, Some(true));
    // 56 h / 384 h = 14.58%, 54.5 h / 304 h = 17.93%
    assert_eq!(row("activity_ratio").change, "+3.34 points");
    assert_eq!(row("step.showcase.ca").change, "+40 points");
    assert_eq!(
        row("step.deployment.process_time").change,
        "−1.5 hours (−75%)"
    );
    assert_eq!(row("step.design.lead_time").change, "same");
    assert_eq!(row("step.release-planning.queue_items").change, "−80");
    // Every step of both maps has its LT, PT and %C/A.
    assert_eq!(
        comparison
            .changes
            .iter()
            .filter(|c| c.step.is_some())
            .count(),
        8 * 3 + 4
    );
    let text = render_compare_text(
        &map(CURRENT),
        &map(FUTURE),
        &comparison,
        &TextOptions::default(),
    );
    for line in text.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
}

#[test]
fn a_comparison_warns_when_the_later_map_improves_on_another() {
    let pair = load_pair(("future", FUTURE), ("current", CURRENT));
    let codes: Vec<&str> = pair.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["improves-other-map"]);
    let other = FUTURE.replace(
        "improves = \"pet-clinic-current\"",
        "improves = \"elsewhere\"",
    );
    let pair = load_pair(("current", CURRENT), ("future", &other));
    assert_eq!(pair.diagnostics.len(), 1);
    let pair = load_pair(("current", CURRENT), ("future", FUTURE));
    assert!(pair.diagnostics.is_empty());
}
