//! Figures as they leave the engine: a time in every unit at once, a percentage with its
//! display text. Plain serde data, so `--json` and graders read the same numbers.

use serde::Serialize;

use super::calendar::{Calendar, Unit};
use super::duration::Duration;
use super::ratio::Ratio;

/// A span of time in seconds, minutes, hours, working days and working weeks of the map's calendar.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct Time {
    pub seconds: f64,
    pub minutes: f64,
    pub hours: f64,
    pub days: f64,
    pub weeks: f64,
    /// In the unit a person would say it: "9.6 weeks", "7 days", "119 hours".
    pub text: String,
    #[serde(skip)]
    pub exact: Duration,
    /// The calendar the days and weeks are counted in.
    #[serde(skip)]
    pub calendar: Calendar,
    /// The unit `text` is in.
    #[serde(skip)]
    pub unit: Unit,
}

impl Time {
    pub(crate) fn new(duration: Duration, calendar: &Calendar) -> Time {
        Time::in_unit(duration, calendar, duration.natural_unit(calendar))
    }

    /// Shown in `unit` where the map implies one: a demand map reads its lead time in days.
    pub(crate) fn in_unit(duration: Duration, calendar: &Calendar, unit: Unit) -> Time {
        let shown = unit;
        let f = |unit| duration.in_unit(unit, calendar).to_f64();
        Time {
            seconds: f(Unit::Second),
            minutes: f(Unit::Minute),
            hours: f(Unit::Hour),
            days: f(Unit::Day),
            weeks: f(Unit::Week),
            text: duration.text_in(shown, calendar),
            exact: duration,
            calendar: *calendar,
            unit: shown,
        }
    }

    /// "9.6 weeks = 48 days = 384 hours": the natural unit, then each smaller one (days,
    /// hours) in which the time reads exactly with at most two decimals.
    pub(crate) fn all_units(&self) -> String {
        let natural = self.unit;
        let mut parts = vec![self.text.clone()];
        for unit in [Unit::Day, Unit::Hour] {
            let exact = self.exact_in(unit).mul(Ratio::whole(100)).is_whole();
            if unit < natural && exact {
                parts.push(self.exact.text_in(unit, &self.calendar));
            }
        }
        parts.join(" = ")
    }

    /// "72 s", "10 m", "1.5 h": the short form in its own unit, for tight boxes.
    pub(crate) fn short(&self) -> String {
        format!(
            "{} {}",
            self.exact_in(self.unit).decimal(2),
            self.unit.short()
        )
    }

    /// How many `unit`s this is, exactly.
    pub(crate) fn exact_in(&self, unit: Unit) -> Ratio {
        self.exact.in_unit(unit, &self.calendar)
    }
}

/// A share, as a percentage.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct Percent {
    /// 0 to 100: 14.583333... for an activity ratio of 56 h over 384 h.
    pub percent: f64,
    /// Rounded to two decimals: "14.58%".
    pub text: String,
    /// The exact share as a fraction of one.
    #[serde(skip)]
    pub fraction: Ratio,
}

impl Percent {
    pub(crate) fn new(fraction: Ratio) -> Percent {
        let percent = fraction.mul(Ratio::whole(100));
        Percent {
            percent: percent.to_f64(),
            text: format!("{}%", percent.fixed(2)),
            fraction,
        }
    }

    /// The exact percentage (0 to 100).
    pub(crate) fn exact_percent(&self) -> Ratio {
        self.fraction.mul(Ratio::whole(100))
    }

    /// Without trailing zeros, for figures an author typed: "70%", "72.5%".
    pub(crate) fn short(&self) -> String {
        format!("{}%", self.exact_percent().decimal(2))
    }
}

/// A step's %C/A as its box shows it: "72.5%", or "n/a" where the map does not record it.
pub(crate) fn ca_text(ca: Option<Ratio>) -> String {
    ca.map_or_else(
        || "n/a".to_string(),
        |ca| format!("{}%", ca.mul(Ratio::whole(100)).decimal(2)),
    )
}

/// Whether `step` has the map's worst %C/A.
pub(crate) fn is_worst_ca(metrics: &super::metrics::Metrics, step: &str) -> bool {
    metrics.worst_ca.as_ref().is_some_and(|w| w.step == step)
}

/// The rolled %C/A with what it covers: "5.44% (all 8 steps)" (or "5.44%" without `say_all`),
/// "81% (3 of 5 steps)", or a note that the map records none (a product over no steps would
/// claim a perfect 100%).
pub(crate) fn rolled_ca_text(metrics: &super::metrics::Metrics, say_all: bool) -> String {
    let steps = metrics.steps.len();
    match &metrics.rolled_ca {
        None => "not recorded: no step has a %C/A".to_string(),
        Some(rolled) if metrics.ca_steps == steps && !say_all => rolled.text.clone(),
        Some(rolled) if metrics.ca_steps == steps => format!("{} (all {steps} steps)", rolled.text),
        Some(rolled) => format!("{} ({} of {steps} steps)", rolled.text, metrics.ca_steps),
    }
}
