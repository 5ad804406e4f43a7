//! The three Σ-protocols of §4, made non-interactive by Fiat–Shamir over [`super::transcript`].

pub mod dleq;
pub mod range;
pub mod schnorr;

pub use dleq::{DleqProof, DleqStatement};
pub use range::{RangeBatch, RangeProof, RangeStatement};
pub use schnorr::SchnorrProof;
