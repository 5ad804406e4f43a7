//! `ballotbox tally` as an organiser or inspector runs it: exit codes, output and errors.

// Helpers outside #[test] functions fail the test loudly, as a test should.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod command;

use std::process::Output;

use command::ballotbox;
use serde_json::{Value, json};

fn tally_stdin(sheet: &Value) -> Output {
    ballotbox(&["tally", "-"], Some(&sheet.to_string()))
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn example() -> &'static str {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/founding-congress.json"
    )
}

fn small_sheet() -> Value {
    json!({
        "entitled": 20, "present": 18,
        "contests": [{"id": "committee", "kind": "committee", "title": "工会委员会委员", "seats": 3,
                      "candidates": [{"id": "c01", "name": "王芳"}, {"id": "c02", "name": "李强"},
                                     {"id": "c03", "name": "张伟"}, {"id": "c04", "name": "刘洋"}],
                      "issued": 18}],
        "ballots": (0..18).map(|_| json!({"committee": {"for": ["c01", "c02", "c03"], "against": ["c04"]}})).collect::<Vec<_>>(),
    })
}

#[test]
fn the_example_sheet_tallies_to_json_with_the_documented_fields() {
    let output = ballotbox(&["tally", example()], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let result: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    assert_eq!(
        result["quorum"],
        json!({"entitled": 100, "present": 85, "required": 67, "met": true})
    );
    let committee = &result["contests"][0];
    for field in [
        "id",
        "seats",
        "entitled",
        "threshold",
        "issued",
        "returned",
        "valid",
        "invalid",
        "status",
        "candidates",
        "elected",
        "open_seats",
        "tied",
    ] {
        assert!(committee.get(field).is_some(), "missing {field}");
    }
    assert_eq!(committee["id"], "committee");
    assert_eq!(committee["threshold"], 51);
    assert_eq!(
        (
            committee["returned"].as_u64(),
            committee["invalid"].as_u64()
        ),
        (Some(85), Some(1))
    );
    assert_eq!(committee["status"], "complete");
    let first = &committee["candidates"][0];
    for field in ["id", "name", "for", "against", "abstain", "elected"] {
        assert!(first.get(field).is_some(), "candidate is missing {field}");
    }
    let write_in = committee["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["write_in"] == true)
        .unwrap();
    assert_eq!(write_in["id"], Value::Null);
    assert_eq!(result["contests"][1]["status"], "shortfall");
    assert_eq!(result["contests"][1]["open_seats"], 1);
}

#[test]
fn the_text_format_is_a_bilingual_table() {
    let output = ballotbox(&["tally", "--format", "text", example()], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("工会委员会委员 (committee)"), "{text}");
    assert!(text.contains("当选票数 threshold 51"));
    assert!(text.contains("另行选举"));
}

#[test]
fn a_dash_reads_the_sheet_from_standard_input() {
    let output = tally_stdin(&small_sheet());
    assert!(output.status.success(), "{}", stderr(&output));
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        result["contests"][0]["elected"].as_array().map(Vec::len),
        Some(3)
    );
}

#[test]
fn an_unknown_candidate_is_named_with_its_ballot_and_contest() {
    let mut sheet = small_sheet();
    sheet["ballots"][16] = json!({"committee": {"for": ["c9"]}});
    let output = tally_stdin(&sheet);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "ballotbox: standard input: ballot 17: unknown candidate \"c9\" in contest \"committee\"\n"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn unknown_fields_are_refused_with_their_path() {
    let mut sheet = small_sheet();
    sheet["ballots"][2]["committee"]["fro"] = json!(["c01"]);
    let output = tally_stdin(&sheet);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("ballots[2].committee"), "{message}");
    assert!(message.contains("unknown field `fro`"), "{message}");
    assert_eq!(message.lines().count(), 1);
}

#[test]
fn a_setup_that_breaks_a_rule_is_refused() {
    let mut sheet = small_sheet();
    sheet["contests"][0]["seats"] = json!(4);
    let output = tally_stdin(&sheet);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("4 candidates for 4 seats is too few; at least 5 are needed"));
}

#[test]
fn malformed_input_exits_2_with_one_line_and_never_panics() {
    let inputs = [
        "",
        "{",
        "[]",
        "null",
        "{\"entitled\": -1}",
        "{\"entitled\": 1e99, \"present\": 1}",
        "\u{feff}{}",
        "{\"entitled\": 10, \"present\": 11, \"contests\": [], \"ballots\": []}",
        "{\"entitled\": 10, \"present\": 8, \"contests\": [], \"ballots\": [{\"x\": {}}]}",
        "{\"entitled\": 10, \"present\": 8, \"contests\": [], \"ballots\": [[]]}",
        "{\"entitled\": 10, \"present\": 8, \"contests\": [], \"ballots\": [], \"ballots\": []}",
    ];
    for input in inputs {
        let output = ballotbox(&["tally", "-"], Some(input));
        assert_eq!(
            output.status.code(),
            Some(2),
            "input {input:?}: {}",
            stderr(&output)
        );
        let message = stderr(&output);
        assert_eq!(message.lines().count(), 1, "input {input:?}: {message}");
        assert!(!message.contains("panicked"), "input {input:?}: {message}");
    }
}

#[test]
fn a_section_given_twice_on_one_ballot_is_refused() {
    let text = small_sheet().to_string().replacen(
        "{\"committee\":{\"against\":[\"c04\"],\"for\":[\"c01\",\"c02\",\"c03\"]}}",
        "{\"committee\":{},\"committee\":{}}",
        1,
    );
    let output = ballotbox(&["tally", "-"], Some(&text));
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("contest \"committee\" appears twice on one ballot"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_missing_file_is_reported() {
    let output = ballotbox(&["tally", "/nonexistent/sheet.json"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("ballotbox: reading /nonexistent/sheet.json: "));
}
