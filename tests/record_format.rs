//! `docs/record-format.md` cannot drift from the code: its worked example is regenerated here
//! from fixed keys and salts, and every value the document shows must be the one computed.
//!
//! To print the example after a change of format, run
//! `BALLOTBOX_PRINT_EXAMPLE=1 cargo test --test record_format -- --nocapture`.

// Helpers outside #[test] functions fail the test loudly, as a test should.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod fixtures;

use ballotbox::record::canonical;
use ballotbox::record::documents::{Countersigned, ElectionRecord};
use ballotbox::record::keys::SigningContext;
use ballotbox::record::merkle;
use ballotbox::record::verify::verify;
use serde_json::Value;

/// Every value of the worked example, by the name the document gives it.
struct Example {
    record: ElectionRecord,
    /// Text the document must hold verbatim.
    texts: Vec<(&'static str, String)>,
    /// Hex the document must hold, perhaps broken over lines.
    hexes: Vec<(&'static str, String)>,
}

fn example() -> Example {
    let record = fixtures::example_record();
    let round = &record.rounds[0];
    let ballot = String::from_utf8(round.ballots[0].leaf_data().unwrap()).unwrap();
    let leaves: Vec<_> = round.ballots.iter().map(|b| b.receipt().unwrap()).collect();
    let head = String::from_utf8(canonical::to_vec(&round.tree_head).unwrap()).unwrap();
    let mut signed_head = SigningContext::TreeHead.label().as_bytes().to_vec();
    signed_head.push(0);
    signed_head.extend_from_slice(head.as_bytes());
    let publication = record.publication.as_ref().unwrap();
    let countersigned = Countersigned {
        congress: record.manifest.congress.id.clone(),
        result_hash: publication.result_hash,
    };
    let countersigned = String::from_utf8(canonical::to_vec(&countersigned).unwrap()).unwrap();
    let proof = merkle::inclusion_proof(0, &leaves).unwrap();
    let texts = vec![
        ("the canonical bytes of ballot 1", ballot),
        ("the canonical bytes of the tree head", head),
        ("the countersigned bytes", countersigned),
    ];
    let hexes = vec![
        ("the manifest hash", record.manifest_hash.to_hex()),
        ("the election key", record.public_key.to_string()),
        ("leaf 1 (the receipt of ballot 1)", leaves[0].to_hex()),
        ("leaf 2", leaves[1].to_hex()),
        ("leaf 3", leaves[2].to_hex()),
        (
            "the node over leaves 1 and 2",
            merkle::node_hash(&leaves[0], &leaves[1]).to_hex(),
        ),
        ("the root", round.tree_head.root.to_hex()),
        ("the tree head's signature input", hex::encode(&signed_head)),
        (
            "the tree head's signature",
            round.tree_head_signature.to_string(),
        ),
        ("the round's result hash", round.result_hash.to_hex()),
        (
            "the round's result signature",
            round.result_signature.to_string(),
        ),
        (
            "the result hash (publication)",
            publication.result_hash.to_hex(),
        ),
        (
            "the publication's signature",
            publication.signature.to_string(),
        ),
        (
            "the inspector's key",
            record.countersignatures[0].public_key.to_string(),
        ),
        (
            "the countersignature",
            record.countersignatures[0].signature.to_string(),
        ),
        ("proof step 1", proof[0].to_hex()),
        ("proof step 2", proof[1].to_hex()),
    ];
    Example {
        record,
        texts,
        hexes,
    }
}

fn document() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/record-format.md");
    std::fs::read_to_string(path).expect("docs/record-format.md exists")
}

/// The JSON between the example markers of the document.
fn documented_record(document: &str) -> Value {
    let start = document
        .find("<!-- example-record:start -->")
        .expect("the start marker");
    let end = document
        .find("<!-- example-record:end -->")
        .expect("the end marker");
    let block = &document[start..end];
    let json_start = block.find("```json").expect("a json block") + "```json".len();
    let json_end = block.rfind("```").expect("the block's end");
    serde_json::from_str(&block[json_start..json_end]).expect("the example is JSON")
}

#[test]
fn the_worked_example_verifies() {
    let example = example();
    let report = verify(&example.record);
    assert!(report.ok, "{:?}", report.failure);
    if std::env::var_os("BALLOTBOX_PRINT_EXAMPLE").is_some() {
        println!("{}", serde_json::to_string_pretty(&example.record).unwrap());
        for (name, text) in &example.texts {
            println!("{name}:\n{text}\n");
        }
        for (name, hex) in &example.hexes {
            println!("{name}:\n{hex}\n");
        }
        println!("{}", report.text());
    }
}

#[test]
fn the_documents_example_record_is_the_one_the_code_builds() {
    let example = example();
    assert_eq!(
        documented_record(&document()),
        serde_json::to_value(&example.record).unwrap(),
        "regenerate the example of docs/record-format.md (see this file's opening comment)"
    );
}

#[test]
fn the_document_shows_what_ballotbox_verify_prints_for_the_example() {
    let summary = verify(&example().record).text();
    let document = document();
    for line in summary.lines().filter(|l| !l.is_empty()) {
        assert!(
            document.contains(line),
            "docs/record-format.md does not show the summary line: {line}"
        );
    }
}

#[test]
fn every_value_the_document_shows_is_the_one_computed() {
    let example = example();
    let document = document();
    let compact: String = document.chars().filter(|c| !c.is_whitespace()).collect();
    for (name, text) in &example.texts {
        assert!(
            document.contains(text.as_str()),
            "docs/record-format.md does not show {name}: {text}"
        );
    }
    for (name, hex) in &example.hexes {
        assert!(
            compact.contains(hex.as_str()),
            "docs/record-format.md does not show {name}: {hex}"
        );
    }
}
