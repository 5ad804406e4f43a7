//! Sealed ballots, as `docs/sealed-ballots.md` specifies them: exponential ElGamal on
//! Ristretto255, the proofs that a ballot is well formed without opening it, the trustees' key
//! ceremony and key files, and the opening of a round's totals by at least `t` trustees.
//!
//! Each module is one section of the specification, and its doc comments cite it:
//! [`group`] and [`transcript`] (§1, §2), [`randomness`] (§1, §10), [`elgamal`] (§3),
//! [`proofs`] (§4), [`kem`] (§5.1), [`ceremony`] (§5), [`key_file`] (§6), [`ballot`] (§7),
//! [`challenge`] (§7.1) and [`opening`] (§8, §9). Secrets are zeroed when dropped and never shown by `Debug`.

pub mod ballot;
pub mod board;
pub mod ceremony;
pub mod challenge;
pub mod elgamal;
mod error;
pub mod group;
pub mod kem;
pub mod key_file;
pub mod opening;
pub mod proofs;
pub mod randomness;
pub mod round;
pub mod transcript;

pub use error::SealedError;
