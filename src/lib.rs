//! ballotbox: secure voting and election tally for trade-union founding congresses.
//!
//! The crate is layered as `../shared/design/ARCHITECTURE.md` describes:
//! - [`election`] is the pure core: the rules of the 2016 条例 as types and functions, with no
//!   I/O, clock or randomness of its own;
//! - [`record`] holds the verifiable record: the ballot log and what is hashed and signed;
//! - [`report`] renders a tally for people to read;
//! - [`store`] keeps the congress in SQLite or PostgreSQL;
//! - [`server`] is the HTTP API the browsers and the desk use;
//! - [`demo`] runs a whole congress through that API, as `ballotbox demo` does.
#![forbid(unsafe_code)]

pub mod client;
pub mod demo;
pub mod election;
pub mod kiosk;
pub mod record;
pub mod report;
pub mod server;
pub mod store;
pub mod trustee;
