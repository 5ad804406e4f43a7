//! `ballotbox verify` on a 100,000-ballot record: reading the file, then every check — the
//! leaves and Merkle root, the signatures, the rules of the rounds, and the recount. Target:
//! under 5 s on this machine. Also one receipt's inclusion proof.
//!
//! `cargo bench --bench verify`; `BALLOTBOX_BENCH_BALLOTS` changes the size (default 100000).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../tests/fixtures/mod.rs"]
mod fixtures;

use std::time::{Duration, Instant};

use ballotbox::record::verify;

use fixtures::{Builder, founding_manifest, in_one_round, marks, votes};

/// A congress of `ballots` delegates, 40 % of them women, voting in one round on the
/// committee, the funds audit committee and the women's committee, then published.
fn record(ballots: u32) -> String {
    let women = ballots * 2 / 5;
    let manifest = in_one_round(founding_manifest(ballots * 3 / 2), ballots);
    let mut builder = Builder::new(manifest);
    // Every body is filled in the one round: the record can be published.
    let committee = [
        votes(&["c01", "c02", "c03", "c04", "c05"]),
        marks(&["c01", "c02", "c03", "c04", "c05"], &["c06"], &[], &[]),
        marks(&["c01", "c02", "c03", "c05"], &[], &["c04"], &["赵六"]),
        votes(&["c01", "c02", "c03", "c04", "c06"]),
    ];
    let audit = [
        votes(&["d01", "d02", "d03"]),
        marks(&["d01", "d02", "d03"], &["d04"], &[], &[]),
    ];
    let cast = (0..ballots as usize)
        .map(|i| {
            let mut ballot = vec![
                ("committee", committee[i % committee.len()].clone()),
                ("audit", audit[i % audit.len()].clone()),
            ];
            if i % 5 < 2 {
                ballot.push(("women", votes(&["f01", "f02", "f03"])));
            }
            ballot
        })
        .collect();
    builder.round(
        &["committee", "audit", "women"],
        &[("all", ballots, ballots), ("female", women, women)],
        &[("committee", ballots), ("audit", ballots), ("women", women)],
        cast,
    );
    builder.publish();
    serde_json::to_string(&builder.finish()).unwrap()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let ballots = std::env::var("BALLOTBOX_BENCH_BALLOTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let text = record(ballots);
    let (mut reading, mut checking, mut receipt) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..3 {
        let started = Instant::now();
        let parsed = verify::parse_record(&text).unwrap();
        reading.push(started.elapsed());
        let started = Instant::now();
        let report = verify::verify(&parsed);
        checking.push(started.elapsed());
        assert!(report.ok, "{:?}", report.failure);
        let last = parsed.rounds[0].ballots.last().unwrap().receipt().unwrap();
        let started = Instant::now();
        verify::verify_receipt(&parsed, &last.to_hex()).unwrap();
        receipt.push(started.elapsed());
    }
    let (reading, checking) = (median(reading), median(checking));
    println!(
        "verify a {ballots}-ballot record ({:.1} MB): read {:.2} s + check {:.2} s = {:.2} s (median of 3)",
        text.len() as f64 / 1e6,
        reading.as_secs_f64(),
        checking.as_secs_f64(),
        (reading + checking).as_secs_f64()
    );
    println!(
        "check one receipt's inclusion proof in it: {:.3} s",
        median(receipt).as_secs_f64()
    );
}
