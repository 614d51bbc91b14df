//! Figures computed from whole maps: the Pet Clinic map exactly, both queue conventions,
//! calendars, parallel branches, and the wrong answers a calculator must not give.

use super::lookup::Value;
use super::*;

const PET_CLINIC: &str = include_str!("../../scenarios/pet-clinic-vsm/current-state.vsm.toml");

fn map(text: &str) -> Map {
    let loaded = load("test.vsm.toml", text);
    let rendered = crate::diagnostic::render(
        &loaded.diagnostics,
        &loaded.sources,
        crate::diagnostic::Style::Plain,
    );
    assert!(
        loaded.diagnostics.is_empty(),
        "unexpected diagnostics:\n{rendered}"
    );
    loaded.map.expect("a map")
}

fn metrics(text: &str) -> Metrics {
    Metrics::compute(&map(text))
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

#[test]
fn pet_clinic_figures_are_exact() {
    let m = metrics(PET_CLINIC);
    assert_eq!(number(&m, "lead_time_days"), Ratio::whole(48));
    assert_eq!(number(&m, "lead_time_hours"), Ratio::whole(384));
    assert_eq!(number(&m, "lead_time_weeks"), r(48, 5));
    assert_eq!(m.metric("lead_time_weeks"), Some(9.6));
    assert_eq!(m.lead_time.text, "9.6 weeks");
    assert_eq!(number(&m, "process_time_hours"), Ratio::whole(56));
    assert_eq!(number(&m, "process_time_days"), Ratio::whole(7));
    assert_eq!(m.process_time.text, "7 days");
    assert_eq!(number(&m, "wait_time_hours"), Ratio::whole(328));
    assert_eq!(number(&m, "queue_time_hours"), Ratio::ZERO);
    // 56 / 384 = 7 / 48
    assert_eq!(number(&m, "activity_ratio"), r(700, 48));
    assert_eq!(m.activity_ratio.text, "14.58%");
    // 0.70 x 0.60 x 0.60 x 0.80 x 0.50 x 0.75 x 0.90 x 0.80
    assert_eq!(number(&m, "rolled_ca"), r(54432, 10000));
    assert_eq!(m.rolled_ca.as_ref().unwrap().text, "5.44%");
    assert_eq!(
        m.critical_path,
        [
            "design",
            "design-approval",
            "release-planning",
            "development",
            "showcase",
            "change-approval",
            "deployment"
        ]
    );
    assert_eq!(m.longest_lead_time.name, "Release planning & estimation");
    assert_eq!(m.longest_lead_time.value.text, "3 weeks");
    assert_eq!(
        m.text("longest_lead_time_step").unwrap(),
        "Release planning & estimation"
    );
    assert_eq!(m.worst_ca.as_ref().unwrap().name, "Showcase & UAT");
    assert_eq!(m.worst_ca.as_ref().unwrap().value.short(), "50%");
    assert_eq!(m.metric("worst_ca"), Some(50.0));
    assert_eq!(m.worst_activity_ratio.name, "Release planning & estimation");
    assert_eq!(m.worst_activity_ratio.value.text, "0.83%");
    assert_eq!(number(&m, "worst_activity_ratio"), r(100, 120));
    assert_eq!(
        number(&m, "worst_activity_ratio_wait_hours"),
        Ratio::whole(119)
    );
    assert_eq!(m.longest_wait.name, "Release planning & estimation");
    assert_eq!(m.longest_wait.value.text, "119 hours");
    let queue = m.biggest_queue.as_ref().unwrap();
    assert_eq!((queue.name.as_str(), queue.items), ("Backlog", 120));
    assert_eq!(m.text("biggest_queue").unwrap(), "120 items");
    assert_eq!(m.metric("steps"), Some(8.0));
    assert_eq!(m.metric("people"), Some(38.0));
    assert_eq!(m.metric("queue_items"), Some(155.0));
    assert_eq!(
        number(&m, "step.release-planning.wait_hours"),
        Ratio::whole(119)
    );
    assert_eq!(m.metric("step.showcase.ca"), Some(50.0));
    assert_eq!(m.text("step.change-approval.label").unwrap(), "6b");
    assert_eq!(m.text("lead_time_days").unwrap(), "48 days");
    assert_eq!(m.text("activity_ratio").unwrap(), "14.58%");
    assert!(
        m.names()
            .contains(&"step.deployment.process_time_hours".to_string())
    );
    assert_eq!(m.get("no_such_metric"), None);
}

#[test]
fn pet_clinic_is_not_any_of_the_known_wrong_answers() {
    let m = metrics(PET_CLINIC);
    // Picking the parallel branch by longest PT (exploratory testing) gives 9.0 weeks, 17.5%.
    assert_ne!(number(&m, "lead_time_weeks"), Ratio::whole(9));
    assert_ne!(m.activity_ratio.text, "17.50%");
    // Adding both branches' PT over the critical-path LT gives 16.4%.
    assert_ne!(m.activity_ratio.text, "16.41%");
    assert!(m.activity_ratio.percent < 16.0);
    // Rolled %C/A over the critical path only (without exploratory testing) gives 7.26%.
    assert_ne!(m.rolled_ca.as_ref().unwrap().text, "7.26%");
    // The drawing's rounded figures are not ours either.
    assert_ne!(m.lead_time.text, "9.5 weeks");
    assert_ne!(m.activity_ratio.text, "14.50%");
    // A round-the-clock calendar gives other totals for the same words.
    let always_on = PET_CLINIC
        .replace("hours_per_day = 8", "hours_per_day = 24")
        .replace("days_per_week = 5", "days_per_week = 7");
    let wrong = metrics(&always_on);
    assert_ne!(wrong.lead_time.hours, m.lead_time.hours);
    assert_ne!(wrong.activity_ratio.text, m.activity_ratio.text);
    // 9 weeks 3 days = 66 days of 24 h; PT 6 days of 24 h + 8 h = 152 h.
    assert_eq!(number(&wrong, "lead_time_hours"), Ratio::whole(1584));
    assert_eq!(number(&wrong, "process_time_hours"), Ratio::whole(152));
    assert_eq!(wrong.activity_ratio.text, "9.60%");
}

const TWO_BRANCHES: &str = r#"
id = "branches"
title = "Branches"

[[step]]
id = "start"
name = "Start"
lt = "1d"
pt = "1h"
ca = 100

[[step]]
id = "slow"
name = "Slow but idle"
lt = "5d"
pt = "1h"
ca = 50
after = ["start"]

[[step]]
id = "busy"
name = "Quick but busy"
lt = "2d"
pt = "2d"
ca = 50
after = ["start"]

[[step]]
id = "end"
name = "End"
lt = "1d"
pt = "1h"
ca = 100
after = ["slow", "busy"]
"#;

#[test]
fn the_critical_path_is_chosen_by_lead_time_not_process_time() {
    let m = metrics(TWO_BRANCHES);
    assert_eq!(m.critical_path, ["start", "slow", "end"]);
    assert_eq!(number(&m, "lead_time_days"), Ratio::whole(7));
    assert_eq!(number(&m, "process_time_hours"), Ratio::whole(3));
    // Both parallel steps count in the rolled %C/A.
    assert_eq!(number(&m, "rolled_ca"), Ratio::whole(25));
}

#[test]
fn equal_branches_take_the_one_with_more_work() {
    let text = TWO_BRANCHES.replace("lt = \"5d\"", "lt = \"2d\"");
    let m = metrics(&text);
    assert_eq!(m.critical_path, ["start", "busy", "end"]);
    assert_eq!(number(&m, "process_time_hours"), Ratio::whole(18));
}

const QUEUED: &str = r#"
id = "queued"
title = "Queued"

[conventions]
queues = "QUEUES"
daily_demand = 4

[[step]]
id = "a"
name = "A"
lt = "1d"
pt = "2h"
ca = 90

[[step]]
id = "b"
name = "B"
lt = "2d"
pt = "4h"
ca = 80
after = ["a"]
[step.queue]
name = "Inbox"
items = 10
"#;

#[test]
fn queues_inside_the_lead_time_add_nothing() {
    let text = QUEUED
        .replace("QUEUES", "in-lead-time")
        .replace("daily_demand = 4\n", "");
    let m = metrics(&text);
    assert_eq!(number(&m, "lead_time_days"), Ratio::whole(3));
    assert_eq!(number(&m, "queue_time_days"), Ratio::ZERO);
    assert_eq!(m.biggest_queue.as_ref().unwrap().items, 10);
}

#[test]
fn queues_in_days_of_demand_add_to_the_lead_time() {
    let m = metrics(&QUEUED.replace("QUEUES", "demand"));
    // 10 items / 4 a day = 2.5 days, added to B's 2 days and A's 1 day.
    assert_eq!(number(&m, "queue_time_days"), r(5, 2));
    assert_eq!(number(&m, "lead_time_days"), r(11, 2));
    assert_eq!(number(&m, "process_time_hours"), Ratio::whole(6));
    // 6 h / 44 h
    assert_eq!(number(&m, "activity_ratio"), r(600, 44));
    // The step's own figures stay its own.
    assert_eq!(number(&m, "step.b.lead_time_days"), Ratio::whole(2));
    assert_eq!(m.steps[1].queue.as_ref().unwrap().time.text, "2.5 days");
}

#[test]
fn demand_that_is_not_a_whole_number_of_minutes_stays_exact() {
    let m = metrics(
        &QUEUED
            .replace("QUEUES", "demand")
            .replace("daily_demand = 4", "daily_demand = 7"),
    );
    // 10 / 7 days of 480 minutes.
    assert_eq!(number(&m, "queue_time_minutes"), r(4800, 7));
    assert_eq!(number(&m, "lead_time_minutes"), r(4800 + 3 * 480 * 7, 7));
}

#[test]
fn a_calendar_changes_what_days_and_weeks_mean() {
    let short_days = QUEUED
        .replace("QUEUES", "in-lead-time")
        .replace("daily_demand = 4\n", "")
        .replace(
            "[conventions]",
            "[calendar]\nhours_per_day = 7.5\ndays_per_week = 4\n\n[conventions]",
        );
    let m = metrics(&short_days);
    assert_eq!(number(&m, "lead_time_hours"), r(45, 2));
    assert_eq!(number(&m, "lead_time_days"), Ratio::whole(3));
    assert_eq!(number(&m, "lead_time_weeks"), r(3, 4));
}

#[test]
fn every_metric_name_resolves() {
    let m = metrics(PET_CLINIC);
    for name in m.names() {
        assert!(m.get(&name).is_some(), "{name}");
        assert!(m.text(&name).is_some(), "{name}");
    }
}

#[test]
fn colour_changes_nothing_but_the_codes() {
    let map = map(PET_CLINIC);
    let m = Metrics::compute(&map);
    let plain = render_text(
        &map,
        &m,
        &TextOptions {
            width: 80,
            colour: false,
            figures: true,
        },
    );
    let colour = render_text(
        &map,
        &m,
        &TextOptions {
            width: 80,
            colour: true,
            figures: true,
        },
    );
    assert!(colour.contains("\x1b["));
    assert!(!plain.contains('\x1b'));
    let mut stripped = String::new();
    let mut rest = colour.as_str();
    while let Some(at) = rest.find('\x1b') {
        stripped.push_str(&rest[..at]);
        let end = rest[at..].find('m').expect("an SGR code ends in m");
        rest = &rest[at + end + 1..];
    }
    stripped.push_str(rest);
    assert_eq!(stripped, plain);
}

#[test]
fn the_svg_names_every_step_and_queue() {
    let map = map(PET_CLINIC);
    let svg = render_svg(&map, &Metrics::compute(&map));
    for step in &map.steps {
        let first_word = step.name.split(' ').next().unwrap();
        assert!(svg.contains(first_word), "{}", step.name);
    }
    for queue in ["Backlog", "QA passed", ">120<", ">20<", ">5<", ">10<"] {
        assert!(svg.contains(queue), "{queue}");
    }
    assert_eq!(svg.matches("<svg").count(), 1);
    assert!(svg.trim_end().ends_with("</svg>"));
}

#[test]
fn a_factory_map_reads_seconds_zero_time_steps_and_no_ca() {
    let m = metrics(include_str!(
        "../../tests/fixtures/vsm/factory-seconds/map.vsm.toml"
    ));
    // Queues: (3000 + 1500 + 900 + 2100) / 600 = 12.5 days of demand; steps 155 s.
    assert_eq!(number(&m, "queue_time_days"), r(25, 2));
    assert_eq!(m.process_time.text, "155 seconds");
    assert_eq!(number(&m, "process_time_minutes"), r(155, 60));
    // 12.5 days of 15 h plus 155 s, in minutes: 11250 + 155/60.
    assert_eq!(number(&m, "lead_time_minutes"), r(11250 * 60 + 155, 60));
    // A demand map reads in days, not "2.5 weeks".
    assert_eq!(m.lead_time.text, "12.5 days");
    assert_eq!(m.queue_time.text, "12.5 days");
    assert!(m.rolled_ca.is_none());
    assert!(m.worst_ca.is_none());
    assert_eq!(m.get("rolled_ca"), None);
    assert_eq!(
        crate::vsm::figure::rolled_ca_text(&m, true),
        "not recorded: no step has a %C/A"
    );
    // Shipping holds no time of its own, so it is not the worst step ratio.
    assert_eq!(m.worst_activity_ratio.step, "saw");
    assert_eq!(
        m.step("ship").map(|s| s.lead_time.text.as_str()),
        Some("0 seconds")
    );
}

#[test]
fn rolled_ca_covers_only_the_steps_that_record_it() {
    let text = include_str!("../../tests/fixtures/vsm/factory-seconds/map.vsm.toml")
        .replace("lt = \"72 s\"", "ca = 90\nlt = \"72 s\"")
        .replace("lt = \"38 s\"", "ca = 50\nlt = \"38 s\"");
    let m = metrics(&text);
    assert_eq!(number(&m, "rolled_ca"), Ratio::whole(45));
    assert_eq!(
        crate::vsm::figure::rolled_ca_text(&m, true),
        "45.00% (2 of 4 steps)"
    );
    assert_eq!(m.worst_ca.as_ref().map(|w| w.step.as_str()), Some("drill"));
}
