//! What inspectors read: the audit log.

use axum::Json;
use axum::extract::State;

use super::AppState;
use super::auth::CurrentUser;
use super::error::{ApiError, SignedIn};
use crate::store::audit::{self, AuditEntry};
use crate::store::users::Role::{Inspector, Organiser};

/// The whole audit log, in order; for an account limited to some congresses, only their
/// entries (each still carries its own and the previous entry's hash).
#[utoipa::path(get, path = "/audit", tag = "inspect", responses((status = 200, body = Vec<AuditEntry>), SignedIn))]
pub async fn audit_log(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    let user = user.require(&[Inspector, Organiser])?;
    let mut conn = state.store.read().await?;
    let mut entries = audit::all(&mut conn).await?;
    if !user.congresses.is_empty() {
        entries.retain(|e| {
            e.detail["congress"]
                .as_str()
                .is_some_and(|id| user.serves(id))
        });
    }
    Ok(Json(entries))
}
