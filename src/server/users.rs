//! The organisers' accounts routes (`/users`): list the accounts, create a desk, inspector or
//! organiser account, disable or enable one, and set a new password. A disabled account's
//! sessions end at once and it cannot sign in; a new password ends its sessions too. No
//! organiser can disable their own account, nor the last enabled organiser. Every change goes
//! to the audit log in the same transaction.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::json;

use super::AppState;
use super::auth::{self, CurrentUser, SESSION_COOKIE};
use super::error::{ApiError, ErrorBody, JsonBody, SignedIn};
use super::json::{ApiJson, ApiPath};
use crate::store::users::{self, Account, Role};
use crate::store::{StoreError, audit, congress, now_ms};

/// Every account, by name (never a password hash).
#[utoipa::path(get, path = "/users", tag = "accounts", responses((status = 200, body = Vec<Account>), SignedIn))]
pub async fn list_users(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<Account>>, ApiError> {
    user.require(&[Role::Organiser])?;
    let mut conn = state.store.read().await?;
    Ok(Json(users::list(&mut conn).await?))
}

/// A new account.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAccount {
    /// The login name.
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// The password: at least 10 characters and hard to guess.
    pub password: String,
    /// For a desk or inspector account, the congresses it is limited to (their ids); none, or
    /// left out, serves every congress. Never for an organiser.
    #[serde(default)]
    pub congresses: Vec<String>,
}

/// Creates an account.
#[utoipa::path(post, path = "/users", tag = "accounts", request_body = NewAccount,
    responses((status = 201, body = Account), (status = 409, description = "an account of that name exists already (name_taken)", body = ErrorBody),
        (status = 503, description = "the server is busy checking passwords: try again", body = ErrorBody), SignedIn, JsonBody))]
pub async fn create_user(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(request): ApiJson<NewAccount>,
) -> Result<(StatusCode, Json<Account>), ApiError> {
    let organiser = user.require(&[Role::Organiser])?;
    if request.role == Role::Organiser && !request.congresses.is_empty() {
        return Err(ApiError::unprocessable(
            "organiser_limited",
            "an organiser account serves every congress: limits are for desk and inspector accounts",
        ));
    }
    let name = auth::check_new_account(&request.name, &request.password)?;
    let password = request.password.clone();
    let hash = state
        .logins
        .hash(move || auth::hash_password(&password))
        .await??;
    let now = now_ms();
    let mut tx = state.store.write().await?;
    for id in &request.congresses {
        if congress::get(&mut tx, id).await?.is_none() {
            return Err(ApiError::unprocessable(
                "unknown_congress",
                format!("there is no congress \"{id}\": choose among the congresses listed"),
            )
            .with_details(json!({ "congress": id })));
        }
    }
    let created = match users::insert_limited(
        &mut tx,
        &name,
        request.role,
        &request.congresses,
        &hash,
        now,
    )
    .await
    {
        Err(e) if e.is_unique_violation() => return Err(name_taken(&name)),
        other => other?,
    };
    audit::append(
        &mut tx,
        &organiser.name,
        "account.create",
        json!({"name": created.name, "role": created.role.as_str(), "congresses": created.congresses}),
        now,
    )
    .await?;
    let account = users::get(&mut tx, &created.id)
        .await?
        .ok_or_else(|| StoreError::Corrupt("the account just made is gone".into()))?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok((StatusCode::CREATED, Json(account)))
}

/// 409: the name is another account's.
pub fn name_taken(name: &str) -> ApiError {
    ApiError::conflict(
        "name_taken",
        format!("an account named \"{name}\" exists already: choose another name"),
    )
}

/// Whether an account may sign in.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountChange {
    /// False disables the account at once (its sessions end); true enables it again.
    pub enabled: bool,
}

/// Disables or enables an account.
#[utoipa::path(put, path = "/users/{user}", tag = "accounts", request_body = AccountChange,
    params(("user" = String, Path, description = "the account's id")),
    responses((status = 204), (status = 404, description = "no such account", body = ErrorBody),
        (status = 409, description = "an organiser's own account (own_account), or the last enabled organiser (last_organiser)", body = ErrorBody),
        SignedIn, JsonBody))]
pub async fn change_user(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<AccountChange>,
) -> Result<StatusCode, ApiError> {
    let organiser = user.require(&[Role::Organiser])?;
    let now = now_ms();
    let mut tx = state.store.write().await?;
    let account = users::get(&mut tx, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("this account"))?;
    if !request.enabled {
        if account.id == organiser.id {
            return Err(ApiError::conflict(
                "own_account",
                "you cannot disable your own account: another organiser can",
            ));
        }
        // Writes are serialised, so two organisers disabling each other at once cannot both pass.
        if account.role == Role::Organiser
            && !account.disabled
            && users::enabled_organisers(&mut tx).await? <= 1
        {
            return Err(ApiError::conflict(
                "last_organiser",
                "this is the last enabled organiser account: enable or create another first",
            ));
        }
    }
    users::set_disabled(&mut tx, &id, !request.enabled, now).await?;
    let action = if request.enabled {
        "account.enable"
    } else {
        "account.disable"
    };
    audit::append(
        &mut tx,
        &organiser.name,
        action,
        json!({"name": account.name, "role": account.role.as_str()}),
        now,
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(StatusCode::NO_CONTENT)
}

/// A new password an organiser sets.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPassword {
    /// The password: at least 10 characters and hard to guess.
    pub password: String,
}

/// Sets a new password for an account; its sessions end (but the one making the request, when
/// an organiser sets their own).
#[utoipa::path(put, path = "/users/{user}/password", tag = "accounts", request_body = NewPassword,
    params(("user" = String, Path, description = "the account's id")),
    responses((status = 204), (status = 404, description = "no such account", body = ErrorBody),
        (status = 503, description = "the server is busy checking passwords: try again", body = ErrorBody), SignedIn, JsonBody))]
pub async fn reset_password(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<NewPassword>,
) -> Result<StatusCode, ApiError> {
    let organiser = user.require(&[Role::Organiser])?;
    let account = {
        let mut conn = state.store.read().await?;
        users::get(&mut conn, &id)
            .await?
            .ok_or_else(|| ApiError::not_found("this account"))?
    };
    auth::check_password(&account.name, &request.password)?;
    let password = request.password.clone();
    let hash = state
        .logins
        .hash(move || auth::hash_password(&password))
        .await??;
    let keep = (account.id == organiser.id)
        .then(|| auth::cookie(&headers, SESSION_COOKIE).map(auth::token_hash))
        .flatten();
    let now = now_ms();
    let mut tx = state.store.write().await?;
    users::set_password(&mut tx, &id, &hash).await?;
    users::end_sessions(&mut tx, &id, keep.as_deref()).await?;
    audit::append(
        &mut tx,
        &organiser.name,
        "account.password_reset",
        json!({"name": account.name, "role": account.role.as_str()}),
        now,
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(StatusCode::NO_CONTENT)
}
