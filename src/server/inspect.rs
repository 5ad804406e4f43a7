//! What inspectors read: the audit log.

use axum::Json;
use axum::extract::State;

use super::AppState;
use super::auth::CurrentUser;
use super::error::{ApiError, SignedIn};
use crate::store::audit::{self, AuditEntry};
use crate::store::users::Role::{Inspector, Organiser};

/// The whole audit log, in order.
#[utoipa::path(get, path = "/audit", tag = "inspect", responses((status = 200, body = Vec<AuditEntry>), SignedIn))]
pub async fn audit_log(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    user.require(&[Inspector, Organiser])?;
    let mut conn = state.store.read().await?;
    Ok(Json(audit::all(&mut conn).await?))
}
