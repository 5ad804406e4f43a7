//! `ballotbox ballot-order` as an organiser runs it: names one a line in, the same names in
//! stroke order out (RULES.md §2).

// Helpers outside #[test] functions fail the test loudly, as a test should.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod command;

use command::ballotbox;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("the names are UTF-8")
}

#[test]
fn names_from_standard_input_come_out_in_surname_stroke_order() {
    let output = ballotbox(
        &["ballot-order"],
        Some("欧阳明\n洪亮\n文明\n王明\n田大利\n田富\n林一\n\n  宋江 \n李江\n"),
    );
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        stdout(&output),
        "王明\n文明\n田富\n田大利\n李江\n宋江\n林一\n欧阳明\n洪亮\n"
    );
}

#[test]
fn the_full_method_orders_by_the_whole_name_without_a_blank() {
    let output = ballotbox(
        &["ballot-order", "--method", "full"],
        Some("田富\n田大利\n"),
    );
    assert!(output.status.success(), "{output:?}");
    assert_eq!(stdout(&output), "田大利\n田富\n");
}

#[test]
fn a_file_is_read_when_named() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("names.txt");
    std::fs::write(&file, "郑一\n陈一\n赵一\n").expect("the file is written");
    let output = ballotbox(
        &[
            "ballot-order",
            "--method",
            "surname",
            file.to_str().expect("UTF-8"),
        ],
        None,
    );
    assert!(output.status.success(), "{output:?}");
    assert_eq!(stdout(&output), "陈一\n郑一\n赵一\n");
}

#[test]
fn an_unknown_method_or_a_missing_file_is_refused() {
    let output = ballotbox(&["ballot-order", "--method", "pinyin"], Some("王明\n"));
    assert_eq!(output.status.code(), Some(2));
    let output = ballotbox(&["ballot-order", "/no/such/names.txt"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/no/such/names.txt"));
}
