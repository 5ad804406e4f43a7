//! A delegate's receipt: finding its ballot in the record and proving, by an RFC 9162 inclusion
//! proof against the round's signed tree head, that the ballot is in the log that was counted.

use serde::Serialize;

use crate::record::canonical::{self, CanonicalError};
use crate::record::documents::ElectionRecord;
use crate::record::hash::Digest;
use crate::record::keys::SigningContext;
use crate::record::merkle;

/// Where a receipt's ballot is, and the proof that it is in the signed tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReceiptReport {
    /// The receipt: the ballot's leaf hash.
    pub receipt: Digest,
    /// The round.
    pub round: u32,
    /// The leaf index in the round's log, from 0 (the ballot's position is `index + 1`).
    pub index: u64,
    /// The signed tree head's size.
    pub tree_size: u64,
    /// The signed tree head's root.
    pub root: Digest,
    /// The inclusion proof (audit path), nearest the leaf first (RFC 9162 §2.1.3).
    pub proof: Vec<Digest>,
}

/// Why a receipt was not confirmed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReceiptError {
    /// The text is not a receipt code.
    #[error(
        "a receipt code is 64 hex digits (spaces and dashes between groups are ignored); this one has {0}"
    )]
    Malformed(String),
    /// No ballot of the record has this receipt.
    #[error(
        "no ballot in the record has the receipt {receipt}: it is not included in any of the {rounds} round(s) ({ballots} ballots)"
    )]
    NotFound {
        /// The receipt.
        receipt: Digest,
        /// Rounds searched.
        rounds: usize,
        /// Ballots searched.
        ballots: usize,
    },
    /// A ballot cannot be hashed.
    #[error("round {round}: ballot {position}: {error}")]
    Canonical {
        /// The round.
        round: u32,
        /// The ballot, from 1.
        position: usize,
        /// Why.
        error: CanonicalError,
    },
    /// The round's tree head is not signed by the election key.
    #[error("round {0}: the tree head's signature does not verify with the election key")]
    TreeHeadSignature(u32),
    /// The ballot is in the record but not in the tree the round signed.
    #[error(
        "round {round}: the receipt's ballot is in the record, but not in the signed tree head: {reason}"
    )]
    NotInSignedTree {
        /// The round.
        round: u32,
        /// Why.
        reason: String,
    },
}

/// Reads a receipt code as a delegate may type it: 64 hex digits in any case, with spaces or
/// dashes between the groups.
pub fn parse_receipt(text: &str) -> Result<Digest, ReceiptError> {
    let digits: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    digits.parse().map_err(|_| {
        let count = digits.chars().count();
        ReceiptError::Malformed(if digits.chars().all(|c| c.is_ascii_hexdigit()) {
            format!("{count} digits")
        } else {
            "characters that are not hex digits".to_owned()
        })
    })
}

/// Finds the ballot whose leaf hash is `receipt` and proves its inclusion in the round's signed
/// tree head, whose signature it checks too.
pub fn verify_receipt(
    record: &ElectionRecord,
    receipt: &str,
) -> Result<ReceiptReport, ReceiptError> {
    let receipt = parse_receipt(receipt)?;
    let mut searched = 0;
    for round in &record.rounds {
        let number = round.result.round.number;
        let mut leaves = Vec::with_capacity(round.ballots.len());
        for (i, ballot) in round.ballots.iter().enumerate() {
            let leaf = ballot.receipt().map_err(|error| ReceiptError::Canonical {
                round: number,
                position: i + 1,
                error,
            })?;
            leaves.push(leaf);
        }
        searched += leaves.len();
        let Some(index) = leaves.iter().position(|leaf| *leaf == receipt) else {
            continue;
        };
        let head = &round.tree_head;
        let bytes = canonical::to_vec(head).map_err(|error| ReceiptError::Canonical {
            round: number,
            position: index + 1,
            error,
        })?;
        record
            .public_key
            .verify(SigningContext::TreeHead, &bytes, &round.tree_head_signature)
            .map_err(|_| ReceiptError::TreeHeadSignature(number))?;
        if head.round != number || head.congress != record.manifest.congress.id {
            return Err(ReceiptError::NotInSignedTree {
                round: number,
                reason: format!(
                    "the tree head is of congress \"{}\" round {}",
                    head.congress, head.round
                ),
            });
        }
        if head.size != leaves.len() as u64 {
            return Err(ReceiptError::NotInSignedTree {
                round: number,
                reason: format!(
                    "the tree head says {} ballots, the log holds {}",
                    head.size,
                    leaves.len()
                ),
            });
        }
        let proof = merkle::inclusion_proof(index, &leaves).unwrap_or_default();
        let index = index as u64;
        if !merkle::verify_inclusion(index, head.size, &receipt, &proof, &head.root) {
            return Err(ReceiptError::NotInSignedTree {
                round: number,
                reason: format!(
                    "its inclusion proof does not lead to the signed root {}",
                    head.root
                ),
            });
        }
        return Ok(ReceiptReport {
            receipt,
            round: number,
            index,
            tree_size: head.size,
            root: head.root,
            proof,
        });
    }
    Err(ReceiptError::NotFound {
        receipt,
        rounds: record.rounds.len(),
        ballots: searched,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receipt_may_be_typed_in_groups_and_in_any_case() {
        let digest = crate::record::hash::sha256(&[b"ballot"]);
        let grouped = digest.grouped().to_uppercase();
        assert_eq!(parse_receipt(&grouped), Ok(digest));
        assert_eq!(parse_receipt(&grouped.replace(' ', "-")), Ok(digest));
        assert_eq!(parse_receipt(&format!(" {digest}\n")), Ok(digest));
    }

    #[test]
    fn a_receipt_of_the_wrong_length_or_with_other_characters_is_refused() {
        assert_eq!(
            parse_receipt("abcd"),
            Err(ReceiptError::Malformed("4 digits".into()))
        );
        assert!(matches!(
            parse_receipt(&"z".repeat(64)),
            Err(ReceiptError::Malformed(_))
        ));
    }
}
