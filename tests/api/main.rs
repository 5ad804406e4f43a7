//! The server's API over real HTTP on a random port, each test on a fresh database, on SQLite
//! and (when `BALLOTBOX_TEST_POSTGRES` names a server) on PostgreSQL.

// Helpers outside #[test] functions fail the test loudly, as a test should.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod helpers;

mod accounts;
mod ceremony;
mod crash;
mod desk;
mod hall;
mod matrix;
mod names;
mod openapi;
mod scope;
mod sealed;
mod secrecy;
mod setup;
mod users;
mod voting;
