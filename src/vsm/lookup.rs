//! Metrics by name, for expressions, interpolation and grading: `lead_time_weeks`,
//! `activity_ratio`, `step.plan.wait_hours`, `worst_ca_step`.
//!
//! Percentages are given as percent values (14.58..., not 0.1458...). Every name is listed by
//! [`Metrics::names`], so a checker can tell an author which names exist.

use serde::Serialize;

use super::calendar::Unit;
use super::duration::quantity;
use super::figure::{Percent, Time};
use super::metrics::{Metrics, StepFigures};
use super::ratio::Ratio;

/// What a named metric is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum MetricUnit {
    Seconds,
    Minutes,
    Hours,
    Days,
    Weeks,
    Percent,
    Items,
    People,
    Steps,
}

/// A metric's value, exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Number { value: Ratio, unit: MetricUnit },
    Text(String),
}

impl Value {
    pub(crate) fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number { value, .. } => Some(value.to_f64()),
            Value::Text(_) => None,
        }
    }

    /// For reading: "48 days", "14.58%", "120 items", or the text itself.
    pub(crate) fn display(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Number { value, unit } => match unit {
                MetricUnit::Seconds => quantity(*value, Unit::Second),
                MetricUnit::Minutes => quantity(*value, Unit::Minute),
                MetricUnit::Hours => quantity(*value, Unit::Hour),
                MetricUnit::Days => quantity(*value, Unit::Day),
                MetricUnit::Weeks => quantity(*value, Unit::Week),
                MetricUnit::Percent => format!("{}%", value.fixed(2)),
                MetricUnit::Items => count(*value, "item"),
                MetricUnit::People => count(*value, "person").replace("persons", "people"),
                MetricUnit::Steps => count(*value, "step"),
            },
        }
    }
}

fn count(value: Ratio, word: &str) -> String {
    let text = value.decimal(2);
    if text == "1" {
        format!("1 {word}")
    } else {
        format!("{text} {word}s")
    }
}

impl Metrics {
    /// The value of a named metric, if there is one by that name.
    pub(crate) fn get(&self, name: &str) -> Option<Value> {
        self.entries()
            .into_iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }

    /// A numeric metric as a float (percentages as percent values).
    #[cfg(test)]
    pub(crate) fn metric(&self, name: &str) -> Option<f64> {
        self.get(name)?.as_f64()
    }

    /// A metric as text for reading: "48 days", "14.58%", "Release planning & estimation".
    pub(crate) fn text(&self, name: &str) -> Option<String> {
        self.get(name).map(|v| v.display())
    }

    /// Every metric name this map answers to.
    pub(crate) fn names(&self) -> Vec<String> {
        self.entries().into_iter().map(|(n, _)| n).collect()
    }

    /// Every metric with its name, in a stable order.
    pub(crate) fn entries(&self) -> Vec<(String, Value)> {
        let mut out = Vec::new();
        times(&mut out, "lead_time", &self.lead_time);
        times(&mut out, "process_time", &self.process_time);
        times(&mut out, "wait_time", &self.wait_time);
        times(&mut out, "queue_time", &self.queue_time);
        percent(&mut out, "activity_ratio", &self.activity_ratio);
        if let Some(rolled) = &self.rolled_ca {
            percent(&mut out, "rolled_ca", rolled);
        }
        let whole = |n: usize| Ratio::whole(n as u128);
        number(
            &mut out,
            "steps",
            whole(self.steps.len()),
            MetricUnit::Steps,
        );
        number(
            &mut out,
            "critical_path_steps",
            whole(self.critical_path.len()),
            MetricUnit::Steps,
        );
        number(
            &mut out,
            "people",
            Ratio::whole(u128::from(self.people)),
            MetricUnit::People,
        );
        number(
            &mut out,
            "queue_items",
            Ratio::whole(u128::from(self.queue_items)),
            MetricUnit::Items,
        );
        times(&mut out, "longest_lead_time", &self.longest_lead_time.value);
        text(
            &mut out,
            "longest_lead_time_step",
            &self.longest_lead_time.name,
        );
        times(&mut out, "longest_wait", &self.longest_wait.value);
        text(&mut out, "longest_wait_step", &self.longest_wait.name);
        if let Some(worst) = &self.worst_ca {
            percent(&mut out, "worst_ca", &worst.value);
            text(&mut out, "worst_ca_step", &worst.name);
        }
        percent(
            &mut out,
            "worst_activity_ratio",
            &self.worst_activity_ratio.value,
        );
        text(
            &mut out,
            "worst_activity_ratio_step",
            &self.worst_activity_ratio.name,
        );
        if let Some(worst) = self.step(&self.worst_activity_ratio.step) {
            times(&mut out, "worst_activity_ratio_wait", &worst.wait);
        }
        if let Some(queue) = &self.biggest_queue {
            number(
                &mut out,
                "biggest_queue",
                Ratio::whole(u128::from(queue.items)),
                MetricUnit::Items,
            );
            text(&mut out, "biggest_queue_name", &queue.name);
            text(&mut out, "biggest_queue_step", &queue.step_name);
        }
        if let Some(demand) = &self.demand {
            times(&mut out, "takt", &demand.takt);
            number(
                &mut out,
                "daily_demand",
                demand.per_day_exact,
                MetricUnit::Items,
            );
            number(
                &mut out,
                "bottlenecks",
                whole(self.bottlenecks.len()),
                MetricUnit::Steps,
            );
        }
        if let Some(first) = self.bottlenecks.first() {
            text(&mut out, "bottleneck_step", &first.name);
        }
        for step in &self.steps {
            step_entries(&mut out, step);
        }
        out
    }
}

fn step_entries(out: &mut Vec<(String, Value)>, step: &StepFigures) {
    let prefix = format!("step.{}", step.id);
    text(out, &format!("{prefix}.name"), &step.name);
    text(out, &format!("{prefix}.label"), &step.label);
    times(out, &format!("{prefix}.lead_time"), &step.lead_time);
    times(out, &format!("{prefix}.process_time"), &step.process_time);
    times(out, &format!("{prefix}.wait"), &step.wait);
    percent(
        out,
        &format!("{prefix}.activity_ratio"),
        &step.activity_ratio,
    );
    if let Some(ca) = &step.ca {
        percent(out, &format!("{prefix}.ca"), ca);
    }
    if let Some(people) = step.people {
        number(
            out,
            &format!("{prefix}.people"),
            Ratio::whole(u128::from(people)),
            MetricUnit::People,
        );
    }
    let factory = &step.factory;
    if let Some(ct) = &factory.cycle_time {
        times(out, &format!("{prefix}.cycle_time"), ct);
    }
    if let Some(co) = &factory.changeover {
        times(out, &format!("{prefix}.changeover"), co);
    }
    if let Some(uptime) = &factory.uptime {
        percent(out, &format!("{prefix}.uptime"), uptime);
    }
    if let Some(takt) = &factory.takt {
        times(out, &format!("{prefix}.takt"), takt);
    }
    let items = step.queue.as_ref().map_or(0, |q| q.items);
    number(
        out,
        &format!("{prefix}.queue_items"),
        Ratio::whole(u128::from(items)),
        MetricUnit::Items,
    );
}

/// `<name>_minutes`, `_hours`, `_days`, `_weeks`, `_seconds`.
fn times(out: &mut Vec<(String, Value)>, name: &str, time: &Time) {
    for (suffix, unit, metric_unit) in [
        ("minutes", Unit::Minute, MetricUnit::Minutes),
        ("hours", Unit::Hour, MetricUnit::Hours),
        ("days", Unit::Day, MetricUnit::Days),
        ("weeks", Unit::Week, MetricUnit::Weeks),
        // Last: cycle times want them, and completion lists the common units first.
        ("seconds", Unit::Second, MetricUnit::Seconds),
    ] {
        number(
            out,
            &format!("{name}_{suffix}"),
            time.exact_in(unit),
            metric_unit,
        );
    }
}

fn percent(out: &mut Vec<(String, Value)>, name: &str, percent: &Percent) {
    number(out, name, percent.exact_percent(), MetricUnit::Percent);
}

fn number(out: &mut Vec<(String, Value)>, name: &str, value: Ratio, unit: MetricUnit) {
    out.push((name.to_string(), Value::Number { value, unit }));
}

fn text(out: &mut Vec<(String, Value)>, name: &str, value: &str) {
    out.push((name.to_string(), Value::Text(value.to_string())));
}
