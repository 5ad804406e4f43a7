//! Adding up a round and opening it (§8, §9): the lists of ciphertexts the trustees decrypt,
//! their partial decryptions with batched proofs, the combination of at least `t` of them by
//! Lagrange interpolation, and the counts and write-in names that come out.

use curve25519_dalek::ristretto::RistrettoPoint;
use curve25519_dalek::scalar::Scalar as DalekScalar;
use curve25519_dalek::traits::VartimeMultiscalarMul;
use serde::{Deserialize, Serialize};

use super::SealedError;
use super::ballot::{ContestShape, SealedBallot, SectionItems, read_name};
use super::ceremony::SecretShare;
use super::elgamal::{Ciphertext, CountSearch};
use super::group::{Point, Scalar};
use super::kem::Purpose;
use super::proofs::{DleqProof, DleqStatement};
use super::randomness::Randomness;
use super::transcript::Items;
use crate::election::{CandidateId, ContestId};
use crate::record::hash::Digest;
use crate::record::parallel;

/// Which list is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// The first opening list: totals and write-in counts.
    #[serde(rename = "totals")]
    Totals,
    /// The second: the lines and names of sections with write-ins.
    #[serde(rename = "write-ins")]
    WriteIns,
}

impl Step {
    /// The step's text in `ctx_opening`.
    pub fn label(self) -> &'static str {
        match self {
            Step::Totals => "totals",
            Step::WriteIns => "write-ins",
        }
    }
}

/// `ctx_opening = (digest: manifest hash, integer: round, text: step)`.
pub fn opening_items(manifest: &Digest, round: u64, step: Step) -> Items {
    Items::new()
        .digest(manifest)
        .integer(round)
        .text(step.label())
}

/// What one entry of an opening list stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A candidate's for total.
    For(ContestId, CandidateId),
    /// A candidate's against total.
    Against(ContestId, CandidateId),
    /// How many write-ins ballot `.0` (in log order, from 0) holds in a contest.
    WriteInCount(usize, ContestId),
    /// Whether line `.2` of a ballot's section is used.
    LineUsed(usize, ContestId, u32),
    /// The header `(U, O)` of that line's name.
    NameHeader(usize, ContestId, u32),
}

/// A list of ciphertexts to open, in the order of §8 or §9, each with what it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpeningList {
    /// Which step.
    pub step: Step,
    /// The entries, in order.
    pub entries: Vec<(Entry, Ciphertext)>,
}

impl OpeningList {
    /// The `α` of every entry, which the trustees decrypt.
    pub fn alphas(&self) -> Vec<Point> {
        self.entries.iter().map(|(_, c)| c.alpha).collect()
    }

    /// `(O, O)` lists cannot be proved over; a list must hold one entry at least (§4.3).
    fn check_not_empty(&self) -> Result<(), SealedError> {
        if self.entries.is_empty() {
            Err(SealedError::Shape(format!(
                "the {} list is empty",
                self.step.label()
            )))
        } else {
            Ok(())
        }
    }
}

/// The first opening list (§8) of a round's verified ballots, `shapes` the manifest's
/// contests in order.
pub fn first_list<B: AsRef<SealedBallot> + Sync>(
    shapes: &[ContestShape],
    ballots: &[B],
) -> Result<OpeningList, SealedError> {
    // Each core adds up its share of the ballots; the shares' sums are added last.
    let mut sums = parallel::shares(ballots, |_, share| mark_sums(shapes, share)).into_iter();
    let first = sums.next().unwrap_or_else(|| mark_sums::<B>(shapes, &[]));
    let totals = sums.fold(first, |totals, more| {
        totals.into_iter().zip(more).map(|(a, b)| a + b).collect()
    });
    let mut totals = totals.into_iter();
    let mut entries = Vec::new();
    for shape in shapes {
        for candidate in &shape.candidates {
            let (Some(for_), Some(against)) = (totals.next(), totals.next()) else {
                return Err(SealedError::Shape("a sum for every mark".to_owned()));
            };
            entries.push((Entry::For(shape.contest.clone(), candidate.clone()), for_));
            entries.push((
                Entry::Against(shape.contest.clone(), candidate.clone()),
                against,
            ));
        }
    }
    for (b, ballot) in ballots.iter().map(AsRef::as_ref).enumerate() {
        for (section, shape) in ballot.sections.iter().zip(ballot.shapes(shapes)?) {
            if shape.write_in_lines > 0 {
                let count = Ciphertext::sum(section.write_ins.iter().map(|l| &l.used));
                entries.push((Entry::WriteInCount(b, shape.contest.clone()), count));
            }
        }
    }
    Ok(OpeningList {
        step: Step::Totals,
        entries,
    })
}

/// The sums of the *for* and of the *against* marks of each candidate of each contest over
/// `ballots`, in the first list's order.
fn mark_sums<B: AsRef<SealedBallot>>(shapes: &[ContestShape], ballots: &[B]) -> Vec<Ciphertext> {
    let mut sums = Vec::new();
    for shape in shapes {
        let sections: Vec<_> = ballots
            .iter()
            .flat_map(|b| {
                let sections = &b.as_ref().sections;
                sections.iter().filter(|s| s.contest == shape.contest)
            })
            .collect();
        for k in 0..shape.candidates.len() {
            let marks: Vec<_> = sections
                .iter()
                .filter_map(|s| s.candidates.get(k))
                .collect();
            sums.push(Ciphertext::sum(marks.iter().map(|m| &m.for_)));
            sums.push(Ciphertext::sum(marks.iter().map(|m| &m.against)));
        }
    }
    sums
}

/// The second opening list (§9) from the first and its counts: every line and name header of
/// each section whose write-in count is not 0. `None` when no section holds a write-in.
pub fn second_list<B: AsRef<SealedBallot>>(
    ballots: &[B],
    first: &OpeningList,
    counts: &[u64],
) -> Result<Option<OpeningList>, SealedError> {
    if first.entries.len() != counts.len() {
        return Err(SealedError::Shape(
            "one count per entry of the first list".to_owned(),
        ));
    }
    let mut entries = Vec::new();
    for ((entry, _), count) in first.entries.iter().zip(counts) {
        let Entry::WriteInCount(b, contest) = entry else {
            continue;
        };
        if *count == 0 {
            continue;
        }
        let section = ballots
            .get(*b)
            .and_then(|ballot| {
                let sections = &ballot.as_ref().sections;
                sections.iter().find(|s| &s.contest == contest)
            })
            .ok_or_else(|| SealedError::Shape(format!("ballot {b} has no section {contest}")))?;
        for (q, line) in (0_u32..).zip(&section.write_ins) {
            entries.push((Entry::LineUsed(*b, contest.clone(), q), line.used));
            let header = Ciphertext {
                alpha: line.name.header,
                beta: Point::identity(),
            };
            entries.push((Entry::NameHeader(*b, contest.clone(), q), header));
        }
    }
    Ok((!entries.is_empty()).then_some(OpeningList {
        step: Step::WriteIns,
        entries,
    }))
}

/// A trustee's partial decryption of a list (§9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartialDecryption {
    /// `i`.
    pub trustee: u32,
    /// The list decrypted.
    pub step: Step,
    /// `M_k = s_i·α_k`, one per entry.
    pub shares: Vec<Point>,
    /// The batched proof (§4.3).
    pub proof: DleqProof,
}

/// A partial decryption whose proof checked against the trustee's public share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedPartial {
    trustee: u32,
    shares: Vec<Point>,
}

impl PartialDecryption {
    /// Decrypts `list` partially with `share`; draws the proof's nonce.
    pub fn make(
        share: &SecretShare,
        manifest: &Digest,
        round: u64,
        list: &OpeningList,
        rng: &mut dyn Randomness,
    ) -> Result<PartialDecryption, SealedError> {
        list.check_not_empty()?;
        let alphas = list.alphas();
        let secret = share.secret();
        // Constant time in the secret share.
        let shares: Vec<Point> = alphas
            .iter()
            .map(|a| Point::from_group(a.group() * secret.0))
            .collect();
        let ctx = opening_items(manifest, round, list.step);
        let statement = DleqStatement {
            ctx: &ctx,
            public_share: share.public(),
            alphas: &alphas,
            shares: &shares,
        };
        let proof = DleqProof::prove(&statement, secret, rng)?;
        Ok(PartialDecryption {
            trustee: share.trustee(),
            step: list.step,
            shares,
            proof,
        })
    }

    /// Checks the partial decryption of `list` against `public_share`, the trustee's `P_i`.
    pub fn verify(
        &self,
        manifest: &Digest,
        round: u64,
        list: &OpeningList,
        public_share: &Point,
    ) -> Result<VerifiedPartial, SealedError> {
        list.check_not_empty()?;
        if self.step != list.step {
            return Err(SealedError::Shape(format!(
                "a partial decryption of {} given for the {} list",
                self.step.label(),
                list.step.label()
            )));
        }
        let alphas = list.alphas();
        let ctx = opening_items(manifest, round, list.step);
        let statement = DleqStatement {
            ctx: &ctx,
            public_share,
            alphas: &alphas,
            shares: &self.shares,
        };
        self.proof.verify(
            &statement,
            &format!("partial decryption of trustee {}", self.trustee),
        )?;
        Ok(VerifiedPartial {
            trustee: self.trustee,
            shares: self.shares.clone(),
        })
    }
}

/// The Lagrange coefficients at 0 of exactly the trustees `set`:
/// `λ_i = Π_{j∈Q, j≠i} j / (j − i)`.
pub fn lagrange(set: &[u32]) -> Result<Vec<Scalar>, SealedError> {
    let mut sorted = set.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    if sorted.len() != set.len() || sorted.first() == Some(&0) {
        return Err(SealedError::Shape(format!(
            "trustees {set:?} are not distinct numbers from 1"
        )));
    }
    let coefficients = set.iter().map(|&i| {
        let (numerator, denominator) = set.iter().filter(|&&j| j != i).fold(
            (DalekScalar::ONE, DalekScalar::ONE),
            |(n, d), &j| {
                let j_s = DalekScalar::from(j);
                (n * j_s, d * (j_s - DalekScalar::from(i)))
            },
        );
        // The trustees are distinct, so no j − i is 0 and the denominator is invertible.
        Scalar(numerator * denominator.invert())
    });
    Ok(coefficients.collect())
}

/// A list opened: for each entry, the decryption factor `s·α_k` and the plaintext point
/// `β_k − s·α_k`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// `S_k = Σ_{i∈Q} λ_i·M_{i,k}`: for a name header, the shared point of its box.
    pub factors: Vec<Point>,
    /// `β_k − S_k = m_k·G`.
    pub plaintexts: Vec<Point>,
}

/// Combines the verified partial decryptions of at least `threshold` distinct trustees, every
/// one of them used (§9).
pub fn combine(
    threshold: u32,
    list: &OpeningList,
    partials: &[VerifiedPartial],
) -> Result<Opened, SealedError> {
    let set: Vec<u32> = partials.iter().map(|p| p.trustee).collect();
    let lambdas = lagrange(&set)?;
    if set.len() < threshold as usize {
        return Err(SealedError::TooFewTrustees {
            needed: threshold as usize,
            got: set.len(),
        });
    }
    if partials
        .iter()
        .any(|p| p.shares.len() != list.entries.len())
    {
        return Err(SealedError::Shape(
            "one share per entry of the list".to_owned(),
        ));
    }
    Ok(combine_with(&lambdas, list, partials))
}

/// The combination with given coefficients, unchecked: [`combine`] is the one to use.
fn combine_with(lambdas: &[Scalar], list: &OpeningList, partials: &[VerifiedPartial]) -> Opened {
    // A round's list holds an entry per section with write-in lines: each core takes its share.
    let combined = parallel::map(&list.entries, |k, (_, ciphertext)| {
        let factor = RistrettoPoint::vartime_multiscalar_mul(
            lambdas.iter().map(|l| l.0),
            partials.iter().map(|p| *p.shares[k].group()),
        );
        (
            Point::from_group(factor),
            Point::from_group(ciphertext.beta.group() - factor),
        )
    });
    let (factors, plaintexts) = combined.into_iter().unzip();
    Opened {
        factors,
        plaintexts,
    }
}

/// Combines partial decryptions of fewer than `t` trustees, for tests that show it gives
/// nothing useful. Never use it to open a round.
#[doc(hidden)]
pub fn combine_below_threshold_for_tests(
    list: &OpeningList,
    partials: &[VerifiedPartial],
) -> Result<Opened, SealedError> {
    let set: Vec<u32> = partials.iter().map(|p| p.trustee).collect();
    Ok(combine_with(&lagrange(&set)?, list, partials))
}

/// The count of each plaintext point, searched in `0 … bound` (the round's number of ballots).
pub fn counts(opened: &Opened, bound: u64) -> Result<Vec<u64>, SealedError> {
    let search = CountSearch::new(bound);
    opened.plaintexts.iter().map(|p| search.find(p)).collect()
}

/// A write-in read from an opened second list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteIn {
    /// The ballot, by its place in the log (from 0).
    pub ballot: usize,
    /// The contest.
    pub contest: ContestId,
    /// The line.
    pub line: u32,
    /// The name, as the kiosk normalised it.
    pub name: String,
}

/// Reads the names of the used lines of the second list once opened.
pub fn read_write_ins<B: AsRef<SealedBallot>>(
    manifest: &Digest,
    round: u64,
    ballots: &[B],
    second: &OpeningList,
    opened: &Opened,
) -> Result<Vec<WriteIn>, SealedError> {
    let mut names = Vec::new();
    let mut used = false;
    for (k, (entry, _)) in second.entries.iter().enumerate() {
        match entry {
            Entry::LineUsed(..) => {
                used = match opened.plaintexts.get(k) {
                    Some(p) if *p == Point::identity() => false,
                    Some(p) if *p == Point::generator() => true,
                    _ => return Err(SealedError::NoCount(1)),
                };
            }
            Entry::NameHeader(b, contest, q) if used => {
                let ballot = ballots
                    .get(*b)
                    .map(AsRef::as_ref)
                    .ok_or_else(|| SealedError::Shape(format!("no ballot {b}")))?;
                let line = ballot
                    .sections
                    .iter()
                    .find(|s| &s.contest == contest)
                    .and_then(|s| s.write_ins.get(*q as usize))
                    .ok_or_else(|| SealedError::Shape(format!("no line {q} of {contest}")))?;
                let shared = opened.factors.get(k).ok_or(SealedError::NoCount(1))?;
                let ctx = SectionItems::new(&ballot.context(manifest, round), contest)
                    .name(u64::from(*q));
                let padded = line.name.open_shared(shared, Purpose::WriteIn, &ctx)?;
                names.push(WriteIn {
                    ballot: *b,
                    contest: contest.clone(),
                    line: *q,
                    name: read_name(&padded)?,
                });
            }
            _ => {}
        }
    }
    Ok(names)
}
