//! A minimal JSON Schema validator for the keywords `dojo schema` emits (draft 7 as schemars
//! writes it). A keyword it does not know fails the test instead of being skipped, so a schema
//! that starts using one cannot pass unchecked.

use serde_json::Value;

/// Keywords that describe rather than constrain.
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "title",
    "description",
    "default",
    "format",
    "definitions",
];

/// Every way `value` breaks `schema`, as `path: problem` lines; empty when it conforms.
pub fn validate(root: &Value, value: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    check(root, root, value, "", &mut problems);
    problems
}

/// `path.key`, or `key` at the top.
fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// How a problem names where it is.
fn place(path: &str) -> &str {
    if path.is_empty() { "top level" } else { path }
}

fn check(root: &Value, schema: &Value, value: &Value, path: &str, problems: &mut Vec<String>) {
    let at = place(path);
    let Some(schema) = schema.as_object() else {
        if schema == &Value::Bool(false) {
            problems.push(format!("{at}: nothing is allowed here"));
        }
        return;
    };
    for (keyword, rule) in schema {
        match keyword.as_str() {
            "$ref" => {
                let target = rule
                    .as_str()
                    .and_then(|r| r.strip_prefix('#'))
                    .and_then(|pointer| root.pointer(pointer))
                    .unwrap_or_else(|| panic!("unresolvable $ref {rule}"));
                check(root, target, value, path, problems);
            }
            "allOf" => {
                for each in array(rule) {
                    check(root, each, value, path, problems);
                }
            }
            "anyOf" | "oneOf" => {
                let passing = array(rule)
                    .iter()
                    .filter(|each| conforms(root, each, value))
                    .count();
                let ok = if keyword == "anyOf" {
                    passing > 0
                } else {
                    passing == 1
                };
                if !ok {
                    problems.push(format!(
                        "{at}: {value} matches {passing} of the {keyword} choices"
                    ));
                }
            }
            "type" => {
                let types: Vec<&str> = match rule {
                    Value::String(one) => vec![one.as_str()],
                    many => array(many).iter().filter_map(Value::as_str).collect(),
                };
                if !types.iter().any(|t| has_type(value, t)) {
                    problems.push(format!("{at}: {value} is not {}", types.join(" or ")));
                }
            }
            "const" if value != rule => problems.push(format!("{at}: {value} is not {rule}")),
            "enum" if !array(rule).contains(value) => {
                problems.push(format!("{at}: {value} is not one of {rule}"));
            }
            "properties" | "additionalProperties" | "required" => {
                if let Some(object) = value.as_object() {
                    object_rule(root, schema, keyword, object, path, problems);
                }
            }
            "items" => {
                for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                    check(root, rule, item, &format!("{path}[{i}]"), problems);
                }
            }
            "minItems" => {
                if let Some(items) = value.as_array()
                    && (items.len() as f64) < number(rule)
                {
                    problems.push(format!("{at}: fewer than {rule} items"));
                }
            }
            "minimum" | "maximum" | "exclusiveMinimum" => {
                if let Some(n) = value.as_f64() {
                    let limit = number(rule);
                    let ok = match keyword.as_str() {
                        "minimum" => n >= limit,
                        "maximum" => n <= limit,
                        _ => n > limit,
                    };
                    if !ok {
                        problems.push(format!("{at}: {n} breaks {keyword} {limit}"));
                    }
                }
            }
            "pattern" => {
                if let Some(text) = value.as_str() {
                    let pattern = rule.as_str().expect("a pattern is text");
                    let regex = regex::Regex::new(pattern).expect("a valid pattern");
                    if !regex.is_match(text) {
                        problems.push(format!("{at}: {value} does not match {pattern}"));
                    }
                }
            }
            "if" => {
                let branch = if conforms(root, rule, value) {
                    schema.get("then")
                } else {
                    schema.get("else")
                };
                if let Some(branch) = branch {
                    check(root, branch, value, path, problems);
                }
            }
            "then" | "else" => {}
            "const" | "enum" => {}
            other if ANNOTATIONS.contains(&other) => {}
            other => panic!("the validator does not know the keyword `{other}`"),
        }
    }
}

fn object_rule(
    root: &Value,
    schema: &serde_json::Map<String, Value>,
    keyword: &str,
    object: &serde_json::Map<String, Value>,
    path: &str,
    problems: &mut Vec<String>,
) {
    let at = place(path);
    let properties = schema.get("properties").and_then(Value::as_object);
    match keyword {
        "properties" => {
            for (key, value) in object {
                if let Some(rule) = properties.and_then(|p| p.get(key)) {
                    check(root, rule, value, &child(path, key), problems);
                }
            }
        }
        "additionalProperties" => {
            let rule = &schema[keyword];
            for (key, value) in object {
                if properties.is_some_and(|p| p.contains_key(key)) {
                    continue;
                }
                if rule == &Value::Bool(false) {
                    problems.push(format!("{at}: unknown key `{key}`"));
                } else {
                    check(root, rule, value, &child(path, key), problems);
                }
            }
        }
        _ => {
            for key in array(&schema[keyword]).iter().filter_map(Value::as_str) {
                if !object.contains_key(key) {
                    problems.push(format!("{at}: missing key `{key}`"));
                }
            }
        }
    }
}

fn conforms(root: &Value, schema: &Value, value: &Value) -> bool {
    let mut problems = Vec::new();
    check(root, schema, value, "", &mut problems);
    problems.is_empty()
}

fn has_type(value: &Value, name: &str) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "number" => value.is_number(),
        "integer" => {
            value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|n| n.fract() == 0.0)
        }
        other => panic!("unknown type `{other}`"),
    }
}

fn array(rule: &Value) -> &[Value] {
    rule.as_array()
        .map(Vec::as_slice)
        .unwrap_or_else(|| panic!("expected an array, found {rule}"))
}

fn number(rule: &Value) -> f64 {
    rule.as_f64()
        .unwrap_or_else(|| panic!("expected a number, found {rule}"))
}
