use std::collections::HashMap;

use super::*;

struct Vars(HashMap<String, Value>);

impl Env for Vars {
    fn lookup(&self, path: &[String]) -> Option<Value> {
        self.0.get(&path.join(".")).cloned()
    }
}

fn vars() -> Vars {
    Vars(HashMap::from([
        ("score.flow".to_string(), Value::Number(3.0)),
        ("flag.dan_angry".to_string(), Value::Bool(true)),
        ("visits.war-room".to_string(), Value::Number(2.0)),
        ("answer.scope".to_string(), Value::Text("Narrow".into())),
        (
            "answer.who".to_string(),
            Value::List(vec![Value::Text("dev".into()), Value::Text("qa".into())]),
        ),
        ("learner".to_string(), Value::Text("Ada".into())),
    ]))
}

fn eval(source: &str) -> Value {
    parse(source)
        .unwrap_or_else(|e| panic!("{source}: {e}"))
        .eval(&vars())
        .unwrap_or_else(|e| panic!("{source}: {e}"))
}

#[test]
fn evaluates_conditions_over_every_kind_of_variable() {
    let cases = [
        ("score.flow >= 3", true),
        ("score.flow > 3", false),
        ("flag.dan_angry and score.flow == 3", true),
        ("not flag.dan_angry or visits.war-room > 1", true),
        ("!flag.dan_angry", false),
        ("answer.scope == \"narrow\"", true),
        ("'qa' in answer.who", true),
        ("\"ops\" in answer.who", false),
        ("visits.war-room - 1 == 1", true),
        ("(score.flow + 1) * 2 == 8", true),
        ("-score.flow < 0", true),
    ];
    for (source, expected) in cases {
        assert_eq!(eval(source), Value::Bool(expected), "{source}");
    }
}

#[test]
fn arithmetic_follows_precedence() {
    assert_eq!(eval("1 + 2 * 3"), Value::Number(7.0));
    assert_eq!(eval("10 / 4"), Value::Number(2.5));
    assert_eq!(eval("2 - 1 - 1"), Value::Number(0.0));
}

#[test]
fn syntax_errors_point_at_the_offending_text() {
    let cases = [
        ("score.flow >", "the expression ends too early", 12..12),
        ("score.flow = 3", "unexpected `=`", 11..12),
        ("(a", "this `(` is never closed", 0..1),
        (
            "a b",
            "expected an operator or the end of the expression",
            2..3,
        ),
        ("'open", "this text is never closed", 0..5),
        ("", "the expression is empty", 0..0),
    ];
    for (source, message, span) in cases {
        let error = parse(source).expect_err(source);
        assert_eq!(
            (error.message.as_str(), error.span),
            (message, span),
            "{source}"
        );
    }
}

#[test]
fn evaluation_errors_are_values_not_panics() {
    let error = parse("score.nope > 1").unwrap().eval(&vars()).unwrap_err();
    assert_eq!(error, EvalError::Unknown("score.nope".into()));
    let error = parse("learner < 1").unwrap().eval(&vars()).unwrap_err();
    assert_eq!(error.to_string(), "cannot apply `<` to text and a number");
    assert_eq!(
        parse("1 / 0").unwrap().eval(&vars()),
        Err(EvalError::DivisionByZero)
    );
}

#[test]
fn templates_fill_holes_and_keep_escaped_braces() {
    let template = Template::parse("Hi {learner}, flow {score.flow} {{ok}}").unwrap();
    assert_eq!(template.render(&vars()), "Hi Ada, flow 3 {ok}");
    let broken = Template::parse("Hi {learner").unwrap_err();
    assert_eq!(broken.span, 3..4);
    let inner = Template::parse("ab {score.flow >} c").unwrap_err();
    assert_eq!(inner.span, 16..16);
    assert_eq!(
        Template::parse("{score.nope}").unwrap().render(&vars()),
        "{?}"
    );
}

#[test]
fn numbers_print_without_noise() {
    assert_eq!(value::format_number(14.583333), "14.58");
    assert_eq!(value::format_number(48.0), "48");
    assert_eq!(value::format_number(0.5), "0.5");
    assert_eq!(value::format_number(-0.001), "0");
    assert_eq!(value::format_number(-0.0), "0");
    assert_eq!(value::format_number(-2.5), "-2.5");
}
