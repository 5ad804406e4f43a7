//! Sealed-ballot cryptography on the largest demo ballot (committee 8 candidates, 7 seats,
//! 7 write-in lines; audit 4, 3, 3; women 6, 5, 5): sealing a ballot, verifying it on one and
//! two threads, a trustee's partial decryption of a round of 1,000 such ballots' first opening
//! list, the combination, and the count search. Prints figures; asserts nothing.
//!
//! `cargo bench --bench sealed`; `BALLOTBOX_BENCH_SEALED_BALLOTS` (default 1000) changes the round.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../tests/fixtures/mod.rs"]
mod fixtures;

use std::time::Instant;

use ballotbox::election::{CandidateId, ContestId};
use ballotbox::record::hash::sha256;
use ballotbox::record::sealed::ballot::{
    ContestShape, Mark, SealedBallot, SectionChoices, verify_ballots,
};
use ballotbox::record::sealed::elgamal::CountSearch;
use ballotbox::record::sealed::group::Point;
use ballotbox::record::sealed::opening::{PartialDecryption, combine, counts, first_list};
use ballotbox::record::sealed::randomness::SystemRandomness;

use fixtures::sealed::Trustees;

fn shape(id: &str, candidates: u32, seats: u32, lines: u32) -> ContestShape {
    ContestShape {
        contest: ContestId::parse(id).unwrap(),
        candidates: (1..=candidates)
            .map(|c| CandidateId::parse(&format!("{c:03}")).unwrap())
            .collect(),
        write_in_lines: lines,
        seats,
    }
}

fn choices(shape: &ContestShape) -> SectionChoices {
    // A full ballot: every seat chosen, one of them by a write-in.
    let seats = shape.seats as usize;
    let marks = (0..shape.candidates.len())
        .map(|k| {
            if k + 1 < seats {
                Mark::For
            } else {
                Mark::Against
            }
        })
        .collect();
    SectionChoices {
        marks,
        write_ins: vec!["王五".to_owned()],
    }
}

fn ms(start: Instant, times: usize) -> f64 {
    start.elapsed().as_secs_f64() * 1e3 / times as f64
}

fn main() {
    let ballots_in_round: usize = std::env::var("BALLOTBOX_BENCH_SEALED_BALLOTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let mut rng = SystemRandomness::new();
    let Trustees {
        ceremony, shares, ..
    } = Trustees::ceremony("bench", 3, 2);
    let key = ceremony.joint_key();
    let manifest = sha256(&[b"bench"]);
    let shapes = vec![
        shape("committee", 8, 7, 7),
        shape("audit", 4, 3, 3),
        shape("women", 6, 5, 5),
    ];
    let all_choices: Vec<SectionChoices> = shapes.iter().map(choices).collect();
    let sections: Vec<_> = shapes.iter().zip(&all_choices).collect();

    let n = 20;
    let start = Instant::now();
    let sample: Vec<SealedBallot> = (0..n)
        .map(|_| {
            SealedBallot::seal(&key, &manifest, 1, &sections, &mut rng)
                .unwrap()
                .0
        })
        .collect();
    println!("seal the largest demo ballot: {:.2} ms", ms(start, n));
    let bytes = serde_json::to_vec(&sample[0]).unwrap().len();
    println!("  its JSON: {bytes} bytes");

    let start = Instant::now();
    for ballot in &sample {
        ballot.verify(&key, &manifest, 1, &shapes).unwrap();
    }
    let one = ms(start, n);
    println!(
        "verify it, 1 thread: {one:.2} ms, {:.0} ballots/s",
        1e3 / one
    );

    let threads = 2;
    let per_thread = 40;
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                for k in 0..per_thread {
                    sample[k % n].verify(&key, &manifest, 1, &shapes).unwrap();
                }
            });
        }
    });
    let elapsed = start.elapsed().as_secs_f64();
    println!(
        "verify, {threads} threads: {:.0} ballots/s",
        (threads * per_thread) as f64 / elapsed
    );

    // A round's ballots verified together, as the server's opening and ballotbox verify do:
    // the range proofs of 32 ballots in one batch, on two threads. The sample is repeated,
    // which the batch does not notice (the distinctness check is the round's, outside it).
    let many: Vec<SealedBallot> = (0..128).map(|k| sample[k % n].clone()).collect();
    let start = Instant::now();
    std::thread::scope(|scope| {
        for half in many.chunks(many.len() / 2) {
            let (key, manifest, shapes) = (&key, &manifest, &shapes);
            scope.spawn(move || {
                for batch in half.chunks(32) {
                    verify_ballots(key, manifest, 1, shapes, batch).unwrap();
                }
            });
        }
    });
    let rate = many.len() as f64 / start.elapsed().as_secs_f64();
    println!("verify in batches of 32, 2 threads: {rate:.0} ballots/s");
    println!(
        "  so 100,000 such ballots would take {:.0} s to verify",
        100_000.0 / rate
    );

    // A round: the sample repeated (the list's cost does not depend on the ballots' values).
    let round: Vec<SealedBallot> = (0..ballots_in_round)
        .map(|k| sample[k % n].clone())
        .collect();
    let start = Instant::now();
    let list = first_list(&shapes, &round).unwrap();
    println!(
        "first opening list of {ballots_in_round} ballots ({} entries): {:.0} ms",
        list.entries.len(),
        ms(start, 1)
    );
    let start = Instant::now();
    let partials: Vec<_> = [&shares[0], &shares[2]]
        .iter()
        .map(|s| PartialDecryption::make(s, &manifest, 1, &list, &mut rng).unwrap())
        .collect();
    println!(
        "a trustee's partial decryption with its proof: {:.0} ms",
        ms(start, 2)
    );
    let start = Instant::now();
    let verified: Vec<_> = partials
        .iter()
        .map(|p| {
            p.verify(&manifest, 1, &list, &ceremony.public_share(p.trustee))
                .unwrap()
        })
        .collect();
    println!("verify a partial decryption: {:.0} ms", ms(start, 2));
    let start = Instant::now();
    let opened = combine(2, &list, &verified).unwrap();
    println!("combine two: {:.0} ms", ms(start, 1));
    let start = Instant::now();
    let found = counts(&opened, ballots_in_round as u64).unwrap();
    println!(
        "count search of {} entries (N = {ballots_in_round}): {:.0} ms",
        found.len(),
        ms(start, 1)
    );

    let search = CountSearch::new(100_000);
    let start = Instant::now();
    for m in [0, 50_000, 99_999, 100_000] {
        search.find(&Point::count(m)).unwrap();
    }
    println!("count search, N = 100 000: {:.2} ms a search", ms(start, 4));
}
