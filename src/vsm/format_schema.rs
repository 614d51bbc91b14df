//! The map file format (`*.vsm.toml`) as types for its JSON Schema only (`dojo schema map`).
//!
//! [`super::format`] reads map files key by key, not through serde, so these types mirror what
//! it accepts; a test keeps their keys equal to the reader's. Nothing is ever read into them.
#![expect(
    dead_code,
    reason = "the types only describe the file for the schema; no value of them is ever made"
)]

use schemars::JsonSchema;

/// A value-stream map: the steps from request to delivery, with their times and queues.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, title = "dojo value-stream map (*.vsm.toml)")]
pub struct MapSchema {
    /// Unique id of the map, such as "pet-clinic-current".
    id: String,
    /// The map's title, drawn above it.
    title: String,
    /// Who the stream serves, drawn at both ends of the map.
    #[schemars(default, extend("default" = "Customer"))]
    customer: String,
    /// The working calendar durations are counted in: `[calendar]`.
    #[schemars(default)]
    calendar: CalendarSchema,
    /// How queues and %C/A figures were recorded: `[conventions]`.
    #[schemars(default)]
    conventions: ConventionsSchema,
    /// One step of the stream: `[[step]]`, one table per step, in any order.
    #[schemars(length(min = 1))]
    step: Vec<StepSchema>,
}

/// The working calendar: how long a day and a week are when durations are added up.
#[derive(Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct CalendarSchema {
    /// Working hours in a day (more than 0, at most 24).
    #[schemars(default, range(max = 24), extend("default" = 8, "exclusiveMinimum" = 0))]
    hours_per_day: f64,
    /// Working days in a week (more than 0, at most 7).
    #[schemars(default, range(max = 7), extend("default" = 5, "exclusiveMinimum" = 0))]
    days_per_week: f64,
}

/// How the figures of the map were recorded.
#[derive(Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct ConventionsSchema {
    /// What a queue's item count means for the lead time.
    #[schemars(default, extend("default" = "in-lead-time"))]
    queues: QueueRule,
    /// Items the customer takes per working day (more than 0); needed when `queues = "demand"`.
    #[schemars(default, with = "f64", extend("exclusiveMinimum" = 0))]
    daily_demand: Option<f64>,
    /// Which step a %C/A figure is written on.
    #[schemars(default, extend("default" = "receiving"))]
    ca_recorded_on: CaRecordedOn,
}

/// What a queue's item count means for the lead time.
#[derive(Default, JsonSchema)]
#[schemars(rename_all = "kebab-case")]
enum QueueRule {
    /// The count is shown only: the waiting is already inside the next step's LT.
    #[default]
    InLeadTime,
    /// Items are turned into days of demand (items / `daily_demand`) and added to the LT of the step they feed.
    Demand,
}

/// Which step a %C/A figure is written on.
#[derive(Default, JsonSchema)]
#[schemars(rename_all = "lowercase")]
enum CaRecordedOn {
    /// On the step that receives the work and judges it.
    #[default]
    Receiving,
    /// On the step that produced the work.
    Producing,
}

/// One step of the value stream.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct StepSchema {
    /// Unique id of the step, as `after` lists and expressions name it: letters, digits, `-` and `_`.
    id: String,
    /// What the step is called on the map.
    name: String,
    /// Who does the step: a team or a role.
    #[schemars(default, with = "String")]
    owner: Option<String>,
    /// How many people work on the step.
    #[schemars(default, with = "u32")]
    people: Option<u32>,
    /// Lead time, from leaving the previous step until leaving this one: "2 days", "3w", "1.5h" (units m, h, d, w).
    lt: String,
    /// Process time, the part of the lead time someone works on the item: "4h", "30 min" (units m, h, d, w).
    pt: String,
    /// Percent complete and accurate, 0 to 100: the share of work the next step can use as it arrives (`80` or "80%").
    ca: Percent,
    /// Ids of the steps this one follows; none when it follows the customer; several where branches join.
    #[schemars(default)]
    after: Vec<String>,
    /// The queue of work waiting in front of this step: `[step.queue]`, written after the step's other keys.
    #[schemars(default, with = "QueueSchema")]
    queue: Option<QueueSchema>,
}

/// Work waiting in front of a step.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct QueueSchema {
    /// What the queue is called on the map.
    #[schemars(default, extend("default" = "Queue"))]
    name: String,
    /// How many items wait in it.
    items: u64,
}

/// A percentage, 0 to 100: a number (`72.5`) or text with a percent sign ("72.5%").
#[derive(JsonSchema)]
#[schemars(untagged)]
enum Percent {
    /// The percentage as a number.
    Number(#[schemars(range(min = 0, max = 100))] f64),
    /// The percentage as text, such as "70%".
    Text(String),
}

#[cfg(test)]
mod tests {
    use schemars::schema_for;
    use serde_json::Value;

    use super::super::format::{CALENDAR_KEYS, CONVENTION_KEYS, TOP_KEYS};
    use super::super::format_steps::{QUEUE_KEYS, STEP_KEYS};
    use super::MapSchema;

    /// The property names of the table at `path` (keys through properties, arrays and `$ref`s).
    fn keys(schema: &Value, path: &[&str]) -> Vec<String> {
        let mut at = schema;
        for key in path {
            at = resolve(schema, &at["properties"][key]);
            if let Some(items) = at.get("items") {
                at = resolve(schema, items);
            }
        }
        let mut keys: Vec<String> = at["properties"]
            .as_object()
            .expect("a table has properties")
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    }

    fn resolve<'v>(root: &'v Value, value: &'v Value) -> &'v Value {
        match value.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference.trim_start_matches("#/$defs/");
                &root["$defs"][name]
            }
            None => value,
        }
    }

    fn sorted(keys: &[&str]) -> Vec<String> {
        let mut keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
        keys.sort();
        keys
    }

    #[test]
    fn the_schema_has_exactly_the_keys_the_reader_accepts() {
        let schema = serde_json::to_value(schema_for!(MapSchema)).expect("a schema is JSON");
        assert_eq!(keys(&schema, &[]), sorted(TOP_KEYS));
        assert_eq!(keys(&schema, &["calendar"]), sorted(CALENDAR_KEYS));
        assert_eq!(keys(&schema, &["conventions"]), sorted(CONVENTION_KEYS));
        assert_eq!(keys(&schema, &["step"]), sorted(STEP_KEYS));
        assert_eq!(keys(&schema, &["step", "queue"]), sorted(QUEUE_KEYS));
    }
}
