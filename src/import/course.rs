//! `index.json` of a Katacoda or Killercoda module, and the pathway file that lists modules:
//! read as JSON values, with the byte positions diagnostics and notes point at.

use std::ops::Range;

use serde_json::Value;

/// A problem with a JSON file, with the bytes to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonError {
    pub code: &'static str,
    pub span: Range<usize>,
    pub message: String,
    pub label: String,
}

/// A page of the module: the file named in `index.json` and where it is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Named {
    pub file: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StepDef {
    pub title: String,
    pub text: Option<Named>,
    pub answer: Option<Named>,
    pub verify: Option<Named>,
    /// Scripts the step ran on the lab machine (`code`, `background`, `foreground`), by key.
    pub scripts: Vec<(String, Named)>,
    /// Where the step's table starts, for a step with no page.
    pub at: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Course {
    pub title: Option<String>,
    pub description: Option<String>,
    pub difficulty: Option<(String, Range<usize>)>,
    pub time: Option<(String, Range<usize>)>,
    pub intro: Option<Named>,
    pub finish: Option<Named>,
    pub steps: Vec<StepDef>,
    /// Scripts the intro or finish ran on the lab machine.
    pub scripts: Vec<(String, Named)>,
    /// Files copied to the lab machine.
    pub assets: Vec<Named>,
    /// The lab machine: `backend.imageid` or the `environment` table, and where.
    pub machine: Option<(String, Range<usize>)>,
}

/// The byte offset of a JSON error reported at a one-based line and column.
fn offset_at(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

pub(crate) fn parse_json(text: &str) -> Result<Value, JsonError> {
    serde_json::from_str(text).map_err(|error| {
        let at = offset_at(text, error.line(), error.column());
        let at = if at >= text.len() {
            text.len().saturating_sub(1)
        } else {
            at
        };
        let message = error.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_string();
        JsonError {
            code: "bad-json",
            span: at..(at + 1).min(text.len()),
            message: format!("this file is not valid JSON: {message}"),
            label: "here".into(),
        }
    })
}

/// Where a key's value is written: the first `"key"` followed by a colon, from `from` on.
pub(crate) fn locate(text: &str, key: &str, from: usize) -> Range<usize> {
    let quoted = format!("\"{key}\"");
    let mut at = from.min(text.len());
    while let Some(found) = text[at..].find(&quoted) {
        let start = at + found;
        let after = text[start + quoted.len()..].trim_start();
        if let Some(value) = after.strip_prefix(':') {
            let value_start = text.len() - value.trim_start().len();
            let value_len = value_len(&text[value_start..]);
            return value_start..value_start + value_len;
        }
        at = start + quoted.len();
    }
    0..text.len().min(1)
}

/// The length of a JSON string value at the start of `text`, or of its first character.
fn value_len(text: &str) -> usize {
    if let Some(rest) = text.strip_prefix('"') {
        let mut escaped = false;
        for (i, c) in rest.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => return i + 2,
                _ => escaped = false,
            }
        }
    }
    text.chars().next().map_or(0, char::len_utf8)
}

fn string(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_string)
}

/// A page named under `key` in `table`, found in the text from `from` on.
fn named(table: &Value, key: &str, text: &str, from: usize) -> Option<Named> {
    let file = string(table, key)?;
    Some(Named {
        span: locate(text, key, from),
        file,
    })
}

const SCRIPT_KEYS: [&str; 4] = ["code", "courseData", "background", "foreground"];

fn scripts(table: &Value, text: &str, from: usize) -> Vec<(String, Named)> {
    SCRIPT_KEYS
        .iter()
        .filter_map(|key| Some((key.to_string(), named(table, key, text, from)?)))
        .collect()
}

/// Reads a module's `index.json`. Steps must be a list with a page each; everything else is
/// optional.
pub(crate) fn parse_course(text: &str) -> Result<Course, Vec<JsonError>> {
    let mut value = parse_json(text).map_err(|e| vec![e])?;
    // Titles and the rest are echoed to the terminal and written into scenarios.
    crate::scenario::clean_json(&mut value);
    let details = value.get("details").cloned().unwrap_or(Value::Null);
    let Some(steps) = details.get("steps").and_then(Value::as_array) else {
        return Err(vec![JsonError {
            code: "missing-key",
            span: if details.is_null() {
                0..text.len().min(1)
            } else {
                locate(text, "details", 0)
            },
            message: "`details.steps` is missing: a module lists its steps there".into(),
            label: "no list of steps".into(),
        }]);
    };
    let steps_at = locate(text, "steps", locate(text, "details", 0).start).start;
    let mut errors = Vec::new();
    let mut course = Course {
        title: string(&value, "title"),
        description: string(&value, "description"),
        difficulty: string(&value, "difficulty").map(|d| (d, locate(text, "difficulty", 0))),
        time: string(&value, "time").map(|t| (t, locate(text, "time", 0))),
        ..Course::default()
    };
    let mut from = steps_at;
    for (n, step) in steps.iter().enumerate() {
        let at = locate(text, "title", from);
        let title = string(step, "title").unwrap_or_else(|| format!("Step {}", n + 1));
        let page = named(step, "text", text, from);
        if page.is_none() {
            errors.push(JsonError {
                code: "missing-key",
                span: at.clone(),
                message: format!("step {} has no `text` page", n + 1),
                label: "this step names no page".into(),
            });
        }
        let def = StepDef {
            title,
            answer: named(step, "answer", text, from),
            verify: named(step, "verify", text, from),
            scripts: scripts(step, text, from),
            text: page,
            at,
        };
        // The next step's keys come after every key of this one.
        from = [&def.text, &def.answer, &def.verify]
            .into_iter()
            .flatten()
            .chain(def.scripts.iter().map(|(_, s)| s))
            .map(|n| n.span.end)
            .fold(def.at.end, usize::max);
        course.steps.push(def);
    }
    let intro = details.get("intro").cloned().unwrap_or(Value::Null);
    let finish = details.get("finish").cloned().unwrap_or(Value::Null);
    let intro_at = locate(text, "intro", 0).start;
    let finish_at = locate(text, "finish", 0).start;
    course.intro = named(&intro, "text", text, intro_at);
    course.finish = named(&finish, "text", text, finish_at);
    course.scripts = scripts(&intro, text, intro_at);
    course.scripts.extend(scripts(&finish, text, finish_at));
    if let Some(files) = details.pointer("/assets/host01").and_then(Value::as_array) {
        let mut from = locate(text, "host01", 0).start;
        for file in files {
            if let Some(asset) = named(file, "file", text, from) {
                from = asset.span.end;
                course.assets.push(asset);
            }
        }
    }
    course.machine = match (
        value.pointer("/backend/imageid").and_then(Value::as_str),
        value.get("environment"),
    ) {
        (Some(image), _) => Some((
            format!("the `{image}` lab machine (`backend.imageid`)"),
            locate(text, "imageid", 0),
        )),
        (None, Some(_)) => Some((
            "the lab environment (`environment`)".into(),
            locate(text, "environment", 0),
        )),
        (None, None) => None,
    };
    if errors.is_empty() {
        Ok(course)
    } else {
        Err(errors)
    }
}

/// One module a pathway lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Listed {
    pub id: String,
    pub title: Option<String>,
    pub span: Range<usize>,
}

/// Reads a pathway file: its modules in order, by folder id.
pub(crate) fn parse_pathway(text: &str) -> Result<Vec<Listed>, Vec<JsonError>> {
    let value = parse_json(text).map_err(|e| vec![e])?;
    let Some(courses) = value.get("courses").and_then(Value::as_array) else {
        return Err(vec![JsonError {
            code: "missing-key",
            span: 0..text.len().min(1),
            message: "`courses` is missing: a pathway lists its modules there".into(),
            label: "no list of courses".into(),
        }]);
    };
    let mut listed = Vec::new();
    let mut errors = Vec::new();
    let mut from = locate(text, "courses", 0).start;
    for (n, course) in courses.iter().enumerate() {
        let key = if course.get("course_id").is_some() {
            "course_id"
        } else {
            "id"
        };
        match string(course, key) {
            Some(id) => {
                let span = locate(text, key, from);
                from = span.end;
                listed.push(Listed {
                    id,
                    title: string(course, "title"),
                    span,
                });
            }
            None => errors.push(JsonError {
                code: "missing-key",
                span: locate(text, "title", from),
                message: format!("course {} of the pathway has no `course_id`", n + 1),
                label: "this course names no folder".into(),
            }),
        }
    }
    if errors.is_empty() {
        Ok(listed)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_steps_assets_and_points_at_problems() {
        let text = r#"{"title": "T", "time": "5 minutes", "details": {"steps": [
  {"title": "One", "text": "step1.md", "verify": "step1-verify.sh"},
  {"title": "Two"}
]}}"#;
        let errors = parse_course(text).unwrap_err();
        assert_eq!(&text[errors[0].span.clone()], "\"Two\"");
        let text = r#"{"details": {"steps": [{"title": "One", "text": "step1.md"}], "assets": {"host01": [{"file": "a.sh"}]}}, "backend": {"imageid": "ubuntu"}}"#;
        let course = parse_course(text).unwrap();
        assert_eq!(
            &text[course.steps[0].text.as_ref().unwrap().span.clone()],
            "\"step1.md\""
        );
        assert_eq!(course.assets[0].file, "a.sh");
        assert!(course.machine.is_some());
        let broken = parse_course("{\n  \"title\": \"x\",\n}\n").unwrap_err();
        assert_eq!(broken[0].code, "bad-json");
        assert_eq!(broken[0].span, 18..19);
    }
}
