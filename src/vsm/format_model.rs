//! The map file format (`*.vsm.toml`) as serde types: what an author writes, with byte spans
//! kept for diagnostics. Doc comments are for authors: `dojo schema map` makes them the
//! descriptions editors show on hover.
//!
//! Figures are judged after reading ([`super::format_values`]): a duration needs the map's
//! calendar, and a number is read exactly from its text in the file, never through a float.
//! Schema names are those of the committed `schema/map.schema.json`.

use std::fmt;

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use toml::Spanned;

/// The keys each table accepts, by the path its header names (`""` is the top level).
pub(super) const TABLE_KEYS: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "id",
            "title",
            "customer",
            "improves",
            "calendar",
            "conventions",
            "demand",
            "step",
            "kaizen",
        ],
    ),
    ("calendar", &["hours_per_day", "days_per_week"]),
    (
        "demand",
        &[
            "per_day",
            "per_month",
            "working_days",
            "shifts",
            "available",
        ],
    ),
    ("conventions", &["queues", "daily_demand", "ca_recorded_on"]),
    (
        "step",
        &[
            "id",
            "name",
            "owner",
            "people",
            "lt",
            "pt",
            "ca",
            "ct",
            "co",
            "uptime",
            "shifts",
            "available",
            "after",
            "queue",
        ],
    ),
    ("step.queue", &["name", "items"]),
    ("kaizen", &["step", "note"]),
];

// `id` and `title` are required, yet optional here: a missing one is reported and the rest of
// the map is still checked. The schema says they are required.
/// A value-stream map: the steps from request to delivery, with their times and queues.
#[derive(Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "MapSchema", title = "dojo value-stream map (*.vsm.toml)")]
pub struct MapTable {
    /// Unique id of the map, such as "pet-clinic-current".
    #[serde(default)]
    #[schemars(!default, with = "String", required)]
    pub(super) id: Option<String>,
    /// The map's title, drawn above it.
    #[serde(default)]
    #[schemars(!default, with = "String", required)]
    pub(super) title: Option<String>,
    /// Who the stream serves, drawn at both ends of the map.
    #[serde(default)]
    #[schemars(with = "String", extend("default" = "Customer"))]
    pub(super) customer: Option<String>,
    /// The `id` of the map this one improves on, for a future-state map: "pet-clinic-current".
    #[serde(default)]
    #[schemars(with = "String")]
    pub(super) improves: Option<Spanned<String>>,
    /// The working calendar durations are counted in: `[calendar]`.
    #[serde(default)]
    #[schemars(with = "CalendarTable")]
    pub(super) calendar: Option<Spanned<CalendarTable>>,
    /// How queues and %C/A figures were recorded: `[conventions]`.
    #[serde(default)]
    #[schemars(with = "ConventionsTable")]
    pub(super) conventions: Option<Spanned<ConventionsTable>>,
    /// What the customer takes, for takt time: `[demand]`.
    #[serde(default)]
    #[schemars(with = "DemandTable")]
    pub(super) demand: Option<Spanned<DemandTable>>,
    /// Kaizen bursts: `[[kaizen]]`, a short note on the step an improvement targets.
    #[serde(default)]
    #[schemars(with = "Vec<KaizenTable>")]
    pub(super) kaizen: Option<Vec<Spanned<KaizenTable>>>,
    // Each `[[step]]` is read on its own (see `format`), so a mistake in one step does not
    // hide mistakes in the others; serde skips them, the schema lists them (`!skip`).
    /// One step of the stream: `[[step]]`, one table per step, in any order.
    #[serde(skip)]
    #[schemars(!skip, length(min = 1), required)]
    #[expect(
        dead_code,
        reason = "describes `[[step]]` for the schema; steps are read apart"
    )]
    pub(super) step: Vec<StepTable>,
}

/// The working calendar: how long a day and a week are when durations are added up.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "CalendarSchema")]
pub(super) struct CalendarTable {
    /// Working hours in a day (more than 0, at most 24).
    #[serde(default)]
    #[schemars(with = "f64", range(max = 24), extend("default" = 8, "exclusiveMinimum" = 0))]
    pub(super) hours_per_day: Option<Spanned<Decimal>>,
    /// Working days in a week (more than 0, at most 7).
    #[serde(default)]
    #[schemars(with = "f64", range(max = 7), extend("default" = 5, "exclusiveMinimum" = 0))]
    pub(super) days_per_week: Option<Spanned<Decimal>>,
}

/// The customer's demand, and the working time that meets it: takt time is the available time
/// of a day over the items the customer takes in a day.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "DemandSchema")]
pub(super) struct DemandTable {
    /// Items the customer takes per working day (more than 0); or give `per_month` and `working_days`.
    #[serde(default)]
    #[schemars(with = "f64", extend("exclusiveMinimum" = 0))]
    pub(super) per_day: Option<Spanned<Decimal>>,
    /// Items the customer takes per month (more than 0), with `working_days`.
    #[serde(default)]
    #[schemars(with = "f64", extend("exclusiveMinimum" = 0))]
    pub(super) per_month: Option<Spanned<Decimal>>,
    /// Working days in a month, to turn `per_month` into a daily demand (more than 0).
    #[serde(default)]
    #[schemars(with = "f64", extend("exclusiveMinimum" = 0))]
    pub(super) working_days: Option<Spanned<Decimal>>,
    /// Shifts worked in a day (at least 1).
    #[serde(default)]
    #[schemars(with = "u32", range(min = 1), extend("default" = 1))]
    pub(super) shifts: Option<Spanned<u32>>,
    /// Working time available in one shift, breaks taken out: "27000 s", "7.5h". Without it, a day of the calendar shared by the shifts.
    #[serde(default)]
    #[schemars(with = "String")]
    pub(super) available: Option<Spanned<DurationText>>,
}

/// A kaizen burst: an improvement drawn on the step it targets.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "KaizenSchema")]
pub(super) struct KaizenTable {
    /// The id of the step the improvement targets.
    #[serde(default)]
    #[schemars(!default, with = "String", required)]
    pub(super) step: Option<Spanned<String>>,
    /// The improvement in a few words: "plan every week from a short backlog".
    #[serde(default)]
    #[schemars(!default, with = "String", required)]
    pub(super) note: Option<Spanned<String>>,
}

/// How the figures of the map were recorded.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ConventionsSchema")]
pub(super) struct ConventionsTable {
    /// What a queue's item count means for the lead time.
    #[serde(default)]
    #[schemars(with = "QueueRule", extend("default" = "in-lead-time"))]
    pub(super) queues: Option<Spanned<QueueRule>>,
    /// Items the customer takes per working day (more than 0); needed when `queues = "demand"`.
    #[serde(default)]
    #[schemars(with = "f64", extend("exclusiveMinimum" = 0))]
    pub(super) daily_demand: Option<Spanned<Decimal>>,
    /// Which step a %C/A figure is written on.
    #[serde(default)]
    #[schemars(with = "CaRecordedOn", extend("default" = "receiving"))]
    pub(super) ca_recorded_on: Option<CaRecordedOn>,
}

/// What a queue's item count means for the lead time.
#[derive(Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(super) enum QueueRule {
    /// The count is shown only: the waiting is already inside the next step's LT.
    InLeadTime,
    /// Items are turned into days of demand (items / `daily_demand`) and added to the LT of the step they feed.
    Demand,
}

/// Which step a %C/A figure is written on.
#[derive(Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(super) enum CaRecordedOn {
    /// On the step that receives the work and judges it.
    Receiving,
    /// On the step that produced the work.
    Producing,
}

// Required keys are optional here, as at the top level, so that every missing one is reported.
/// One step of the value stream.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "StepSchema")]
pub(super) struct StepTable {
    /// Unique id of the step, as `after` lists and expressions name it: letters, digits, `-` and `_`.
    #[serde(default)]
    #[schemars(!default, with = "String", required)]
    pub(super) id: Option<Spanned<String>>,
    /// What the step is called on the map.
    #[serde(default)]
    #[schemars(!default, with = "String", required)]
    pub(super) name: Option<String>,
    /// Who does the step: a team or a role.
    #[serde(default)]
    #[schemars(with = "String")]
    pub(super) owner: Option<String>,
    /// How many people work on the step.
    #[serde(default)]
    #[schemars(with = "u32")]
    pub(super) people: Option<u32>,
    /// Lead time, from leaving the previous step until leaving this one: "2 days", "3w", "1.5h" (units s, m, h, d, w).
    #[serde(default)]
    #[schemars(!default, with = "String", required)]
    pub(super) lt: Option<Spanned<DurationText>>,
    /// Process time, the part of the lead time someone works on the item: "4h", "30 min" (units s, m, h, d, w).
    #[serde(default)]
    #[schemars(!default, with = "String", required)]
    pub(super) pt: Option<Spanned<DurationText>>,
    /// Percent complete and accurate, 0 to 100: the share of work the next step can use as it arrives (`80` or "80%"); leave it out where it is not recorded.
    #[serde(default)]
    #[schemars(with = "Percent")]
    pub(super) ca: Option<Spanned<Percentage>>,
    /// Cycle time (C/T): how often the step finishes an item when it runs, "62 s"; set against takt time.
    #[serde(default)]
    #[schemars(with = "String")]
    pub(super) ct: Option<Spanned<DurationText>>,
    /// Changeover time (C/O): switching the step from one kind of item to another, "10 min".
    #[serde(default)]
    #[schemars(with = "String")]
    pub(super) co: Option<Spanned<DurationText>>,
    /// Uptime, 0 to 100: the share of available time the step can run (`85` or "85%").
    #[serde(default)]
    #[schemars(with = "Percent")]
    pub(super) uptime: Option<Spanned<Percentage>>,
    /// Shifts the step works in a day (at least 1), when not those of `[demand]`.
    #[serde(default)]
    #[schemars(with = "u32", range(min = 1))]
    pub(super) shifts: Option<Spanned<u32>>,
    /// Working time available in one of the step's shifts, "27000 s", when not that of `[demand]`.
    #[serde(default)]
    #[schemars(with = "String")]
    pub(super) available: Option<Spanned<DurationText>>,
    /// Ids of the steps this one follows; none when it follows the customer; several where branches join.
    #[serde(default)]
    #[schemars(with = "Vec<String>", extend("default" = []))]
    pub(super) after: Option<Spanned<Vec<Spanned<String>>>>,
    /// The queue of work waiting in front of this step: `[step.queue]`, written after the step's other keys.
    #[serde(default)]
    #[schemars(with = "QueueTable")]
    pub(super) queue: Option<Spanned<QueueTable>>,
}

/// Work waiting in front of a step.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "QueueSchema")]
pub(super) struct QueueTable {
    /// What the queue is called on the map.
    #[serde(default)]
    #[schemars(with = "String", extend("default" = "Queue"))]
    pub(super) name: Option<String>,
    // Optional here so that a queue without it is reported with the step's other problems.
    /// How many items wait in it.
    #[serde(default)]
    #[schemars(!default, with = "u64", required)]
    pub(super) items: Option<u64>,
}

/// A percentage, 0 to 100: a number (`72.5`) or text with a percent sign ("72.5%").
#[derive(JsonSchema)]
#[schemars(untagged)]
#[expect(
    dead_code,
    reason = "describes `ca` for the schema; it is read as written, as a `Percentage`"
)]
enum Percent {
    /// The percentage as a number.
    Number(#[schemars(range(min = 0, max = 100))] f64),
    /// The percentage as text, such as "70%".
    Text(String),
}

/// A number, read exactly from how it is written (see [`super::format_values`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct Decimal;

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Number;
        impl Visitor<'_> for Number {
            type Value = Decimal;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Decimal, E> {
                Ok(Decimal)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Decimal, E> {
                Ok(Decimal)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Decimal, E> {
                Ok(Decimal)
            }
        }
        deserializer.deserialize_any(Number)
    }
}

/// A figure as written: text, or a number (whose exact value is read from the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Written {
    Text(String),
    Number,
}

/// A duration: text to read on the map's calendar, or a number (reported: a duration needs a
/// unit, and the words for that name the number).
#[derive(Debug, Clone)]
pub(super) struct DurationText(pub(super) Written);

/// A percentage: a number, or text with an optional `%`.
#[derive(Debug, Clone)]
pub(super) struct Percentage(pub(super) Written);

impl<'de> Deserialize<'de> for DurationText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(Figure("a duration in quotes"))
            .map(DurationText)
    }
}

impl<'de> Deserialize<'de> for Percentage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(Figure("a number"))
            .map(Percentage)
    }
}

/// Takes text or a number; anything else is a wrong type, named by what was expected.
struct Figure(&'static str);

impl Visitor<'_> for Figure {
    type Value = Written;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Written, E> {
        Ok(Written::Text(text.to_string()))
    }
    fn visit_string<E: de::Error>(self, text: String) -> Result<Written, E> {
        Ok(Written::Text(text))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Written, E> {
        Ok(Written::Number)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Written, E> {
        Ok(Written::Number)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Written, E> {
        Ok(Written::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys serde lists for an unknown key in `T`.
    fn serde_keys<T: for<'de> Deserialize<'de>>() -> Vec<String> {
        let error = match toml::from_str::<T>("zzz = 1") {
            Ok(_) => panic!("zzz is no key"),
            Err(error) => error,
        };
        let message = error.message().to_string();
        let list = message.split_once("expected ").map_or("", |(_, l)| l);
        list.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    fn keys_of(path: &str) -> Vec<String> {
        let keys = TABLE_KEYS
            .iter()
            .find(|(p, _)| *p == path)
            .expect("a table");
        keys.1.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn table_keys_match_the_serde_model() {
        let mut top = keys_of("");
        top.retain(|k| k != "step");
        assert_eq!(serde_keys::<MapTable>(), top);
        assert_eq!(serde_keys::<CalendarTable>(), keys_of("calendar"));
        assert_eq!(serde_keys::<ConventionsTable>(), keys_of("conventions"));
        assert_eq!(serde_keys::<StepTable>(), keys_of("step"));
        assert_eq!(serde_keys::<QueueTable>(), keys_of("step.queue"));
        assert_eq!(serde_keys::<DemandTable>(), keys_of("demand"));
        assert_eq!(serde_keys::<KaizenTable>(), keys_of("kaizen"));
    }
}
