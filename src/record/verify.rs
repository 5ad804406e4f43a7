//! The offline verifier: checks everything an election record claims, in a fixed order, and
//! names the first thing that does not hold.
//!
//! [`parse_record`] reads a record file strictly (one spelling per record); [`verify`] then
//! replays the congress from its manifest with [`Progress`] — every round must be what the rules
//! call for, every ballot must be in the signed tree, every count must come out of the rules
//! engine exactly as signed — and checks every hash and signature; [`verify_receipt`] checks one
//! delegate's receipt with an RFC 9162 inclusion proof. `docs/record-format.md` specifies the
//! record and this order of checks, so that a verifier can be written from it alone.

mod diff;
mod parse;
mod receipt;
mod text;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

pub use parse::{RecordError, parse_record};
pub use receipt::{ReceiptError, ReceiptReport, parse_receipt, verify_receipt};

use super::canonical;
use super::documents::{
    CAST_ORDER_RECORD_FORMAT, Countersigned, DECISION_FORMAT, ElectedPerson, ElectionRecord,
    PUBLICATION_FORMAT, PublishedRound, RECORD_FORMAT, RESULT_FORMAT, RecordedDecision,
    RecordedRound, RoundDefinition, SEALED_RECORD_FORMAT, SealedLog, Sitting, digest,
};
use super::hash::Digest;
use super::keys::{PublicKey, Signature, SigningContext};
use super::manifest;
use super::merkle;
use super::parallel;
use super::rounds::{Progress, RoundError};
use super::sealed::round::{OpenedRound, Opening, SealedRound};
use crate::election::{CandidateOrder, ballot_order};

/// What a check is about: a stable name for machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckCode {
    /// The record's format string.
    RecordFormat,
    /// The manifest's format string.
    ManifestFormat,
    /// The manifest hash is SHA-256 of the manifest's canonical bytes.
    ManifestHash,
    /// The manifest says one thing only: each electorate, contest and style once, styles
    /// naming contests that exist, a real date, a digest for the roster, named scrutineers.
    ManifestContents,
    /// Each contest whose order is `strokes` lists its candidates in stroke order under the
    /// profile's `ballot_order` (RULES.md §2).
    BallotOrder,
    /// A sealed manifest's key ceremony: trustees `1 … n` in order, every step-1 proof, and
    /// the joint key the sum of the constant commitments (docs/sealed-ballots.md §5).
    Ceremony,
    /// The election key is a canonical point of large order.
    PublicKey,
    /// The round belongs to this congress and manifest.
    RoundManifest,
    /// The round is what the rules call for at that point.
    RoundRules,
    /// Every ballot names this congress and round.
    BallotRound,
    /// No two ballots have the same receipt.
    Receipts,
    /// The ballots are listed in ascending order of receipt, not in the order they were cast
    /// (not checked in a `ballotbox-record/1` record).
    LogOrder,
    /// The tree head's size is the number of ballots.
    TreeSize,
    /// The Merkle root over the ballots is the tree head's.
    TreeRoot,
    /// The tree head names this congress and round.
    TreeHead,
    /// The election key's signature on the tree head.
    TreeHeadSignature,
    /// Every sealed ballot's proofs hold; no salt or point is repeated (record-format §6.3.1).
    SealedBallots,
    /// Every challenged ballot is well formed and opens to what its kiosk sealed.
    SpoiledBallots,
    /// At least `t` trustees decrypted the round's lists, each proof holding.
    Opening,
    /// The result's format string.
    ResultFormat,
    /// The result counts the signed tree head.
    ResultTreeHead,
    /// The turnout lists the round's electorates with possible figures.
    Turnout,
    /// Ballots issued, present and entitled agree.
    Counts,
    /// The rules engine's recount equals the result's tally.
    Recount,
    /// The result hash is SHA-256 of the result's canonical bytes.
    ResultHash,
    /// The election key's signature on the result.
    ResultSignature,
    /// The counted round is taken into the congress's progress.
    RoundOutcome,
    /// Decisions are listed in the order of their rounds, each after a recorded round.
    DecisionOrder,
    /// A decision's hash.
    DecisionHash,
    /// The election key's signature on a decision.
    DecisionSignature,
    /// A decision the rules allow.
    DecisionRules,
    /// The publication is exactly what the verified rounds and decisions give.
    Publication,
    /// The publication's hash: the result hash.
    PublicationHash,
    /// The election key's signature on the publication.
    PublicationSignature,
    /// An inspector's countersignature of the result hash.
    Countersignature,
}

/// One check that held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// What was checked.
    pub code: CheckCode,
    /// Where: `record`, `round 2`, `decision 1`, `publication`, `countersignature 1`.
    pub place: String,
    /// What was found, for people.
    pub detail: String,
}

/// The first check that failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// What was checked.
    pub code: CheckCode,
    /// Where, as in [`Check::place`]; a ballot is `round 2: ballot 17` (counting from 1).
    pub place: String,
    /// What does not hold, for people.
    pub problem: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.problem)
    }
}

/// What a verification found: every check that held, in order, and the first that failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Whether everything the record claims holds.
    pub ok: bool,
    /// The checks that held, in the order they were made.
    pub checks: Vec<Check>,
    /// The first check that failed; verification stops there.
    pub failure: Option<Failure>,
    /// The result hash of the minutes, once the publication and its signature have verified.
    pub result_hash: Option<Digest>,
    /// What the verified part of the record says.
    pub summary: Summary,
}

/// What the verified part of a record says, for a person to compare with the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The congress's id.
    pub congress: String,
    /// The congress's name.
    pub name: String,
    /// The union founded.
    pub union_name: String,
    /// The congress's date.
    pub date: String,
    /// The manifest hash, as the minutes print it.
    pub manifest_hash: Digest,
    /// SHA-256 of the election key, as the minutes print it.
    pub key_fingerprint: Digest,
    /// The rounds verified.
    pub rounds: Vec<RoundSummary>,
    /// Ballots in the rounds verified.
    pub ballots: u64,
    /// Seat reductions verified.
    pub decisions: usize,
    /// Each body and who is elected to it so far, in manifest order.
    pub bodies: Vec<BodySummary>,
    /// The inspectors whose countersignatures verified.
    pub countersignatures: Vec<CountersignatureSummary>,
}

/// One verified round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundSummary {
    /// Its number.
    pub number: u32,
    /// Who voted.
    pub sitting: Sitting,
    /// The contests on its ballot.
    pub contests: Vec<String>,
    /// Its ballots.
    pub ballots: u64,
    /// The root of its signed tree head.
    pub root: Digest,
    /// Its result hash.
    pub result_hash: Digest,
}

/// One body and who is elected to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BodySummary {
    /// The manifest's contest.
    pub contest: String,
    /// Its ballot title.
    pub title: String,
    /// Its seats, after any reduction.
    pub seats: u32,
    /// Who is elected, in the order of the rounds, then by votes.
    pub elected: Vec<ElectedPerson>,
}

/// One verified countersignature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountersignatureSummary {
    /// The inspector.
    pub inspector: String,
    /// SHA-256 of the inspector's key.
    pub key_fingerprint: Digest,
}

/// Checks everything `record` claims, in the order `docs/record-format.md` gives, and stops at
/// the first thing that does not hold.
pub fn verify(record: &ElectionRecord) -> Report {
    let manifest = &record.manifest;
    let mut run = Run {
        record,
        checks: Vec::new(),
        result_hash: None,
        summary: Summary {
            congress: manifest.congress.id.clone(),
            name: manifest.congress.name.clone(),
            union_name: manifest.congress.union_name.clone(),
            date: manifest.congress.date.clone(),
            manifest_hash: record.manifest_hash,
            key_fingerprint: record.public_key.fingerprint(),
            rounds: Vec::new(),
            ballots: 0,
            decisions: 0,
            bodies: Vec::new(),
            countersignatures: Vec::new(),
        },
    };
    let mut progress = Progress::new(manifest.clone(), record.manifest_hash);
    let failure = run.all(&mut progress).err();
    run.summary.bodies = progress
        .bodies()
        .into_iter()
        .map(|body| BodySummary {
            title: manifest
                .contests
                .iter()
                .find(|c| c.id == body.contest)
                .map(|c| c.title.clone())
                .unwrap_or_default(),
            contest: body.contest,
            seats: body.seats,
            elected: body.elected,
        })
        .collect();
    Report {
        ok: failure.is_none(),
        checks: run.checks,
        failure,
        result_hash: run.result_hash,
        summary: run.summary,
    }
}

/// One verification under way.
struct Run<'r> {
    record: &'r ElectionRecord,
    checks: Vec<Check>,
    result_hash: Option<Digest>,
    summary: Summary,
}

/// A failed check.
fn fail(code: CheckCode, place: &str, problem: impl Into<String>) -> Failure {
    Failure {
        code,
        place: place.to_owned(),
        problem: problem.into(),
    }
}

/// Every context a signature can be made in, to say which one a misplaced signature is of.
const CONTEXTS: [SigningContext; 7] = [
    SigningContext::Manifest,
    SigningContext::Card,
    SigningContext::TreeHead,
    SigningContext::Result,
    SigningContext::Countersignature,
    SigningContext::Decision,
    SigningContext::Publication,
];

impl Run<'_> {
    fn pass(&mut self, code: CheckCode, place: &str, detail: impl Into<String>) {
        self.checks.push(Check {
            code,
            place: place.to_owned(),
            detail: detail.into(),
        });
    }

    /// Every check, in order.
    fn all(&mut self, progress: &mut Progress) -> Result<(), Failure> {
        let record = self.record;
        self.header()?;
        self.decision_order()?;
        let mut published = Vec::with_capacity(record.rounds.len());
        for round in &record.rounds {
            let place = format!("round {}", progress.next_number());
            let result_hash = self.round(progress, round, &place)?;
            let number = round.result.round.number;
            published.push(PublishedRound {
                number,
                result_hash,
            });
            for (i, decision) in record.decisions.iter().enumerate() {
                if decision.decision.after_round == number {
                    self.decision(progress, i, decision)?;
                }
            }
        }
        self.publication(progress, published)?;
        self.countersignatures()
    }

    /// Formats, the manifest hash and the election key.
    fn header(&mut self) -> Result<(), Failure> {
        let record = self.record;
        if record.format == CAST_ORDER_RECORD_FORMAT {
            self.pass(
                CheckCode::RecordFormat,
                "record",
                format!(
                    "{CAST_ORDER_RECORD_FORMAT}: an earlier format, whose logs list the ballots in the \
                     order they were cast"
                ),
            );
        } else if record.format == RECORD_FORMAT || record.format == SEALED_RECORD_FORMAT {
            self.pass(CheckCode::RecordFormat, "record", &record.format);
        } else {
            return Err(fail(
                CheckCode::RecordFormat,
                "record",
                format!(
                    "the format is \"{}\", not \"{RECORD_FORMAT}\"",
                    record.format
                ),
            ));
        }
        let sealing = record.manifest.sealing.as_ref();
        let manifest_format = manifest::Manifest::format_for(sealing);
        if sealing.is_some() != (record.format == SEALED_RECORD_FORMAT) {
            return Err(fail(
                CheckCode::ManifestFormat,
                "manifest",
                format!(
                    "a {SEALED_RECORD_FORMAT} record is exactly that of a congress whose manifest seals its ballots ({})",
                    manifest::SEALED_FORMAT
                ),
            ));
        }
        if record.manifest.format != manifest_format {
            let why = match sealing {
                Some(_) => "a manifest with sealing",
                None => "a manifest without sealing",
            };
            return Err(fail(
                CheckCode::ManifestFormat,
                "manifest",
                format!(
                    "the format is \"{}\", not \"{manifest_format}\" ({why})",
                    record.manifest.format,
                ),
            ));
        }
        self.pass(CheckCode::ManifestFormat, "manifest", manifest_format);
        let (_, hash) = digest(&record.manifest)
            .map_err(|e| fail(CheckCode::ManifestHash, "manifest", e.to_string()))?;
        if hash != record.manifest_hash {
            return Err(fail(
                CheckCode::ManifestHash,
                "manifest",
                format!(
                    "the manifest's SHA-256 is {hash}, the record says {}: the manifest was changed",
                    record.manifest_hash
                ),
            ));
        }
        self.pass(
            CheckCode::ManifestHash,
            "manifest",
            format!("SHA-256 {}", hash.grouped()),
        );
        self.manifest_contents()?;
        self.ballot_order()?;
        if let Some(sealing) = sealing {
            let refuse = |problem: String| fail(CheckCode::Ceremony, "manifest", problem);
            let mut seen = BTreeSet::new();
            for trustee in &sealing.trustees {
                let scrutineer = record.manifest.scrutineers.iter().find(|s| {
                    s.number == trustee.number && matches!(s.role.as_str(), "chief" | "scrutineer")
                });
                if scrutineer.is_none_or(|s| s.name != trustee.name) {
                    return Err(refuse(format!(
                        "trustee {} ({} {}) is not a chief scrutineer or scrutineer of the manifest",
                        trustee.trustee, trustee.number, trustee.name
                    )));
                }
                if !seen.insert(trustee.number.as_str()) {
                    return Err(refuse(format!(
                        "delegate {} is two trustees",
                        trustee.number
                    )));
                }
            }
            sealing
                .ceremony(&record.manifest.congress.id)
                .map_err(|e| fail(CheckCode::Ceremony, "manifest", e.to_string()))?;
            self.pass(
                CheckCode::Ceremony,
                "manifest",
                format!(
                    "{} trustees, any {} open a count; joint key {}",
                    sealing.trustees.len(),
                    sealing.threshold,
                    sealing.joint_key
                ),
            );
        }
        strict_key(&record.public_key)
            .map_err(|problem| fail(CheckCode::PublicKey, "election key", problem))?;
        self.pass(
            CheckCode::PublicKey,
            "election key",
            format!("fingerprint {}", record.public_key.fingerprint().grouped()),
        );
        Ok(())
    }

    /// The manifest holds nothing a careful reader would have to guess at (record-format §6.2).
    fn manifest_contents(&mut self) -> Result<(), Failure> {
        let manifest = &self.record.manifest;
        let refuse = |problem: String| fail(CheckCode::ManifestContents, "manifest", problem);
        let mut seen = BTreeSet::new();
        for electorate in &manifest.electorates {
            if !seen.insert(electorate.id.as_str()) {
                return Err(refuse(format!(
                    "the electorate \"{}\" is listed twice",
                    electorate.id
                )));
            }
        }
        let contests: BTreeSet<&str> = manifest.contests.iter().map(|c| c.id.as_str()).collect();
        if contests.len() != manifest.contests.len() {
            return Err(refuse("a contest is listed twice".to_owned()));
        }
        let mut styles = BTreeSet::new();
        for style in &manifest.styles {
            if !styles.insert(style.id.as_str()) {
                return Err(refuse(format!(
                    "the style \"{}\" is listed twice",
                    style.id
                )));
            }
            if let Some(missing) = style
                .contests
                .iter()
                .find(|c| !contests.contains(c.as_str()))
            {
                return Err(refuse(format!(
                    "the style \"{}\" names the contest \"{missing}\", which the manifest does not hold",
                    style.id
                )));
            }
        }
        if manifest.roster_hash.parse::<Digest>().is_err() {
            return Err(refuse(format!(
                "the roster hash \"{}\" is not 64 lowercase hex digits",
                manifest.roster_hash
            )));
        }
        if !is_calendar_date(&manifest.congress.date) {
            return Err(refuse(format!(
                "the congress's date \"{}\" is not a real date written YYYY-MM-DD",
                manifest.congress.date
            )));
        }
        if let Some(unnamed) = manifest
            .scrutineers
            .iter()
            .find(|s| s.name.trim().is_empty())
        {
            return Err(refuse(format!(
                "the scrutineer {} has no name",
                unnamed.number
            )));
        }
        self.pass(
            CheckCode::ManifestContents,
            "manifest",
            format!(
                "{} electorate(s), {} contest(s) and {} style(s), each once; the date and the roster hash are well formed",
                manifest.electorates.len(),
                manifest.contests.len(),
                manifest.styles.len()
            ),
        );
        Ok(())
    }

    /// The candidates of each contest ordered by strokes stand in stroke order; a contest whose
    /// order was fixed by hand is named as such.
    fn ballot_order(&mut self) -> Result<(), Failure> {
        let manifest = &self.record.manifest;
        let method = manifest.profile.ballot_order;
        let mut by_hand = Vec::new();
        for contest in &manifest.contests {
            if contest.order == CandidateOrder::AsListed {
                by_hand.push(contest.id.as_str());
                continue;
            }
            let names: Vec<&str> = contest.candidates.iter().map(|c| c.name.as_str()).collect();
            if let Some(i) = ballot_order::first_out_of_order(&names, method) {
                return Err(fail(
                    CheckCode::BallotOrder,
                    "manifest",
                    format!(
                        "contest {}: {} stands after {}, but comes before it in stroke order ({})",
                        contest.id,
                        names.get(i).copied().unwrap_or_default(),
                        names.get(i - 1).copied().unwrap_or_default(),
                        method.as_str()
                    ),
                ));
            }
        }
        let strokes = manifest.contests.len() - by_hand.len();
        let detail = if by_hand.is_empty() {
            format!("{strokes} contest(s) in stroke order ({})", method.as_str())
        } else {
            format!(
                "{strokes} contest(s) in stroke order ({}); fixed by hand: {}",
                method.as_str(),
                by_hand.join(", ")
            )
        };
        self.pass(CheckCode::BallotOrder, "manifest", detail);
        Ok(())
    }

    /// Decisions come in the order of the rounds they follow, each after a round the record
    /// holds.
    fn decision_order(&mut self) -> Result<(), Failure> {
        let record = self.record;
        let mut last = 0;
        for (i, recorded) in record.decisions.iter().enumerate() {
            let after = recorded.decision.after_round;
            let place = format!("decision {}", i + 1);
            let rounds = u32::try_from(record.rounds.len()).unwrap_or(u32::MAX);
            if after == 0 || after > rounds {
                return Err(fail(
                    CheckCode::DecisionOrder,
                    &place,
                    format!(
                        "it follows round {after}, which the record does not hold (it holds {rounds})"
                    ),
                ));
            }
            if after < last {
                return Err(fail(
                    CheckCode::DecisionOrder,
                    &place,
                    format!(
                        "it follows round {after} but is listed after a decision following round {last}"
                    ),
                ));
            }
            last = after;
        }
        self.pass(
            CheckCode::DecisionOrder,
            "decisions",
            format!(
                "{} decision(s), in the order of their rounds",
                record.decisions.len()
            ),
        );
        Ok(())
    }

    /// One round: the rules, the ballots and the tree, the result, the recount. Returns its
    /// result hash.
    fn round(
        &mut self,
        progress: &mut Progress,
        round: &RecordedRound,
        place: &str,
    ) -> Result<Digest, Failure> {
        let record = self.record;
        let definition = &round.result.round;
        let number = definition.number;
        let congress = &record.manifest.congress.id;

        if definition.congress != *congress || definition.manifest_hash != record.manifest_hash {
            return Err(fail(
                CheckCode::RoundManifest,
                place,
                format!(
                    "the round names congress \"{}\" and manifest {}; the record is of congress \"{congress}\" and manifest {}",
                    definition.congress, definition.manifest_hash, record.manifest_hash
                ),
            ));
        }
        self.pass(
            CheckCode::RoundManifest,
            place,
            "the round belongs to this congress and manifest",
        );
        progress
            .check(definition)
            .and_then(|()| progress.begin(definition))
            .map_err(|e| fail(CheckCode::RoundRules, place, rules_problem(e)))?;
        let contests: Vec<String> = definition.contests.iter().map(|c| c.id.clone()).collect();
        self.pass(
            CheckCode::RoundRules,
            place,
            format!(
                "round {number} ({}) is what the rules call for",
                definition
                    .contests
                    .iter()
                    .map(|c| format!("{} {:?}", c.id, c.round))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );

        let opened = self.ballots_and_tree(round, place)?;

        let result = &round.result;
        if result.format != RESULT_FORMAT {
            return Err(fail(
                CheckCode::ResultFormat,
                place,
                format!(
                    "the result's format is \"{}\", not \"{RESULT_FORMAT}\"",
                    result.format
                ),
            ));
        }
        self.pass(CheckCode::ResultFormat, place, RESULT_FORMAT);
        if result.tree_head != round.tree_head {
            return Err(fail(
                CheckCode::ResultTreeHead,
                place,
                format!(
                    "the result counts a tree of {} ballots with root {}, not the signed tree head",
                    result.tree_head.size, result.tree_head.root
                ),
            ));
        }
        self.pass(
            CheckCode::ResultTreeHead,
            place,
            "the result counts the signed tree head",
        );

        self.turnout(definition, round, place)?;
        self.counts(definition, round, place)?;

        let counted = match &opened {
            Some(opened) => progress.count_opened(
                definition,
                &opened.contests,
                &result.issued,
                &result.turnout,
            ),
            None => progress.count(definition, &round.ballots, &result.issued, &result.turnout),
        };
        let ballots = round
            .sealed
            .as_ref()
            .map_or(round.ballots.len(), |l| l.ballots.len());
        let tally = counted.map_err(|e| match e {
            RoundError::Count { reason, .. } => fail(CheckCode::Recount, place, reason),
            other => fail(CheckCode::Recount, place, other.to_string()),
        })?;
        let recount = serde_json::to_value(&tally)
            .map_err(|e| fail(CheckCode::Recount, place, e.to_string()))?;
        if let Some(difference) = diff::first_difference(&recount, &result.tally) {
            return Err(fail(
                CheckCode::Recount,
                place,
                diff::tally_difference(&difference, &recount, &result.tally),
            ));
        }
        self.pass(
            CheckCode::Recount,
            place,
            format!(
                "the recount of {} ballot(s) gives the result's tally exactly: {}",
                ballots,
                tally
                    .contests
                    .iter()
                    .map(|c| format!("{} {} elected, {:?}", c.id, c.elected.len(), c.status))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        );

        let (bytes, hash) =
            digest(result).map_err(|e| fail(CheckCode::ResultHash, place, e.to_string()))?;
        if hash != round.result_hash {
            return Err(fail(
                CheckCode::ResultHash,
                place,
                format!(
                    "the result's SHA-256 is {hash}, the record says {}: the result hash does not match the result",
                    round.result_hash
                ),
            ));
        }
        self.pass(
            CheckCode::ResultHash,
            place,
            format!("result hash {}", hash.grouped()),
        );
        self.signature(
            CheckCode::ResultSignature,
            place,
            "result",
            SigningContext::Result,
            &bytes,
            &round.result_signature,
        )?;

        progress
            .finish(definition, &result.tally)
            .map_err(|e| match e {
                RoundError::Count { reason, .. } => fail(CheckCode::RoundOutcome, place, reason),
                other => fail(CheckCode::RoundOutcome, place, other.to_string()),
            })?;
        self.pass(
            CheckCode::RoundOutcome,
            place,
            "the round's outcome is taken into the congress's progress",
        );
        self.summary.ballots += ballots as u64;
        self.summary.rounds.push(RoundSummary {
            number,
            sitting: definition.sitting,
            contests,
            ballots: round.tree_head.size,
            root: round.tree_head.root,
            result_hash: hash,
        });
        Ok(hash)
    }

    /// The ballots belong to the round and make up its signed tree.
    fn ballots_and_tree(
        &mut self,
        round: &RecordedRound,
        place: &str,
    ) -> Result<Option<OpenedRound>, Failure> {
        let definition = &round.result.round;
        let (congress, number) = (&definition.congress, definition.number);
        let sealed = self.record.format == SEALED_RECORD_FORMAT;
        match (&round.sealed, sealed) {
            (Some(_), true) if !round.ballots.is_empty() => {
                return Err(fail(
                    CheckCode::BallotRound,
                    place,
                    "a sealed round holds ballots in the clear",
                ));
            }
            (None, true) => {
                return Err(fail(
                    CheckCode::BallotRound,
                    place,
                    "a round of a sealed congress has no sealed ballots (its `sealed` member)",
                ));
            }
            (Some(_), false) => {
                return Err(fail(
                    CheckCode::BallotRound,
                    place,
                    format!(
                        "a round with sealed ballots belongs in a {SEALED_RECORD_FORMAT} record"
                    ),
                ));
            }
            _ => {}
        }
        // Each ballot's congress, round and receipt, clear or sealed.
        let logged: Vec<(&str, u32, Result<Digest, canonical::CanonicalError>)> =
            match &round.sealed {
                Some(log) => parallel::map(&log.ballots, |_, b| {
                    (b.congress.as_str(), b.round, b.receipt())
                }),
                None => parallel::map(&round.ballots, |_, b| {
                    (b.congress.as_str(), b.round, b.receipt())
                }),
            };
        for (i, (ballot_congress, ballot_round, _)) in logged.iter().enumerate() {
            if *ballot_congress != congress.as_str() || *ballot_round != number {
                return Err(fail(
                    CheckCode::BallotRound,
                    &format!("{place}: ballot {}", i + 1),
                    format!(
                        "the ballot names congress \"{ballot_congress}\" round {ballot_round}, not congress \"{congress}\" round {number}",
                    ),
                ));
            }
        }
        self.pass(
            CheckCode::BallotRound,
            place,
            format!(
                "all {} ballot(s) name congress \"{congress}\" round {number}",
                logged.len()
            ),
        );

        let mut leaves = Vec::with_capacity(logged.len());
        for (i, (_, _, receipt)) in logged.iter().enumerate() {
            let leaf = receipt.clone().map_err(|e| {
                fail(
                    CheckCode::Receipts,
                    &format!("{place}: ballot {}", i + 1),
                    e.to_string(),
                )
            })?;
            leaves.push(leaf);
        }
        let mut seen: BTreeMap<Digest, usize> = BTreeMap::new();
        for (i, leaf) in leaves.iter().enumerate() {
            if let Some(first) = seen.insert(*leaf, i) {
                return Err(fail(
                    CheckCode::Receipts,
                    &format!("{place}: ballot {}", i + 1),
                    format!(
                        "its receipt {} is that of ballot {} too: two ballots with the same salt and marks \
                         could let one ballot answer two delegates' receipts",
                        leaf.grouped(),
                        first + 1
                    ),
                ));
            }
        }
        self.pass(
            CheckCode::Receipts,
            place,
            "every ballot's receipt (leaf hash) is distinct",
        );
        if self.record.format != CAST_ORDER_RECORD_FORMAT {
            if let Some(i) = leaves.windows(2).position(|pair| pair[0] >= pair[1]) {
                return Err(fail(
                    CheckCode::LogOrder,
                    &format!("{place}: ballot {}", i + 2),
                    format!(
                        "its receipt {} does not come after ballot {}'s: the log must list the ballots \
                         in ascending order of receipt, so that it cannot keep the order they were cast in",
                        leaves[i + 1].grouped(),
                        i + 1
                    ),
                ));
            }
            self.pass(
                CheckCode::LogOrder,
                place,
                "the ballots are listed in ascending order of receipt",
            );
        }

        let head = &round.tree_head;
        if head.size != leaves.len() as u64 {
            return Err(fail(
                CheckCode::TreeSize,
                place,
                format!(
                    "the signed tree head says {} ballot(s), the log holds {}: ballots were added or removed",
                    head.size,
                    leaves.len()
                ),
            ));
        }
        self.pass(
            CheckCode::TreeSize,
            place,
            format!("{} ballot(s), as the tree head says", head.size),
        );
        let root = merkle::root(&leaves);
        if root != head.root {
            return Err(fail(
                CheckCode::TreeRoot,
                place,
                format!(
                    "the Merkle root over the {} ballot(s) is {root}, the signed tree head says {}: \
                     a ballot was changed, or ballots were reordered or replaced",
                    leaves.len(),
                    head.root
                ),
            ));
        }
        self.pass(
            CheckCode::TreeRoot,
            place,
            format!("root {}", root.grouped()),
        );
        let opened = match &round.sealed {
            Some(log) => Some(self.sealed_round(definition, log, place)?),
            None => None,
        };
        if head.congress != *congress || head.round != number {
            return Err(fail(
                CheckCode::TreeHead,
                place,
                format!(
                    "the tree head names congress \"{}\" round {}, not congress \"{congress}\" round {number}",
                    head.congress, head.round
                ),
            ));
        }
        self.pass(
            CheckCode::TreeHead,
            place,
            format!("the tree head names congress \"{congress}\" round {number}"),
        );
        let bytes = canonical::to_vec(head)
            .map_err(|e| fail(CheckCode::TreeHeadSignature, place, e.to_string()))?;
        self.signature(
            CheckCode::TreeHeadSignature,
            place,
            "tree head",
            SigningContext::TreeHead,
            &bytes,
            &round.tree_head_signature,
        )?;
        Ok(opened)
    }

    /// A sealed round (record-format.md §6.3.1): every ballot and its proofs, the challenged
    /// ballots and their openings, and the trustees' opening of the totals and write-ins.
    fn sealed_round(
        &mut self,
        definition: &RoundDefinition,
        log: &SealedLog,
        place: &str,
    ) -> Result<OpenedRound, Failure> {
        let manifest = &self.record.manifest;
        let sealing = manifest.sealing.as_ref().ok_or_else(|| {
            fail(
                CheckCode::SealedBallots,
                place,
                "the manifest seals no ballots",
            )
        })?;
        let key = sealing.joint_key;
        let hash = self.record.manifest_hash;
        let refuse = |code, problem: String| fail(code, place, problem);
        let round = SealedRound::new(&hash, definition, &log.ballots)
            .map_err(|e| refuse(CheckCode::SealedBallots, e.to_string()))?;
        // The contests a ballot of each style holds in this round, once for every ballot.
        let styles: Vec<Vec<&str>> = manifest
            .styles
            .iter()
            .map(|style| {
                definition
                    .contests
                    .iter()
                    .filter(|c| c.styles.contains(&style.id))
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
            })
            .filter(|expected| !expected.is_empty())
            .collect();
        for (i, ballot) in log.ballots.iter().enumerate() {
            let contests: Vec<&str> = ballot
                .ballot
                .sections
                .iter()
                .map(|s| s.contest.as_str())
                .collect();
            let of_a_style = styles.contains(&contests);
            if !of_a_style {
                return Err(fail(
                    CheckCode::SealedBallots,
                    &format!("{place}: ballot {}", i + 1),
                    format!(
                        "its sections [{}] are not the contests of one ballot style of the round",
                        contests.join(", ")
                    ),
                ));
            }
        }
        round
            .verify(&key)
            .map_err(|e| refuse(CheckCode::SealedBallots, e.to_string()))?;
        self.pass(
            CheckCode::SealedBallots,
            place,
            format!(
                "every proof of the {} sealed ballot(s) holds; no salt or point is repeated",
                log.ballots.len()
            ),
        );

        let salts: BTreeSet<&str> = log.ballots.iter().map(|b| b.ballot.salt.as_str()).collect();
        let mut seen = BTreeSet::new();
        let mut trackers = Vec::with_capacity(log.spoiled.len());
        for (i, spoiled) in log.spoiled.iter().enumerate() {
            let at = |problem: String| {
                fail(
                    CheckCode::SpoiledBallots,
                    &format!("{place}: challenged ballot {}", i + 1),
                    problem,
                )
            };
            let leaf = &spoiled.ballot;
            if leaf.congress != definition.congress || leaf.round != definition.number {
                return Err(at(format!(
                    "it names congress \"{}\" round {}",
                    leaf.congress, leaf.round
                )));
            }
            if salts.contains(leaf.ballot.salt.as_str()) || !seen.insert(leaf.ballot.salt.as_str())
            {
                return Err(at(format!(
                    "its salt {} is another ballot's of the round",
                    leaf.ballot.salt.as_str()
                )));
            }
            let ballot = &leaf.ballot;
            let shapes = round.shapes();
            ballot
                .verify(&key, &hash, definition.number.into(), shapes)
                .map_err(|e| at(e.to_string()))?;
            spoiled
                .opening
                .check(
                    &key,
                    &hash,
                    definition.number.into(),
                    ballot,
                    &ballot
                        .shapes(shapes)
                        .map_err(|e| at(e.to_string()))?
                        .into_iter()
                        .cloned()
                        .collect::<Vec<_>>(),
                )
                .map_err(|e| at(e.to_string()))?;
            trackers.push(leaf.receipt().map_err(|e| at(e.to_string()))?);
        }
        if let Some(i) = trackers.windows(2).position(|pair| pair[0] >= pair[1]) {
            return Err(fail(
                CheckCode::SpoiledBallots,
                &format!("{place}: challenged ballot {}", i + 2),
                "the challenged ballots must be listed in ascending order of tracker",
            ));
        }
        self.pass(
            CheckCode::SpoiledBallots,
            place,
            format!(
                "{} challenged ballot(s), each well formed and opening to what its kiosk sealed",
                log.spoiled.len()
            ),
        );

        let ceremony = sealing
            .ceremony(&manifest.congress.id)
            .map_err(|e| refuse(CheckCode::Opening, e.to_string()))?;
        for (step, partials) in [("totals", &log.totals), ("write-ins", &log.write_ins)] {
            if partials.windows(2).any(|w| w[0].trustee >= w[1].trustee) {
                return Err(refuse(
                    CheckCode::Opening,
                    format!(
                        "the {step} partial decryptions must be of distinct trustees, in increasing order"
                    ),
                ));
            }
        }
        let public_share = |i: u32| {
            (1..=ceremony.context().trustees())
                .contains(&i)
                .then(|| ceremony.public_share(i))
        };
        let opening = round
            .open(
                sealing.threshold,
                &public_share,
                &log.totals,
                &log.write_ins,
            )
            .map_err(|e| refuse(CheckCode::Opening, e.to_string()))?;
        let Opening::Opened(opened) = opening else {
            return Err(refuse(
                CheckCode::Opening,
                format!(
                    "fewer than {} trustees decrypted the round's lists: it cannot be counted",
                    sealing.threshold
                ),
            ));
        };
        if opened.write_in_counts.is_empty() != log.write_ins.is_empty() {
            return Err(refuse(
                CheckCode::Opening,
                "the write-ins' partial decryptions must be given exactly when a section holds a write-in".into(),
            ));
        }
        let trustees: Vec<String> = log.totals.iter().map(|p| p.trustee.to_string()).collect();
        self.pass(
            CheckCode::Opening,
            place,
            format!(
                "trustees {} decrypted the totals, each with a proof that holds; {} write-in(s) read",
                trustees.join(", "),
                opened.write_ins.len()
            ),
        );
        Ok(opened)
    }

    /// The turnout lists exactly the round's electorates, with the manifest's entitled voters
    /// and no more present than entitled.
    fn turnout(
        &mut self,
        definition: &RoundDefinition,
        round: &RecordedRound,
        place: &str,
    ) -> Result<(), Failure> {
        let manifest = &self.record.manifest;
        let expected = electorates(definition);
        let given: Vec<&str> = round
            .result
            .turnout
            .iter()
            .map(|t| t.electorate.as_str())
            .collect();
        if given != expected {
            return Err(fail(
                CheckCode::Turnout,
                place,
                format!(
                    "the turnout lists the electorates [{}]; this round's are [{}]",
                    given.join(", "),
                    expected.join(", ")
                ),
            ));
        }
        let mut figures = Vec::new();
        for turnout in &round.result.turnout {
            let body = Sitting::of_electorate(&turnout.electorate);
            let entitled = if body != Sitting::Congress {
                definition.contests.first().map(|c| c.entitled)
            } else {
                manifest
                    .electorates
                    .iter()
                    .find(|e| e.id == turnout.electorate)
                    .map(|e| e.entitled)
            };
            if entitled != Some(turnout.entitled) {
                return Err(fail(
                    CheckCode::Turnout,
                    place,
                    format!(
                        "the turnout of \"{}\" gives {} entitled (应到), {} {}",
                        turnout.electorate,
                        turnout.entitled,
                        if body != Sitting::Congress {
                            format!("{} elected has", body.body_name())
                        } else {
                            "the manifest gives".to_owned()
                        },
                        entitled.map_or("none".to_owned(), |e| e.to_string())
                    ),
                ));
            }
            if turnout.present > turnout.entitled {
                return Err(fail(
                    CheckCode::Turnout,
                    place,
                    format!(
                        "the turnout of \"{}\" has more present (实到 {}) than entitled (应到 {})",
                        turnout.electorate, turnout.present, turnout.entitled
                    ),
                ));
            }
            figures.push(format!(
                "{}: 应到 {}, 实到 {}",
                turnout.electorate, turnout.entitled, turnout.present
            ));
        }
        self.pass(CheckCode::Turnout, place, figures.join("; "));
        Ok(())
    }

    /// Per contest: issued ≤ present ≤ entitled, and the ballots returned.
    fn counts(
        &mut self,
        definition: &RoundDefinition,
        round: &RecordedRound,
        place: &str,
    ) -> Result<(), Failure> {
        let result = &round.result;
        let on_round: BTreeSet<&str> = definition.contests.iter().map(|c| c.id.as_str()).collect();
        let given: BTreeSet<&str> = result.issued.keys().map(String::as_str).collect();
        if given != on_round {
            return Err(fail(
                CheckCode::Counts,
                place,
                format!(
                    "ballots issued (发出) are given for [{}]; the round's contests are [{}]",
                    given.into_iter().collect::<Vec<_>>().join(", "),
                    on_round.into_iter().collect::<Vec<_>>().join(", ")
                ),
            ));
        }
        let mut figures = Vec::new();
        for put in &definition.contests {
            let electorate = electorate_of(self.record, definition, &put.id);
            let present = result
                .turnout
                .iter()
                .find(|t| t.electorate == electorate)
                .map_or(0, |t| t.present);
            let issued = result.issued.get(&put.id).copied().unwrap_or(0);
            if issued > present {
                return Err(fail(
                    CheckCode::Counts,
                    place,
                    format!(
                        "contest \"{}\": more ballots issued (发出 {issued}) than voters present (实到 {present} of \"{electorate}\")",
                        put.id
                    ),
                ));
            }
            let returned = match &round.sealed {
                Some(log) => log
                    .ballots
                    .iter()
                    .filter(|b| {
                        b.ballot
                            .sections
                            .iter()
                            .any(|s| s.contest.as_str() == put.id)
                    })
                    .count(),
                None => round
                    .ballots
                    .iter()
                    .filter(|b| b.sections.contains_key(&put.id))
                    .count(),
            };
            let void = if returned as u64 > u64::from(issued) {
                " — more returned than issued, so the vote is void (收回的选票多于发出的选票，选举无效)"
            } else {
                ""
            };
            figures.push(format!(
                "{}: 发出 {issued} ≤ 实到 {present} ≤ 应到 {}, 收回 {returned}{void}",
                put.id, put.entitled
            ));
        }
        self.pass(CheckCode::Counts, place, figures.join("; "));
        Ok(())
    }

    /// One seat reduction: its hash, its signature, and the rules.
    fn decision(
        &mut self,
        progress: &mut Progress,
        index: usize,
        recorded: &RecordedDecision,
    ) -> Result<(), Failure> {
        let decision = &recorded.decision;
        let place = format!(
            "decision {} (contest \"{}\", after round {})",
            index + 1,
            decision.contest,
            decision.after_round
        );
        let (bytes, hash) =
            digest(decision).map_err(|e| fail(CheckCode::DecisionHash, &place, e.to_string()))?;
        if hash != recorded.hash {
            return Err(fail(
                CheckCode::DecisionHash,
                &place,
                format!(
                    "the decision's SHA-256 is {hash}, the record says {}",
                    recorded.hash
                ),
            ));
        }
        self.pass(
            CheckCode::DecisionHash,
            &place,
            format!("hash {}", hash.grouped()),
        );
        self.signature(
            CheckCode::DecisionSignature,
            &place,
            "decision",
            SigningContext::Decision,
            &bytes,
            &recorded.signature,
        )?;
        if decision.format != DECISION_FORMAT {
            return Err(fail(
                CheckCode::DecisionRules,
                &place,
                format!(
                    "the format is \"{}\", not \"{DECISION_FORMAT}\"",
                    decision.format
                ),
            ));
        }
        progress
            .reduce(decision)
            .map_err(|e| fail(CheckCode::DecisionRules, &place, e.to_string()))?;
        self.pass(
            CheckCode::DecisionRules,
            &place,
            format!(
                "the seats of \"{}\" are reduced to {} with the congress's consent, as the rules allow (a reduced committee keeps the size of 《工会基层组织选举工作条例》(2016) 第八条)",
                decision.contest, decision.seats
            ),
        );
        self.summary.decisions += 1;
        Ok(())
    }

    /// The publication is exactly what the verified rounds give, with its hash and signature.
    fn publication(
        &mut self,
        progress: &Progress,
        rounds: Vec<PublishedRound>,
    ) -> Result<(), Failure> {
        let record = self.record;
        let Some(recorded) = &record.publication else {
            return Ok(());
        };
        let place = "publication";
        if recorded.publication.format != PUBLICATION_FORMAT {
            return Err(fail(
                CheckCode::Publication,
                place,
                format!(
                    "the format is \"{}\", not \"{PUBLICATION_FORMAT}\"",
                    recorded.publication.format
                ),
            ));
        }
        let decisions = record.decisions.iter().map(|d| d.hash).collect();
        let rebuilt = progress
            .publication(rounds, decisions)
            .map_err(|e| fail(CheckCode::Publication, place, e.to_string()))?;
        if rebuilt != recorded.publication {
            let ours = serde_json::to_value(&rebuilt)
                .map_err(|e| fail(CheckCode::Publication, place, e.to_string()))?;
            let theirs = serde_json::to_value(&recorded.publication)
                .map_err(|e| fail(CheckCode::Publication, place, e.to_string()))?;
            let problem = match diff::first_difference(&ours, &theirs) {
                Some(difference) => diff::publication_difference(&difference, &ours, &theirs),
                None => "the publication differs from what the verified rounds give".to_owned(),
            };
            return Err(fail(CheckCode::Publication, place, problem));
        }
        self.pass(
            CheckCode::Publication,
            place,
            format!(
                "the publication is what the {} verified round(s) and {} decision(s) give",
                rebuilt.rounds.len(),
                rebuilt.decisions.len()
            ),
        );
        let (bytes, hash) = digest(&recorded.publication)
            .map_err(|e| fail(CheckCode::PublicationHash, place, e.to_string()))?;
        if hash != recorded.result_hash {
            return Err(fail(
                CheckCode::PublicationHash,
                place,
                format!(
                    "the publication's SHA-256 is {hash}, the record's result hash is {}",
                    recorded.result_hash
                ),
            ));
        }
        self.pass(
            CheckCode::PublicationHash,
            place,
            format!("result hash {}", hash.grouped()),
        );
        self.signature(
            CheckCode::PublicationSignature,
            place,
            "publication",
            SigningContext::Publication,
            &bytes,
            &recorded.signature,
        )?;
        self.result_hash = Some(hash);
        Ok(())
    }

    /// Each inspector's countersignature, with the inspector's own key.
    fn countersignatures(&mut self) -> Result<(), Failure> {
        let record = self.record;
        let mut keys: BTreeMap<[u8; 32], usize> = BTreeMap::new();
        for (i, countersignature) in record.countersignatures.iter().enumerate() {
            let place = format!(
                "countersignature {} ({})",
                i + 1,
                countersignature.inspector
            );
            let code = CheckCode::Countersignature;
            let Some(publication) = &record.publication else {
                return Err(fail(
                    code,
                    &place,
                    "there is no publication whose result hash it could countersign",
                ));
            };
            if countersignature.inspector.trim().is_empty() {
                return Err(fail(
                    code,
                    &place,
                    "it names no inspector: a countersignature says who made it",
                ));
            }
            let key = &countersignature.public_key;
            strict_key(key).map_err(|problem| fail(code, &place, problem))?;
            if *key == record.public_key {
                return Err(fail(
                    code,
                    &place,
                    "it is made with the election key, not with an inspector's own key",
                ));
            }
            if let Some(first) = keys.insert(key.to_bytes(), i) {
                return Err(fail(
                    code,
                    &place,
                    format!(
                        "its key is that of countersignature {} too: each inspector signs with a key of their own",
                        first + 1
                    ),
                ));
            }
            let signed = Countersigned {
                congress: record.manifest.congress.id.clone(),
                result_hash: publication.result_hash,
            };
            let bytes =
                canonical::to_vec(&signed).map_err(|e| fail(code, &place, e.to_string()))?;
            if key
                .verify(
                    SigningContext::Countersignature,
                    &bytes,
                    &countersignature.signature,
                )
                .is_err()
            {
                return Err(fail(
                    code,
                    &place,
                    format!(
                        "the signature does not verify with the inspector's key {key} over congress \"{}\" and result hash {}",
                        signed.congress, signed.result_hash
                    ),
                ));
            }
            self.pass(
                code,
                &place,
                format!(
                    "{} countersigned the result hash (key fingerprint {})",
                    countersignature.inspector,
                    key.fingerprint().grouped()
                ),
            );
            self.summary
                .countersignatures
                .push(CountersignatureSummary {
                    inspector: countersignature.inspector.clone(),
                    key_fingerprint: key.fingerprint(),
                });
        }
        Ok(())
    }

    /// Checks the election key's signature on `bytes` in `context`; when it fails, says whose
    /// signature it is if it is one found elsewhere in the record or one made in another context.
    fn signature(
        &mut self,
        code: CheckCode,
        place: &str,
        what: &str,
        context: SigningContext,
        bytes: &[u8],
        signature: &Signature,
    ) -> Result<(), Failure> {
        let key = &self.record.public_key;
        if key.verify(context, bytes, signature).is_ok() {
            self.pass(
                code,
                place,
                format!(
                    "the election key's signature on the {what} verifies (context {})",
                    context.label()
                ),
            );
            return Ok(());
        }
        let elsewhere = signatures(self.record)
            .into_iter()
            .find(|(other, _)| *other == signature && !std::ptr::eq(*other, signature))
            .map(|(_, whose)| format!(": it is {whose}"));
        let other_context = CONTEXTS
            .into_iter()
            .find(|c| *c != context && key.verify(*c, bytes, signature).is_ok())
            .map(|c| {
                format!(
                    ": it was made in the context \"{}\", not \"{}\"",
                    c.label(),
                    context.label()
                )
            });
        Err(fail(
            code,
            place,
            format!(
                "the {what} signature does not verify with the election key{}",
                elsewhere.or(other_context).unwrap_or_default()
            ),
        ))
    }
}

/// Every election-key signature in the record, with whose it is.
fn signatures(record: &ElectionRecord) -> Vec<(&Signature, String)> {
    let mut all = Vec::new();
    for round in &record.rounds {
        let number = round.result.round.number;
        all.push((
            &round.tree_head_signature,
            format!("round {number}'s tree-head signature"),
        ));
        all.push((
            &round.result_signature,
            format!("round {number}'s result signature"),
        ));
    }
    for (i, decision) in record.decisions.iter().enumerate() {
        all.push((
            &decision.signature,
            format!("decision {}'s signature", i + 1),
        ));
    }
    if let Some(publication) = &record.publication {
        all.push((
            &publication.signature,
            "the publication's signature".to_owned(),
        ));
    }
    for (i, countersignature) in record.countersignatures.iter().enumerate() {
        all.push((
            &countersignature.signature,
            format!("countersignature {}'s signature", i + 1),
        ));
    }
    all
}

/// The electorates whose turnout a round's result gives, in this order: `all` and `female` for
/// the congress, the body's own (`plenary`, `audit_plenary`, `women_plenary`) for a body's
/// first meeting.
fn electorates(definition: &RoundDefinition) -> Vec<&'static str> {
    match definition.sitting {
        Sitting::Congress => vec!["all", "female"],
        body => vec![body.as_str()],
    }
}

/// Whose votes a contest of a round takes.
fn electorate_of<'a>(
    record: &'a ElectionRecord,
    definition: &RoundDefinition,
    contest: &str,
) -> &'a str {
    if definition.sitting != Sitting::Congress {
        return definition.sitting.as_str();
    }
    record
        .manifest
        .contests
        .iter()
        .find(|c| c.id == contest)
        .map_or("all", |c| c.electorate.as_str())
}

/// Why a key would not be accepted by strict verification, if it would not.
fn strict_key(key: &PublicKey) -> Result<(), String> {
    if !key.is_canonical() {
        return Err(format!(
            "the key {key} is not the canonical encoding of its point"
        ));
    }
    if key.is_weak() {
        return Err(format!(
            "the key {key} is of small order: a signature by it proves nothing"
        ));
    }
    Ok(())
}

/// A rules error as a round's failure says it.
fn rules_problem(error: RoundError) -> String {
    match error {
        RoundError::Mismatch { detail, .. } => {
            format!("the round is not what the rules call for: {detail}")
        }
        other => format!("the rules do not allow this round: {other}"),
    }
}

/// Whether `text` is a date of the Gregorian calendar written `YYYY-MM-DD`.
fn is_calendar_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = &text[range];
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

#[cfg(test)]
mod date_tests {
    use super::is_calendar_date;

    #[test]
    fn only_real_dates_of_the_calendar_are_dates() {
        for good in ["2026-12-02", "2024-02-29", "2000-02-29", "1999-12-31"] {
            assert!(is_calendar_date(good), "{good}");
        }
        for bad in [
            "2026-02-30",
            "2100-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-01",
            "26-12-02",
            "2026/12/02",
            "２０２６-12-02",
            "",
        ] {
            assert!(!is_calendar_date(bad), "{bad}");
        }
    }
}
