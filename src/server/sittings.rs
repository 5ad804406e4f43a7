//! Check-in at the first meeting of a body the congress elected: the new committee's plenary
//! (which elects the chair and vice-chairs, 2016 条例 Art. 3), the funds audit committee's (its
//! 主任 and 副主任, 章程 Art. 26) and the women workers' committee's (its 主任, 女职委条例). Only
//! the body's elected members sit; each receives a card of the meeting's style, and the
//! meeting's quorum and threshold are counted on the body's members.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::AppState;
use super::auth::CurrentUser;
use super::error::{ApiError, ErrorBody, JsonBody, SignedIn};
use super::json::{ApiJson, ApiPath};
use super::voting;
use crate::election::roster::DelegateNo;
use crate::record::documents::Sitting;
use crate::store::users::Role::{Desk, Organiser};
use crate::store::{StoreError, audit, now_ms, sittings};

/// A member of a new body arriving at its first meeting.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SittingCheckIn {
    /// The member's delegate number.
    #[schema(value_type = String)]
    pub number: DelegateNo,
}

/// A meeting's attendance.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SittingAttendance {
    /// Members of the new body (应到).
    pub entitled: u32,
    /// Those present (实到).
    pub present: u32,
    /// Whether this member was checked in before (then nothing changed).
    pub already_present: bool,
}

/// A body's meeting named in a path: `plenary`, `audit_plenary` or `women_plenary`.
fn body_sitting(name: &str) -> Result<Sitting, ApiError> {
    Sitting::BODIES
        .into_iter()
        .find(|s| s.as_str() == name)
        .ok_or_else(|| ApiError::not_found(&format!("a body's meeting \"{name}\"")))
}

/// The audit name of a check-in at `sitting`: the plenary's as it always was.
fn action(sitting: Sitting, what: &str) -> String {
    format!("{}.{what}", sitting.as_str())
}

async fn sitting_check_in(
    state: &AppState,
    user: CurrentUser,
    id: &str,
    sitting: Sitting,
    number: &DelegateNo,
) -> Result<Json<SittingAttendance>, ApiError> {
    let user = user.require_in(id, &[Desk, Organiser])?;
    let mut tx = state.store.write().await?;
    let voting = voting::load(&mut tx, id).await?;
    let members = voting.progress.members(sitting);
    if members.is_empty() {
        // The plenary's code is the one the pages have always known.
        let code = if sitting == Sitting::Plenary {
            "no_committee"
        } else {
            "no_members"
        };
        return Err(ApiError::conflict(
            code,
            format!(
                "the meeting of {} sits once the congress has elected its members",
                sitting.body_name()
            ),
        ));
    }
    let number = number.to_string();
    if !members.contains(&number) {
        return Err(ApiError::not_found(&format!(
            "delegate {number} among the members of {}",
            sitting.body_name()
        )));
    }
    let new = sittings::check_in(&mut tx, id, sitting, &number).await?;
    if new {
        audit::append(
            &mut tx,
            &user.name,
            &action(sitting, "checkin"),
            json!({"congress": id, "delegate": number}),
            now_ms(),
        )
        .await?;
    }
    let present = sittings::present(&mut tx, id, sitting).await?.len();
    tx.commit().await.map_err(StoreError::from)?;
    Ok(Json(SittingAttendance {
        entitled: voting.progress.body_size(sitting),
        present: u32::try_from(present).unwrap_or(u32::MAX),
        already_present: !new,
    }))
}

async fn sitting_check_out(
    state: &AppState,
    user: CurrentUser,
    id: &str,
    sitting: Sitting,
    number: &str,
) -> Result<StatusCode, ApiError> {
    let user = user.require_in(id, &[Desk, Organiser])?;
    let mut tx = state.store.write().await?;
    crate::store::congress::get(&mut tx, id)
        .await?
        .ok_or_else(|| ApiError::not_found("this congress"))?;
    if !sittings::check_out(&mut tx, id, sitting, number).await? {
        return Ok(StatusCode::NO_CONTENT);
    }
    let present = sittings::present(&mut tx, id, sitting).await?.len();
    let style = sitting.as_str();
    let issued = crate::store::cards::active_count(&mut tx, id, style).await?;
    if issued > i64::try_from(present).unwrap_or(i64::MAX) {
        return Err(ApiError::conflict(
            "card_issued",
            format!(
                "{issued} {style} card(s) are active for the members present, so this member \
                 already holds one: the check-in stands"
            ),
        )
        .with_details(json!({"style": style, "issued": issued})));
    }
    audit::append(
        &mut tx,
        &user.name,
        &action(sitting, "checkin.undo"),
        json!({"congress": id, "delegate": number}),
        now_ms(),
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Checks in a member of a new body for its first meeting: `plenary` (the committee),
/// `audit_plenary` (the funds audit committee) or `women_plenary` (the women workers'
/// committee).
#[utoipa::path(post, path = "/congresses/{id}/sittings/{sitting}/check-ins", tag = "rounds", request_body = SittingCheckIn,
    params(("id" = String, Path, description = "the congress's id"), ("sitting" = String, Path, description = "the sitting's id")),
    responses((status = 200, body = SittingAttendance), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), SignedIn, JsonBody))]
pub async fn check_in(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, sitting)): ApiPath<(String, String)>,
    ApiJson(request): ApiJson<SittingCheckIn>,
) -> Result<Json<SittingAttendance>, ApiError> {
    let sitting = body_sitting(&sitting)?;
    sitting_check_in(&state, user, &id, sitting, &request.number).await
}

/// Undoes a check-in at a body's meeting made by mistake; refused when the member's card is
/// already active (more cards of the meeting would be active than members present). Audited.
#[utoipa::path(delete, path = "/congresses/{id}/sittings/{sitting}/check-ins/{number}", tag = "rounds",
    params(("id" = String, Path, description = "the congress's id"), ("sitting" = String, Path, description = "the sitting's id"), ("number" = String, Path, description = "a delegate's number on the roster, such as D001")),
    responses((status = 204), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), SignedIn))]
pub async fn undo_check_in(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, sitting, number)): ApiPath<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    let sitting = body_sitting(&sitting)?;
    sitting_check_out(&state, user, &id, sitting, &number).await
}

/// Checks in a member of the new committee for its first plenary: the same as
/// `POST /congresses/{id}/sittings/plenary/check-ins`.
#[utoipa::path(post, path = "/congresses/{id}/plenary/check-ins", tag = "rounds", request_body = SittingCheckIn,
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = SittingAttendance), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), SignedIn, JsonBody))]
pub async fn plenary_check_in(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<SittingCheckIn>,
) -> Result<Json<SittingAttendance>, ApiError> {
    sitting_check_in(&state, user, &id, Sitting::Plenary, &request.number).await
}

/// Undoes a plenary check-in made by mistake: the same as
/// `DELETE /congresses/{id}/sittings/plenary/check-ins/{number}`.
#[utoipa::path(delete, path = "/congresses/{id}/plenary/check-ins/{number}", tag = "rounds",
    params(("id" = String, Path, description = "the congress's id"), ("number" = String, Path, description = "a delegate's number on the roster, such as D001")),
    responses((status = 204), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), SignedIn))]
pub async fn undo_plenary_check_in(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, number)): ApiPath<(String, String)>,
) -> Result<StatusCode, ApiError> {
    sitting_check_out(&state, user, &id, Sitting::Plenary, &number).await
}
