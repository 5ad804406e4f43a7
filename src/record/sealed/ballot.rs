//! A sealed ballot (§7): each contest's marks encrypted to the joint key, with the proofs that
//! make the section valid without opening it — each mark is 0 or 1, a candidate is not both
//! for and against, and the persons chosen are at most the seats.

use curve25519_dalek::scalar::Scalar as DalekScalar;
use serde::{Deserialize, Serialize};

use super::SealedError;
use super::challenge::{BallotSecrets, SectionSecrets};
use super::elgamal::Ciphertext;
use super::group::{Point, SecretScalar, exact_list};
use super::kem::{Purpose, SealedBox};
use super::proofs::{RangeBatch, RangeProof, RangeStatement, SchnorrProof};
use super::randomness::{Randomness, SystemRandomness, random_salt, random_scalar};
use super::transcript::Items;
use crate::election::RoundKind;
use crate::election::contest::MAX_NAME_CHARS;
use crate::election::names;
use crate::election::{CandidateId, ContestId};
use crate::record::documents::{RoundContest, RoundDefinition, Salt};
use crate::record::hash::Digest;
use crate::record::parallel;

/// The bytes every write-in name is padded to, so that all names look alike.
pub const NAME_BYTES: usize = 256;

/// `ctx_ballot = (digest: manifest hash, integer: round, salt: the ballot's salt)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotContext {
    /// The frozen manifest's hash.
    pub manifest: Digest,
    /// The round.
    pub round: u64,
    /// The kiosk's salt.
    pub salt: Salt,
}

impl BallotContext {
    /// The context's items.
    pub fn items(&self) -> Items {
        Items::new()
            .digest(&self.manifest)
            .integer(self.round)
            .salt(&self.salt)
    }
}

/// What the cryptography needs to know of a contest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContestShape {
    /// The contest.
    pub contest: ContestId,
    /// Its candidates, in ballot order.
    pub candidates: Vec<CandidateId>,
    /// Its write-in lines, `w`.
    pub write_in_lines: u32,
    /// Its seats, `k ≥ 1`.
    pub seats: u32,
}

impl ContestShape {
    /// The shape of a round's contest: its candidates in ballot order, its seats, and as many
    /// write-in lines as seats — none in a tie re-vote, which is held among the tied alone
    /// (RULES.md §4).
    pub fn of_round(contest: &RoundContest) -> Result<ContestShape, SealedError> {
        let bad = |what: String| SealedError::Shape(format!("contest {}: {what}", contest.id));
        let candidates = contest
            .candidates
            .iter()
            .map(|c| CandidateId::parse_standing(&c.id).map_err(|e| bad(e.to_string())))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ContestShape {
            contest: ContestId::parse(&contest.id).map_err(|e| bad(e.to_string()))?,
            candidates,
            write_in_lines: match contest.round {
                RoundKind::TieRevote => 0,
                _ => contest.seats,
            },
            seats: contest.seats,
        })
    }

    /// The shapes of a round's contests, in its order.
    pub fn of_definition(definition: &RoundDefinition) -> Result<Vec<ContestShape>, SealedError> {
        definition
            .contests
            .iter()
            .map(ContestShape::of_round)
            .collect()
    }
}

/// A voter's mark for one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    /// 赞成.
    For,
    /// 不赞成.
    Against,
    /// 弃权, or no mark.
    Abstain,
}

/// A section's choices, as the kiosk has checked them: one mark per candidate in ballot
/// order, and the names written in, filling the first lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionChoices {
    /// One mark per candidate, in ballot order.
    pub marks: Vec<Mark>,
    /// The write-ins, at most one per line.
    pub write_ins: Vec<String>,
}

impl SectionChoices {
    /// The choices `marks` make on a contest of this shape, as a kiosk reads them: *for* or
    /// *against* a listed candidate, abstain otherwise, and the names written in filling the
    /// first lines. Refuses marks a sealed ballot cannot hold: an unknown candidate, one marked
    /// twice, more names than lines, or more persons than seats (an over-vote, which the
    /// section's proof would not allow).
    pub fn from_marks(
        shape: &ContestShape,
        marks: &crate::election::Marks,
    ) -> Result<SectionChoices, SealedError> {
        let bad = |what: String| SealedError::Shape(format!("contest {}: {what}", shape.contest));
        for id in marks
            .for_
            .iter()
            .chain(&marks.against)
            .chain(&marks.abstain)
        {
            if !shape.candidates.iter().any(|c| c.as_str() == id) {
                return Err(bad(format!("{id} is not a candidate")));
            }
        }
        let mut chosen = Vec::with_capacity(shape.candidates.len());
        for candidate in &shape.candidates {
            let id = candidate.as_str();
            let count = |list: &[String]| list.iter().filter(|c| c.as_str() == id).count();
            chosen.push(
                match (
                    count(&marks.for_),
                    count(&marks.against),
                    count(&marks.abstain),
                ) {
                    (0, 0, _) => Mark::Abstain,
                    (1, 0, 0) => Mark::For,
                    (0, 1, 0) => Mark::Against,
                    _ => return Err(bad(format!("{id} is marked more than once"))),
                },
            );
        }
        if marks.write_ins.len() > shape.write_in_lines as usize {
            return Err(bad(format!(
                "{} names written in on {} line(s)",
                marks.write_ins.len(),
                shape.write_in_lines
            )));
        }
        let persons = marks.for_.len() + marks.write_ins.len();
        if persons > shape.seats as usize {
            return Err(bad(format!(
                "{persons} persons chosen for {} seat(s)",
                shape.seats
            )));
        }
        Ok(SectionChoices {
            marks: chosen,
            write_ins: marks.write_ins.clone(),
        })
    }
}

/// One candidate of a sealed section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedCandidate {
    /// The candidate.
    pub candidate: CandidateId,
    /// 1 if marked for, else 0.
    #[serde(rename = "for")]
    pub for_: Ciphertext,
    /// `for` is 0 or 1.
    pub for_proof: RangeProof,
    /// 1 if marked against, else 0.
    pub against: Ciphertext,
    /// `against` is 0 or 1.
    pub against_proof: RangeProof,
    /// `for + against` is 0 or 1.
    pub one_proof: RangeProof,
}

/// One write-in line of a sealed section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedWriteIn {
    /// 1 if the line holds a name, else 0.
    pub used: Ciphertext,
    /// `used` is 0 or 1.
    pub used_proof: RangeProof,
    /// The name, padded to 256 bytes, sealed to the joint key.
    pub name: SealedBox,
    /// Knowledge of the name's `u`, so that the header is no other ballot's `α` (§7).
    pub name_proof: SchnorrProof,
}

/// One contest's part of a sealed ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedSection {
    /// The contest.
    pub contest: ContestId,
    /// One entry per candidate, in ballot order.
    #[serde(deserialize_with = "exact_list")]
    pub candidates: Vec<SealedCandidate>,
    /// One entry per write-in line.
    #[serde(deserialize_with = "exact_list")]
    pub write_ins: Vec<SealedWriteIn>,
    /// The persons chosen — for marks and used lines — are at most the seats.
    pub limit_proof: RangeProof,
}

/// A sealed ballot: the kiosk's salt and its sections, in manifest order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedBallot {
    /// The kiosk's salt.
    pub salt: Salt,
    /// At most one section per contest, in manifest order.
    pub sections: Vec<SealedSection>,
}

impl AsRef<SealedBallot> for SealedBallot {
    fn as_ref(&self) -> &SealedBallot {
        self
    }
}

/// The contexts of a section's proofs and boxes (§7).
pub(crate) struct SectionItems {
    base: Items,
}

impl SectionItems {
    pub(crate) fn new(ballot: &BallotContext, contest: &ContestId) -> SectionItems {
        SectionItems {
            base: ballot.items().text(contest.as_str()),
        }
    }

    fn mark(&self, which: &str, candidate: &CandidateId) -> Items {
        self.base.clone().text(which).text(candidate.as_str())
    }

    fn line(&self, q: u64) -> Items {
        self.base.clone().text("line").integer(q)
    }

    pub(crate) fn name(&self, q: u64) -> Items {
        self.base.clone().integer(q)
    }

    fn name_proof(&self, q: u64) -> Items {
        self.base.clone().integer(q).text("name")
    }

    fn limit(&self) -> Items {
        self.base.clone().text("limit")
    }
}

/// A name as its box holds it: normalised, then zero bytes up to [`NAME_BYTES`]; `None` for
/// an unused line.
pub fn pad_name(name: Option<&str>) -> Result<Vec<u8>, SealedError> {
    let mut padded = Vec::with_capacity(NAME_BYTES);
    if let Some(name) = name {
        // Read as every name is: U+0000, a control character, is refused with the others.
        let name = names::read(name, MAX_NAME_CHARS)?;
        padded.extend_from_slice(name.as_bytes());
    }
    // 64 code points are at most 256 bytes of UTF-8, so the name always fits.
    padded.resize(NAME_BYTES, 0);
    Ok(padded)
}

/// Reads a name from its padded bytes (§9): strips the zero padding, and refuses a wrong
/// length, a non-zero byte after the first zero, an empty name and invalid UTF-8.
pub fn read_name(padded: &[u8]) -> Result<String, SealedError> {
    if padded.len() != NAME_BYTES {
        return Err(SealedError::WriteIn(
            "a name's box holds other than 256 bytes",
        ));
    }
    let end = padded.iter().position(|&b| b == 0).unwrap_or(NAME_BYTES);
    if padded[end..].iter().any(|&b| b != 0) {
        return Err(SealedError::WriteIn("a name has bytes after its padding"));
    }
    if end == 0 {
        return Err(SealedError::WriteIn("a used line holds no name"));
    }
    String::from_utf8(padded[..end].to_vec())
        .map_err(|_| SealedError::WriteIn("a name is not UTF-8"))
}

fn shape_error(text: String) -> SealedError {
    SealedError::Shape(text)
}

/// Seals one section; draws in the order of §7 (per candidate `r` of for, `r` of against, the
/// three proofs; per line `r` of used, its proof, `u` of the name, the name's proof; then the
/// limit proof).
/// Returns the section with the secrets that open it, which the kiosk reveals only when the
/// voter challenges the ballot ([`SectionSecrets::reveal`]) and drops otherwise.
pub fn seal_section(
    key: &Point,
    ballot: &BallotContext,
    shape: &ContestShape,
    choices: &SectionChoices,
    rng: &mut dyn Randomness,
) -> Result<(SealedSection, SectionSecrets), SealedError> {
    if choices.marks.len() != shape.candidates.len() {
        return Err(shape_error(format!(
            "contest {} has {} candidates, but {} marks were given",
            shape.contest,
            shape.candidates.len(),
            choices.marks.len()
        )));
    }
    if choices.write_ins.len() > shape.write_in_lines as usize {
        return Err(shape_error(format!(
            "contest {} has {} write-in lines, but {} names were given",
            shape.contest,
            shape.write_in_lines,
            choices.write_ins.len()
        )));
    }
    let items = SectionItems::new(ballot, &shape.contest);
    let l1 = |ctx: &Items,
              ciphertext: &Ciphertext,
              value: u64,
              r: &SecretScalar,
              rng: &mut dyn Randomness| {
        let statement = RangeStatement {
            ctx,
            key,
            ciphertext,
            bound: 1,
        };
        RangeProof::prove(&statement, value, r, rng)
    };
    let mut chosen = 0_u64;
    let mut limit_r = DalekScalar::ZERO;
    let mut limit_ciphertexts = Vec::new();
    let mut candidates = Vec::new();
    // The names as sealed, read as every name is: what an opening reveals.
    let written = choices
        .write_ins
        .iter()
        .map(|name| names::read(name, MAX_NAME_CHARS))
        .collect::<Result<Vec<_>, _>>()?;
    let mut secrets = SectionSecrets {
        contest: shape.contest.clone(),
        choices: SectionChoices {
            marks: choices.marks.clone(),
            write_ins: written,
        },
        candidates: Vec::new(),
        lines: Vec::new(),
    };
    for (candidate, mark) in shape.candidates.iter().zip(&choices.marks) {
        let for_value = u64::from(*mark == Mark::For);
        let against_value = u64::from(*mark == Mark::Against);
        let r_for = random_scalar(rng)?;
        let r_against = random_scalar(rng)?;
        let for_ = Ciphertext::encrypt(key, for_value, &r_for);
        let against = Ciphertext::encrypt(key, against_value, &r_against);
        let for_proof = l1(&items.mark("for", candidate), &for_, for_value, &r_for, rng)?;
        let against_proof = l1(
            &items.mark("against", candidate),
            &against,
            against_value,
            &r_against,
            rng,
        )?;
        let r_one = SecretScalar::new(r_for.0 + r_against.0);
        let one_proof = l1(
            &items.mark("one", candidate),
            &(for_ + against),
            for_value + against_value,
            &r_one,
            rng,
        )?;
        chosen += for_value;
        limit_r += r_for.0;
        limit_ciphertexts.push(for_);
        secrets.candidates.push((r_for, r_against));
        candidates.push(SealedCandidate {
            candidate: candidate.clone(),
            for_,
            for_proof,
            against,
            against_proof,
            one_proof,
        });
    }
    let mut write_ins = Vec::new();
    for q in 0..shape.write_in_lines {
        let name = choices.write_ins.get(q as usize).map(String::as_str);
        let used_value = u64::from(name.is_some());
        let q = u64::from(q);
        let r_used = random_scalar(rng)?;
        let used = Ciphertext::encrypt(key, used_value, &r_used);
        let used_proof = l1(&items.line(q), &used, used_value, &r_used, rng)?;
        let u = random_scalar(rng)?;
        let sealed =
            SealedBox::seal_with(key, Purpose::WriteIn, &items.name(q), &pad_name(name)?, &u);
        let name_proof = SchnorrProof::prove(&items.name_proof(q), &u, rng)?;
        chosen += used_value;
        limit_r += r_used.0;
        limit_ciphertexts.push(used);
        secrets.lines.push((r_used, u));
        write_ins.push(SealedWriteIn {
            used,
            used_proof,
            name: sealed,
            name_proof,
        });
    }
    let limit = Ciphertext::sum(&limit_ciphertexts);
    let statement = RangeStatement {
        ctx: &items.limit(),
        key,
        ciphertext: &limit,
        bound: shape.seats.into(),
    };
    let limit_proof = RangeProof::prove(&statement, chosen, &SecretScalar::new(limit_r), rng)?;
    let section = SealedSection {
        contest: shape.contest.clone(),
        candidates,
        write_ins,
        limit_proof,
    };
    Ok((section, secrets))
}

/// One range proof of a section, with what it is about, to be checked in a batch.
struct PendingRange<'s> {
    ctx: Items,
    ciphertext: Ciphertext,
    bound: u64,
    proof: &'s RangeProof,
    what: String,
}

impl SealedSection {
    /// Checks the section against its contest: shape, no identity among the `α` and headers,
    /// every Schnorr proof, and every range proof (in one batch, with weights from the system
    /// generator).
    pub fn verify(
        &self,
        key: &Point,
        ballot: &BallotContext,
        shape: &ContestShape,
    ) -> Result<(), SealedError> {
        let pending = self.pending(ballot, shape)?;
        verify_batch(key, &pending)
    }

    /// Checks everything but the range proofs, and lists those.
    fn pending(
        &self,
        ballot: &BallotContext,
        shape: &ContestShape,
    ) -> Result<Vec<PendingRange<'_>>, SealedError> {
        let contest = &shape.contest;
        if &self.contest != contest {
            return Err(shape_error(format!(
                "a section for contest {} stands where {contest} should",
                self.contest
            )));
        }
        let ids: Vec<&CandidateId> = self.candidates.iter().map(|c| &c.candidate).collect();
        if ids != shape.candidates.iter().collect::<Vec<_>>() {
            return Err(shape_error(format!(
                "the candidates of contest {contest} are not those of the ballot, in its order"
            )));
        }
        if self.write_ins.len() != shape.write_in_lines as usize {
            return Err(shape_error(format!(
                "contest {contest} has {} write-in lines, not {}",
                shape.write_in_lines,
                self.write_ins.len()
            )));
        }
        let items = SectionItems::new(ballot, contest);
        let mut pending = Vec::new();
        let mut limit = Vec::new();
        for c in &self.candidates {
            let id = &c.candidate;
            c.for_.alpha.not_identity("a ciphertext's α")?;
            c.against.alpha.not_identity("a ciphertext's α")?;
            pending.push(PendingRange {
                ctx: items.mark("for", id),
                ciphertext: c.for_,
                bound: 1,
                proof: &c.for_proof,
                what: format!("{contest}/{id}/for"),
            });
            pending.push(PendingRange {
                ctx: items.mark("against", id),
                ciphertext: c.against,
                bound: 1,
                proof: &c.against_proof,
                what: format!("{contest}/{id}/against"),
            });
            pending.push(PendingRange {
                ctx: items.mark("one", id),
                ciphertext: c.for_ + c.against,
                bound: 1,
                proof: &c.one_proof,
                what: format!("{contest}/{id}/one"),
            });
            limit.push(c.for_);
        }
        for (q, line) in (0_u64..).zip(&self.write_ins) {
            line.used.alpha.not_identity("a ciphertext's α")?;
            line.name.header.not_identity("a name's header")?;
            line.name_proof.verify(
                &items.name_proof(q),
                &line.name.header,
                &format!("{contest}/line {q}/name"),
            )?;
            pending.push(PendingRange {
                ctx: items.line(q),
                ciphertext: line.used,
                bound: 1,
                proof: &line.used_proof,
                what: format!("{contest}/line {q}/used"),
            });
            limit.push(line.used);
        }
        pending.push(PendingRange {
            ctx: items.limit(),
            ciphertext: Ciphertext::sum(&limit),
            bound: shape.seats.into(),
            proof: &self.limit_proof,
            what: format!("{contest}/limit"),
        });
        Ok(pending)
    }

    /// Every `α` and header of the section.
    fn points(&self) -> impl Iterator<Item = &Point> {
        let marks = self
            .candidates
            .iter()
            .flat_map(|c| [&c.for_.alpha, &c.against.alpha]);
        let lines = self
            .write_ins
            .iter()
            .flat_map(|l| [&l.used.alpha, &l.name.header]);
        marks.chain(lines)
    }
}

/// Checks range proofs in one batch; when the batch fails, checks them one by one to name the
/// proof that fails.
fn verify_batch(key: &Point, pending: &[PendingRange<'_>]) -> Result<(), SealedError> {
    let mut rng = SystemRandomness::new();
    let mut batch = RangeBatch::new(&mut rng);
    for p in pending {
        let s = RangeStatement {
            ctx: &p.ctx,
            key,
            ciphertext: &p.ciphertext,
            bound: p.bound,
        };
        batch.push(&s, p.proof, &p.what)?;
    }
    if batch.verify("range").is_ok() {
        return Ok(());
    }
    for p in pending {
        let s = RangeStatement {
            ctx: &p.ctx,
            key,
            ciphertext: &p.ciphertext,
            bound: p.bound,
        };
        p.proof.verify(&s, &p.what)?;
    }
    // Every proof holds alone, so the batch failed only through a failing random draw.
    Err(SealedError::NoRandomness)
}

impl SealedBallot {
    /// Seals a ballot: draws the salt, then seals each section in turn. `sections` pairs each
    /// contest on the ballot, in manifest order, with its choices.
    pub fn seal(
        key: &Point,
        manifest: &Digest,
        round: u64,
        sections: &[(&ContestShape, &SectionChoices)],
        rng: &mut dyn Randomness,
    ) -> Result<(SealedBallot, BallotSecrets), SealedError> {
        let salt = random_salt(rng)?;
        let ballot = BallotContext {
            manifest: *manifest,
            round,
            salt: salt.clone(),
        };
        let (sealed, secrets): (Vec<_>, Vec<_>) = sections
            .iter()
            .map(|(shape, choices)| seal_section(key, &ballot, shape, choices, rng))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .unzip();
        let secrets = BallotSecrets {
            salt: salt.clone(),
            sections: secrets,
        };
        Ok((
            SealedBallot {
                salt,
                sections: sealed,
            },
            secrets,
        ))
    }

    /// The context of this ballot's proofs.
    pub fn context(&self, manifest: &Digest, round: u64) -> BallotContext {
        BallotContext {
            manifest: *manifest,
            round,
            salt: self.salt.clone(),
        }
    }

    /// The shape of each section, found among `shapes` (the manifest's contests, in order);
    /// refuses an unknown contest, one out of order or twice.
    pub fn shapes<'c>(
        &self,
        shapes: &'c [ContestShape],
    ) -> Result<Vec<&'c ContestShape>, SealedError> {
        let mut next = 0;
        let mut found = Vec::new();
        for section in &self.sections {
            let at = shapes[next..]
                .iter()
                .position(|s| s.contest == section.contest)
                .ok_or_else(|| {
                    shape_error(format!(
                        "section {} is not a contest of the ballot, or is out of order or repeated",
                        section.contest
                    ))
                })?;
            found.push(&shapes[next + at]);
            next += at + 1;
        }
        Ok(found)
    }

    /// Checks every section (all range proofs of the ballot in one batch) and that no `α` or
    /// header is repeated within the ballot.
    pub fn verify(
        &self,
        key: &Point,
        manifest: &Digest,
        round: u64,
        shapes: &[ContestShape],
    ) -> Result<(), SealedError> {
        let context = self.context(manifest, round);
        let mut pending = Vec::new();
        for (section, shape) in self.sections.iter().zip(self.shapes(shapes)?) {
            pending.extend(section.pending(&context, shape)?);
        }
        check_distinct(std::slice::from_ref(self))?;
        verify_batch(key, &pending)
    }
}

/// Checks several ballots of one round as [`SealedBallot::verify`] does each, with the range
/// proofs of them all in one batch (a larger multiscalar multiplication costs less a proof),
/// but for distinctness, which the caller checks once across the whole round
/// ([`check_distinct`], as [`super::round::SealedRound::verify`] does). When the batch fails,
/// the ballots are checked one by one: the error names the first bad one by its place in
/// `ballots`.
pub fn verify_ballots<B: AsRef<SealedBallot>>(
    key: &Point,
    manifest: &Digest,
    round: u64,
    shapes: &[ContestShape],
    ballots: &[B],
) -> Result<(), (usize, SealedError)> {
    let mut pending = Vec::new();
    for (i, ballot) in ballots.iter().map(AsRef::as_ref).enumerate() {
        let context = ballot.context(manifest, round);
        let sections = ballot.shapes(shapes).map_err(|e| (i, e))?;
        for (section, shape) in ballot.sections.iter().zip(sections) {
            pending.extend(section.pending(&context, shape).map_err(|e| (i, e))?);
        }
    }
    if verify_batch(key, &pending).is_ok() {
        return Ok(());
    }
    for (i, ballot) in ballots.iter().map(AsRef::as_ref).enumerate() {
        ballot
            .verify(key, manifest, round, shapes)
            .map_err(|e| (i, e))?;
    }
    Err((0, SealedError::NoRandomness))
}

/// Refuses ballots of one round that share a salt, or any `α` or name header (§7).
pub fn check_distinct<B: AsRef<SealedBallot> + Sync>(ballots: &[B]) -> Result<(), SealedError> {
    // Sorted, a repeated value stands beside itself. A round's millions of points are sorted
    // in runs on every core, which a stable sort then merges in one pass.
    let runs = if ballots.len() < SORTED_ON_EVERY_CORE {
        vec![sorted_values(ballots)]
    } else {
        parallel::shares(ballots, |_, share| sorted_values(share))
    };
    let (mut salts, mut points): (Vec<&str>, Vec<&Point>) = (Vec::new(), Vec::new());
    for (run_salts, run_points) in runs {
        salts.extend(run_salts);
        points.extend(run_points);
    }
    salts.sort();
    points.sort_by_key(|p| p.as_bytes());
    if let Some(pair) = salts.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(shape_error(format!(
            "two ballots share the salt {}",
            pair[0]
        )));
    }
    if let Some(pair) = points.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(shape_error(format!(
            "the point {} appears twice in the round",
            pair[0]
        )));
    }
    Ok(())
}

/// From how many ballots [`check_distinct`] sorts on every core.
const SORTED_ON_EVERY_CORE: usize = 1024;

/// The salts and the points (every `α` and header) of `ballots`, each list sorted.
fn sorted_values<B: AsRef<SealedBallot>>(ballots: &[B]) -> (Vec<&str>, Vec<&Point>) {
    let mut salts: Vec<&str> = ballots.iter().map(|b| b.as_ref().salt.as_str()).collect();
    salts.sort_unstable();
    let mut points: Vec<&Point> = ballots
        .iter()
        .flat_map(|b| b.as_ref().sections.iter().flat_map(SealedSection::points))
        .collect();
    points.sort_unstable_by_key(|p| p.as_bytes());
    (salts, points)
}
