//! A sealed round after closing (docs/sealed-ballots.md §8, §9): closing fixes its log and
//! signs the tree head, but nobody — the server included — sees a count until at least `t`
//! trustees have each decrypted the round's totals partially, with a proof. The server checks
//! every partial decryption as it comes, combines them once `t` have, opens the write-ins of
//! the sections that hold any the same way, counts by the rules from the totals, and signs the
//! result.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use serde_json::json;

use super::AppState;
use super::auth::CurrentUser;
use super::error::{ApiError, ErrorBody, JsonBody, SignedIn};
use super::json::{ApiJson, ApiPath};
use super::rounds::canonical_text;
use super::voting::{self, Voting, parse};
use crate::record::documents::{
    Closing, RESULT_FORMAT, RoundResult, SealedLeaf, SpoiledBallot, TreeHead,
};
use crate::record::keys::SigningContext;
use crate::record::sealed::ceremony::Ceremony;
use crate::record::sealed::opening::{PartialDecryption, Step};
use crate::record::sealed::round::{Opening, SealedRound};
use crate::store::ceremony as trustees;
use crate::store::users::Role::{Inspector, Organiser};
use crate::store::voting::{self as stored, Awaiting};
use crate::store::{StoreError, Tx, audit, now_ms};

fn corrupt(what: &str, error: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {error}"))
}

/// The ceremony the manifest records, for the trustees' public shares.
fn ceremony(voting: &Voting) -> Result<(Ceremony, u32), ApiError> {
    let sealing = voting
        .manifest
        .sealing
        .as_ref()
        .ok_or_else(super::sealing::not_sealed)?;
    let ceremony = sealing
        .ceremony(&voting.congress.id)
        .map_err(|e| corrupt("the manifest's ceremony", e))?;
    Ok((ceremony, sealing.threshold))
}

/// A sealed round's log, in log order.
async fn leaves(
    conn: &mut sqlx::AnyConnection,
    id: &str,
    number: u32,
) -> Result<Vec<SealedLeaf>, StoreError> {
    stored::ballots(conn, id, number)
        .await?
        .iter()
        .map(|body| parse("a sealed ballot", body))
        .collect()
}

/// Closes an open sealed round: its log's tree head signed, and the turnout and ballots issued
/// at closing kept for the result; the count waits for the trustees.
pub async fn close(
    tx: &mut Tx,
    voting: &Voting,
    round: &voting::Round,
) -> Result<TreeHead, ApiError> {
    let id = &voting.congress.id;
    let number = round.definition.number;
    let leaves = leaves(tx, id, number).await?;
    let hashes = leaves
        .iter()
        .map(SealedLeaf::receipt)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| corrupt("a sealed ballot", e))?;
    let tree_head = voting::tree_head(&round.definition, &hashes);
    let mut returned = BTreeMap::new();
    for contest in &round.definition.contests {
        let holding = leaves
            .iter()
            .filter(|l| {
                l.ballot
                    .sections
                    .iter()
                    .any(|s| s.contest.as_str() == contest.id)
            })
            .count();
        returned.insert(
            contest.id.clone(),
            u32::try_from(holding).unwrap_or(u32::MAX),
        );
    }
    let closing = Closing {
        turnout: voting::turnout(tx, id, &round.definition).await?,
        issued: voting::issued(tx, id, &round.definition).await?,
        returned,
    };
    let key = voting::election_key(tx, id).await?;
    let (head_text, _) = canonical_text(&tree_head)?;
    let (closing_text, _) = canonical_text(&closing)?;
    let awaiting = Awaiting {
        tree_head_signature: key
            .sign(SigningContext::TreeHead, head_text.as_bytes())
            .to_string(),
        tree_head: head_text,
        closing: closing_text,
    };
    if !stored::close_sealed_round(tx, id, number, &awaiting).await? {
        return Err(ApiError::conflict(
            "round_closed",
            format!("round {number} is closed already"),
        ));
    }
    Ok(tree_head)
}

/// One trustee's part in a round's opening.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OpeningTrustee {
    /// The trustee's number.
    pub trustee: u32,
    /// The scrutineer's name.
    pub name: String,
    /// The steps whose lists it has decrypted: `totals`, `write-ins`.
    pub done: Vec<&'static str>,
}

/// Where a sealed round's opening stands.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OpeningView {
    /// The round.
    pub round: u32,
    /// `open` (ballots are still cast), `totals` (waiting for the trustees to decrypt the
    /// totals), `write-ins` (waiting for them to decrypt the write-ins of the sections that
    /// hold any), or `opened` (counted and signed).
    pub stage: &'static str,
    /// How many trustees must take part.
    pub threshold: u32,
    /// The trustees, and what each has done.
    pub trustees: Vec<OpeningTrustee>,
    /// The caller's trustee number; null when the caller is not a trustee.
    pub you: Option<u32>,
    /// Ballots in the round's log.
    pub ballots: u64,
    /// Each step's partial decryptions, checked (`totals`, `write-ins`).
    #[schema(value_type = Object)]
    pub partials: BTreeMap<&'static str, Vec<PartialDecryption>>,
}

const STEPS: [Step; 2] = [Step::Totals, Step::WriteIns];

async fn stored_partials(
    conn: &mut sqlx::AnyConnection,
    id: &str,
    number: u32,
) -> Result<BTreeMap<&'static str, Vec<PartialDecryption>>, StoreError> {
    let mut all = BTreeMap::new();
    for step in STEPS {
        let partials = stored::partials(conn, id, number, step.label())
            .await?
            .iter()
            .map(|body| parse("a partial decryption", body))
            .collect::<Result<Vec<PartialDecryption>, _>>()?;
        all.insert(step.label(), partials);
    }
    Ok(all)
}

/// The opening's view from `partials`, which the caller reads *before* it loads `voting`: a
/// partial decryption and the result it completes are committed together, so partials read
/// first and a round read after never show a list opened without its result.
async fn opening_view(
    conn: &mut sqlx::AnyConnection,
    voting: &Voting,
    number: u32,
    caller: &str,
    partials: BTreeMap<&'static str, Vec<PartialDecryption>>,
) -> Result<OpeningView, ApiError> {
    let id = &voting.congress.id;
    let round = find(voting, number)?;
    let (_, threshold) = ceremony(voting)?;
    let stage = if round.stored.open {
        "open"
    } else if round.stored.closed.is_some() {
        "opened"
    } else if partials[Step::Totals.label()].len() >= threshold as usize {
        Step::WriteIns.label()
    } else {
        Step::Totals.label()
    };
    let (_, stored_trustees) = trustees::trustees(conn, id).await?;
    let names: BTreeMap<u32, String> = voting
        .manifest
        .sealing
        .iter()
        .flat_map(|s| s.trustees.iter().map(|t| (t.trustee, t.name.clone())))
        .collect();
    Ok(OpeningView {
        round: number,
        stage,
        threshold,
        you: stored_trustees
            .iter()
            .find(|t| t.account_id == caller)
            .map(|t| t.trustee),
        trustees: names
            .iter()
            .map(|(&trustee, name)| OpeningTrustee {
                trustee,
                name: name.clone(),
                done: STEPS
                    .iter()
                    .filter(|step| partials[step.label()].iter().any(|p| p.trustee == trustee))
                    .map(|step| step.label())
                    .collect(),
            })
            .collect(),
        ballots: round.stored.size,
        partials,
    })
}

fn find(voting: &Voting, number: u32) -> Result<&voting::Round, ApiError> {
    voting
        .rounds
        .iter()
        .find(|r| r.stored.number == number)
        .ok_or_else(|| ApiError::not_found(&format!("round {number}")))
}

/// Where a sealed round's opening stands: each trustee's part, and every partial decryption.
#[utoipa::path(get, path = "/congresses/{id}/rounds/{round}/opening", tag = "rounds",
    params(("id" = String, Path, description = "the congress's id"), ("round" = u32, Path, description = "the round's number")),
    responses((status = 200, body = OpeningView), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 409, description = "the congress is not sealed, or not frozen", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), SignedIn))]
pub async fn get_opening(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, number)): ApiPath<(String, u32)>,
) -> Result<Json<OpeningView>, ApiError> {
    let user = user.require_in(&id, &[Organiser, Inspector])?;
    let mut conn = state.store.read().await?;
    let partials = stored_partials(&mut conn, &id, number).await?;
    let voting = voting::load(&mut conn, &id).await?;
    Ok(Json(
        opening_view(&mut conn, &voting, number, &user.id, partials).await?,
    ))
}

/// A closed sealed round's ballots, for the trustees to check and build the lists they decrypt
/// from, and its challenged ballots with their openings.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SealedBallots {
    /// The ballots in log order (ascending receipt), as the log holds them.
    #[schema(value_type = Vec<Object>)]
    pub ballots: Vec<SealedLeaf>,
    /// The challenged ballots, in tracker order, each with the kiosk's opening.
    #[schema(value_type = Vec<Object>)]
    pub spoiled: Vec<SpoiledBallot>,
}

/// A sealed round's ballots and challenged ballots. The ballots only once the round is closed
/// (before, even their number per contest is kept back); the challenged ones at any time, so
/// that scrutineers can test a kiosk during the day.
#[utoipa::path(get, path = "/congresses/{id}/rounds/{round}/sealed-ballots", tag = "rounds",
    params(("id" = String, Path, description = "the congress's id"), ("round" = u32, Path, description = "the round's number")),
    responses((status = 200, body = SealedBallots), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 409, description = "the congress is not sealed, or not frozen", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), SignedIn))]
pub async fn sealed_ballots(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, number)): ApiPath<(String, u32)>,
) -> Result<Json<SealedBallots>, ApiError> {
    user.require_in(&id, &[Organiser, Inspector])?;
    let mut conn = state.store.read().await?;
    let voting = voting::load(&mut conn, &id).await?;
    ceremony(&voting)?;
    let round = find(&voting, number)?;
    let ballots = if round.stored.open {
        Vec::new()
    } else {
        leaves(&mut conn, &id, number).await?
    };
    let spoiled = stored::spoiled(&mut conn, &id, number)
        .await?
        .iter()
        .map(|body| parse("a challenged ballot", body))
        .collect::<Result<_, _>>()?;
    Ok(Json(SealedBallots { ballots, spoiled }))
}

/// A trustee's partial decryption of a closed sealed round's list: checked against the list
/// the round's ballots give and the trustee's public share, kept, and, once `t` trustees have
/// given theirs, the list is opened; when the last list is opened, the round is counted by the
/// rules and its result signed.
#[utoipa::path(post, path = "/congresses/{id}/rounds/{round}/partials", tag = "rounds", request_body = Object,
    params(("id" = String, Path, description = "the congress's id"), ("round" = u32, Path, description = "the round's number")),
    responses((status = 201, body = OpeningView), (status = 200, description = "the same partial decryption was given before", body = OpeningView), (status = 403, description = "not this trustee's account", body = ErrorBody), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 409, description = "the round is open, opened, or at another step", body = ErrorBody), (status = 422, description = "the proof does not check", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), SignedIn, JsonBody))]
pub async fn post_partial(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, number)): ApiPath<(String, u32)>,
    ApiJson(partial): ApiJson<PartialDecryption>,
) -> Result<(StatusCode, Json<OpeningView>), ApiError> {
    let user = user.require_in(&id, &[Inspector])?;
    let mut tx = state.store.write().await?;
    let voting = voting::load(&mut tx, &id).await?;
    let (ceremony, threshold) = ceremony(&voting)?;
    let (_, stored_trustees) = trustees::trustees(&mut tx, &id).await?;
    if !stored_trustees
        .iter()
        .any(|t| t.trustee == partial.trustee && t.account_id == user.id)
    {
        return Err(ApiError::forbidden(
            "not_a_trustee",
            format!(
                "this account does not take part as trustee {}: sign in with that trustee's own inspector account",
                partial.trustee
            ),
        ));
    }
    let round = find(&voting, number)?;
    let Some(awaiting) = &round.stored.awaiting else {
        let why = if round.stored.open {
            "the round is still open: close it first"
        } else {
            "the round is opened and counted already"
        };
        return Err(ApiError::conflict("opening_stage", why));
    };
    let leaves = leaves(&mut tx, &id, number).await?;
    let sealed = SealedRound::new(&voting.manifest_hash, &round.definition, &leaves)
        .map_err(|e| corrupt("a sealed round", e))?;
    let mut partials = stored_partials(&mut tx, &id, number).await?;
    let given = partials
        .get(partial.step.label())
        .cloned()
        .unwrap_or_default();
    if let Some(earlier) = given.iter().find(|p| p.trustee == partial.trustee) {
        if earlier == &partial {
            let view = opening_view(&mut tx, &voting, number, &user.id, partials).await?;
            return Ok((StatusCode::OK, Json(view)));
        }
        return Err(ApiError::conflict(
            "already_posted",
            format!(
                "trustee {} has decrypted this list already",
                partial.trustee
            ),
        ));
    }
    let public_share = |i: u32| {
        (1..=ceremony.context().trustees())
            .contains(&i)
            .then(|| ceremony.public_share(i))
    };
    let before = sealed
        .open(
            threshold,
            &public_share,
            &partials[Step::Totals.label()],
            &partials[Step::WriteIns.label()],
        )
        .map_err(|e| corrupt("the stored partial decryptions", e))?;
    let wanted = match &before {
        Opening::Totals { .. } => Step::Totals,
        Opening::WriteIns { .. } => Step::WriteIns,
        Opening::Opened(_) => {
            return Err(ApiError::conflict(
                "opening_stage",
                "every list of this round is opened already",
            ));
        }
    };
    if partial.step != wanted {
        return Err(ApiError::conflict(
            "opening_stage",
            format!(
                "the round waits for the {} list, not the {} one",
                wanted.label(),
                partial.step.label()
            ),
        ));
    }
    let mut with = partials.clone();
    with.entry(wanted.label())
        .or_default()
        .push(partial.clone());
    let after = sealed
        .open(
            threshold,
            &public_share,
            &with[Step::Totals.label()],
            &with[Step::WriteIns.label()],
        )
        .map_err(|e| {
            ApiError::unprocessable(
                "bad_partial",
                format!("the partial decryption does not check ({e}): decrypt the list again from the round's ballots"),
            )
        })?;
    let body = serde_json::to_string(&partial).map_err(|e| corrupt("a partial decryption", e))?;
    stored::insert_partial(&mut tx, &id, number, wanted.label(), partial.trustee, &body).await?;
    partials = with;
    audit::append(
        &mut tx,
        &user.name,
        "round.partial",
        json!({"congress": id, "round": number, "trustee": partial.trustee, "step": wanted.label()}),
        now_ms(),
    )
    .await?;
    if let Opening::Opened(opened) = after {
        let closing: Closing = parse("a round's closing", &awaiting.closing)?;
        let tree_head: TreeHead = parse("a tree head", &awaiting.tree_head)?;
        let tally = voting
            .progress
            .count_opened(
                &round.definition,
                &opened.contests,
                &closing.issued,
                &closing.turnout,
            )
            .map_err(|e| corrupt("a sealed round's count", e))?;
        let result = RoundResult {
            format: RESULT_FORMAT.to_owned(),
            round: round.definition.clone(),
            tree_head,
            turnout: closing.turnout,
            issued: closing.issued,
            tally: serde_json::to_value(&tally).map_err(|e| corrupt("a tally", e))?,
        };
        let (text, hash) = canonical_text(&result)?;
        let key = voting::election_key(&mut tx, &id).await?;
        let signature = key
            .sign(SigningContext::Result, text.as_bytes())
            .to_string();
        if !stored::open_round_result(&mut tx, &id, number, &text, &hash, &signature).await? {
            return Err(ApiError::conflict(
                "opening_stage",
                "the round was opened meanwhile",
            ));
        }
        let trustees: Vec<u32> = partials[Step::Totals.label()]
            .iter()
            .map(|p| p.trustee)
            .collect();
        audit::append(
            &mut tx,
            &user.name,
            "round.opened",
            json!({"congress": id, "round": number, "trustees": trustees, "result_hash": hash}),
            now_ms(),
        )
        .await?;
    }
    let voting = voting::load(&mut tx, &id).await?;
    let view = opening_view(&mut tx, &voting, number, &user.id, partials).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok((StatusCode::CREATED, Json(view)))
}
