//! Learning records against a real LRS (Ralph, started by `.ci/lrs start`): statements stored
//! by registration, delivery after the LRS went away and came back, a wrong password, and a
//! statement the LRS refuses. Run only when `DOJO_TEST_LRS` names the endpoint, as `.ci/run`
//! does; without it each test says it was skipped and passes.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use dojo::xapi::{Base, Client, Config};
use serde_json::Value;

use crate::common::{ADA_PLAYS_CODE_REVIEW, dojo, stdout_of};

/// The endpoint under test, or `None` (and a line saying so) when no LRS was started.
pub(crate) fn endpoint(test: &str) -> Option<String> {
    let endpoint = std::env::var("DOJO_TEST_LRS")
        .ok()
        .filter(|e| !e.is_empty());
    if endpoint.is_none() {
        eprintln!(
            "{test}: skipped, no LRS (set DOJO_TEST_LRS, as .ci/run does after .ci/lrs start)"
        );
    }
    endpoint
}

pub(crate) fn config(endpoint: &str, password: &str) -> Config {
    Config {
        endpoint: if endpoint.ends_with('/') {
            endpoint.to_string()
        } else {
            format!("{endpoint}/")
        },
        username: "dojo".to_string(),
        password: password.to_string(),
        base: Base::default(),
    }
}

/// `dojo` with the test LRS configured through the environment.
pub(crate) fn dojo_with_lrs(data: &Path, endpoint: &str, password: &str) -> assert_cmd::Command {
    let mut command = dojo(data);
    command
        .env("DOJO_LRS_ENDPOINT", endpoint)
        .env("DOJO_LRS_USERNAME", "dojo")
        .env("DOJO_LRS_PASSWORD", password);
    command
}

/// The statements `dojo xapi` makes of the one finished session in `data`.
fn made(data: &Path) -> (String, Vec<Value>) {
    let results = fs::read_dir(data.join("results"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let output = dojo(data).args(["xapi"]).arg(&results).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let statements: Vec<Value> = serde_json::from_str(&stdout_of(&output)).unwrap();
    let registration = statements[0]["context"]["registration"]
        .as_str()
        .unwrap()
        .to_string();
    (registration, statements)
}

/// How many times the LRS holds each id of `registration`.
fn stored(endpoint: &str, registration: &str) -> BTreeMap<String, usize> {
    let client = Client::new(&config(endpoint, "dojo-secret"), 10);
    let mut counts = BTreeMap::new();
    for statement in client.by_registration(registration).unwrap() {
        *counts
            .entry(statement["id"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    counts
}

fn ids(statements: &[Value]) -> BTreeMap<String, usize> {
    statements
        .iter()
        .map(|s| (s["id"].as_str().unwrap().to_string(), 1))
        .collect()
}

fn lrs_script(command: &str) {
    let dir = std::env::var("DOJO_TEST_LRS_DIR").unwrap_or_else(|_| "target/lrs".to_string());
    let status = Command::new(crate::common::repo_root().join(".ci/lrs"))
        .args([command, &dir])
        .current_dir(crate::common::repo_root())
        .status()
        .unwrap();
    assert!(status.success(), ".ci/lrs {command} failed");
}

#[test]
fn a_session_played_with_an_lrs_is_stored_by_registration() {
    let Some(endpoint) = endpoint("a_session_played_with_an_lrs_is_stored_by_registration") else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let played = dojo_with_lrs(data.path(), &endpoint, "dojo-secret")
        .args(ADA_PLAYS_CODE_REVIEW)
        .write_stdin("1\n3\n1 2\n3 1 2\nwrite a test\n")
        .output()
        .unwrap();
    assert!(stdout_of(&played).contains("Your learning records are sent to"));
    let (registration, statements) = made(data.path());
    assert_eq!(stored(&endpoint, &registration), ids(&statements));
    let verbs: Vec<&str> = statements
        .iter()
        .map(|s| s["verb"]["display"]["en-US"].as_str().unwrap())
        .collect();
    assert_eq!(verbs.first(), Some(&"initialized"));
    assert_eq!(&verbs[verbs.len() - 2..], ["completed", "terminated"]);
    let completed = &statements[statements.len() - 2];
    assert!(
        completed["result"]["score"]["scaled"].is_number(),
        "{completed}"
    );
    assert!(
        completed["result"]["duration"]
            .as_str()
            .unwrap()
            .starts_with("PT")
    );
}

#[test]
fn statements_made_while_the_lrs_was_down_arrive_once_after_sync() {
    let Some(endpoint) = endpoint("statements_made_while_the_lrs_was_down_arrive_once_after_sync")
    else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    dojo_with_lrs(data.path(), &endpoint, "dojo-secret")
        .args(ADA_PLAYS_CODE_REVIEW)
        .write_stdin("1\n3\n")
        .assert()
        .success();
    lrs_script("stop");
    let resumed = dojo_with_lrs(data.path(), &endpoint, "dojo-secret")
        .args(ADA_PLAYS_CODE_REVIEW)
        .write_stdin("y\n1 2\n3 1 2\nwrite a test\n")
        .output();
    lrs_script("start");
    assert!(
        resumed.unwrap().status.success(),
        "play fails when the LRS is down"
    );
    let sync = dojo_with_lrs(data.path(), &endpoint, "dojo-secret")
        .arg("sync")
        .output()
        .unwrap();
    let report = stdout_of(&sync);
    assert!(sync.status.success(), "{report}");
    assert!(
        !report.starts_with("sent 0 "),
        "nothing was left to send: {report}"
    );
    assert!(report.contains("refused 0\nwaiting 0\n"), "{report}");
    let (registration, statements) = made(data.path());
    assert!(
        statements
            .iter()
            .any(|s| s["verb"]["display"]["en-US"] == "suspended")
    );
    assert!(
        statements
            .iter()
            .any(|s| s["verb"]["display"]["en-US"] == "resumed")
    );
    let held = stored(&endpoint, &registration);
    eprintln!(
        "fault test: {} statements made, {} stored, {} held more than once",
        statements.len(),
        held.values().sum::<usize>(),
        held.values().filter(|&&n| n > 1).count()
    );
    assert_eq!(held, ids(&statements));
}

#[test]
fn a_wrong_password_is_reported_and_nothing_is_lost() {
    let Some(endpoint) = endpoint("a_wrong_password_is_reported_and_nothing_is_lost") else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let check = dojo_with_lrs(data.path(), &endpoint, "wrong")
        .args(["lrs", "check"])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stdout_of(&check).contains("refused: 401"),
        "{}",
        stdout_of(&check)
    );
    dojo_with_lrs(data.path(), &endpoint, "wrong")
        .args(ADA_PLAYS_CODE_REVIEW)
        .write_stdin("1\n3\n1 2\n3 1 2\nwrite a test\n")
        .assert()
        .success();
    let sync = dojo_with_lrs(data.path(), &endpoint, "wrong")
        .arg("sync")
        .output()
        .unwrap();
    assert_eq!(sync.status.code(), Some(1));
    let (registration, statements) = made(data.path());
    let report = stdout_of(&sync);
    assert!(
        report.contains(&format!("waiting {}\n", statements.len())),
        "{report}"
    );
    assert!(stored(&endpoint, &registration).is_empty());
    let sync = dojo_with_lrs(data.path(), &endpoint, "dojo-secret")
        .arg("sync")
        .output()
        .unwrap();
    assert!(sync.status.success());
    assert_eq!(stored(&endpoint, &registration), ids(&statements));
}

#[test]
fn a_statement_the_lrs_refuses_is_kept_aside_with_its_reason() {
    let Some(endpoint) = endpoint("a_statement_the_lrs_refuses_is_kept_aside_with_its_reason")
    else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let outbox = data.path().join("outbox");
    fs::create_dir_all(&outbox).unwrap();
    let registration = uuid::Uuid::new_v4();
    let good = |n: u32| {
        serde_json::json!({
            "id": uuid::Uuid::new_v4(),
            "actor": { "account": { "homePage": "https://dojo.invalid", "name": "t" } },
            "verb": { "id": "http://adlnet.gov/expapi/verbs/answered" },
            "object": { "id": format!("https://dojo.invalid/scenarios/t/scenes/{n}") },
            "context": { "registration": registration },
        })
    };
    let mut bad = good(2);
    bad.as_object_mut().unwrap().remove("verb");
    let lines = [good(1), bad.clone(), good(3)]
        .map(|s| s.to_string())
        .join("\n");
    fs::write(outbox.join("statements.jsonl"), format!("{lines}\n")).unwrap();
    let sync = dojo_with_lrs(data.path(), &endpoint, "dojo-secret")
        .arg("sync")
        .output()
        .unwrap();
    let report = stdout_of(&sync);
    assert!(report.starts_with("sent 2 to "), "{report}");
    assert!(
        report.contains(&format!("refused 1\n  {}: ", bad["id"].as_str().unwrap())),
        "{report}"
    );
    assert!(
        report.contains("verb"),
        "the LRS's reason is shown: {report}"
    );
    assert!(report.ends_with("waiting 0\n"), "{report}");
    let again = dojo_with_lrs(data.path(), &endpoint, "dojo-secret")
        .arg("sync")
        .output()
        .unwrap();
    assert_eq!(
        stdout_of(&again).lines().skip(1).collect::<Vec<_>>(),
        ["refused 0", "waiting 0"]
    );
    assert_eq!(stored(&endpoint, &registration.to_string()).len(), 2);
}

/// Needs no LRS: the ids are fixed by the session, whichever file they are built from and
/// however often, which is what keeps the store from holding a record twice.
#[test]
fn statements_have_the_same_ids_from_the_journal_and_from_the_results_file() {
    let data = tempfile::tempdir().unwrap();
    dojo(data.path())
        .args(ADA_PLAYS_CODE_REVIEW)
        .write_stdin("1\n3\n1 2\n3 1 2\nwrite a test\n")
        .assert()
        .success();
    let (_, from_results) = made(data.path());
    let journal = fs::read_dir(data.path().join("sessions"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let output = dojo(data.path())
        .arg("xapi")
        .arg(&journal)
        .output()
        .unwrap();
    let from_journal: Vec<Value> = serde_json::from_str(&stdout_of(&output)).unwrap();
    assert_eq!(from_journal, from_results);
    let verbs: Vec<&str> = from_results
        .iter()
        .map(|s| s["verb"]["display"]["en-US"].as_str().unwrap())
        .collect();
    assert_eq!(
        verbs,
        [
            "initialized",
            "answered",
            "answered",
            "answered",
            "answered",
            "answered",
            "completed",
            "terminated"
        ]
    );
    let order = &from_results[4];
    assert_eq!(
        order["object"]["definition"]["interactionType"],
        "sequencing"
    );
    assert_eq!(order["result"]["response"], "read[,]comment[,]run");
    assert_eq!(order["result"]["success"], false);
    let with_scenario = dojo(data.path())
        .arg("xapi")
        .arg(&journal)
        .args(["--scenario", crate::common::CODE_REVIEW])
        .output()
        .unwrap();
    let with_scenario: Vec<Value> = serde_json::from_str(&stdout_of(&with_scenario)).unwrap();
    assert_eq!(
        with_scenario[4]["object"]["definition"]["correctResponsesPattern"],
        serde_json::json!(["read[,]run[,]comment"])
    );
    assert_eq!(with_scenario[4]["id"], order["id"]);
}
