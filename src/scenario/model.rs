//! The scenario format as serde types: what an author writes, with byte spans kept for diagnostics.
//! Doc comments are for authors: `dojo schema` makes them the descriptions editors show on hover.
//! `#[schemars(with = ...)]` describes a field as TOML holds it: no span, and an optional key is
//! absent rather than null.

use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use toml::Spanned;

/// What an id may be, as the compiler's `invalid-id` check has it: lowercase letters, digits,
/// `_` and `-`, starting with a letter.
const ID_PATTERN: &str = "^[a-z][a-z0-9_-]*$";

/// A colour name dojo knows, or `#rrggbb`.
fn colour_schema(_: &mut SchemaGenerator) -> Schema {
    let names: Vec<&str> = super::colour::NAMES.iter().map(|(name, _)| *name).collect();
    json_schema!({
        "anyOf": [
            { "type": "string", "enum": names },
            { "type": "string", "pattern": "^#[0-9a-fA-F]{6}$" }
        ]
    })
}

/// The keys each kind of question needs and allows, as `if`/`then` rules on `kind`: the
/// compiler's `misplaced-key`, `missing-key`, `too-few-options` and `missing-feedback` checks,
/// so an editor with only a schema catches them too.
fn question_rules(schema: &mut Schema) {
    let rule = |kinds: &[&str], then: serde_json::Value| {
        serde_json::json!({
            "if": { "properties": { "kind": { "enum": kinds } }, "required": ["kind"] },
            "then": then
        })
    };
    let rules = [
        rule(
            &["single", "multiple", "order"],
            serde_json::json!({ "required": ["option"], "properties": { "option": { "minItems": 2 } } }),
        ),
        rule(
            &["single", "multiple", "order", "text"],
            serde_json::json!({ "properties": { "answer": false, "tolerance": false } }),
        ),
        rule(
            &["single", "multiple", "number", "order"],
            serde_json::json!({ "properties": { "expect": false, "reject": false } }),
        ),
        rule(
            &["single", "multiple"],
            serde_json::json!({ "properties": { "right": false, "wrong": false } }),
        ),
        rule(
            &["number", "text"],
            serde_json::json!({ "properties": { "option": false } }),
        ),
        rule(
            &["number"],
            serde_json::json!({ "required": ["answer", "right", "wrong"] }),
        ),
        rule(
            &["order"],
            serde_json::json!({ "required": ["right", "wrong"] }),
        ),
        rule(&["text"], serde_json::json!({ "required": ["right"] })),
    ];
    schema.insert("allOf".into(), rules.to_vec().into());
}

/// The keys each table accepts, by the path its header names (`""` is the top level of
/// `scenario.toml`). Lets a diagnostic say where a key written in the wrong table belongs.
pub const TABLE_KEYS: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "id",
            "title",
            "summary",
            "minutes",
            "pass",
            "level",
            "objectives",
            "start",
            "scenes",
            "character",
            "competency",
            "grade",
            "map",
            "workbench",
        ],
    ),
    ("map", &["id", "file"]),
    ("workbench", &["id", "title", "reference", "fill_from"]),
    ("character", &["id", "name", "role", "colour", "portrait"]),
    ("competency", &["id", "name", "description"]),
    ("grade", &["min", "name", "message"]),
    (
        "scene",
        &[
            "id",
            "title",
            "narration",
            "dialogue",
            "question",
            "route",
            "next",
            "ending",
            "show_map",
            "checkpoint",
            "retry",
            "allow",
        ],
    ),
    ("scene.route", &["when", "goto"]),
    (
        "scene.question",
        &[
            "kind",
            "build",
            "prompt",
            "shuffle",
            "option",
            "answer",
            "tolerance",
            "unit",
            "expect",
            "reject",
            "right",
            "wrong",
        ],
    ),
    ("scene.question.reject", &["words", "feedback"]),
    (
        "scene.question.option",
        &[
            "id", "text", "feedback", "correct", "score", "goto", "set", "when",
        ],
    ),
    ("scene.question.right", OUTCOME_KEYS),
    ("scene.question.wrong", OUTCOME_KEYS),
];

const OUTCOME_KEYS: &[&str] = &["feedback", "score", "goto", "set"];

/// The keys a table at `path` accepts, if it is a table of the format.
pub(crate) fn keys_of(path: &str) -> Option<&'static [&'static str]> {
    TABLE_KEYS
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, keys)| *keys)
}

/// `scenario.toml`: metadata, cast, scoring and the list of scene files.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "dojo scenario manifest (scenario.toml)")]
pub struct Manifest {
    // `id`, `title`, `start` and `scenes` are required, yet optional here: a missing one is
    // reported and the rest of the scenario is still checked. The schema says they are required.
    /// Unique id of the scenario, used to name saves and results: lowercase letters, digits, `-` and `_`.
    #[serde(default)]
    #[schemars(!default, with = "String", required, regex(pattern = ID_PATTERN))]
    pub id: Option<Spanned<String>>,
    /// The title shown in `dojo list` and on the title screen.
    #[serde(default)]
    #[schemars(!default, with = "String", required)]
    pub title: Option<Spanned<String>>,
    /// One paragraph shown in `dojo list` and on the title screen.
    #[serde(default)]
    #[schemars(with = "String")]
    pub summary: Option<Spanned<String>>,
    /// Expected play time of a first run, in minutes; `dojo check` warns when it is far from its estimate.
    #[serde(default)]
    #[schemars(with = "u32", extend("default" = 0))]
    pub minutes: Option<Spanned<u32>>,
    /// The pass mark: the lowest percentage of the attainable score (0 to 100) that passes. With it, results, reports and learning records say passed or failed; without it, neither.
    #[serde(default)]
    #[schemars(with = "Option<u32>", range(max = 100))]
    pub pass: Option<Spanned<u32>>,
    /// Who the scenario is written for.
    #[serde(default)]
    pub level: Level,
    /// What the learner will learn, one short sentence each; listed on the title screen.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub objectives: Vec<Spanned<String>>,
    /// Id of the scene the story starts in.
    #[serde(default)]
    #[schemars(!default, with = "String", required)]
    pub start: Option<Spanned<String>>,
    /// The scene files of this scenario, relative to this folder, in reading order.
    #[serde(default)]
    #[schemars(!default, with = "Vec<String>", required)]
    pub scenes: Option<Vec<Spanned<String>>>,
    // `[[character]]`, `[[competency]]`, `[[grade]]`, `[[map]]` and `[[workbench]]` tables are
    // read one by one (see `load`), so a mistake in one entry does not hide mistakes in the
    // others; serde skips them, the schema lists them (`!skip`).
    /// A person in the story: `[[character]]`, one table per character.
    #[serde(skip)]
    #[schemars(!skip, default, rename = "character")]
    pub(crate) characters: Vec<Character>,
    /// A named scoring dimension that answers move: `[[competency]]`, one table each.
    #[serde(skip)]
    #[schemars(!skip, default, rename = "competency")]
    pub(crate) competencies: Vec<Competency>,
    /// A grade band of the results screen: `[[grade]]`, one table per band; one needs `min = 0`.
    #[serde(skip)]
    #[schemars(!skip, default, rename = "grade")]
    pub(crate) grades: Vec<Grade>,
    /// A value-stream map file the scenario reads figures from: `[[map]]`, one table per map.
    #[serde(skip)]
    #[schemars(!skip, default, rename = "map")]
    pub(crate) maps: Vec<MapFile>,
    /// A map the learner builds through questions: `[[workbench]]`, one table per map.
    #[serde(skip)]
    #[schemars(!skip, default, rename = "workbench")]
    pub(crate) workbenches: Vec<Workbench>,
}

/// A `[[map]]`: a value-stream map file the scenario reads figures from.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct MapFile {
    /// The map's id, as expressions name it: `vsm.<id>.lead_time_hours`.
    #[schemars(with = "String", regex(pattern = ID_PATTERN))]
    pub id: Spanned<String>,
    /// The map file (`*.vsm.toml`), relative to the scenario folder.
    #[schemars(with = "String")]
    pub file: Spanned<String>,
}

/// A `[[workbench]]`: a map the learner builds through questions, against a reference map.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Workbench {
    /// The learner's map's id, as `build` keys and expressions name it: `yours.order`, `vsm.yours.steps`.
    #[schemars(with = "String", regex(pattern = ID_PATTERN))]
    pub id: Spanned<String>,
    /// How the learner's map is titled when shown ("Your map" when empty).
    #[serde(default)]
    #[schemars(with = "String")]
    pub title: Option<Spanned<String>>,
    /// Id of the `[[map]]` whose steps, owners, queues and calendar the learner's map starts from.
    #[schemars(with = "String")]
    pub reference: Spanned<String>,
    /// Id of a `[[map]]` that fills in every LT, PT, %C/A and queue the learner's answers have not set.
    #[serde(default)]
    #[schemars(with = "String")]
    pub fill_from: Option<Spanned<String>>,
}

/// Who a scenario is written for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// No prior knowledge needed.
    #[default]
    Beginner,
    /// For learners who know the basics.
    Intermediate,
    /// For practitioners.
    Advanced,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Beginner => "beginner",
            Level::Intermediate => "intermediate",
            Level::Advanced => "advanced",
        }
    }
}

/// A `[[character]]`: someone who speaks in `dialogue` scripts as `id: line`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Character {
    /// How dialogue scripts name the character: `brenda: Third time this year.`
    #[schemars(with = "String", regex(pattern = ID_PATTERN))]
    pub id: Spanned<String>,
    /// The name shown before the character's lines.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// What the character does, shown the first time they speak.
    #[serde(default)]
    #[schemars(with = "String")]
    pub role: Option<Spanned<String>>,
    /// Colour of the name in a terminal: black red green yellow blue magenta cyan white grey, bright-red ... bright-white, or "#rrggbb".
    #[serde(default)]
    #[schemars(schema_with = "colour_schema")]
    pub colour: Option<Spanned<String>>,
    /// A small ASCII portrait, a text file in the scenario folder, shown in a terminal the first time the character speaks.
    #[serde(default)]
    #[schemars(with = "String")]
    pub portrait: Option<Spanned<String>>,
}

/// A `[[competency]]`: a scoring dimension, such as "seeing flow" or "facilitation".
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Competency {
    /// How `score` tables and expressions name it: `score = { facilitation = 1 }`, `score.facilitation`.
    #[schemars(with = "String", regex(pattern = ID_PATTERN))]
    pub id: Spanned<String>,
    /// The name shown with scores and on the results screen.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// What the competency means, in a sentence.
    #[serde(default)]
    #[expect(
        dead_code,
        reason = "read by people and editors from the file and its schema; nothing is shown from it"
    )]
    pub description: String,
}

/// A grade band: reached when the learner's share of the attainable score is at least `min` percent.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Grade {
    /// The lowest percentage of the attainable score that reaches this band (0 to 100).
    #[schemars(with = "u32", range(max = 100))]
    pub min: Spanned<u32>,
    /// The grade's name on the results screen.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// Shown under the grade on the results screen.
    #[serde(default)]
    #[schemars(with = "String")]
    pub message: Option<Spanned<String>>,
}

/// One `[[scene]]` table of a scene file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scene {
    /// Unique id of the scene, as `next`, `goto` and expressions name it: `visits.war-room`.
    #[schemars(with = "String", regex(pattern = ID_PATTERN))]
    pub id: Spanned<String>,
    /// A heading shown when the scene starts; in an ending scene, the name of the ending.
    #[serde(default)]
    #[schemars(with = "String")]
    pub title: Option<Spanned<String>>,
    /// Narration shown first; a blank line starts a new paragraph; `{...}` interpolates.
    #[serde(default)]
    #[schemars(with = "String")]
    pub narration: Option<Spanned<String>>,
    /// A script shown after the narration: `who: line` per line, other lines are narration, indented lines continue.
    #[serde(default)]
    #[schemars(with = "String")]
    pub dialogue: Option<Spanned<String>>,
    // Spanned: the span of a table is its header, which diagnostics point at.
    /// The scene's question, asked after its dialogue: `[scene.question]`.
    #[serde(default)]
    #[schemars(with = "Question")]
    pub(crate) question: Option<Spanned<Question>>,
    /// Conditional ways out, tried in order before `next`: `[[scene.route]]`.
    #[serde(default, rename = "route")]
    pub(crate) routes: Vec<Route>,
    /// Id of the scene that follows when no `goto` or route applies; write it above any sub-table.
    #[serde(default)]
    #[schemars(with = "String")]
    pub next: Option<Spanned<String>>,
    /// `true` ends the story here and shows the results; write it above any sub-table.
    #[serde(default)]
    #[schemars(with = "bool")]
    pub ending: Option<Spanned<bool>>,
    /// A map to show after the dialogue, before the question: a `[[map]]` or `[[workbench]]` id.
    #[serde(default)]
    #[schemars(with = "String")]
    pub show_map: Option<Spanned<String>>,
    /// `true` marks a checkpoint: an ending's `retry = "checkpoint"` goes back to the latest one entered, as it was on entering.
    #[serde(default)]
    #[schemars(with = "bool")]
    pub checkpoint: Option<Spanned<bool>>,
    /// On an ending: offer to try again from the latest checkpoint entered ("checkpoint") or the last question answered ("choice").
    #[serde(default)]
    #[schemars(with = "RetryFrom")]
    pub retry: Option<Spanned<RetryFrom>>,
    /// Lint codes `dojo check` should not report for this scene.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub allow: Vec<Spanned<String>>,
    /// Set when loading dropped a bad key or table from this scene (already reported), so the
    /// checks that judge the scene as a whole keep quiet instead of reporting a consequence.
    #[serde(skip)]
    pub damaged: bool,
}

/// Where an ending's retry takes the learner back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RetryFrom {
    /// The latest scene marked `checkpoint = true` that the learner entered.
    Checkpoint,
    /// The last question the learner answered: the choice that led to the ending.
    Choice,
}

/// A conditional way out of a scene, tried in order before `next`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Route {
    /// The condition, an expression such as `flag.dan_walked_out` or `score.flow >= 3`.
    #[schemars(with = "String")]
    pub when: Spanned<String>,
    /// Id of the scene to go to when the condition holds.
    #[schemars(with = "String")]
    pub goto: Spanned<String>,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    /// Pick one option.
    Single,
    /// Select all that apply.
    Multiple,
    /// Type a number, graded against `answer` within `tolerance`.
    Number,
    /// Put the options in order; list them in the right order, they are shown shuffled.
    Order,
    /// Free text, right when it contains a word of `expect` and none of a `reject`.
    Text,
}

impl QuestionKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Single => "single",
            QuestionKind::Multiple => "multiple",
            QuestionKind::Number => "number",
            QuestionKind::Order => "order",
            QuestionKind::Text => "text",
        }
    }
}

// Which keys apply depends on `kind` and is checked after parsing, because a tagged enum would
// lose the spans the diagnostics need.
/// A scene's question (one per scene); which keys apply depends on `kind`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = question_rules)]
pub(crate) struct Question {
    /// What kind of answer the question takes: single, multiple, number, order or text.
    #[schemars(with = "QuestionKind")]
    pub kind: Spanned<QuestionKind>,
    /// Where the answer goes in the learner's map: `yours.order`, `yours.parallel`, `yours.queue.<step>`, `yours.<step>.lt`, `.pt` or `.ca`.
    #[serde(default)]
    #[schemars(with = "String")]
    pub build: Option<Spanned<String>>,
    /// The question as the learner reads it; `{...}` interpolates.
    #[schemars(with = "String")]
    pub prompt: Spanned<String>,
    /// Show the options in a seeded random order (order questions are always shuffled).
    #[serde(default)]
    pub shuffle: bool,
    /// The options of a single, multiple or order question: `[[scene.question.option]]`.
    #[serde(default, rename = "option")]
    #[schemars(with = "Vec<ChoiceOption>")]
    pub options: Vec<Spanned<ChoiceOption>>,
    /// The right answer of a number question: a number, or an expression in quotes such as "vsm.team.activity_ratio".
    #[serde(default)]
    #[schemars(with = "NumberSource")]
    pub answer: Option<Spanned<NumberSource>>,
    /// How far a number answer may be from `answer` and still be right (default 0).
    #[serde(default)]
    #[schemars(with = "f64", range(min = 0))]
    pub tolerance: Option<Spanned<f64>>,
    /// The unit shown after a number input, such as "%" or "hours"; build questions on times need minutes, hours, days or weeks.
    #[serde(default)]
    #[schemars(with = "String")]
    pub unit: Option<String>,
    /// Words a text answer is right to contain (any of them, anywhere, ignoring case); without it, text is not graded.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub expect: Option<Spanned<Vec<String>>>,
    /// What a text answer must not contain, checked before `expect`, each with its feedback: `[[scene.question.reject]]`.
    #[serde(default, rename = "reject")]
    #[schemars(with = "Vec<Reject>")]
    pub rejects: Vec<Spanned<Reject>>,
    /// What follows a right answer to a number, order or text question: `[scene.question.right]`.
    #[serde(default)]
    #[schemars(with = "Outcome")]
    pub right: Option<Spanned<Outcome>>,
    /// What follows a wrong answer to a number, order or text question: `[scene.question.wrong]`.
    #[serde(default)]
    #[schemars(with = "Outcome")]
    pub wrong: Option<Spanned<Outcome>>,
}

/// The expected value of a number question: a literal, or an expression computed at play time.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub(crate) enum NumberSource {
    /// The right number.
    Literal(f64),
    /// An expression computing the right number, such as "vsm.team.lead_time_weeks".
    Expression(String),
}

/// An option of a single, multiple or order question.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChoiceOption {
    /// Unique id of the option within its question, as `answer.<scene>` reads it.
    #[schemars(with = "String", regex(pattern = ID_PATTERN))]
    pub id: Spanned<String>,
    /// The option as the learner reads it; `{...}` interpolates.
    #[schemars(with = "String")]
    pub text: Spanned<String>,
    /// Why this option helps or hurts; required for single and multiple questions.
    #[serde(default)]
    #[schemars(with = "String")]
    pub feedback: Option<Spanned<String>>,
    /// Whether this is a right option; a question with none is an opinion poll.
    #[serde(default)]
    pub correct: bool,
    /// Score changes when chosen, by competency id: `{ facilitation = 2, flow = -1 }`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, i64>")]
    pub score: BTreeMap<Spanned<String>, i64>,
    /// Id of the scene to go to when chosen, instead of the scene's routes and `next`.
    #[serde(default)]
    #[schemars(with = "String")]
    pub goto: Option<Spanned<String>>,
    /// Flags set when chosen: `{ dan_defensive = true }`; a value is true/false, a whole number or a word.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, FlagValue>")]
    pub set: BTreeMap<Spanned<String>, FlagValue>,
    /// A condition: the option is offered only when it holds, such as "visits.war-room > 1".
    #[serde(default)]
    #[schemars(with = "String")]
    pub when: Option<Spanned<String>>,
}

/// Words that make a text answer wrong, with why.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Reject {
    /// Words or phrases, matched as whole words ignoring case: "dan" matches "Dan's code" but not "redundant".
    #[schemars(with = "Vec<String>")]
    pub words: Spanned<Vec<String>>,
    /// Shown when the answer holds one of the words, instead of the wrong outcome's feedback.
    #[schemars(with = "String")]
    pub feedback: Spanned<String>,
}

/// What follows a right or a wrong answer to a number, order or text question.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Outcome {
    /// Why the answer is right or wrong, shown after it.
    #[schemars(with = "String")]
    pub feedback: Spanned<String>,
    /// Score changes, by competency id: `{ metrics = 2 }`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, i64>")]
    pub score: BTreeMap<Spanned<String>, i64>,
    /// Id of the scene to go to, instead of the scene's routes and `next`.
    #[serde(default)]
    #[schemars(with = "String")]
    pub goto: Option<Spanned<String>>,
    /// Flags set: `{ knows_ratio = true }`; a value is true/false, a whole number or a word.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, FlagValue>")]
    pub set: BTreeMap<Spanned<String>, FlagValue>,
}

/// A flag's value: flags are booleans by default but may carry a number or a word.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(untagged)]
pub enum FlagValue {
    /// On or off.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A word.
    Text(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys serde lists for an unknown field in `T`.
    fn serde_keys<T: for<'de> Deserialize<'de> + std::fmt::Debug>() -> Vec<String> {
        let error = toml::from_str::<T>("zzz = 1").expect_err("zzz is no key");
        let message = error.message().to_string();
        let list = message.split_once("expected ").map_or("", |(_, l)| l);
        list.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn table_keys_match_the_serde_model() {
        let manifest: Vec<&str> = keys_of("")
            .unwrap()
            .iter()
            .copied()
            .filter(|k| {
                !matches!(
                    *k,
                    "character" | "competency" | "grade" | "map" | "workbench"
                )
            })
            .collect();
        assert_eq!(serde_keys::<Manifest>(), manifest);
        assert_eq!(serde_keys::<Character>(), keys_of("character").unwrap());
        assert_eq!(serde_keys::<Competency>(), keys_of("competency").unwrap());
        assert_eq!(serde_keys::<Grade>(), keys_of("grade").unwrap());
        assert_eq!(serde_keys::<MapFile>(), keys_of("map").unwrap());
        assert_eq!(serde_keys::<Workbench>(), keys_of("workbench").unwrap());
        assert_eq!(serde_keys::<Scene>(), keys_of("scene").unwrap());
        assert_eq!(serde_keys::<Route>(), keys_of("scene.route").unwrap());
        assert_eq!(serde_keys::<Question>(), keys_of("scene.question").unwrap());
        assert_eq!(
            serde_keys::<ChoiceOption>(),
            keys_of("scene.question.option").unwrap()
        );
        assert_eq!(
            serde_keys::<Reject>(),
            keys_of("scene.question.reject").unwrap()
        );
        assert_eq!(
            serde_keys::<Outcome>(),
            keys_of("scene.question.right").unwrap()
        );
    }
}
