//! Every lint: its stable code, its severity and what it means (the authoring guide's list).
//!
//! Errors are certain trouble for a learner (stuck for ever, or marked wrong whatever they
//! answer); warnings are likely mistakes that harm no one. Every lint can be allowed per scene.

use crate::diagnostic::Severity;

pub(crate) const UNREACHABLE_SCENE: &str = "unreachable-scene";
pub(crate) const UNREACHABLE_ENDING: &str = "unreachable-ending";
pub(crate) const NO_ENDING_REACHABLE: &str = "no-ending-reachable";
pub(crate) const CYCLE_WITHOUT_EXIT: &str = "cycle-without-exit";
pub(crate) const NO_CORRECT_OPTION: &str = "no-correct-option";
pub(crate) const UNCOMPUTABLE_ANSWER: &str = "uncomputable-answer";
pub(crate) const UNUSED_CHARACTER: &str = "unused-character";
pub(crate) const UNUSED_COMPETENCY: &str = "unused-competency";
pub(crate) const FLAG_NEVER_SET: &str = "flag-never-set";
pub(crate) const FLAG_NEVER_READ: &str = "flag-never-read";
pub(crate) const UNREACHABLE_GRADE: &str = "unreachable-grade";
pub(crate) const UNKNOWN_LINT: &str = "unknown-lint";
pub(crate) const KEYWORD_ONLY_TEXT: &str = "keyword-only-text";
pub(crate) const RETRY_WITHOUT_CHECKPOINT: &str = "retry-without-checkpoint";
pub(crate) const MINUTES_OFF: &str = "minutes-off";

pub struct Lint {
    pub code: &'static str,
    pub(crate) severity: Severity,
    /// One line for the authoring guide.
    pub meaning: &'static str,
}

pub const LINTS: &[Lint] = &[
    Lint {
        code: UNREACHABLE_SCENE,
        severity: Severity::Warning,
        meaning: "no way leads from the start scene to this scene",
    },
    Lint {
        code: UNREACHABLE_ENDING,
        severity: Severity::Warning,
        meaning: "no way leads from the start scene to this ending",
    },
    Lint {
        code: NO_ENDING_REACHABLE,
        severity: Severity::Error,
        meaning: "a learner who reaches this scene can never reach an ending",
    },
    Lint {
        code: CYCLE_WITHOUT_EXIT,
        severity: Severity::Error,
        meaning: "these scenes lead only to one another: a learner who enters can never leave",
    },
    Lint {
        code: NO_CORRECT_OPTION,
        severity: Severity::Warning,
        meaning: "no option of this single or multiple choice question is `correct`",
    },
    Lint {
        code: UNCOMPUTABLE_ANSWER,
        severity: Severity::Error,
        meaning: "a number question's `answer` can never be worked out, so every learner is marked wrong",
    },
    Lint {
        code: UNUSED_CHARACTER,
        severity: Severity::Warning,
        meaning: "this character never speaks a line of dialogue",
    },
    Lint {
        code: UNUSED_COMPETENCY,
        severity: Severity::Warning,
        meaning: "no option or outcome changes this competency",
    },
    Lint {
        code: FLAG_NEVER_SET,
        severity: Severity::Warning,
        meaning: "this flag is read but nothing sets it, so it is always false",
    },
    Lint {
        code: FLAG_NEVER_READ,
        severity: Severity::Warning,
        meaning: "this flag is set but nothing reads it",
    },
    Lint {
        code: UNREACHABLE_GRADE,
        severity: Severity::Warning,
        meaning: "no way through the scenario ends with a percent in this grade band",
    },
    Lint {
        code: KEYWORD_ONLY_TEXT,
        severity: Severity::Warning,
        meaning: "a text question takes any sentence holding one of its `expect` words as right, whatever else it says",
    },
    Lint {
        code: RETRY_WITHOUT_CHECKPOINT,
        severity: Severity::Warning,
        meaning: "an ending offers a retry, but no checkpoint (or no question, for `retry = \"choice\"`) comes before it, so the offer is never made",
    },
    Lint {
        code: UNKNOWN_LINT,
        severity: Severity::Warning,
        meaning: "a scene's `allow` names a lint dojo does not have",
    },
    Lint {
        code: MINUTES_OFF,
        severity: Severity::Warning,
        meaning: "the declared `minutes` is more than 25% off the median play time dojo estimates",
    },
];

/// The severity of a lint code (warning for a code not in [`LINTS`], which is a bug).
pub(crate) fn severity(code: &str) -> Severity {
    LINTS
        .iter()
        .find(|lint| lint.code == code)
        .map_or(Severity::Warning, |lint| lint.severity)
}
