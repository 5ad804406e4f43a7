//! A frozen congress's voting as stored, read back into the record's documents: the manifest,
//! the election key, every round with its definition, the decisions, and the [`Progress`] they
//! add up to. Every route of voting starts from [`load`], so the server reads the rules the same
//! way the verifier does.

use axum::http::StatusCode;
use sqlx::AnyConnection;

use super::congress::Loaded;
use super::error::ApiError;
use crate::election::{Attendance, Quorum};
use crate::record::documents::{
    RoundDefinition, RoundResult, SeatReduction, Sitting, TreeHead, Turnout,
};
use crate::record::hash::Digest;
use crate::record::keys::{ElectionKey, PublicKey};
use crate::record::manifest::Manifest;
use crate::record::rounds::{Progress, RoundError};
use crate::store::congress::{self as stored, Congress, Electorate};
use crate::store::voting::{self, SignedText, StoredRound};
use crate::store::{StoreError, cards};

/// A stored round with its definition read.
pub struct Round {
    /// As stored.
    pub stored: StoredRound,
    /// Its definition.
    pub definition: RoundDefinition,
}

/// A decision with its document read.
pub struct Decision {
    /// As stored.
    pub stored: SignedText,
    /// The decision.
    pub decision: SeatReduction,
}

/// A frozen congress's voting.
pub struct Voting {
    /// The congress.
    pub congress: Congress,
    /// Its manifest.
    pub manifest: Manifest,
    /// The manifest's hash.
    pub manifest_hash: Digest,
    /// The election key's public half.
    pub public_key: PublicKey,
    /// Every round, in order.
    pub rounds: Vec<Round>,
    /// Every seat reduction, in order.
    pub decisions: Vec<Decision>,
    /// Where the congress stands.
    pub progress: Progress,
}

fn corrupt(what: &str, error: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {error}"))
}

/// Reads a stored JSON document.
pub fn parse<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| corrupt(what, e))
}

/// Loads a congress's voting; 404 when it does not exist, 409 before it is frozen.
pub async fn load(conn: &mut AnyConnection, id: &str) -> Result<Voting, ApiError> {
    let congress = stored::get(conn, id)
        .await?
        .ok_or_else(|| ApiError::not_found("this congress"))?;
    let Some(frozen) = &congress.frozen else {
        return Err(ApiError::conflict(
            "not_frozen",
            "voting starts once the setup is frozen: freeze it first",
        ));
    };
    let (text, _) = stored::manifest_and_seed(conn, id)
        .await?
        .ok_or_else(|| StoreError::Corrupt("a frozen congress without a manifest".into()))?;
    let manifest: Manifest = parse("the manifest", &text)?;
    let manifest_hash: Digest = frozen
        .manifest_hash
        .parse()
        .map_err(|e| corrupt("the manifest hash", e))?;
    let public_key: PublicKey = frozen
        .public_key
        .parse()
        .map_err(|e| corrupt("the election key", e))?;
    let mut progress = Progress::new(manifest.clone(), manifest_hash);
    let decisions: Vec<Decision> = voting::decisions(conn, id)
        .await?
        .into_iter()
        .map(|stored| {
            let decision = parse("a decision", &stored.body)?;
            Ok(Decision { stored, decision })
        })
        .collect::<Result<_, StoreError>>()?;
    let mut rounds = Vec::new();
    for stored in voting::rounds(conn, id).await? {
        let definition: RoundDefinition = parse("a round's definition", &stored.definition)?;
        progress
            .begin(&definition)
            .map_err(|e| corrupt("a stored round", e))?;
        if let Some(closed) = &stored.closed {
            let result: RoundResult = parse("a round's result", &closed.result)?;
            progress
                .finish(&definition, &result.tally)
                .map_err(|e| corrupt("a stored result", e))?;
            for decision in decisions
                .iter()
                .filter(|d| d.decision.after_round == definition.number)
            {
                progress
                    .reduce(&decision.decision)
                    .map_err(|e| corrupt("a stored decision", e))?;
            }
        }
        rounds.push(Round { stored, definition });
    }
    Ok(Voting {
        congress,
        manifest,
        manifest_hash,
        public_key,
        rounds,
        decisions,
        progress,
    })
}

/// The election's signing key.
pub async fn election_key(conn: &mut AnyConnection, id: &str) -> Result<ElectionKey, StoreError> {
    let (_, seed) = stored::manifest_and_seed(conn, id)
        .await?
        .ok_or_else(|| StoreError::Corrupt("no election key".into()))?;
    let mut bytes = zeroize::Zeroizing::new([0_u8; 32]);
    hex::decode_to_slice(&seed, bytes.as_mut()).map_err(|e| corrupt("the election key", e))?;
    Ok(ElectionKey::from_seed(&bytes))
}

/// The turnout of a round's electorates now: all and female delegates for the congress, the
/// body's members at a body's first meeting.
pub async fn turnout(
    conn: &mut AnyConnection,
    id: &str,
    definition: &RoundDefinition,
) -> Result<Vec<Turnout>, StoreError> {
    match definition.sitting {
        Sitting::Congress => {
            let loaded = Loaded {
                roster: stored::roster(conn, id).await?,
                contests: Vec::new(),
                scrutineers: Vec::new(),
                congress: stored::get(conn, id)
                    .await?
                    .ok_or_else(|| StoreError::Corrupt("the congress vanished".into()))?,
                sitting_present: std::collections::BTreeMap::new(),
            };
            Ok([Electorate::All, Electorate::Female]
                .into_iter()
                .map(|electorate| {
                    let (entitled, present) = loaded.attendance(electorate);
                    Turnout {
                        electorate: electorate.as_str().to_owned(),
                        entitled,
                        present,
                    }
                })
                .collect())
        }
        body => {
            let present = crate::store::sittings::present(conn, id, body).await?.len();
            Ok(vec![Turnout {
                electorate: body.as_str().to_owned(),
                entitled: definition.contests.first().map_or(0, |c| c.entitled),
                present: u32::try_from(present).unwrap_or(u32::MAX),
            }])
        }
    }
}

/// Whether the quorum holds for a round's sitting (RULES.md §3).
pub fn quorum(manifest: &Manifest, definition: &RoundDefinition, turnout: &[Turnout]) -> Quorum {
    let electorate = match definition.sitting {
        Sitting::Congress => "all",
        body => body.as_str(),
    };
    let figures = turnout.iter().find(|t| t.electorate == electorate);
    let (entitled, present) = figures.map_or((0, 0), |t| (t.entitled, t.present));
    match Attendance::new(entitled, present) {
        Ok(attendance) => Quorum::judge(manifest.profile.quorum, attendance),
        Err(_) => Quorum {
            entitled,
            present,
            required: entitled,
            met: false,
        },
    }
}

/// Ballots issued (发出) for each contest of a round: the active cards of its styles.
pub async fn issued(
    conn: &mut AnyConnection,
    id: &str,
    definition: &RoundDefinition,
) -> Result<std::collections::BTreeMap<String, u32>, StoreError> {
    let mut issued = std::collections::BTreeMap::new();
    for contest in &definition.contests {
        let mut total: i64 = 0;
        for style in &contest.styles {
            total += cards::active_count(conn, id, style).await?;
        }
        issued.insert(
            contest.id.clone(),
            u32::try_from(total).map_err(|e| corrupt("a card count", e))?,
        );
    }
    Ok(issued)
}

/// The tree head of a round's log as it stands.
pub fn tree_head(definition: &RoundDefinition, leaves: &[Digest]) -> TreeHead {
    TreeHead {
        congress: definition.congress.clone(),
        round: definition.number,
        size: leaves.len() as u64,
        root: crate::record::merkle::root(leaves),
    }
}

/// A rule broken by a round or decision, as the organiser sees it.
impl From<RoundError> for ApiError {
    fn from(error: RoundError) -> Self {
        let status = match error {
            RoundError::RoundOpen(_) | RoundError::Complete(_) | RoundError::Unfinished(_) => {
                StatusCode::CONFLICT
            }
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        ApiError::new(status, "rules", error.to_string())
    }
}
