//! Cast or challenge (Benaloh, §7.1): a ballot the voter challenges (检验此票) is opened — its
//! choices and the randomness of every ciphertext and name box revealed — so that anyone can
//! seal it again and see that it holds what the kiosk showed. A challenged ballot is never
//! counted, and its card stays unspent.

use serde::{Deserialize, Serialize};

use super::SealedError;
use super::ballot::{
    BallotContext, ContestShape, Mark, SealedBallot, SealedSection, SectionChoices, SectionItems,
    pad_name,
};
use super::elgamal::Ciphertext;
use super::group::{Point, Scalar, SecretScalar};
use super::kem::{Purpose, SealedBox};
use crate::election::{CandidateId, ContestId};
use crate::record::documents::Salt;
use crate::record::hash::Digest;

/// The secrets that open one sealed section: kept by the kiosk until the voter casts (then
/// dropped, and zeroed) or challenges (then revealed).
pub struct SectionSecrets {
    pub(super) contest: ContestId,
    pub(super) choices: SectionChoices,
    /// Per candidate, the `r` of *for* and of *against*.
    pub(super) candidates: Vec<(SecretScalar, SecretScalar)>,
    /// Per write-in line, the `r` of *used* and the name's `u`.
    pub(super) lines: Vec<(SecretScalar, SecretScalar)>,
}

impl std::fmt::Debug for SectionSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SectionSecrets({}, <secret>)", self.contest)
    }
}

/// The secrets of a whole sealed ballot.
#[derive(Debug)]
pub struct BallotSecrets {
    pub(super) salt: Salt,
    pub(super) sections: Vec<SectionSecrets>,
}

impl BallotSecrets {
    /// The opening of the challenged ballot, to publish beside it.
    pub fn reveal(&self, shapes: &[&ContestShape]) -> BallotOpening {
        BallotOpening {
            salt: self.salt.clone(),
            sections: self
                .sections
                .iter()
                .zip(shapes)
                .map(|(s, shape)| s.reveal(shape))
                .collect(),
        }
    }
}

impl SectionSecrets {
    /// The opening of the section, `shape` its contest's.
    pub fn reveal(&self, shape: &ContestShape) -> SectionOpening {
        SectionOpening {
            contest: self.contest.clone(),
            candidates: shape
                .candidates
                .iter()
                .zip(&self.choices.marks)
                .zip(&self.candidates)
                .map(|((candidate, mark), (r_for, r_against))| CandidateOpening {
                    candidate: candidate.clone(),
                    mark: *mark,
                    for_r: r_for.reveal(),
                    against_r: r_against.reveal(),
                })
                .collect(),
            write_ins: self
                .lines
                .iter()
                .enumerate()
                .map(|(q, (r_used, u))| LineOpening {
                    name: self.choices.write_ins.get(q).cloned(),
                    used_r: r_used.reveal(),
                    name_u: u.reveal(),
                })
                .collect(),
        }
    }
}

/// A challenged ballot opened: its salt and each section's opening, in the ballot's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotOpening {
    /// The ballot's salt.
    pub salt: Salt,
    /// One opening per section.
    pub sections: Vec<SectionOpening>,
}

/// One section opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionOpening {
    /// The contest.
    pub contest: ContestId,
    /// Per candidate, in ballot order: the mark and the randomness of its two ciphertexts.
    pub candidates: Vec<CandidateOpening>,
    /// Per write-in line: the name it holds (`null` when unused) and its randomness.
    pub write_ins: Vec<LineOpening>,
}

/// One candidate of a section opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidateOpening {
    /// The candidate.
    pub candidate: CandidateId,
    /// `for`, `against` or `abstain`.
    pub mark: Mark,
    /// The `r` of the *for* ciphertext.
    pub for_r: Scalar,
    /// The `r` of the *against* ciphertext.
    pub against_r: Scalar,
}

/// One write-in line of a section opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineOpening {
    /// The name written, as sealed; `null` for an unused line.
    pub name: Option<String>,
    /// The `r` of the *used* ciphertext.
    pub used_r: Scalar,
    /// The `u` of the name's box.
    pub name_u: Scalar,
}

impl BallotOpening {
    /// Seals the ballot again from its opening and compares it with `ballot`, ciphertext by
    /// ciphertext and box by box; returns each section's choices, which are what the kiosk must
    /// have shown. `shapes` are the manifest's contests.
    pub fn check(
        &self,
        key: &Point,
        manifest: &Digest,
        round: u64,
        ballot: &SealedBallot,
        shapes: &[ContestShape],
    ) -> Result<Vec<SectionChoices>, SealedError> {
        if self.salt != ballot.salt || self.sections.len() != ballot.sections.len() {
            return Err(mismatch("the opening is not of this ballot"));
        }
        let context = ballot.context(manifest, round);
        ballot
            .shapes(shapes)?
            .into_iter()
            .zip(&ballot.sections)
            .zip(&self.sections)
            .map(|((shape, section), opening)| opening.check(key, &context, shape, section))
            .collect()
    }
}

impl SectionOpening {
    fn check(
        &self,
        key: &Point,
        context: &BallotContext,
        shape: &ContestShape,
        section: &SealedSection,
    ) -> Result<SectionChoices, SealedError> {
        let contest = &shape.contest;
        if self.contest != *contest
            || self.candidates.len() != section.candidates.len()
            || self.write_ins.len() != section.write_ins.len()
        {
            return Err(mismatch(&format!(
                "the opening of {contest} does not have the section's shape"
            )));
        }
        let again = |m: u64, r: &Scalar| Ciphertext::encrypt(key, m, &SecretScalar::new(r.0));
        for (opened, sealed) in self.candidates.iter().zip(&section.candidates) {
            let candidate = &opened.candidate;
            if *candidate != sealed.candidate
                || again(u64::from(opened.mark == Mark::For), &opened.for_r) != sealed.for_
                || again(u64::from(opened.mark == Mark::Against), &opened.against_r)
                    != sealed.against
            {
                return Err(mismatch(&format!(
                    "{contest}: the mark of {candidate} does not seal to the ballot's ciphertexts"
                )));
            }
        }
        let items = SectionItems::new(context, contest);
        let mut names = Vec::new();
        for (q, (opened, sealed)) in self.write_ins.iter().zip(&section.write_ins).enumerate() {
            let name = opened.name.as_deref();
            // A line is used exactly when it holds a name, and the lines are filled in order.
            if name.is_some() && names.len() != q {
                return Err(mismatch(&format!(
                    "{contest}: write-in line {q} holds a name after an empty line"
                )));
            }
            let line = u64::try_from(q).unwrap_or(u64::MAX);
            let u = SecretScalar::new(opened.name_u.0);
            let sealed_name = SealedBox::seal_with(
                key,
                Purpose::WriteIn,
                &items.name(line),
                &pad_name(name)?,
                &u,
            );
            if again(u64::from(name.is_some()), &opened.used_r) != sealed.used
                || sealed_name != sealed.name
            {
                return Err(mismatch(&format!(
                    "{contest}: write-in line {q} does not seal to the ballot's line"
                )));
            }
            names.extend(name.map(str::to_owned));
        }
        Ok(SectionChoices {
            marks: self.candidates.iter().map(|c| c.mark).collect(),
            write_ins: names,
        })
    }
}

fn mismatch(text: &str) -> SealedError {
    SealedError::Challenge(text.to_owned())
}
