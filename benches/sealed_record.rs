//! `ballotbox verify` on a sealed record of 100,000 ballots, as an inspector runs it: the real
//! command on the record's file, every proof, aggregate, partial decryption and challenged
//! ballot checked, and the round recounted from its totals. Target: 60 s on 2 cores.
//!
//! The record is the founding congress's single round, every body elected in it: each ballot
//! holds the committee (6 candidates, 5 seats, 5 write-in lines) and the funds audit committee
//! (4, 3, 3), and two in five the women's committee (4, 3, 3); one in fifty writes a name in;
//! ten ballots are challenged; two of the three trustees open it. Sealing that many ballots
//! takes minutes, so the record is written once under the target directory and read again by
//! later runs.
//!
//! `cargo bench --bench sealed_record`; `BALLOTBOX_BENCH_BALLOTS` changes the size (default
//! 100000).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../tests/fixtures/mod.rs"]
mod fixtures;

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use ballotbox::election::Marks;
use ballotbox::record::documents::ElectionRecord;

use fixtures::sealed::sealed_founding_manifest;
use fixtures::{Ballot, Builder, in_one_round, marks, votes};

/// The record of `ballots` ballots, as described above.
fn record(ballots: u32) -> ElectionRecord {
    let women = ballots * 2 / 5;
    let manifest = in_one_round(sealed_founding_manifest(ballots * 3 / 2), ballots);
    let mut builder = Builder::sealed(manifest);
    let committee = [
        votes(&["c01", "c02", "c03", "c04", "c05"]),
        marks(&["c01", "c02", "c03", "c04", "c05"], &["c06"], &[], &[]),
        marks(&["c01", "c02", "c03", "c05"], &[], &["c04"], &[]),
        votes(&["c01", "c02", "c03", "c04", "c06"]),
    ];
    let audit = [
        votes(&["d01", "d02", "d03"]),
        marks(&["d01", "d02", "d03"], &["d04"], &[], &[]),
    ];
    let ballot = |i: usize| -> Ballot {
        let committee = if i % 50 == 7 {
            marks(&["c01", "c02", "c03", "c04"], &[], &[], &["赵六"])
        } else {
            committee[i % committee.len()].clone()
        };
        let mut ballot: Vec<(&str, Marks)> = vec![
            ("committee", committee),
            ("audit", audit[i % audit.len()].clone()),
        ];
        if i % 5 < 2 {
            ballot.push(("women", votes(&["f01", "f02", "f03"])));
        }
        ballot
    };
    let n = ballots as usize;
    builder.sealed_round(
        &["committee", "audit", "women"],
        &[("all", ballots, ballots), ("female", women, women)],
        &[("committee", ballots), ("audit", ballots), ("women", women)],
        (0..n).map(ballot).collect(),
        (n..n + 10).map(ballot).collect(),
    );
    builder.publish();
    builder.finish()
}

/// The record's file, written the first time.
fn record_file(ballots: u32) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-records");
    std::fs::create_dir_all(&dir).unwrap();
    // The fixture's version is in the name: a record of an older fixture is written again.
    let path = dir.join(format!("sealed-{ballots}-v1.json"));
    if !path.exists() {
        println!("sealing {ballots} ballots (once; later runs read the file)…");
        let started = Instant::now();
        let record = record(ballots);
        let partial = path.with_extension("partial");
        let mut file = BufWriter::new(File::create(&partial).unwrap());
        serde_json::to_writer(&mut file, &record).unwrap();
        file.into_inner().unwrap().sync_all().unwrap();
        std::fs::rename(&partial, &path).unwrap();
        println!(
            "  written in {:.0} s: {}",
            started.elapsed().as_secs_f64(),
            path.display()
        );
    }
    path
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let ballots = std::env::var("BALLOTBOX_BENCH_BALLOTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let path = record_file(ballots);
    let size = std::fs::metadata(&path).unwrap().len();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_ballotbox"))
        .arg("verify")
        .arg(&path)
        .output()
        .unwrap();
    let seconds = started.elapsed().as_secs_f64();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    println!(
        "ballotbox verify, {ballots} sealed ballots ({:.2} GB), {threads} cores: {seconds:.1} s, {:.0} ballots/s (target: 100,000 in 60 s)",
        size as f64 / 1e9,
        f64::from(ballots) / seconds,
    );
}
