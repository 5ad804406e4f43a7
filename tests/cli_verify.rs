//! `ballotbox verify` as an inspector runs it: exit codes, the summary, the first failure, the
//! JSON report and receipt checks, on records written by the fixtures.

// Helpers outside #[test] functions fail the test loudly, as a test should.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod command;

mod fixtures;

use std::path::Path;
use std::process::Output;

use ballotbox::record::documents::ElectionRecord;
use ballotbox::record::hash::sha256;
use command::ballotbox;
use serde_json::{Value, json};

/// Writes `record` as the server's export would be written, into a fresh directory.
fn written(record: &ElectionRecord) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("record.json");
    std::fs::write(&path, serde_json::to_string_pretty(record).unwrap()).unwrap();
    let path = path.to_str().unwrap().to_owned();
    (dir, path)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_sound_record_verifies_with_a_short_summary() {
    let record = fixtures::founding_congress();
    let (_dir, path) = written(&record);
    let output = ballotbox(&["verify", &path], None);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let hash = record.publication.as_ref().unwrap().result_hash;
    assert!(
        text.starts_with("记录核验通过 The election record verifies"),
        "{text}"
    );
    assert!(text.contains("东方机械厂工会成立大会 (c1)"), "{text}");
    assert!(
        text.contains("3 round(s), 39 ballot(s) checked, 1 seat reduction(s)"),
        "{text}"
    );
    assert!(
        text.contains("工会主席 (chair), 1 seat(s): 李强 (3 for, round 3)"),
        "{text}"
    );
    assert!(text.contains(&hash.grouped()), "{text}");
    assert!(text.contains("何平") && text.contains("许静"), "{text}");
    assert!(stderr(&output).is_empty());
}

#[test]
fn a_dash_reads_the_record_from_standard_input() {
    let text = serde_json::to_string(&fixtures::example_record()).unwrap();
    let output = ballotbox(&["verify", "-"], Some(&text));
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("示例公司工会成立大会"));
}

#[test]
fn a_tampered_record_exits_1_naming_the_first_failure_on_its_first_line() {
    let mut record = fixtures::founding_congress();
    record.rounds[0].result.tally["contests"][0]["candidates"][0]["for"] = json!(12);
    let (_dir, path) = written(&record);
    let output = ballotbox(&["verify", &path], None);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert_eq!(
        text.lines().next(),
        Some(
            "核验失败 FAILED: round 1: contest \"committee\": the recount gives 11 for 王芳 (c01), the result says 12"
        ),
        "{text}"
    );
}

#[test]
fn the_json_report_says_ok_and_lists_the_checks() {
    let record = fixtures::founding_congress();
    let (_dir, path) = written(&record);
    let output = ballotbox(&["verify", "--json", &path], None);
    assert_eq!(output.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(report["failure"], Value::Null);
    let hash = record.publication.as_ref().unwrap().result_hash;
    assert_eq!(report["result_hash"], json!(hash.to_hex()));
    let checks = report["checks"].as_array().unwrap();
    assert!(checks.len() > 40, "{}", checks.len());
    assert_eq!(
        checks[0],
        json!({"code": "record_format", "place": "record", "detail": "ballotbox-record/2"})
    );
}

#[test]
fn the_json_report_names_the_failure_by_code_and_place() {
    let mut record = fixtures::founding_congress();
    record.rounds[1].ballots.pop();
    let (_dir, path) = written(&record);
    let output = ballotbox(&["verify", "--json", &path], None);
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(report["failure"]["code"], "tree_size");
    assert_eq!(report["failure"]["place"], "round 2");
    assert_eq!(report["result_hash"], Value::Null);
}

#[test]
fn garbage_exits_2_with_one_line_naming_where() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "not-json.json",
            "this is not JSON".to_owned(),
            "line 1 column 2",
        ),
        (
            "wrong-shape.json",
            json!({"format": "ballotbox-record/1", "manifest": 7}).to_string(),
            "manifest",
        ),
        ("empty.json", String::new(), "EOF"),
    ];
    for (name, text, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let output = ballotbox(&["verify", path.to_str().unwrap()], None);
        assert_eq!(output.status.code(), Some(2), "{name}: {}", stdout(&output));
        let message = stderr(&output);
        assert_eq!(message.lines().count(), 1, "{name}: {message}");
        assert!(message.starts_with("ballotbox: "), "{name}: {message}");
        assert!(message.contains(expected), "{name}: {message}");
        assert!(!message.contains("panicked"), "{name}: {message}");
    }
}

#[test]
fn a_member_of_the_wrong_type_is_named_by_its_json_path() {
    let mut value = serde_json::to_value(fixtures::example_record()).unwrap();
    value["rounds"][0]["ballots"][2]["round"] = json!("one");
    let output = ballotbox(&["verify", "-"], Some(&value.to_string()));
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.starts_with("ballotbox: standard input: rounds[0].ballots[2].round: "),
        "{message}"
    );
}

#[test]
fn a_missing_file_exits_2() {
    let output = ballotbox(&["verify", "/nonexistent/record.json"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("ballotbox: reading /nonexistent/record.json: "));
}

#[test]
fn a_receipt_is_found_with_its_round_position_and_proof() {
    let record = fixtures::founding_congress();
    let (_dir, path) = written(&record);
    let receipt = record.rounds[0].ballots[16].receipt().unwrap();
    // As a delegate might type it: grouped, in capitals.
    let typed = receipt.grouped().to_uppercase();
    let output = ballotbox(&["verify", "--receipt", &typed, &path], None);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with(
            "回执已收录 The receipt is included: round 1, ballot 17 of 18 (leaf index 16)."
        ),
        "{text}"
    );
    // 18 leaves: the proof of leaf 16 has two hashes, the root of leaves 0–15 and leaf 17.
    assert!(text.contains("2 hash(es)"), "{text}");

    let output = ballotbox(
        &["verify", "--json", "--receipt", &receipt.to_hex(), &path],
        None,
    );
    assert_eq!(output.status.code(), Some(0));
    let found: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(found["ok"], true);
    assert_eq!(found["proof"]["round"], 1);
    assert_eq!(found["proof"]["index"], 16);
    assert_eq!(found["proof"]["tree_size"], 18);
    assert_eq!(found["proof"]["proof"].as_array().map(Vec::len), Some(2));
}

#[test]
fn a_receipt_not_in_the_record_exits_1() {
    let (_dir, path) = written(&fixtures::founding_congress());
    let unknown = sha256(&[b"no such ballot"]).to_hex();
    let output = ballotbox(&["verify", "--receipt", &unknown, &path], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output)
            .starts_with("回执未收录 NOT INCLUDED: no ballot in the record has the receipt"),
        "{}",
        stdout(&output)
    );
    let output = ballotbox(&["verify", "--json", "--receipt", &unknown, &path], None);
    assert_eq!(output.status.code(), Some(1));
    let answer: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(answer["ok"], false);
}

#[test]
fn a_malformed_receipt_code_exits_2() {
    let (_dir, path) = written(&fixtures::example_record());
    let output = ballotbox(&["verify", "--receipt", "12AB-34", &path], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("a receipt code is 64 hex digits"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_record_file_is_left_as_it_was() {
    let record = fixtures::example_record();
    let (_dir, path) = written(&record);
    let before = std::fs::read(&path).unwrap();
    let _ = ballotbox(&["verify", &path], None);
    assert_eq!(std::fs::read(Path::new(&path)).unwrap(), before);
}
