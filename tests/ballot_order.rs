//! The ballot order against a second source: common surnames and names built from them, in the
//! order that Rime's stroke dictionary gives (`tests/fixtures/ballot-order/`, written by
//! `scripts/strokes/second-source.mjs`; data/README.md), must come out the same from
//! `data/strokes.tsv`, whichever order they are given in.

use ballotbox::election::BallotOrder;
use ballotbox::election::ballot_order::{first_out_of_order, sort};

fn list(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect()
}

fn check(expected: &[&'static str], method: BallotOrder) {
    assert_eq!(
        first_out_of_order(expected, method),
        None,
        "the second source's order is ours"
    );
    // Reversed and interleaved, so that a stable sort cannot keep the order by chance.
    let mut given: Vec<&str> = expected.iter().rev().copied().collect();
    let half = given.len() / 2;
    given.rotate_left(half);
    sort(&mut given, method, |n| n);
    for (i, (ours, theirs)) in given.iter().zip(expected).enumerate() {
        assert_eq!(ours, theirs, "place {}", i + 1);
    }
}

#[test]
fn common_surnames_stand_in_the_second_sources_order() {
    let surnames = list(include_str!("fixtures/ballot-order/surnames.txt"));
    assert!(surnames.len() >= 300);
    check(&surnames, BallotOrder::SurnameStrokes);
}

#[test]
fn names_stand_in_the_second_sources_order_by_surname_strokes() {
    let names = list(include_str!("fixtures/ballot-order/names-by-surname.txt"));
    check(&names, BallotOrder::SurnameStrokes);
}

#[test]
fn names_stand_in_the_second_sources_order_by_name_strokes() {
    let names = list(include_str!("fixtures/ballot-order/names-by-name.txt"));
    check(&names, BallotOrder::NameStrokes);
}
