//! Rounds: opened by the organiser only when the quorum holds, closed into a signed tree head
//! and a signed result counted by the rules engine; the follow-ups a result calls for; and seat
//! reductions with the congress's consent. (Check-in at a body's first meeting, the committee's
//! plenary among them, is in [`super::sittings`].)
//!
//! While a round is open nobody, the organiser included, sees how it is going: the live figures
//! are entitled, present, issued and returned only.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::AppState;
use super::auth::CurrentUser;
use super::error::{ApiError, ErrorBody, JsonBody, SignedIn};
use super::json::{ApiJson, ApiPath};
use super::voting::{self, Voting, parse};
use crate::election::Quorum;
use crate::election::names::{self, Resemblance};
use crate::record::documents::{
    self, RoundContest, RoundDefinition, RoundResult, Sitting, TreeHead, Turnout,
};
use crate::record::keys::SigningContext;
use crate::record::rounds::ContestChoice;
use crate::store::users::Role::{Desk, Inspector, Organiser};
use crate::store::voting::{self as stored, SignedText};
use crate::store::{StoreError, audit, now_ms};

pub(super) fn canonical_text<T: Serialize>(document: &T) -> Result<(String, String), ApiError> {
    let (bytes, hash) =
        documents::digest(document).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok((text, hash.to_hex()))
}

/// A round as the console shows it: live figures while open, the result once closed.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RoundView {
    /// The round's number.
    pub number: u32,
    /// Whether ballots may still be cast.
    pub open: bool,
    /// What is voted on.
    #[schema(value_type = Object)]
    pub definition: RoundDefinition,
    /// Turnout of its electorates now (while open) or at closing.
    #[schema(value_type = Vec<Object>)]
    pub turnout: Vec<Turnout>,
    /// Ballots issued per contest.
    pub issued: BTreeMap<String, u32>,
    /// Ballots returned (cast) so far.
    pub returned: u64,
    /// Ballots returned so far per contest (those of the styles that vote in it), to set
    /// against `issued`.
    pub returned_by_contest: BTreeMap<String, u32>,
    /// When the round was opened, in milliseconds since the Unix epoch, to the minute (from the
    /// audit log). One time for the whole round: it says nothing of any ballot.
    pub opened_at: Option<i64>,
    /// When it was closed, likewise; `null` while open.
    pub closed_at: Option<i64>,
    /// Once closed: the signed tree head.
    #[schema(value_type = Object)]
    pub tree_head: Option<TreeHead>,
    /// Once closed: the result.
    #[schema(value_type = Object)]
    pub result: Option<RoundResult>,
    /// Once closed: SHA-256 of the result.
    pub result_hash: Option<String>,
    /// Once closed: the write-ins that look like a listed candidate or another write-in of
    /// their contest without being them (UTS #39 skeletons), for the tellers to see. They change
    /// no count and are not part of the signed result.
    pub notes: Vec<WriteInNote>,
}

/// A write-in that resembles another name of its contest.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WriteInNote {
    /// The contest.
    pub contest: String,
    /// What it resembles.
    pub resemblance: Resemblance,
}

/// The look-alike write-ins of a result's tally, contest by contest.
fn write_in_notes(result: &RoundResult) -> Vec<WriteInNote> {
    let mut notes = Vec::new();
    let contests = result.tally["contests"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    for contest in contests {
        let people = contest["candidates"]
            .as_array()
            .map_or(&[][..], Vec::as_slice);
        let names = |write_in: bool| -> Vec<&str> {
            people
                .iter()
                .filter(|p| p["write_in"].as_bool().unwrap_or(false) == write_in)
                .filter_map(|p| p["name"].as_str())
                .collect()
        };
        let id = contest["id"].as_str().unwrap_or_default();
        notes.extend(
            names::resemblances(&names(false), &names(true))
                .into_iter()
                .map(|resemblance| WriteInNote {
                    contest: id.to_owned(),
                    resemblance,
                }),
        );
    }
    notes
}

/// A time to the minute: the minutes print rounds' times so, and no finer time of a round is
/// needed by anyone.
fn to_minute(ms: i64) -> i64 {
    ms - ms.rem_euclid(60_000)
}

/// Ballots returned per contest of an open round: the cards spent of the styles that vote in
/// each.
pub async fn returned_while_open(
    conn: &mut sqlx::AnyConnection,
    id: &str,
    definition: &RoundDefinition,
) -> Result<BTreeMap<String, u32>, ApiError> {
    let spent = stored::spent_by_style(conn, id, definition.number).await?;
    Ok(definition
        .contests
        .iter()
        .map(|c| {
            let total: i64 = c.styles.iter().filter_map(|s| spent.get(s)).sum();
            (c.id.clone(), u32::try_from(total).unwrap_or(u32::MAX))
        })
        .collect())
}

/// Ballots returned per contest of a closed round, as its tally counted them.
fn returned_when_closed(result: &RoundResult) -> BTreeMap<String, u32> {
    result.tally["contests"]
        .as_array()
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .filter_map(|c| {
            let returned = u32::try_from(c["returned"].as_u64()?).ok()?;
            Some((c["id"].as_str()?.to_owned(), returned))
        })
        .collect()
}

async fn view(
    conn: &mut sqlx::AnyConnection,
    id: &str,
    round: &voting::Round,
    times: &BTreeMap<u32, (Option<i64>, Option<i64>)>,
) -> Result<RoundView, ApiError> {
    let definition = round.definition.clone();
    let (opened_at, closed_at) = times.get(&round.stored.number).copied().unwrap_or_default();
    let (turnout, issued, tree_head, result, result_hash) = match &round.stored.closed {
        None if round.stored.awaiting.is_some() => {
            // A sealed round closed and waiting for its opening: what closing fixed.
            let awaiting = round
                .stored
                .awaiting
                .as_ref()
                .ok_or_else(|| StoreError::Corrupt("a sealed round".into()))?;
            let closing: documents::Closing = parse("a round's closing", &awaiting.closing)?;
            (
                closing.turnout,
                closing.issued,
                Some(parse("a tree head", &awaiting.tree_head)?),
                None,
                None,
            )
        }
        None => (
            voting::turnout(conn, id, &definition).await?,
            voting::issued(conn, id, &definition).await?,
            None,
            None,
            None,
        ),
        Some(closed) => {
            let result: RoundResult = parse("a round's result", &closed.result)?;
            (
                result.turnout.clone(),
                result.issued.clone(),
                Some(result.tree_head.clone()),
                Some(result),
                Some(closed.result_hash.clone()),
            )
        }
    };
    let notes = result.as_ref().map(write_in_notes).unwrap_or_default();
    let returned_by_contest = match (&result, &round.stored.awaiting) {
        (Some(result), _) => returned_when_closed(result),
        (None, Some(awaiting)) => {
            parse::<documents::Closing>("a round's closing", &awaiting.closing)?.returned
        }
        (None, None) => returned_while_open(conn, id, &definition).await?,
    };
    Ok(RoundView {
        notes,
        returned_by_contest,
        opened_at: opened_at.map(to_minute),
        closed_at: closed_at.map(to_minute),
        number: round.stored.number,
        open: round.stored.open,
        definition,
        turnout,
        issued,
        returned: round.stored.size,
        tree_head,
        result,
        result_hash,
    })
}

/// Every round of a congress.
#[utoipa::path(get, path = "/congresses/{id}/rounds", tag = "rounds", params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = Vec<RoundView>), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 409, description = "the request conflicts with the congress's state, such as before it is frozen", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn))]
pub async fn list_rounds(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Vec<RoundView>>, ApiError> {
    user.require_in(&id, &[Organiser, Inspector])?;
    let mut conn = state.store.read().await?;
    let voting = voting::load(&mut conn, &id).await?;
    let times = audit::round_times(&mut conn, &id).await?;
    let mut views = Vec::new();
    for round in &voting.rounds {
        views.push(view(&mut conn, &id, round, &times).await?);
    }
    Ok(Json(views))
}

/// What the rules call for next, and who is elected so far.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NextSteps {
    /// The open round, if any.
    pub open_round: Option<u32>,
    /// Contests that can go on a new round now, as the rules would put them.
    #[schema(value_type = Vec<Object>)]
    pub pending: Vec<RoundContest>,
    /// Each body's seats and who is elected so far.
    #[schema(value_type = Vec<Object>)]
    pub bodies: Vec<documents::PublishedBody>,
    /// The committee's members who sit in its plenary, by delegate number.
    pub plenary_members: Vec<String>,
    /// Those of them checked in to the plenary.
    pub plenary_present: Vec<String>,
    /// Each body's first meeting that elects something — the committee's plenary, the funds
    /// audit and the women workers' committees' meetings — once the body has members.
    pub sittings: Vec<SittingView>,
    /// Whether the result has been published.
    pub published: bool,
}

/// A body's first meeting: who sits, and who is checked in.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SittingView {
    /// `plenary`, `audit_plenary` or `women_plenary`: also its electorate and ballot style.
    #[schema(value_type = String)]
    pub sitting: Sitting,
    /// Whether every seat of the body is filled, so that it may sit.
    pub complete: bool,
    /// The body's members elected so far, by delegate number (应到).
    pub members: Vec<String>,
    /// Those checked in (实到).
    pub present: Vec<String>,
}

/// What comes next: first votes, re-votes, additional rounds, the bodies' first meetings.
#[utoipa::path(get, path = "/congresses/{id}/next", tag = "rounds", params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = NextSteps), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 409, description = "the request conflicts with the congress's state, such as before it is frozen", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn))]
pub async fn next_steps(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<NextSteps>, ApiError> {
    user.require_in(&id, &[Organiser, Inspector, Desk])?;
    let mut conn = state.store.read().await?;
    let voting = voting::load(&mut conn, &id).await?;
    let published = stored::publication(&mut conn, &id).await?.is_some();
    let plenary_present = crate::store::sittings::present(&mut conn, &id, Sitting::Plenary).await?;
    let mut sittings = Vec::new();
    for sitting in Sitting::BODIES {
        let members = voting.progress.members(sitting);
        let elects = voting
            .manifest
            .contests
            .iter()
            .any(|c| Sitting::of_electorate(&c.electorate) == sitting);
        if elects && !members.is_empty() {
            sittings.push(SittingView {
                sitting,
                complete: voting.progress.body_complete(sitting),
                present: crate::store::sittings::present(&mut conn, &id, sitting).await?,
                members,
            });
        }
    }
    Ok(Json(NextSteps {
        open_round: voting.progress.open_round(),
        pending: if published {
            Vec::new()
        } else {
            voting.progress.pending()
        },
        bodies: voting.progress.bodies(),
        plenary_members: voting.progress.plenary_members(),
        plenary_present,
        sittings,
        published,
    }))
}

/// A round to open.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenRequest {
    /// The contests on its ballot, with the candidates of an additional round.
    pub contests: Vec<ContestChoice>,
}

fn no_quorum(quorum: &Quorum) -> ApiError {
    ApiError::conflict(
        "no_quorum",
        format!(
            "{} of {} entitled are present; at least {} must be (RULES.md §3) before a round opens: check in more delegates",
            quorum.present, quorum.entitled, quorum.required
        ),
    )
    .with_details(json!({"present": quorum.present, "entitled": quorum.entitled, "required": quorum.required}))
}

/// Opens a round when the quorum holds.
#[utoipa::path(post, path = "/congresses/{id}/rounds", tag = "rounds", request_body = OpenRequest,
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 201, body = RoundView), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 422, description = "well-formed, but breaks a rule", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn, JsonBody))]
pub async fn open_round(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<OpenRequest>,
) -> Result<(StatusCode, Json<RoundView>), ApiError> {
    let user = user.require_in(&id, &[Organiser])?;
    let mut tx = state.store.write().await?;
    let voting = voting::load(&mut tx, &id).await?;
    ensure_unpublished(&mut tx, &id).await?;
    if voting.manifest.sealing.is_none() {
        return Err(super::sealing::not_sealed());
    }
    let definition = voting.progress.define(&request.contests)?;
    let turnout = voting::turnout(&mut tx, &id, &definition).await?;
    let quorum = voting::quorum(&voting.manifest, &definition, &turnout);
    if !quorum.met {
        return Err(no_quorum(&quorum));
    }
    let (text, _) = canonical_text(&definition)?;
    stored::insert_round(&mut tx, &id, definition.number, &text).await?;
    let contests: Vec<&str> = definition.contests.iter().map(|c| c.id.as_str()).collect();
    let opened = audit::append(
        &mut tx,
        &user.name,
        "round.open",
        json!({"congress": id, "round": definition.number, "contests": contests}),
        now_ms(),
    )
    .await?;
    let issued = voting::issued(&mut tx, &id, &definition).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok((
        StatusCode::CREATED,
        Json(RoundView {
            number: definition.number,
            open: true,
            returned_by_contest: definition
                .contests
                .iter()
                .map(|c| (c.id.clone(), 0))
                .collect(),
            opened_at: Some(to_minute(opened.at)),
            closed_at: None,
            definition,
            turnout,
            issued,
            returned: 0,
            tree_head: None,
            result: None,
            result_hash: None,
            notes: Vec::new(),
        }),
    ))
}

/// One round.
#[utoipa::path(get, path = "/congresses/{id}/rounds/{round}", tag = "rounds", params(("id" = String, Path, description = "the congress's id"), ("round" = u32, Path, description = "the round's number within the congress, from 1")),
    responses((status = 200, body = RoundView), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 409, description = "the request conflicts with the congress's state, such as before it is frozen", body = ErrorBody), SignedIn))]
pub async fn get_round(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, number)): ApiPath<(String, u32)>,
) -> Result<Json<RoundView>, ApiError> {
    user.require_in(&id, &[Organiser, Inspector])?;
    let mut conn = state.store.read().await?;
    let voting = voting::load(&mut conn, &id).await?;
    let round = find_round(&voting, number)?;
    let times = audit::round_times(&mut conn, &id).await?;
    Ok(Json(view(&mut conn, &id, round, &times).await?))
}

fn find_round(voting: &Voting, number: u32) -> Result<&voting::Round, ApiError> {
    voting
        .rounds
        .iter()
        .find(|r| r.stored.number == number)
        .ok_or_else(|| ApiError::not_found(&format!("round {number}")))
}

/// Closes a round: no more ballots; the log's tree head is signed, and the ciphertexts are added
/// up for the trustees to open (nobody, the server included, learns a count before they do).
/// The log is in receipt order, and nothing of the round stored keeps the order of casting.
#[utoipa::path(post, path = "/congresses/{id}/rounds/{round}/close", tag = "rounds",
    params(("id" = String, Path, description = "the congress's id"), ("round" = u32, Path, description = "the round's number within the congress, from 1")),
    responses((status = 200, body = RoundView), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), SignedIn))]
pub async fn close_round(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, number)): ApiPath<(String, u32)>,
) -> Result<Json<RoundView>, ApiError> {
    let user = user.require_in(&id, &[Organiser])?;
    let mut tx = state.store.write().await?;
    let voting = voting::load(&mut tx, &id).await?;
    let round = find_round(&voting, number)?;
    if !round.stored.open {
        return Err(ApiError::conflict(
            "round_closed",
            format!("round {number} is closed already"),
        ));
    }
    let tree_head = super::opening::close(&mut tx, &voting, round).await?;
    finish_closing(&state, tx, &user.name, &id, number, &tree_head).await
}

/// What closing a round ends with: its spent cards gone and its log rewritten in receipt order,
/// the audit entry, the database compacted, and the round's view.
async fn finish_closing(
    state: &AppState,
    mut tx: crate::store::Tx,
    actor: &str,
    id: &str,
    number: u32,
    tree_head: &TreeHead,
) -> Result<Json<RoundView>, ApiError> {
    stored::settle_round(&mut tx, id, number).await?;
    audit::append(
        &mut tx,
        actor,
        "round.close",
        json!({"congress": id, "round": number, "ballots": tree_head.size, "root": tree_head.root}),
        now_ms(),
    )
    .await?;
    let voting = voting::load(&mut tx, id).await?;
    let times = audit::round_times(&mut tx, id).await?;
    let view = view(&mut tx, id, find_round(&voting, number)?, &times).await?;
    tx.commit().await.map_err(StoreError::from)?;
    state
        .open_rounds
        .lock()
        .await
        .retain(|(c, n), _| !(c == id && *n == number));
    // The round is closed whatever becomes of this; a compaction that fails is done again when
    // the server next starts.
    if let Err(error) = state.store.compact().await {
        tracing::error!(%error, "the database could not be compacted after closing a round");
    }
    Ok(Json(view))
}

/// The congress's consent to fewer seats.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReductionRequest {
    /// The contest whose seats are reduced to those elected.
    pub contest: String,
    /// How the congress consented, as the minutes record it, such as
    /// "大会举手表决同意，赞成 80 票".
    pub consent: String,
}

/// A decision as stored and signed.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DecisionView {
    /// The decision.
    #[schema(value_type = Object)]
    pub decision: documents::SeatReduction,
    /// Its SHA-256.
    pub hash: String,
}

/// Reduces a contest's seats to those elected, with the congress's recorded consent, where
/// RULES.md §5.5 and §6 allow it.
#[utoipa::path(post, path = "/congresses/{id}/seat-reductions", tag = "rounds", request_body = ReductionRequest,
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 201, body = DecisionView), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 422, description = "well-formed, but breaks a rule", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn, JsonBody))]
pub async fn reduce_seats(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<ReductionRequest>,
) -> Result<(StatusCode, Json<DecisionView>), ApiError> {
    let user = user.require_in(&id, &[Organiser])?;
    let mut tx = state.store.write().await?;
    let voting = voting::load(&mut tx, &id).await?;
    ensure_unpublished(&mut tx, &id).await?;
    let decision = voting
        .progress
        .reduction(&request.contest, &request.consent)?;
    let (body, hash) = canonical_text(&decision)?;
    let key = voting::election_key(&mut tx, &id).await?;
    let signature = key
        .sign(SigningContext::Decision, body.as_bytes())
        .to_string();
    stored::insert_decision(
        &mut tx,
        &id,
        &SignedText {
            body,
            hash: hash.clone(),
            signature,
        },
    )
    .await?;
    audit::append(
        &mut tx,
        &user.name,
        "seats.reduce",
        json!({"congress": id, "contest": decision.contest, "seats": decision.seats, "hash": hash}),
        now_ms(),
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok((StatusCode::CREATED, Json(DecisionView { decision, hash })))
}

/// Refuses a change once the result is published.
pub async fn ensure_unpublished(conn: &mut sqlx::AnyConnection, id: &str) -> Result<(), ApiError> {
    if stored::publication(conn, id).await?.is_some() {
        return Err(ApiError::conflict(
            "published",
            "the result is published: nothing more can be voted or decided",
        ));
    }
    Ok(())
}
