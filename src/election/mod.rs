//! The rules of a grassroots union election, with no I/O, clock or randomness of their own.
//!
//! Each file holds one concept, where a reader of the regulation would look for it:
//!
//! | file | rule | source |
//! |---|---|---|
//! | [`profile`] | the settings where local rules differ | RULES.md §§2–5 `[profile]` |
//! | [`contest`] | the bodies elected, seats and candidate lists | 2016 条例 Art. 3, 章程 Arts. 13, 26, 27 |
//! | [`size_table`] | committee size by membership | 2016 条例 Art. 8 |
//! | [`roster`] | the delegates, imported from CSV; who is entitled | RULES.md §3, §7 |
//! | [`setup`] | what a congress setup must satisfy before voting | RULES.md §§1–2 |
//! | [`quorum`] | two thirds of those entitled must be present | RULES.md §3 |
//! | [`names`] | how a name, a title or a write-in is read; names that look alike | docs/record-format.md §1, UTS #39 |
//! | [`ballot_order`] | candidates by strokes: counts, stroke sequence, structure | RULES.md §2 |
//! | [`ballot`] | marks, write-ins and a section's validity | RULES.md §4 |
//! | [`tally`] | threshold, ranking, ties, shortfall, void votes | RULES.md §5 |
//! | [`sheet`] | the count sheet: a whole count as one JSON document | — |

pub mod ballot;
pub mod ballot_order;
pub mod contest;
pub mod ids;
pub mod names;
pub mod profile;
pub mod quorum;
pub mod roster;
pub mod setup;
pub mod sheet;
pub mod size_table;
pub mod tally;

pub use ballot::{BallotError, Marks, Section};
pub use ballot_order::CandidateOrder;
pub use contest::{Candidate, Contest, ContestDraft, ContestKind, RoundKind};
pub use ids::{CandidateId, ContestId, IdError};
pub use profile::{BallotOrder, ChairMargin, QuorumRule, RuleProfile};
pub use quorum::{Attendance, AttendanceError, Quorum};
pub use setup::{Setup, SetupError, SetupProblems, Warning};
pub use sheet::{CountSheet, SheetError};
pub use size_table::{SeatRange, SizeTable};
pub use tally::{ContestStatus, ContestTally, ElectionTally, NextStep, Person};
