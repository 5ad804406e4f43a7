//! `ballotbox demo` as a newcomer runs it: a whole congress over HTTP, and a record that
//! `ballotbox verify` accepts.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use ballotbox::demo::DemoOptions;

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
        "经费审查委员会主任",
        "女职工委员会主任",
        "funds audit committee members present",
        "women workers' committee members present",
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
    assert!(String::from_utf8_lossy(&demo.stderr).contains("at least 11 delegates"));
}

/// Runs the demo in this process and checks its record.
async fn demo(delegates: u32, kiosks: u32, seed: u64) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let options = DemoOptions {
        delegates,
        kiosks,
        out: dir.path().join("record.json"),
        seed,
    };
    let what = format!("--delegates {delegates} --kiosks {kiosks} --seed {seed}");
    let outcome = ballotbox::demo::run(&options)
        .await
        .map_err(|e| format!("{what}: {e:#}"))?;
    let report = ballotbox::record::verify::verify(&outcome.record);
    if !report.ok {
        return Err(format!(
            "{what}: the record does not verify:\n{}",
            report.text()
        ));
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_demo_runs_and_verifies_for_every_size_from_the_smallest_and_many_seeds() {
    // Every size from the smallest to past the point where the larger bodies begin, with
    // seeds and kiosk counts varied; the sizes and seeds once reported as failing; and a few
    // larger congresses. With 33 delegates and seed 1 the women's committee falls short while
    // the other bodies are complete, so a round is held for the female delegates alone.
    let mut runs: Vec<(u32, u32, u64)> = (ballotbox::demo::MIN_DELEGATES..=45)
        .map(|d| (d, 1 + d % 4, u64::from(d) * 7 + 1))
        .collect();
    runs.extend((30..=35).map(|d| (d, 4, 1)));
    runs.extend([
        (31, 2, 4),
        (33, 2, 1),
        (80, 8, 3),
        (11, 1, 2),
        (11, 3, 5),
        (12, 2, 6),
        (200, 6, 11),
    ]);
    let mut failures = Vec::new();
    // A few at a time: each is a server with its own database.
    for chunk in runs.chunks(6) {
        let tasks: Vec<_> = chunk
            .iter()
            .map(|&(d, k, s)| tokio::spawn(demo(d, k, s)))
            .collect();
        for task in tasks {
            if let Err(failure) = task.await.unwrap() {
                failures.push(failure);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
