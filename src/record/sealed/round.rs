//! A sealed round from its log to its totals (§7–§9): the ballots checked together, the first
//! opening list, and, as the trustees' partial decryptions come in, each list opened and the
//! round's totals read — what the server counts by and what a verifier checks.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::SealedError;
use super::ballot::{ContestShape, check_distinct, verify_ballots};
use super::group::Point;
use super::opening::{
    Entry, OpeningList, PartialDecryption, VerifiedPartial, WriteIn, combine, counts, first_list,
    read_write_ins, second_list,
};
use crate::election::ContestId;
use crate::record::documents::{RoundDefinition, SealedLeaf};
use crate::record::hash::Digest;
use crate::record::parallel;

/// How many ballots' range proofs are checked in one batch.
const BATCH: usize = 32;

/// A closed sealed round's ballots, in log order, with what their proofs are bound to; the
/// leaves are borrowed from the log or owned.
#[derive(Debug, Clone)]
pub struct SealedRound<'l> {
    manifest: Digest,
    round: u64,
    shapes: Vec<ContestShape>,
    ballots: Cow<'l, [SealedLeaf]>,
}

/// One contest's totals, read from the opening: what the rules engine counts by (RULES.md §5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContestOpened {
    /// The contest.
    pub contest: ContestId,
    /// Ballots that hold the contest; every sealed section is valid.
    pub returned: u64,
    /// Each listed candidate's (*for*, *against*) votes, in ballot order.
    pub listed: Vec<(u64, u64)>,
    /// For each section that holds write-ins, the names on its used lines.
    pub written: Vec<Vec<String>>,
}

/// A round opened: the counts of each list and the contests' totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedRound {
    /// The count of each entry of the first list.
    pub totals: Vec<u64>,
    /// The count of each entry of the second list (empty when there is none).
    pub write_in_counts: Vec<u64>,
    /// The write-ins read.
    pub write_ins: Vec<WriteIn>,
    /// The totals of each of the round's contests, in its order.
    pub contests: Vec<ContestOpened>,
}

/// Where an opening stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opening {
    /// The first list waits for partial decryptions: these trustees' checked.
    Totals {
        /// The trustees whose partial decryption of the first list checked.
        done: Vec<u32>,
    },
    /// The first list is opened; the second waits.
    WriteIns {
        /// The first list's counts.
        totals: Vec<u64>,
        /// The trustees whose partial decryption of the second list checked.
        done: Vec<u32>,
    },
    /// Every list is opened.
    Opened(OpenedRound),
}

impl<'l> SealedRound<'l> {
    /// The round's ballots from its log's leaves (in log order), borrowed or owned.
    pub fn new(
        manifest: &Digest,
        definition: &RoundDefinition,
        leaves: impl Into<Cow<'l, [SealedLeaf]>>,
    ) -> Result<SealedRound<'l>, SealedError> {
        Ok(SealedRound {
            manifest: *manifest,
            round: definition.number.into(),
            shapes: ContestShape::of_definition(definition)?,
            ballots: leaves.into(),
        })
    }

    /// The ballots, in log order.
    pub fn ballots(&self) -> &[SealedLeaf] {
        &self.ballots
    }

    /// The contests' shapes.
    pub fn shapes(&self) -> &[ContestShape] {
        &self.shapes
    }

    /// Checks every ballot's proofs and shapes, on every core, and that no two share a salt or
    /// a point (§7). Names the first ballot (from 1, in log order) that fails.
    pub fn verify(&self, key: &Point) -> Result<(), SealedError> {
        check_distinct(&self.ballots)?;
        parallel::shares(&self.ballots, |start, share| {
            for (b, batch) in share.chunks(BATCH).enumerate() {
                verify_ballots(key, &self.manifest, self.round, &self.shapes, batch).map_err(
                    |(i, e)| {
                        let n = start + b * BATCH + i + 1;
                        SealedError::Shape(format!("ballot {n}: {e}"))
                    },
                )?;
            }
            Ok(())
        })
        .into_iter()
        .collect()
    }

    /// The first opening list (§8).
    pub fn first_list(&self) -> Result<OpeningList, SealedError> {
        first_list(&self.shapes, &self.ballots)
    }

    /// The largest count any entry can hold: the ballots, or the seats of a section's limit.
    fn bound(&self) -> u64 {
        let seats = self.shapes.iter().map(|s| u64::from(s.seats)).max();
        (self.ballots.len() as u64).max(seats.unwrap_or(0))
    }

    /// Where the opening stands with these partial decryptions of each list: each is checked
    /// against the list it opens and its trustee's public share (`public_share`), and a list is
    /// opened, combining every partial that checked, once `threshold` distinct trustees' have.
    pub fn open(
        &self,
        threshold: u32,
        public_share: &dyn Fn(u32) -> Option<Point>,
        totals: &[PartialDecryption],
        write_ins: &[PartialDecryption],
    ) -> Result<Opening, SealedError> {
        let first = self.first_list()?;
        let verified = self.check_partials(&first, public_share, totals)?;
        if verified.len() < threshold as usize {
            return Ok(Opening::Totals {
                done: trustees(totals),
            });
        }
        let totals = counts(&combine(threshold, &first, &verified)?, self.bound())?;
        let Some(second) = second_list(&self.ballots, &first, &totals)? else {
            return Ok(Opening::Opened(self.opened(
                &first,
                totals,
                Vec::new(),
                Vec::new(),
            )));
        };
        let verified = self.check_partials(&second, public_share, write_ins)?;
        if verified.len() < threshold as usize {
            return Ok(Opening::WriteIns {
                totals,
                done: trustees(write_ins),
            });
        }
        let opened = combine(threshold, &second, &verified)?;
        let write_in_counts = line_counts(&second, &opened);
        let names = read_write_ins(&self.manifest, self.round, &self.ballots, &second, &opened)?;
        Ok(Opening::Opened(self.opened(
            &first,
            totals,
            write_in_counts,
            names,
        )))
    }

    /// The second list, once the first is opened with these counts.
    pub fn second_list(
        &self,
        first: &OpeningList,
        totals: &[u64],
    ) -> Result<Option<OpeningList>, SealedError> {
        second_list(&self.ballots, first, totals)
    }

    fn check_partials(
        &self,
        list: &OpeningList,
        public_share: &dyn Fn(u32) -> Option<Point>,
        partials: &[PartialDecryption],
    ) -> Result<Vec<VerifiedPartial>, SealedError> {
        let mut seen = BTreeSet::new();
        let mut verified = Vec::new();
        for partial in partials {
            if !seen.insert(partial.trustee) {
                return Err(SealedError::Shape(format!(
                    "trustee {} decrypted the {} list twice",
                    partial.trustee,
                    list.step.label()
                )));
            }
            let share = public_share(partial.trustee).ok_or_else(|| {
                SealedError::Shape(format!("there is no trustee {}", partial.trustee))
            })?;
            verified.push(partial.verify(&self.manifest, self.round, list, &share)?);
        }
        Ok(verified)
    }

    fn opened(
        &self,
        first: &OpeningList,
        totals: Vec<u64>,
        write_in_counts: Vec<u64>,
        write_ins: Vec<WriteIn>,
    ) -> OpenedRound {
        let contests = self
            .shapes
            .iter()
            .map(|shape| {
                let listed = shape
                    .candidates
                    .iter()
                    .map(|candidate| {
                        let find = |want: &dyn Fn(&Entry) -> bool| {
                            first
                                .entries
                                .iter()
                                .zip(&totals)
                                .find(|((entry, _), _)| want(entry))
                                .map_or(0, |(_, &n)| n)
                        };
                        let for_ = find(&|e| {
                            matches!(e, Entry::For(c, k) if c == &shape.contest && k == candidate)
                        });
                        let against = find(&|e| {
                            matches!(e, Entry::Against(c, k) if c == &shape.contest && k == candidate)
                        });
                        (for_, against)
                    })
                    .collect();
                let holding: Vec<usize> = self
                    .ballots
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| b.ballot.sections.iter().any(|s| s.contest == shape.contest))
                    .map(|(i, _)| i)
                    .collect();
                // Each section's names, in log order and line order.
                let mut by_ballot: BTreeMap<usize, Vec<String>> = BTreeMap::new();
                for w in write_ins.iter().filter(|w| w.contest == shape.contest) {
                    by_ballot.entry(w.ballot).or_default().push(w.name.clone());
                }
                let written = by_ballot.into_values().collect();
                ContestOpened {
                    contest: shape.contest.clone(),
                    returned: holding.len() as u64,
                    listed,
                    written,
                }
            })
            .collect();
        OpenedRound {
            totals,
            write_in_counts,
            write_ins,
            contests,
        }
    }
}

/// The counts of the second list: 0 or 1 for each line's `used`, and for each header entry
/// whether its line was read (the header's plaintext point is no count).
fn line_counts(second: &OpeningList, opened: &super::opening::Opened) -> Vec<u64> {
    second
        .entries
        .iter()
        .zip(&opened.plaintexts)
        .map(|((entry, _), point)| match entry {
            Entry::LineUsed(..) => u64::from(*point == Point::generator()),
            _ => 0,
        })
        .collect()
}

fn trustees(partials: &[PartialDecryption]) -> Vec<u32> {
    partials.iter().map(|p| p.trustee).collect()
}
