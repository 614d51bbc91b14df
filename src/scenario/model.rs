//! The scenario format as serde types: what an author writes, with byte spans kept for diagnostics.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

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
    ("workbench", &["id", "title", "reference"]),
    ("character", &["id", "name", "role", "colour"]),
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
            "right",
            "wrong",
        ],
    ),
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
pub fn keys_of(path: &str) -> Option<&'static [&'static str]> {
    TABLE_KEYS
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, keys)| *keys)
}

/// `scenario.toml`: metadata, cast, scoring and the list of scene files.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Required, like `title`, `start` and `scenes`; optional here so that a missing one is
    /// reported and the rest of the scenario is still checked.
    #[serde(default)]
    pub id: Option<Spanned<String>>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub minutes: u32,
    #[serde(default)]
    pub level: Level,
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub start: Option<Spanned<String>>,
    #[serde(default)]
    pub scenes: Option<Vec<Spanned<String>>>,
    /// `[[character]]`, `[[competency]]` and `[[grade]]` tables are read one by one (see
    /// `load`), so a mistake in one entry does not hide mistakes in the others.
    #[serde(skip)]
    pub characters: Vec<Character>,
    #[serde(skip)]
    pub competencies: Vec<Competency>,
    #[serde(skip)]
    pub grades: Vec<Grade>,
    #[serde(skip)]
    pub maps: Vec<MapFile>,
    #[serde(skip)]
    pub workbenches: Vec<Workbench>,
}

/// A `[[map]]`: a value-stream map file the scenario reads figures from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapFile {
    pub id: Spanned<String>,
    pub file: Spanned<String>,
}

/// A `[[workbench]]`: a map the learner builds through questions, against a reference map.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workbench {
    pub id: Spanned<String>,
    #[serde(default)]
    pub title: String,
    pub reference: Spanned<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    #[default]
    Beginner,
    Intermediate,
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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Character {
    pub id: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub colour: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Competency {
    pub id: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// A grade band: reached when the learner's share of the attainable score is at least `min` percent.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    pub min: Spanned<u32>,
    pub name: String,
    #[serde(default)]
    pub message: String,
}

/// One `[[scene]]` table of a scene file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scene {
    pub id: Spanned<String>,
    #[serde(default)]
    pub title: Option<Spanned<String>>,
    #[serde(default)]
    pub narration: Option<Spanned<String>>,
    #[serde(default)]
    pub dialogue: Option<Spanned<String>>,
    /// Spanned: the span of a table is its header, which diagnostics point at.
    #[serde(default)]
    pub question: Option<Spanned<Question>>,
    #[serde(default, rename = "route")]
    pub routes: Vec<Route>,
    #[serde(default)]
    pub next: Option<Spanned<String>>,
    #[serde(default)]
    pub ending: Option<Spanned<bool>>,
    /// A map to show after the dialogue: a `[[map]]` or `[[workbench]]` id.
    #[serde(default)]
    pub show_map: Option<Spanned<String>>,
    /// Lint codes `dojo check` should not report for this scene.
    #[serde(default)]
    pub allow: Vec<Spanned<String>>,
    /// Set when loading dropped a bad key or table from this scene (already reported), so the
    /// checks that judge the scene as a whole keep quiet instead of reporting a consequence.
    #[serde(skip)]
    pub damaged: bool,
}

/// A conditional way out of a scene, tried in order before `next`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub when: Spanned<String>,
    pub goto: Spanned<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    Single,
    Multiple,
    Number,
    Order,
    Text,
}

impl QuestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Single => "single",
            QuestionKind::Multiple => "multiple",
            QuestionKind::Number => "number",
            QuestionKind::Order => "order",
            QuestionKind::Text => "text",
        }
    }
}

/// One question per scene; which keys apply depends on `kind` and is checked after parsing,
/// because a tagged enum would lose the spans the diagnostics need.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub kind: Spanned<QuestionKind>,
    /// Where the answer goes in the learner's map, such as `yours.order` or `yours.plan.lt`.
    #[serde(default)]
    pub build: Option<Spanned<String>>,
    pub prompt: Spanned<String>,
    #[serde(default)]
    pub shuffle: bool,
    #[serde(default, rename = "option")]
    pub options: Vec<Spanned<ChoiceOption>>,
    #[serde(default)]
    pub answer: Option<Spanned<NumberSource>>,
    #[serde(default)]
    pub tolerance: Option<Spanned<f64>>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub expect: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    pub right: Option<Spanned<Outcome>>,
    #[serde(default)]
    pub wrong: Option<Spanned<Outcome>>,
}

/// The expected value of a number question: a literal, or an expression computed at play time.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum NumberSource {
    Literal(f64),
    Expression(String),
}

/// An option of a single, multiple or order question.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub id: Spanned<String>,
    pub text: Spanned<String>,
    #[serde(default)]
    pub feedback: Option<Spanned<String>>,
    #[serde(default)]
    pub correct: bool,
    #[serde(default)]
    pub score: BTreeMap<Spanned<String>, i64>,
    #[serde(default)]
    pub goto: Option<Spanned<String>>,
    #[serde(default)]
    pub set: BTreeMap<Spanned<String>, FlagValue>,
    #[serde(default)]
    pub when: Option<Spanned<String>>,
}

/// What follows a right or a wrong answer to a number, order or text question.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub feedback: Spanned<String>,
    #[serde(default)]
    pub score: BTreeMap<Spanned<String>, i64>,
    #[serde(default)]
    pub goto: Option<Spanned<String>>,
    #[serde(default)]
    pub set: BTreeMap<Spanned<String>, FlagValue>,
}

/// A flag's value: flags are booleans by default but may carry a number or a word.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(untagged)]
pub enum FlagValue {
    Bool(bool),
    Int(i64),
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
            serde_keys::<Outcome>(),
            keys_of("scene.question.right").unwrap()
        );
    }
}
