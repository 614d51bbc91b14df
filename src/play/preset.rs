//! A preset state for authors trying a scene: where to start, and flags and scores already set
//! (`dojo play --from SCENE --set FLAG=VALUE --score COMPETENCY=N`).

use crate::engine::Story;
use crate::scenario::Scenario;
use crate::scenario::model::FlagValue;
use crate::suggest::quoted;

/// Where an authoring session starts and what it starts with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Preset {
    /// The scene to start in instead of the scenario's start.
    pub from: Option<String>,
    pub flags: Vec<(String, FlagValue)>,
    /// Scores to start with, replacing 0.
    pub scores: Vec<(String, i64)>,
}

/// An id in a preset that the scenario does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PresetError {
    #[error("--from: no scene has the id `{id}`; the scenes are {known}")]
    UnknownScene { id: String, known: String },
    #[error("--score: no competency has the id `{id}`; {known}")]
    UnknownCompetency { id: String, known: String },
    #[error("--set: nothing in this scenario sets or reads the flag `{id}`; {known}")]
    UnknownFlag { id: String, known: String },
}

impl Preset {
    pub(crate) fn is_empty(&self) -> bool {
        self.from.is_none() && self.flags.is_empty() && self.scores.is_empty()
    }

    /// Checks every id against the scenario; the first unknown one is the error.
    pub fn check(&self, scenario: &Scenario) -> Result<(), PresetError> {
        if let Some(id) = &self.from
            && scenario.scene_index(id).is_none()
        {
            let scenes: Vec<&str> = scenario.scenes.iter().map(|s| s.id.as_str()).collect();
            return Err(PresetError::UnknownScene {
                id: id.clone(),
                known: quoted(&scenes),
            });
        }
        for (id, _) in &self.scores {
            if scenario.competency_index(id).is_none() {
                let ids: Vec<&str> = scenario
                    .competencies
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect();
                return Err(PresetError::UnknownCompetency {
                    id: id.clone(),
                    known: known("competencies", &ids),
                });
            }
        }
        // A flag nothing sets or reads changes nothing: most likely a typo.
        let flags: Vec<&str> = scenario.flags.iter().map(String::as_str).collect();
        for (id, _) in &self.flags {
            if !flags.contains(&id.as_str()) {
                return Err(PresetError::UnknownFlag {
                    id: id.clone(),
                    known: known("flags", &flags),
                });
            }
        }
        Ok(())
    }

    /// Moves a new story to the preset scene and sets the preset flags and scores.
    pub(crate) fn apply(&self, story: &mut Story<'_>) -> Result<(), PresetError> {
        self.check(story.scenario())?;
        if let Some(scene) = &self.from {
            story.jump_to(scene);
        }
        let state = story.state_mut();
        for (flag, value) in &self.flags {
            state.flags.insert(flag.clone(), value.clone());
        }
        for (competency, score) in &self.scores {
            state.scores.insert(competency.clone(), *score);
        }
        Ok(())
    }
}

/// `--set FLAG=VALUE`: `true` and `false` are booleans, a whole number is a number, anything
/// else is text, as in a scene's `set` table.
pub fn parse_flag(text: &str) -> Result<(String, FlagValue), String> {
    let (flag, value) = split(text, "FLAG=VALUE, such as `asked=true`")?;
    let value = match value {
        "true" => FlagValue::Bool(true),
        "false" => FlagValue::Bool(false),
        _ => value
            .parse()
            .map_or_else(|_| FlagValue::Text(value.to_string()), FlagValue::Int),
    };
    Ok((flag.to_string(), value))
}

/// `--score COMPETENCY=N`: the score to start with, a whole number.
pub fn parse_score(text: &str) -> Result<(String, i64), String> {
    let (competency, value) = split(text, "COMPETENCY=N, such as `facilitation=2`")?;
    let score = value
        .trim()
        .parse()
        .map_err(|_| format!("`{value}` is not a whole number; expected COMPETENCY=N"))?;
    Ok((competency.to_string(), score))
}

fn split<'t>(text: &'t str, expected: &str) -> Result<(&'t str, &'t str), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => Ok((name.trim(), value)),
        _ => Err(format!("expected {expected}")),
    }
}

fn known(what: &str, ids: &[&str]) -> String {
    if ids.is_empty() {
        format!("this scenario has no {what}")
    } else {
        format!("the {what} are {}", quoted(ids))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_values_read_as_booleans_then_numbers_then_text() {
        assert_eq!(
            parse_flag("asked=true"),
            Ok(("asked".into(), FlagValue::Bool(true)))
        );
        assert_eq!(
            parse_flag("mood=false"),
            Ok(("mood".into(), FlagValue::Bool(false)))
        );
        assert_eq!(
            parse_flag("tries=-3"),
            Ok(("tries".into(), FlagValue::Int(-3)))
        );
        assert_eq!(
            parse_flag("mood=a=b"),
            Ok(("mood".into(), FlagValue::Text("a=b".into())))
        );
        assert_eq!(
            parse_flag("mood="),
            Ok(("mood".into(), FlagValue::Text(String::new())))
        );
    }

    #[test]
    fn malformed_presets_say_what_is_expected() {
        assert_eq!(
            parse_flag("asked"),
            Err("expected FLAG=VALUE, such as `asked=true`".into())
        );
        assert_eq!(
            parse_flag("=true"),
            Err("expected FLAG=VALUE, such as `asked=true`".into())
        );
        assert_eq!(parse_score("review=-2"), Ok(("review".into(), -2)));
        assert_eq!(
            parse_score("review=lots"),
            Err("`lots` is not a whole number; expected COMPETENCY=N".into())
        );
    }
}
