//! How fast the rules engine counts: one million ballots over a committee (9 candidates for 7
//! seats), an audit committee (4 for 3) and a women's committee (6 for 5); and how fast a count
//! sheet of 100,000 ballots is read and counted end to end.
//!
//! Run with `cargo bench --bench tally`; the figures are what the issue notes report.

// Helpers outside #[test] functions fail the test loudly, as a test should.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use ballotbox::election::setup::SetupDraft;
use ballotbox::election::tally::{BallotBox, tally_contest};
use ballotbox::election::{
    ContestDraft, ContestKind, CountSheet, Marks, RoundKind, Section, Setup,
};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};

const BALLOTS: u32 = 1_000_000;
const SHEET_BALLOTS: u32 = 100_000;

/// (id, kind, candidates, seats)
const CONTESTS: [(&str, ContestKind, usize, u32); 3] = [
    ("committee", ContestKind::Committee, 9, 7),
    ("audit", ContestKind::AuditCommittee, 4, 3),
    ("women", ContestKind::WomenCommittee, 6, 5),
];

/// A small deterministic generator (xorshift64*), so every run counts the same ballots.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % sides
    }
}

fn candidate(contest: &str, i: usize) -> String {
    format!("{contest}{i}")
}

/// One voter's marks in a contest: mostly *for* the front-runners, some against, a few
/// write-ins, a few over-votes.
fn marks(dice: &mut Dice, contest: &str, candidates: usize, seats: u32) -> Marks {
    let mut marks = Marks::default();
    for i in 0..candidates {
        let id = candidate(contest, i);
        // Earlier candidates are more popular.
        match dice.roll(100) {
            r if r < 85 - 8 * i as u64 => marks.for_.push(id),
            r if r < 92 => marks.against.push(id),
            r if r < 96 => marks.abstain.push(id),
            _ => {}
        }
    }
    if dice.roll(50) == 0 {
        marks
            .write_ins
            .push(["赵六", "钱七", "孙八"][dice.roll(3) as usize].to_owned());
    }
    // Kiosks prevent over-votes; a few paper ballots keep them, and they must count as invalid.
    if dice.roll(200) != 0 {
        marks
            .for_
            .truncate(seats as usize - marks.write_ins.len().min(1));
    }
    marks
}

fn setup() -> Setup {
    let contests = CONTESTS
        .iter()
        .map(|&(id, kind, candidates, seats)| ContestDraft {
            id: id.into(),
            kind,
            title: id.into(),
            seats,
            candidates: (0..candidates)
                .map(|i| (candidate(id, i), format!("候选人{id}{i}")))
                .collect(),
            entitled: BALLOTS,
            round: RoundKind::Regular,
            filled_earlier: 0,
            members: None,
        })
        .collect();
    Setup::parse(SetupDraft {
        contests,
        ..SetupDraft::default()
    })
    .expect("the benchmark setup is valid")
}

fn ballot_boxes(setup: &Setup) -> Vec<BallotBox> {
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    setup
        .contests()
        .iter()
        .zip(CONTESTS)
        .map(|(contest, (id, _, candidates, seats))| BallotBox {
            issued: BALLOTS,
            sections: (0..BALLOTS)
                .map(|_| {
                    Section::parse(contest, &marks(&mut dice, id, candidates, seats))
                        .expect("readable marks")
                })
                .collect(),
        })
        .collect()
}

fn count_sheet() -> String {
    let mut dice = Dice(0x2545_f491_4f6c_dd1d);
    let contests: Vec<Value> = CONTESTS
        .iter()
        .map(|&(id, kind, candidates, seats)| {
            json!({
                "id": id, "kind": kind, "title": id, "seats": seats, "issued": SHEET_BALLOTS,
                "candidates": (0..candidates).map(|i| json!({"id": candidate(id, i), "name": format!("候选人{id}{i}")})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let ballots: Vec<Value> = (0..SHEET_BALLOTS)
        .map(|_| {
            let sections: serde_json::Map<String, Value> = CONTESTS
                .iter()
                .map(|&(id, _, candidates, seats)| {
                    (
                        id.to_owned(),
                        json!(marks(&mut dice, id, candidates, seats)),
                    )
                })
                .collect();
            Value::Object(sections)
        })
        .collect();
    json!({"entitled": SHEET_BALLOTS, "present": SHEET_BALLOTS, "contests": contests, "ballots": ballots}).to_string()
}

fn bench(c: &mut Criterion) {
    let setup = setup();
    let boxes = ballot_boxes(&setup);
    let mut group = c.benchmark_group("tally");
    group.sample_size(10);
    group.bench_function("1M ballots x 3 contests", |b| {
        b.iter(|| {
            for (contest, ballots) in setup.contests().iter().zip(&boxes) {
                black_box(tally_contest(&setup, contest, true, ballots));
            }
        })
    });
    let sheet = count_sheet();
    group.bench_function("read and count a 100k-ballot count sheet", |b| {
        b.iter(|| {
            black_box(
                CountSheet::parse(&sheet)
                    .expect("the sheet is valid")
                    .tally(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
