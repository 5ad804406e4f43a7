//! The trustees and their key ceremony (docs/sealed-ballots.md §5): the organiser names the
//! trustees among the chief scrutineer and scrutineers, each bound to an inspector account;
//! each trustee, signed in with that account, posts its messages; the server checks each
//! against the board ([`Board`]) and carries it to the others. Freezing waits for the
//! ceremony, and writes its public part into the manifest.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::AppState;
use super::auth::CurrentUser;
use super::congress::{self, Loaded};
use super::error::{ApiError, ErrorBody, JsonBody, SignedIn};
use super::json::{ApiJson, ApiPath};
use crate::record::manifest::{SealingPart, TrusteePart};
use crate::record::sealed::board::{Board, BoardError, Message, Posted, Stage};
use crate::record::sealed::ceremony::{
    CeremonyContext, CheckMessage, CommitmentMessage, ComplaintAnswer, HoldingMessage,
    SharesMessage,
};
use crate::store::ceremony::{self as stored, StoredTrustee};
use crate::store::congress::{self as congresses, ScrutineerRole};
use crate::store::users::{self, Role::Inspector, Role::Organiser};
use crate::store::{StoreError, audit, now_ms};

/// One trustee as the organiser names them.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrusteeChoice {
    /// The delegate number of a chief scrutineer (总监票人) or scrutineer (监票人).
    pub scrutineer: String,
    /// The login name of the inspector account through which they take part.
    pub account: String,
}

/// The trustees, in the order they are numbered.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrusteesRequest {
    /// How many must take part to open a count, `1 … n`; a majority when left out.
    #[serde(default)]
    pub threshold: Option<u32>,
    /// The trustees; an empty list names none.
    pub trustees: Vec<TrusteeChoice>,
}

/// One trustee.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TrusteeView {
    /// Its number, from 1.
    pub trustee: u32,
    /// The scrutineer's delegate number.
    pub scrutineer: String,
    /// The scrutineer's name.
    pub name: String,
    /// The inspector account.
    pub account: String,
}

/// The trustees of a congress.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TrusteesView {
    /// `t`; null when no trustees are named.
    pub threshold: Option<u32>,
    /// The trustees `1 … n`.
    pub trustees: Vec<TrusteeView>,
}

/// A trustee's part in the ceremony.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MemberView {
    /// The trustee.
    #[serde(flatten)]
    pub trustee: TrusteeView,
    /// The steps it has done: `commitment`, `shares`, `checks`, `holding`.
    pub done: Vec<&'static str>,
}

/// A complaint not yet answered.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OpenComplaint {
    /// The accused dealer.
    pub trustee: u32,
    /// The trustee whose share from it failed.
    pub accused_by: u32,
}

/// The ceremony as it stands, with every message posted.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CeremonyView {
    /// The congress.
    pub congress: String,
    /// `n`.
    pub trustees: u32,
    /// `t`; null when no trustees are named.
    pub threshold: Option<u32>,
    /// `none` (no trustees), `commitments`, `shares`, `checks`, `answers`, `holdings` or
    /// `complete`: the step it waits for.
    pub stage: String,
    /// The caller's trustee number; null when the caller is not a trustee.
    pub you: Option<u32>,
    /// Each trustee and what it has done.
    pub members: Vec<MemberView>,
    /// Step 1's messages.
    #[schema(value_type = Vec<Object>)]
    pub commitments: Vec<CommitmentMessage>,
    /// Step 2's messages.
    #[schema(value_type = Vec<Object>)]
    pub shares: Vec<SharesMessage>,
    /// Step 3's messages.
    #[schema(value_type = Vec<Object>)]
    pub checks: Vec<CheckMessage>,
    /// The answers to complaints.
    #[schema(value_type = Vec<Object>)]
    pub answers: Vec<ComplaintAnswer>,
    /// Step 4's messages.
    #[schema(value_type = Vec<Object>)]
    pub holdings: Vec<HoldingMessage>,
    /// Complaints not yet answered.
    pub open_complaints: Vec<OpenComplaint>,
    /// The joint key, once every check is in and every complaint answered.
    #[schema(value_type = Option<String>)]
    pub joint_key: Option<crate::record::sealed::group::Point>,
    /// Whether the congress is frozen (the ceremony is then in its manifest).
    pub frozen: bool,
}

/// The trustees as stored, with the board their messages make; `None` when none are named.
pub struct Trustees {
    /// `t`.
    pub threshold: u32,
    /// The trustees `1 … n`.
    pub trustees: Vec<StoredTrustee>,
    /// The ceremony's board.
    pub board: Board,
}

/// The order the board takes the steps in.
const STEPS: [&str; 5] = ["commitment", "shares", "checks", "answer", "holding"];

/// Reads the trustees and builds the board from the stored messages, checking each again.
pub async fn load(
    conn: &mut sqlx::AnyConnection,
    id: &str,
) -> Result<Option<Trustees>, StoreError> {
    let (threshold, trustees) = stored::trustees(conn, id).await?;
    let (Some(threshold), false) = (threshold, trustees.is_empty()) else {
        return Ok(None);
    };
    let corrupt = |e: &dyn std::fmt::Display| StoreError::Corrupt(format!("the ceremony: {e}"));
    let n = u32::try_from(trustees.len()).map_err(|e| corrupt(&e))?;
    let context = CeremonyContext::new(id, n, threshold).map_err(|e| corrupt(&e))?;
    let mut board = Board::new(context);
    let mut messages = stored::messages(conn, id).await?;
    messages.sort_by_key(|m| STEPS.iter().position(|s| *s == m.step));
    for message in messages {
        let message = Message::from_json(&message.step, &message.body).map_err(|e| corrupt(&e))?;
        board.post(message).map_err(|e| corrupt(&e))?;
    }
    Ok(Some(Trustees {
        threshold,
        trustees,
        board,
    }))
}

/// The names of the scrutineers, by delegate number, from the roster.
async fn names(
    conn: &mut sqlx::AnyConnection,
    id: &str,
) -> Result<std::collections::BTreeMap<String, String>, StoreError> {
    Ok(congresses::roster(conn, id)
        .await?
        .into_iter()
        .map(|e| (e.delegate.number.to_string(), e.delegate.name))
        .collect())
}

fn trustee_views(
    trustees: &[StoredTrustee],
    names: &std::collections::BTreeMap<String, String>,
) -> Vec<TrusteeView> {
    trustees
        .iter()
        .map(|t| TrusteeView {
            trustee: t.trustee,
            scrutineer: t.number.clone(),
            name: names.get(&t.number).cloned().unwrap_or_default(),
            account: t.account.clone(),
        })
        .collect()
}

async fn ceremony_view(
    conn: &mut sqlx::AnyConnection,
    id: &str,
    caller: &str,
) -> Result<CeremonyView, ApiError> {
    let congress = congresses::get(conn, id)
        .await?
        .ok_or_else(|| ApiError::not_found("this congress"))?;
    let frozen = congress.frozen.is_some();
    let names = names(conn, id).await?;
    let Some(Trustees {
        threshold,
        trustees,
        board,
    }) = load(conn, id).await?
    else {
        return Ok(CeremonyView {
            congress: id.to_owned(),
            trustees: 0,
            threshold: None,
            stage: "none".into(),
            you: None,
            members: Vec::new(),
            commitments: Vec::new(),
            shares: Vec::new(),
            checks: Vec::new(),
            answers: Vec::new(),
            holdings: Vec::new(),
            open_complaints: Vec::new(),
            joint_key: None,
            frozen,
        });
    };
    Ok(CeremonyView {
        congress: id.to_owned(),
        trustees: board.context().trustees(),
        threshold: Some(threshold),
        stage: stage_name(board.stage()),
        you: trustees
            .iter()
            .find(|t| t.account_id == caller)
            .map(|t| t.trustee),
        members: trustee_views(&trustees, &names)
            .into_iter()
            .map(|trustee| MemberView {
                done: board.done(trustee.trustee),
                trustee,
            })
            .collect(),
        commitments: board.commitments().cloned().collect(),
        shares: board.shares().cloned().collect(),
        checks: board.checks().cloned().collect(),
        answers: board.answers().cloned().collect(),
        holdings: board.holdings().cloned().collect(),
        open_complaints: board
            .open_complaints()
            .into_iter()
            .map(|(trustee, accused_by)| OpenComplaint {
                trustee,
                accused_by,
            })
            .collect(),
        joint_key: board.joint_key(),
        frozen,
    })
}

/// Names the trustees and the threshold; the ceremony starts again.
#[utoipa::path(put, path = "/congresses/{id}/trustees", tag = "setup", request_body = TrusteesRequest,
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = TrusteesView), (status = 422, description = "well-formed, but breaks a rule", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 409, description = "the congress is frozen: its setup can no longer change", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn, JsonBody))]
pub async fn put_trustees(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<TrusteesRequest>,
) -> Result<Json<TrusteesView>, ApiError> {
    let user = user.require_in(&id, &[Organiser])?;
    let mut tx = state.store.write().await?;
    let congress = congresses::get(&mut tx, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("this congress"))?;
    congress::ensure_not_frozen(&congress)?;
    let scrutineers = congresses::scrutineers(&mut tx, &id).await?;
    let mut chosen = Vec::new();
    for (i, choice) in request.trustees.iter().enumerate() {
        let may_serve = scrutineers.iter().any(|s| {
            s.number.to_string() == choice.scrutineer
                && matches!(s.role, ScrutineerRole::Chief | ScrutineerRole::Scrutineer)
        });
        if !may_serve {
            return Err(ApiError::unprocessable(
                "not_a_scrutineer",
                format!(
                    "delegate {} is not the chief scrutineer or a scrutineer: name them as one first",
                    choice.scrutineer
                ),
            )
            .with_details(json!({"scrutineer": choice.scrutineer})));
        }
        let earlier = &request.trustees[..i];
        if earlier
            .iter()
            .any(|c| c.scrutineer == choice.scrutineer || c.account == choice.account)
        {
            return Err(ApiError::unprocessable(
                "duplicate_trustee",
                format!(
                    "delegate {} or account \"{}\" is named twice: each trustee is one scrutineer with an account of their own",
                    choice.scrutineer, choice.account
                ),
            )
            .with_details(json!({"scrutineer": choice.scrutineer, "account": choice.account})));
        }
        let account = users::by_name(&mut tx, &choice.account)
            .await?
            .filter(|a| a.user.role == Inspector && !a.disabled && a.user.serves(&id))
            .ok_or_else(|| {
                ApiError::unprocessable(
                    "not_an_inspector",
                    format!(
                        "\"{}\" is not an enabled inspector account serving this congress: create one in the accounts section",
                        choice.account
                    ),
                )
                .with_details(json!({"account": choice.account}))
            })?;
        chosen.push((choice.scrutineer.clone(), account.user.id));
    }
    let n = u32::try_from(chosen.len()).unwrap_or(u32::MAX);
    let threshold = match (n, request.threshold) {
        (0, _) => None,
        (_, None) => Some(CeremonyContext::majority(n)),
        (_, Some(t)) if (1..=n).contains(&t) => Some(t),
        (_, Some(t)) => {
            return Err(ApiError::unprocessable(
                "bad_threshold",
                format!("the threshold must lie between 1 and the {n} trustees, not {t}"),
            )
            .with_details(json!({"threshold": t, "trustees": n})));
        }
    };
    stored::replace_trustees(&mut tx, &id, threshold, &chosen).await?;
    let (_, trustees) = stored::trustees(&mut tx, &id).await?;
    let view = TrusteesView {
        threshold,
        trustees: trustee_views(&trustees, &names(&mut tx, &id).await?),
    };
    let detail = json!({"congress": id, "threshold": threshold, "trustees": view.trustees.iter().map(|t| json!({"trustee": t.trustee, "scrutineer": t.scrutineer, "account": t.account})).collect::<Vec<_>>()});
    audit::append(&mut tx, &user.name, "trustees.put", detail, now_ms()).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(Json(view))
}

/// The trustees and the threshold.
#[utoipa::path(get, path = "/congresses/{id}/trustees", tag = "setup", params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = TrusteesView), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn))]
pub async fn get_trustees(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<TrusteesView>, ApiError> {
    user.require_in(&id, &[Organiser, Inspector])?;
    let mut conn = state.store.read().await?;
    congresses::get(&mut conn, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("this congress"))?;
    let (threshold, trustees) = stored::trustees(&mut conn, &id).await?;
    Ok(Json(TrusteesView {
        threshold,
        trustees: trustee_views(&trustees, &names(&mut conn, &id).await?),
    }))
}

/// The ceremony as it stands: every message, and what each trustee has done.
#[utoipa::path(get, path = "/congresses/{id}/ceremony", tag = "setup", params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = CeremonyView), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn))]
pub async fn get_ceremony(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<CeremonyView>, ApiError> {
    let user = user.require_in(&id, &[Organiser, Inspector])?;
    let mut conn = state.store.read().await?;
    Ok(Json(ceremony_view(&mut conn, &id, &user.id).await?))
}

/// Posts a trustee's message: it must come from the trustee's own account, in its step's turn,
/// and check against the board.
async fn post(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
    message: Message,
) -> Result<(StatusCode, Json<CeremonyView>), ApiError> {
    let user = user.require_in(id, &[Inspector])?;
    let mut tx = state.store.write().await?;
    let congress = congresses::get(&mut tx, id)
        .await?
        .ok_or_else(|| ApiError::not_found("this congress"))?;
    congress::ensure_not_frozen(&congress)?;
    let Some(Trustees {
        trustees,
        mut board,
        ..
    }) = load(&mut tx, id).await?
    else {
        return Err(ApiError::conflict(
            "ceremony_stage",
            "no trustees are named for this congress: the organiser names them first",
        ));
    };
    let trustee = message.trustee();
    if !trustees
        .iter()
        .any(|t| t.trustee == trustee && t.account_id == user.id)
    {
        return Err(ApiError::forbidden(
            "not_a_trustee",
            format!(
                "this account does not take part as trustee {trustee}: sign in with that trustee's own inspector account"
            ),
        ));
    }
    let (step, peer, body) = (
        message.step(),
        message.peer(),
        message.to_json().to_string(),
    );
    let posted = board.post(message).map_err(|e| match e {
        BoardError::Stage { .. } => ApiError::conflict("ceremony_stage", e.to_string()),
        BoardError::AlreadyPosted { .. } => ApiError::conflict(
            "already_posted",
            format!("{e}: if this trustee lost its place, the organiser restarts the ceremony"),
        ),
        BoardError::Bad(error) => ApiError::unprocessable("bad_message", error.to_string()),
    })?;
    let status = match posted {
        Posted::Same => StatusCode::OK,
        Posted::New => {
            stored::insert_message(&mut tx, id, step, trustee, peer, &body).await?;
            let detail = json!({"congress": id, "trustee": trustee, "step": step, "stage": stage_name(board.stage())});
            audit::append(&mut tx, &user.name, "ceremony.post", detail, now_ms()).await?;
            StatusCode::CREATED
        }
    };
    let view = ceremony_view(&mut tx, id, &user.id).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok((status, Json(view)))
}

fn stage_name(stage: Stage) -> String {
    serde_json::to_value(stage)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Step 1: a trustee's transport key and commitments, each with its proof.
#[utoipa::path(post, path = "/congresses/{id}/ceremony/commitment", tag = "setup", request_body = Object,
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 201, body = CeremonyView), (status = 200, description = "the same message was posted before", body = CeremonyView), (status = 403, description = "not this trustee's account", body = ErrorBody), (status = 409, description = "not this step's turn, or another message was posted", body = ErrorBody), (status = 422, description = "a proof or share does not check", body = ErrorBody), (status = 404, description = "no such congress", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), SignedIn, JsonBody))]
pub async fn post_commitment(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(message): ApiJson<CommitmentMessage>,
) -> Result<(StatusCode, Json<CeremonyView>), ApiError> {
    post(&state, &user, &id, Message::Commitment(message)).await
}

/// Step 2: a trustee's shares, each sealed to its recipient's transport key.
#[utoipa::path(post, path = "/congresses/{id}/ceremony/shares", tag = "setup", request_body = Object,
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 201, body = CeremonyView), (status = 200, description = "the same message was posted before", body = CeremonyView), (status = 403, description = "not this trustee's account", body = ErrorBody), (status = 409, description = "not this step's turn, or another message was posted", body = ErrorBody), (status = 422, description = "a proof or share does not check", body = ErrorBody), (status = 404, description = "no such congress", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), SignedIn, JsonBody))]
pub async fn post_shares(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(message): ApiJson<SharesMessage>,
) -> Result<(StatusCode, Json<CeremonyView>), ApiError> {
    post(&state, &user, &id, Message::Shares(message)).await
}

/// Step 3: whom a trustee accepts and whom it accuses.
#[utoipa::path(post, path = "/congresses/{id}/ceremony/checks", tag = "setup", request_body = Object,
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 201, body = CeremonyView), (status = 200, description = "the same message was posted before", body = CeremonyView), (status = 403, description = "not this trustee's account", body = ErrorBody), (status = 409, description = "not this step's turn, or another message was posted", body = ErrorBody), (status = 422, description = "a proof or share does not check", body = ErrorBody), (status = 404, description = "no such congress", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), SignedIn, JsonBody))]
pub async fn post_checks(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(message): ApiJson<CheckMessage>,
) -> Result<(StatusCode, Json<CeremonyView>), ApiError> {
    post(&state, &user, &id, Message::Checks(message)).await
}

/// An accused trustee's answer: the accuser's share, published and checked.
#[utoipa::path(post, path = "/congresses/{id}/ceremony/answers", tag = "setup", request_body = Object,
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 201, body = CeremonyView), (status = 200, description = "the same message was posted before", body = CeremonyView), (status = 403, description = "not this trustee's account", body = ErrorBody), (status = 409, description = "not this step's turn, or another message was posted", body = ErrorBody), (status = 422, description = "a proof or share does not check", body = ErrorBody), (status = 404, description = "no such congress", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), SignedIn, JsonBody))]
pub async fn post_answer(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(message): ApiJson<ComplaintAnswer>,
) -> Result<(StatusCode, Json<CeremonyView>), ApiError> {
    post(&state, &user, &id, Message::Answer(message)).await
}

/// Step 4: a trustee's proof that it holds its secret share, once its key file is written.
#[utoipa::path(post, path = "/congresses/{id}/ceremony/holdings", tag = "setup", request_body = Object,
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 201, body = CeremonyView), (status = 200, description = "the same message was posted before", body = CeremonyView), (status = 403, description = "not this trustee's account", body = ErrorBody), (status = 409, description = "not this step's turn, or another message was posted", body = ErrorBody), (status = 422, description = "a proof or share does not check", body = ErrorBody), (status = 404, description = "no such congress", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), SignedIn, JsonBody))]
pub async fn post_holding(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(message): ApiJson<HoldingMessage>,
) -> Result<(StatusCode, Json<CeremonyView>), ApiError> {
    post(&state, &user, &id, Message::Holding(message)).await
}

/// Clears every message, for a ceremony that cannot finish (a trustee who left, an accused
/// trustee who does not answer): the trustees start again, fresh.
#[utoipa::path(post, path = "/congresses/{id}/ceremony/restart", tag = "setup",
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = CeremonyView), (status = 409, description = "the congress is frozen", body = ErrorBody), (status = 404, description = "no such congress", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), SignedIn))]
pub async fn restart_ceremony(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<CeremonyView>, ApiError> {
    let user = user.require_in(&id, &[Organiser])?;
    let mut tx = state.store.write().await?;
    let congress = congresses::get(&mut tx, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("this congress"))?;
    congress::ensure_not_frozen(&congress)?;
    stored::clear_messages(&mut tx, &id).await?;
    audit::append(
        &mut tx,
        &user.name,
        "ceremony.restart",
        json!({"congress": id}),
        now_ms(),
    )
    .await?;
    let view = ceremony_view(&mut tx, &id, &user.id).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(Json(view))
}

/// What the manifest records of the ceremony, for freezing: a refusal when no trustees are
/// named (every ballot is sealed under their joint key) or while the ceremony is unfinished.
pub async fn sealing(
    conn: &mut sqlx::AnyConnection,
    loaded: &Loaded,
) -> Result<SealingPart, ApiError> {
    let id = &loaded.congress.id;
    let Some(Trustees {
        threshold,
        trustees,
        board,
    }) = load(conn, id).await?
    else {
        return Err(ApiError::conflict(
            "no_trustees",
            "no trustees are named: every ballot is sealed under the trustees' joint key, so name the chief scrutineer and scrutineers who will open the count together, and have them run the key ceremony, before freezing",
        ));
    };
    let (Stage::Complete, Some(ceremony), Some(joint_key)) =
        (board.stage(), board.ceremony(), board.joint_key())
    else {
        let waiting: Vec<u32> = trustees
            .iter()
            .filter(|t| board.done(t.trustee).len() < 4)
            .map(|t| t.trustee)
            .collect();
        return Err(ApiError::conflict(
            "ceremony_unfinished",
            format!(
                "the trustees' key ceremony is at the {} stage: it must be complete (every trustee holding its share) before freezing; waiting for trustee(s) {waiting:?}",
                stage_name(board.stage())
            ),
        )
        .with_details(json!({"stage": stage_name(board.stage()), "waiting": waiting})));
    };
    let names: std::collections::BTreeMap<String, String> = loaded
        .roster
        .iter()
        .map(|e| (e.delegate.number.to_string(), e.delegate.name.clone()))
        .collect();
    Ok(SealingPart {
        threshold,
        joint_key,
        trustees: trustees
            .iter()
            .map(|t| TrusteePart {
                trustee: t.trustee,
                number: t.number.clone(),
                name: names.get(&t.number).cloned().unwrap_or_default(),
            })
            .collect(),
        commitments: ceremony.messages().to_vec(),
    })
}
