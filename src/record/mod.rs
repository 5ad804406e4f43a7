//! The verifiable election record: canonical encodings, hashes, the ballot log and signatures.
//! Pure like [`crate::election`], on which it depends and never the other way round.

pub mod canonical;
pub mod card;
pub mod documents;
pub mod hash;
pub mod hex;
pub mod keys;
pub mod manifest;
pub mod merkle;
pub mod parallel;
pub mod receipt;
pub mod rounds;
pub mod sealed;
pub mod verify;
