//! The organiser's setup routes: congress, roster, contests, scrutineers, validation, freeze,
//! and ballot-card batches. Every change is refused once the congress is frozen, and every
//! change goes to the audit log in the same transaction.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use ring::rand::SecureRandom;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::AppState;
use super::auth::CurrentUser;
use super::congress::{self, Validation};
use super::error::{ApiError, ErrorBody, JsonBody, SignedIn};
use super::json::{ApiJson, ApiPath};
use super::spreadsheet;
use crate::election::contest::MAX_NAME_CHARS;
use crate::election::roster::{self, Delegate, DelegateNo, Gender, Roster};
use crate::election::{CandidateOrder, ContestKind, names};
use crate::record::canonical;
use crate::record::card::{CardCode, CardToken};
use crate::record::hash::sha256;
use crate::record::keys::ElectionKey;
use crate::record::manifest::Manifest;
use crate::store::congress::{
    self as stored, Congress, CongressInfo, ContestSetup, Electorate, RosterEntry, Scrutineer,
    ScrutineerRole,
};
use crate::store::users::Role::{Desk, Inspector, Organiser};
use crate::store::{StoreError, Tx, audit, cards, now_ms};

fn committed(result: Result<(), sqlx::Error>) -> Result<(), ApiError> {
    result.map_err(|e| ApiError::from(StoreError::from(e)))
}

/// Opens a setup change: a write transaction in which the congress exists and is not frozen.
async fn begin_change(state: &AppState, id: &str) -> Result<(Tx, Congress), ApiError> {
    let mut tx = state.store.write().await?;
    let congress = stored::get(&mut tx, id)
        .await?
        .ok_or_else(|| ApiError::not_found("this congress"))?;
    congress::ensure_not_frozen(&congress)?;
    Ok((tx, congress))
}

/// Ends a setup change: the change and its audit entry commit together.
async fn finish_change(
    mut tx: Tx,
    actor: &str,
    id: &str,
    action: &str,
    mut detail: Value,
) -> Result<(), ApiError> {
    detail["congress"] = json!(id);
    audit::append(&mut tx, actor, action, detail, now_ms()).await?;
    committed(tx.commit().await)
}

/// The longest particular of a congress (its name, the union's, the venue), in characters.
const MAX_PARTICULAR_CHARS: usize = 128;

/// Checks a congress's particulars; returns them with the name, the union's name and the venue
/// read as names are (docs/record-format.md §1).
fn check_info(mut info: CongressInfo) -> Result<CongressInfo, ApiError> {
    for (what, text) in [
        ("the congress's name", &mut info.name),
        ("the union's name", &mut info.union_name),
        ("the venue", &mut info.venue),
    ] {
        *text = names::read(text, MAX_PARTICULAR_CHARS).map_err(|e| ApiError::bad_name(what, e))?;
    }
    let date = info.date.as_bytes();
    let digits = |range: std::ops::Range<usize>| date[range].iter().all(u8::is_ascii_digit);
    if date.len() != 10
        || date[4] != b'-'
        || date[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return Err(ApiError::unprocessable(
            "bad_date",
            "the date is written YYYY-MM-DD, such as 2026-11-28",
        ));
    }
    if info.members == 0 {
        return Err(ApiError::unprocessable(
            "bad_members",
            "the membership must be at least 1",
        ));
    }
    Ok(info)
}

/// Creates a congress.
#[utoipa::path(post, path = "/congresses", tag = "setup", request_body = CongressInfo,
    responses((status = 201, body = Congress), SignedIn, JsonBody))]
pub async fn create_congress(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(info): ApiJson<CongressInfo>,
) -> Result<(StatusCode, Json<Congress>), ApiError> {
    let user = user.require(&[Organiser])?;
    let info = check_info(info)?;
    let now = now_ms();
    let mut tx = state.store.write().await?;
    let congress = stored::insert(&mut tx, &info, now).await?;
    audit::append(
        &mut tx,
        &user.name,
        "congress.create",
        json!({"congress": congress.id, "name": info.name}),
        now,
    )
    .await?;
    committed(tx.commit().await)?;
    Ok((StatusCode::CREATED, Json(congress)))
}

/// Every congress.
#[utoipa::path(get, path = "/congresses", tag = "setup", responses((status = 200, body = Vec<Congress>), SignedIn))]
pub async fn list_congresses(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<Congress>>, ApiError> {
    let user = user.require(&[Organiser, Desk, Inspector])?;
    let mut conn = state.store.read().await?;
    let mut congresses = stored::list(&mut conn).await?;
    congresses.retain(|c| user.serves(&c.id));
    Ok(Json(congresses))
}

/// One congress.
#[utoipa::path(get, path = "/congresses/{id}", tag = "setup", params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = Congress), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn))]
pub async fn get_congress(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Congress>, ApiError> {
    user.require_in(&id, &[Organiser, Desk, Inspector])?;
    let mut conn = state.store.read().await?;
    Ok(Json(
        stored::get(&mut conn, &id)
            .await?
            .ok_or_else(|| ApiError::not_found("this congress"))?,
    ))
}

/// Changes a congress's particulars.
#[utoipa::path(put, path = "/congresses/{id}", tag = "setup", request_body = CongressInfo,
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = Congress), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn, JsonBody))]
pub async fn update_congress(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(info): ApiJson<CongressInfo>,
) -> Result<Json<Congress>, ApiError> {
    let user = user.require_in(&id, &[Organiser])?;
    let info = check_info(info)?;
    let (mut tx, congress) = begin_change(&state, &id).await?;
    stored::update(&mut tx, &id, &info).await?;
    finish_change(
        tx,
        &user.name,
        &id,
        "congress.update",
        json!({"name": info.name}),
    )
    .await?;
    Ok(Json(Congress { info, ..congress }))
}

/// What a roster import did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Imported {
    /// Delegates imported.
    pub delegates: usize,
    /// Of them, with a vote.
    pub voting: usize,
    /// The encoding the file was read in.
    #[schema(value_type = String)]
    pub encoding: crate::election::roster::Encoding,
    /// Header cells that name no known column, ignored.
    pub ignored_columns: Vec<String>,
}

/// Replaces the roster with a CSV file (UTF-8 or GB18030), all or nothing.
#[utoipa::path(put, path = "/congresses/{id}/roster", tag = "setup", request_body(content = String, content_type = "text/csv"),
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = Imported), (status = 422, description = "well-formed, but breaks a rule", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 409, description = "the congress is frozen: its setup can no longer change", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn))]
pub async fn import_roster(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
    body: Bytes,
) -> Result<Json<Imported>, ApiError> {
    let user = user.require_in(&id, &[Organiser])?;
    let roster = Roster::parse_csv(&body).map_err(|errors| {
        let message = format!(
            "the roster was not imported: {} problem(s) to fix",
            errors.0.len()
        );
        ApiError::unprocessable("bad_roster", message).with_details(json!(errors.0))
    })?;
    let (mut tx, _) = begin_change(&state, &id).await?;
    let numbers: Vec<&DelegateNo> = roster.delegates.iter().map(|d| &d.number).collect();
    let mut missing: Vec<String> = Vec::new();
    for contest in stored::contests(&mut tx, &id).await? {
        missing.extend(
            contest
                .candidates
                .iter()
                .filter(|n| !numbers.contains(n))
                .map(ToString::to_string),
        );
    }
    for scrutineer in stored::scrutineers(&mut tx, &id).await? {
        if !numbers.contains(&&scrutineer.number) {
            missing.push(scrutineer.number.to_string());
        }
    }
    if !missing.is_empty() {
        return Err(ApiError::conflict(
            "roster_in_use",
            format!(
                "the new roster leaves out {} who stand or serve in this congress; remove them \
                 from the contests or scrutineers first",
                missing.join(", ")
            ),
        ));
    }
    stored::replace_roster(&mut tx, &id, &roster.delegates).await?;
    let voting = roster.delegates.iter().filter(|d| d.voting).count();
    let detail = json!({"delegates": roster.delegates.len(), "voting": voting});
    let imported = Imported {
        delegates: roster.delegates.len(),
        voting,
        encoding: roster.encoding,
        ignored_columns: roster.ignored_columns.clone(),
    };
    finish_change(tx, &user.name, &id, "roster.import", detail).await?;
    Ok(Json(imported))
}

/// The roster with who is present.
#[utoipa::path(get, path = "/congresses/{id}/roster", tag = "setup", params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = Vec<RosterEntry>), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn))]
pub async fn get_roster(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Vec<RosterEntry>>, ApiError> {
    user.require_in(&id, &[Organiser, Desk])?;
    let loaded = congress::load(&state, &id).await?;
    Ok(Json(loaded.roster))
}

/// The roster as a CSV file to open in a spreadsheet: the import's columns and 到会, every
/// cell neutralised against formulas ([`super::spreadsheet`]).
#[utoipa::path(get, path = "/congresses/{id}/roster.csv", tag = "setup", params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, description = "the roster as CSV (UTF-8 with a byte-order mark)", content_type = "text/csv", body = String), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn))]
pub async fn roster_csv(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<axum::response::Response, ApiError> {
    user.require_in(&id, &[Organiser, Desk])?;
    let loaded = congress::load(&state, &id).await?;
    let filename = format!("roster-{}.csv", loaded.congress.id);
    Ok(spreadsheet::attachment(
        &filename,
        spreadsheet::roster(&loaded.roster),
    ))
}

/// A roster to fill in, as a CSV file: the header row an import expects and one example row.
#[utoipa::path(get, path = "/roster-template.csv", tag = "setup",
    responses((status = 200, description = "the template as CSV (UTF-8 with a byte-order mark)", content_type = "text/csv", body = String), SignedIn))]
pub async fn roster_template(user: CurrentUser) -> Result<axum::response::Response, ApiError> {
    user.require(&[Organiser])?;
    Ok(spreadsheet::attachment(
        "roster-template.csv",
        spreadsheet::roster_template(),
    ))
}

/// A delegate's particulars, for an edit.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DelegateEdit {
    /// 姓名.
    pub name: String,
    /// 性别.
    #[schema(value_type = String)]
    pub gender: Gender,
    /// 单位.
    pub unit: String,
    /// 选举权.
    pub voting: bool,
}

/// Changes one delegate.
#[utoipa::path(put, path = "/congresses/{id}/roster/{number}", tag = "setup", request_body = DelegateEdit,
    params(("id" = String, Path, description = "the congress's id"), ("number" = String, Path, description = "a delegate's number on the roster, such as D001")),
    responses((status = 204), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 409, description = "the congress is frozen: its setup can no longer change", body = ErrorBody), SignedIn, JsonBody))]
pub async fn edit_delegate(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, number)): ApiPath<(String, String)>,
    ApiJson(edit): ApiJson<DelegateEdit>,
) -> Result<StatusCode, ApiError> {
    let user = user.require_in(&id, &[Organiser])?;
    let number = DelegateNo::parse(&number).map_err(|e| ApiError::bad_request("bad_number", e))?;
    let name =
        names::read(&edit.name, MAX_NAME_CHARS).map_err(|e| ApiError::bad_name("the name", e))?;
    let unit = roster::read_unit(&edit.unit).map_err(|e| ApiError::bad_name("the unit", e))?;
    let delegate = Delegate {
        number,
        name,
        gender: edit.gender,
        unit,
        voting: edit.voting,
    };
    let (mut tx, _) = begin_change(&state, &id).await?;
    if !stored::update_delegate(&mut tx, &id, &delegate).await? {
        return Err(ApiError::not_found(&format!(
            "delegate {}",
            delegate.number
        )));
    }
    finish_change(
        tx,
        &user.name,
        &id,
        "roster.edit",
        json!({"delegate": delegate.number}),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes one delegate who neither stands nor serves.
#[utoipa::path(delete, path = "/congresses/{id}/roster/{number}", tag = "setup", params(("id" = String, Path, description = "the congress's id"), ("number" = String, Path, description = "a delegate's number on the roster, such as D001")),
    responses((status = 204), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn))]
pub async fn remove_delegate(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, number)): ApiPath<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let user = user.require_in(&id, &[Organiser])?;
    let number = DelegateNo::parse(&number).map_err(|e| ApiError::bad_request("bad_number", e))?;
    let (mut tx, _) = begin_change(&state, &id).await?;
    let places = stored::references(&mut tx, &id, &number).await?;
    if !places.is_empty() {
        let message = format!(
            "delegate {number} appears in {}: remove them there first",
            places.join(", ")
        );
        return Err(ApiError::conflict("delegate_in_use", message));
    }
    if !stored::delete_delegate(&mut tx, &id, &number).await? {
        return Err(ApiError::not_found(&format!("delegate {number}")));
    }
    finish_change(
        tx,
        &user.name,
        &id,
        "roster.remove",
        json!({"delegate": number}),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A contest as the organiser enters it; candidates are put in stroke order unless the order is
/// fixed by hand (RULES.md §2).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContestInput {
    /// The body elected.
    #[schema(value_type = String)]
    pub kind: ContestKind,
    /// The ballot title, such as 工会委员会委员.
    pub title: String,
    /// Seats to fill.
    pub seats: u32,
    /// Whose votes it takes.
    pub electorate: Electorate,
    /// `strokes` (the default): the candidates stand in stroke order under the rule profile's
    /// `ballot_order`, whatever order they are given in. `as_listed`: they stand in the order
    /// given, fixed by hand (the higher union's vetted list).
    #[serde(default)]
    #[schema(value_type = String)]
    pub order: CandidateOrder,
    /// Delegate numbers of the candidates; their order counts only with `as_listed`.
    #[schema(value_type = Vec<String>)]
    pub candidates: Vec<DelegateNo>,
}

/// Adds or replaces a contest.
#[utoipa::path(put, path = "/congresses/{id}/contests/{contest}", tag = "setup", request_body = ContestInput,
    params(("id" = String, Path, description = "the congress's id"), ("contest" = String, Path, description = "the contest's id")),
    responses((status = 200, body = ContestSetup), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 422, description = "well-formed, but breaks a rule", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn, JsonBody))]
pub async fn put_contest(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, contest_id)): ApiPath<(String, String)>,
    ApiJson(input): ApiJson<ContestInput>,
) -> Result<Json<ContestSetup>, ApiError> {
    let user = user.require_in(&id, &[Organiser])?;
    crate::election::ContestId::parse(&contest_id)
        .map_err(|e| ApiError::bad_request("bad_contest_id", e.to_string()))?;
    let title = names::read(&input.title, MAX_NAME_CHARS)
        .map_err(|e| ApiError::bad_name("the title", e))?;
    if input.seats == 0 {
        let message = "a contest needs at least 1 seat";
        return Err(ApiError::unprocessable("bad_contest", message));
    }
    let (mut tx, congress) = begin_change(&state, &id).await?;
    let roster = stored::roster(&mut tx, &id).await?;
    let mut candidates: Vec<&RosterEntry> = Vec::with_capacity(input.candidates.len());
    for number in &input.candidates {
        let Some(entry) = roster.iter().find(|e| &e.delegate.number == number) else {
            let message = format!("delegate {number} is not on the roster");
            return Err(ApiError::unprocessable("unknown_delegate", message));
        };
        if candidates.iter().any(|c| &c.delegate.number == number) {
            let message = format!("delegate {number} is listed twice");
            return Err(ApiError::unprocessable("duplicate_candidate", message));
        }
        candidates.push(entry);
    }
    let mut contest = ContestSetup {
        id: contest_id.clone(),
        kind: input.kind,
        title,
        seats: input.seats,
        electorate: input.electorate,
        order: input.order,
        candidates: candidates
            .into_iter()
            .map(|e| e.delegate.number.clone())
            .collect(),
    };
    stored::put_contest(&mut tx, &id, &contest).await?;
    let detail = json!({"contest": contest.id, "seats": contest.seats, "order": contest.order,
        "candidates": contest.candidates});
    congress::put_in_ballot_order(&mut contest, &roster, congress.info.profile.ballot_order);
    finish_change(tx, &user.name, &id, "contest.put", detail).await?;
    Ok(Json(contest))
}

/// The contests in ballot order.
#[utoipa::path(get, path = "/congresses/{id}/contests", tag = "setup", params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = Vec<ContestSetup>), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn))]
pub async fn list_contests(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Vec<ContestSetup>>, ApiError> {
    user.require_in(&id, &[Organiser, Desk, Inspector])?;
    Ok(Json(congress::load(&state, &id).await?.contests))
}

/// Removes a contest.
#[utoipa::path(delete, path = "/congresses/{id}/contests/{contest}", tag = "setup", params(("id" = String, Path, description = "the congress's id"), ("contest" = String, Path, description = "the contest's id")),
    responses((status = 204), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 409, description = "the congress is frozen: its setup can no longer change", body = ErrorBody), SignedIn))]
pub async fn remove_contest(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, contest_id)): ApiPath<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let user = user.require_in(&id, &[Organiser])?;
    let (mut tx, _) = begin_change(&state, &id).await?;
    if !stored::delete_contest(&mut tx, &id, &contest_id).await? {
        return Err(ApiError::not_found(&format!("contest \"{contest_id}\"")));
    }
    finish_change(
        tx,
        &user.name,
        &id,
        "contest.remove",
        json!({"contest": contest_id}),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Replaces the scrutineers (总监票人, 监票人, 计票人), chosen from the roster.
#[utoipa::path(put, path = "/congresses/{id}/scrutineers", tag = "setup", request_body = Vec<Scrutineer>,
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = Vec<Scrutineer>), (status = 422, description = "well-formed, but breaks a rule", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 409, description = "the congress is frozen: its setup can no longer change", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn, JsonBody))]
pub async fn put_scrutineers(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(scrutineers): ApiJson<Vec<Scrutineer>>,
) -> Result<Json<Vec<Scrutineer>>, ApiError> {
    let user = user.require_in(&id, &[Organiser])?;
    let (mut tx, _) = begin_change(&state, &id).await?;
    let roster = stored::roster(&mut tx, &id).await?;
    for (i, s) in scrutineers.iter().enumerate() {
        if !roster.iter().any(|e| e.delegate.number == s.number) {
            let message = format!("delegate {} is not on the roster", s.number);
            return Err(ApiError::unprocessable("unknown_delegate", message));
        }
        if scrutineers[..i].iter().any(|t| t.number == s.number) {
            let message = format!("delegate {} is listed twice", s.number);
            return Err(ApiError::unprocessable("duplicate_scrutineer", message));
        }
    }
    let (_, trustees) = crate::store::ceremony::trustees(&mut tx, &id).await?;
    if let Some(trustee) = trustees.iter().find(|t| {
        !scrutineers
            .iter()
            .any(|s| s.number.to_string() == t.number && s.role != ScrutineerRole::Teller)
    }) {
        return Err(ApiError::conflict(
            "trustee_scrutineer",
            format!(
                "delegate {} is trustee {}: take them off the trustees first, or keep them a scrutineer",
                trustee.number, trustee.trustee
            ),
        )
        .with_details(json!({"scrutineer": trustee.number, "trustee": trustee.trustee})));
    }
    stored::replace_scrutineers(&mut tx, &id, &scrutineers).await?;
    let detail = json!({"scrutineers": scrutineers});
    finish_change(tx, &user.name, &id, "scrutineers.put", detail).await?;
    Ok(Json(scrutineers))
}

/// Every problem that stops freezing, and every warning.
#[utoipa::path(get, path = "/congresses/{id}/validation", tag = "setup", params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = Validation), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn))]
pub async fn validation(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Validation>, ApiError> {
    user.require_in(&id, &[Organiser, Inspector])?;
    Ok(Json(congress::validate(
        &congress::load(&state, &id).await?,
    )))
}

/// What freezing fixed, for the minutes.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FreezeReceipt {
    /// SHA-256 of the canonical manifest.
    pub manifest_hash: String,
    /// The election public key.
    pub public_key: String,
    /// SHA-256 of the public key, in groups of four.
    pub key_fingerprint: String,
}

/// Freezes the setup: the canonical manifest, its hash, and a fresh election key.
#[utoipa::path(post, path = "/congresses/{id}/freeze", tag = "setup",
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = FreezeReceipt), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 422, description = "well-formed, but breaks a rule", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn))]
pub async fn freeze(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<FreezeReceipt>, ApiError> {
    let user = user.require_in(&id, &[Organiser])?;
    let (mut tx, congress) = begin_change(&state, &id).await?;
    // Read inside the write transaction, so nothing changes between validation and freezing.
    let roster = stored::roster(&mut tx, &id).await?;
    let mut contests = stored::contests(&mut tx, &id).await?;
    congress::put_all_in_ballot_order(&mut contests, &roster, &congress);
    let loaded = congress::Loaded {
        roster,
        contests,
        scrutineers: stored::scrutineers(&mut tx, &id).await?,
        sitting_present: congress::sitting_present(&mut tx, &id).await?,
        congress,
    };
    let validation = congress::validate(&loaded);
    if !validation.ready {
        let message = "the setup has problems to fix before it can be frozen";
        return Err(
            ApiError::unprocessable("not_ready", message).with_details(json!(
                validation
                    .findings
                    .iter()
                    .filter(|f| f.severity == congress::Severity::Problem)
                    .collect::<Vec<_>>()
            )),
        );
    }
    let mut manifest = congress::build_manifest(&loaded)?;
    manifest.sealing = Some(super::ceremony::sealing(&mut tx, &loaded).await?);
    manifest.format = Manifest::format_for(manifest.sealing.as_ref()).to_owned();
    let bytes = canonical::to_vec(&manifest).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let manifest_hash = sha256(&[&bytes]);
    let key = ElectionKey::generate(&state.rng)
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let public = key.public();
    let seed = hex::encode(*key.seed());
    let hash = manifest_hash.to_hex();
    stored::freeze(
        &mut tx,
        &id,
        now_ms(),
        &text,
        &hash,
        &public.to_string(),
        &seed,
    )
    .await?;
    let detail = json!({"manifest_hash": hash, "public_key": public});
    finish_change(tx, &user.name, &id, "congress.freeze", detail).await?;
    Ok(Json(FreezeReceipt {
        manifest_hash: hash,
        public_key: public.to_string(),
        key_fingerprint: public.fingerprint().grouped(),
    }))
}

/// The frozen manifest, exactly as hashed.
#[utoipa::path(get, path = "/congresses/{id}/manifest", tag = "setup", params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, description = "the manifest's canonical JSON, byte for byte", body = serde_json::Value), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn))]
pub async fn get_manifest(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<([(axum::http::HeaderName, &'static str); 1], String), ApiError> {
    user.require_in(&id, &[Organiser, Desk, Inspector])?;
    let mut conn = state.store.read().await?;
    stored::get(&mut conn, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("this congress"))?;
    let (manifest, _) = stored::manifest_and_seed(&mut conn, &id)
        .await?
        .ok_or_else(|| {
            ApiError::conflict(
                "not_frozen",
                "the setup is not frozen yet, so there is no manifest",
            )
        })?;
    Ok((
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        manifest,
    ))
}

/// A request for printed cards.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchRequest {
    /// The ballot style: `general`, `female`, or a body's meeting: `plenary`, `audit_plenary`,
    /// `women_plenary`.
    pub style: String,
    /// How many cards, 1 to 1000.
    pub count: u32,
}

/// One card to print.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PrintedCard {
    /// The code, grouped, as typed at a kiosk.
    pub code: String,
    /// The signed token the card's QR carries.
    pub qr: String,
    /// That token as a QR code, in SVG, to print.
    pub qr_svg: String,
}

/// A batch of cards: shown once, since the server keeps only the codes' hashes.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Batch {
    /// The batch number, for voiding a lost batch.
    pub batch: i64,
    /// The style.
    pub style: String,
    /// The cards.
    pub cards: Vec<PrintedCard>,
}

/// Generates inert cards of one style. The codes are in this response only: the server keeps
/// their hashes, so a batch cannot be fetched again; a lost batch is voided and replaced.
#[utoipa::path(post, path = "/congresses/{id}/card-batches", tag = "setup", request_body = BatchRequest,
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 201, body = Batch), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 422, description = "well-formed, but breaks a rule", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn, JsonBody))]
pub async fn create_batch(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<BatchRequest>,
) -> Result<(StatusCode, Json<Batch>), ApiError> {
    let user = user.require_in(&id, &[Organiser])?;
    if !(1..=1000).contains(&request.count) {
        return Err(ApiError::unprocessable(
            "bad_count",
            "print 1 to 1000 cards at a time",
        ));
    }
    let loaded = congress::load(&state, &id).await?;
    if loaded.congress.frozen.is_none() {
        return Err(ApiError::conflict(
            "not_frozen",
            "freeze the setup before printing ballot cards",
        ));
    }
    if !loaded.styles().iter().any(|s| s.id == request.style) {
        return Err(ApiError::unprocessable(
            "unknown_style",
            format!("this congress has no ballot style \"{}\"", request.style),
        ));
    }
    let mut conn = state.store.read().await?;
    let (_, seed) = stored::manifest_and_seed(&mut conn, &id)
        .await?
        .ok_or_else(|| StoreError::Corrupt("no key".into()))?;
    drop(conn);
    let mut seed_bytes = zeroize::Zeroizing::new([0_u8; 32]);
    hex::decode_to_slice(&seed, seed_bytes.as_mut())
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let key = ElectionKey::from_seed(&seed_bytes);
    // Signing and drawing a thousand QR codes takes a while: on a blocking thread, and before
    // the write transaction, so that no cast waits for it.
    let (rng, congress, style, count) = (
        state.rng.clone(),
        id.clone(),
        request.style.clone(),
        request.count,
    );
    let (printed, hashes) =
        tokio::task::spawn_blocking(move || print_cards(&rng, &key, &congress, &style, count))
            .await
            .map_err(|_| {
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "the cards could not be made; try again",
                )
            })??;
    let now = now_ms();
    let mut tx = state.store.write().await?;
    let batch = cards::next_batch(&mut tx, &id).await?;
    cards::insert_batch(&mut tx, &id, &request.style, batch, &hashes).await?;
    audit::append(
        &mut tx,
        &user.name,
        "cards.generate",
        json!({"congress": id, "style": request.style, "count": request.count, "batch": batch}),
        now,
    )
    .await?;
    committed(tx.commit().await)?;
    Ok((
        StatusCode::CREATED,
        Json(Batch {
            batch,
            style: request.style,
            cards: printed,
        }),
    ))
}

/// Makes `count` cards of `style`: their printed codes and QR codes, and the hashes to store.
fn print_cards(
    rng: &ring::rand::SystemRandom,
    key: &ElectionKey,
    congress: &str,
    style: &str,
    count: u32,
) -> Result<(Vec<PrintedCard>, Vec<String>), ApiError> {
    let mut printed = Vec::new();
    let mut hashes = Vec::new();
    for _ in 0..count {
        let mut random = [0_u8; 13];
        rng.fill(&mut random).map_err(|_| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "no randomness",
            )
        })?;
        let code = CardCode::from_random(&random);
        let token = CardToken {
            congress: congress.to_owned(),
            style: style.to_owned(),
            code: code.clone(),
        };
        let qr = token.sign(key).map_err(|e| {
            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
        })?;
        hashes.push(code.storage_hash().to_hex());
        let qr_svg = super::qr::svg(&qr)
            .ok_or_else(|| StoreError::Corrupt("a card token too long for a QR code".into()))?;
        printed.push(PrintedCard {
            code: code.to_string(),
            qr,
            qr_svg,
        });
    }
    Ok((printed, hashes))
}

/// What voiding a batch did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Voided {
    /// How many of its cards were voided now: those neither activated nor voided before.
    pub voided: u64,
}

/// Voids the cards of a batch that were never activated (a lost print run).
#[utoipa::path(delete, path = "/congresses/{id}/card-batches/{batch}", tag = "setup", params(("id" = String, Path, description = "the congress's id"), ("batch" = u32, Path, description = "the card batch's number")),
    responses((status = 200, body = Voided), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn))]
pub async fn void_batch(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, batch)): ApiPath<(String, u32)>,
) -> Result<Json<Voided>, ApiError> {
    let user = user.require_in(&id, &[Organiser])?;
    let now = now_ms();
    let mut tx = state.store.write().await?;
    stored::get(&mut tx, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("this congress"))?;
    let voided = cards::void_batch(&mut tx, &id, i64::from(batch)).await?;
    audit::append(
        &mut tx,
        &user.name,
        "cards.void",
        json!({"congress": id, "batch": batch, "voided": voided}),
        now,
    )
    .await?;
    committed(tx.commit().await)?;
    Ok(Json(Voided { voided }))
}
