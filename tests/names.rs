//! The server and the browser read names alike (docs/record-format.md §1): the Rust reading
//! against the shared list of tricky inputs (`tests/fixtures/names.json`, which
//! `tests/browser/names.test.mjs` holds the browser's reading to), and the two copies of the
//! character tables range for range.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ballotbox::election::names::{self, NameError, code_point, tables};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    input: String,
    name: Option<String>,
    error: Option<String>,
    character: Option<String>,
}

/// The code the server answers with for a refusal, as `ApiError::bad_name` maps it.
fn code(error: NameError) -> (&'static str, Option<String>) {
    match error {
        NameError::Control(c) => ("name_control", Some(code_point(c))),
        NameError::Bidi(c) => ("name_bidi", Some(code_point(c))),
        NameError::LineBreak(c) => ("name_line_break", Some(code_point(c))),
        NameError::Empty => ("name_empty", None),
        NameError::TooLong(_) => ("name_too_long", None),
    }
}

#[test]
fn the_rust_reading_gives_what_the_shared_list_of_tricky_inputs_says() {
    let text = std::fs::read_to_string(format!("{ROOT}/tests/fixtures/names.json")).unwrap();
    let cases: Vec<Case> = serde_json::from_str(&text).unwrap();
    assert!(cases.len() > 40);
    for case in cases {
        let got = names::read(&case.input, 64);
        match (&case.name, got) {
            (Some(name), Ok(read)) => assert_eq!(&read, name, "{:?}", case.input),
            (None, Err(error)) => {
                let (code, character) = code(error);
                assert_eq!(Some(code), case.error.as_deref(), "{:?}", case.input);
                if case.character.is_some() {
                    assert_eq!(character, case.character, "{:?}", case.input);
                }
            }
            (_, got) => panic!("{:?}: read as {got:?}", case.input),
        }
    }
}

/// The tables of `kiosk/shared/names-tables.js`, by name.
fn js_tables() -> Vec<(String, Vec<(u32, u32)>)> {
    let text = std::fs::read_to_string(format!("{ROOT}/kiosk/shared/names-tables.js")).unwrap();
    let mut found = Vec::new();
    for block in text.split("export const ").skip(1) {
        let (name, rest) = block.split_once(" = ").unwrap();
        let body = rest.split("];").next().unwrap();
        let ranges = body
            .lines()
            .filter_map(|line| line.trim().strip_prefix('[')?.strip_suffix("],"))
            .map(|pair| {
                let (a, b) = pair.split_once(", ").unwrap();
                let hex = |t: &str| u32::from_str_radix(t.trim_start_matches("0x"), 16).unwrap();
                (hex(a), hex(b))
            })
            .collect();
        found.push((name.to_owned(), ranges));
    }
    found
}

#[test]
fn the_browser_and_the_server_read_names_by_the_same_tables() {
    let rust: [(&str, &[(u32, u32)]); 5] = [
        ("CONTROL", tables::CONTROL),
        ("BIDI_CONTROL", tables::BIDI_CONTROL),
        ("DEFAULT_IGNORABLE", tables::DEFAULT_IGNORABLE),
        ("WHITE_SPACE", tables::WHITE_SPACE),
        ("SPACE_SEPARATOR", tables::SPACE_SEPARATOR),
    ];
    let js = js_tables();
    let version = js.iter().find(|(name, _)| name == "UNICODE_VERSION");
    assert!(version.is_some());
    let text = std::fs::read_to_string(format!("{ROOT}/kiosk/shared/names-tables.js")).unwrap();
    assert!(text.contains(&format!("UNICODE_VERSION = '{}'", names::UNICODE_VERSION)));
    for (name, table) in rust {
        let theirs = js
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_slice());
        assert_eq!(theirs, Some(table), "{name}");
        assert!(
            table.windows(2).all(|w| w[0].1 < w[1].0),
            "{name} is sorted and disjoint"
        );
    }
}
