//! The ballot order against a second source: common surnames and names built from them, in the
//! order that Rime's stroke dictionary gives (`tests/fixtures/ballot-order/`, written by
//! `scripts/strokes/second-source.mjs`; data/README.md), must come out the same from
//! `data/strokes.tsv`, whichever order they are given in; and, drawn at random, the order is a
//! total order that does not depend on the order given.

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

mod properties {
    //! The ballot order is a total order, whatever the names: random names drawn from known
    //! characters, characters known only by their count, characters without data, and blanks.

    use std::cmp::Ordering;

    use ballotbox::election::BallotOrder;
    use ballotbox::election::ballot_order::{compare, first_out_of_order, sort};
    use proptest::prelude::*;

    /// 王 文 于 万 (4 strokes, known), 丏 (4, count only), 田 (5), 阝-built 陈 郑, 叭 and 只 (the
    /// same sequence), a Latin letter and a rare character without data.
    const POOL: [char; 12] = [
        '王', '文', '于', '万', '丏', '田', '陈', '郑', '叭', '只', 'A', '𠀀',
    ];

    fn name() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(POOL.to_vec()), 0..5)
            .prop_map(|chars| chars.into_iter().collect())
    }

    fn method() -> impl Strategy<Value = BallotOrder> {
        prop_oneof![
            Just(BallotOrder::SurnameStrokes),
            Just(BallotOrder::NameStrokes)
        ]
    }

    proptest! {
        #[test]
        fn comparing_is_antisymmetric_and_equal_only_for_the_same_name(
            a in name(), b in name(), method in method()
        ) {
            prop_assert_eq!(compare(&a, &b, method), compare(&b, &a, method).reverse());
            prop_assert_eq!(compare(&a, &b, method) == Ordering::Equal, a == b);
        }

        #[test]
        fn comparing_is_transitive(a in name(), b in name(), c in name(), method in method()) {
            if compare(&a, &b, method).is_le() && compare(&b, &c, method).is_le() {
                prop_assert!(compare(&a, &c, method).is_le());
            }
        }

        #[test]
        fn any_order_given_comes_out_the_same_and_in_order(
            names in prop::collection::vec(name(), 0..12), method in method()
        ) {
            let mut forward = names.clone();
            sort(&mut forward, method, String::as_str);
            let mut backward: Vec<String> = names.into_iter().rev().collect();
            sort(&mut backward, method, String::as_str);
            prop_assert_eq!(&forward, &backward);
            prop_assert_eq!(first_out_of_order(&forward, method), None);
        }
    }
}
