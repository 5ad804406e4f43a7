//! `ballotbox demo` as a newcomer runs it: a whole congress over HTTP, and a record that
//! `ballotbox verify` accepts.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

#[test]
fn the_demo_runs_a_whole_congress_and_writes_a_record_that_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("record.json");
    let demo = Command::new(env!("CARGO_BIN_EXE_ballotbox"))
        .args(["demo", "--delegates", "60", "--kiosks", "3", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&demo.stdout);
    assert!(
        demo.status.success(),
        "{printed}\n{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    for expected in [
        "round 1 opened",
        "plenary",
        "工会主席",
        "工会副主席",
        "女职工委员会委员",
        "经费审查委员会委员",
        "结果哈希 Result hash",
        "会签 Countersigned",
    ] {
        assert!(
            printed.contains(expected),
            "the demo says \"{expected}\":\n{printed}"
        );
    }

    let verify = Command::new(env!("CARGO_BIN_EXE_ballotbox"))
        .arg("verify")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
    // The result hash the demo printed is the one the verifier computes from the record.
    let hash_line = |text: &str| {
        text.lines()
            .find(|l| l.contains("Result hash"))
            .map(str::to_owned)
    };
    assert_eq!(
        hash_line(&printed),
        hash_line(&String::from_utf8_lossy(&verify.stdout))
    );
}

#[test]
fn the_demo_refuses_a_congress_too_small_to_hold_its_bodies() {
    let demo = Command::new(env!("CARGO_BIN_EXE_ballotbox"))
        .args(["demo", "--delegates", "5"])
        .output()
        .unwrap();
    assert_eq!(demo.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&demo.stderr).contains("at least 30 delegates"));
}
