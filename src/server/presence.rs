//! The kiosks' heartbeat: each kiosk page says every few seconds whether a ballot is on its
//! screen, so that the organiser closing a round knows which kiosks still have a delegate
//! voting.
//!
//! The heartbeat must not become a timing trail of casts (RULES.md §4): the desk's check-ins
//! are kept in order with times, so a record of when each kiosk began and ended a ballot would
//! join delegates to kiosks and moments. So the server keeps, in memory only, the *latest*
//! state of each kiosk and when it was last heard — one entry per kiosk, overwritten by each
//! beat, never written to the database, never logged (see `is_voting` in [`super`]), lost on
//! restart. The kiosk beats on a fixed period whatever happens on its screen, so not even the
//! arrival of a beat says when a ballot began or ended; and no "since when" is kept or answered.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use super::AppState;
use super::auth::CurrentUser;
use super::error::{AtKiosk, ErrorBody, JsonBody, SignedIn};
use super::json::{ApiJson, ApiPath};
use super::kiosk::CurrentKiosk;
use crate::server::error::ApiError;
use crate::store::users::Role::Organiser;
use crate::store::{congress as congresses, voting as stored};

/// A kiosk not heard from for this long shows as offline: a few of its beats (every 5 s by
/// default) have been missed.
pub const OFFLINE_AFTER: Duration = Duration::from_secs(20);

/// What a kiosk's screen holds, as the kiosk reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    /// No ballot: waiting for a card or a round, or showing a receipt.
    Idle,
    /// A ballot fetched and not yet cast (being marked, reviewed or sent).
    Voting,
}

/// What the organiser sees of a kiosk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum KioskState {
    /// Heard recently, no ballot on screen.
    Idle,
    /// Heard recently, with a ballot on screen: closing the round now loses that vote.
    Voting,
    /// Not heard from within [`OFFLINE_AFTER`] (or never, since this server started): its
    /// screen is unknown.
    Offline,
}

#[derive(Debug, Clone, Copy)]
struct Beat {
    activity: Activity,
    heard: Instant,
}

/// The latest beat of each kiosk, by kiosk id. Nothing else: no history, no order of beats.
#[derive(Debug, Default)]
pub struct Presence(Mutex<BTreeMap<String, Beat>>);

impl Presence {
    /// Records `kiosk`'s beat, replacing its last one.
    pub fn beat(&self, kiosk: &str, activity: Activity, now: Instant) {
        // A poisoned lock only means another beat panicked; the map is still a map.
        let mut beats = self.0.lock().unwrap_or_else(|p| p.into_inner());
        beats.insert(
            kiosk.to_owned(),
            Beat {
                activity,
                heard: now,
            },
        );
    }

    /// What `kiosk`'s screen holds as far as this server knows at `now`.
    pub fn state(&self, kiosk: &str, now: Instant) -> KioskState {
        let beats = self.0.lock().unwrap_or_else(|p| p.into_inner());
        match beats.get(kiosk) {
            Some(beat) if now.saturating_duration_since(beat.heard) <= OFFLINE_AFTER => {
                match beat.activity {
                    Activity::Idle => KioskState::Idle,
                    Activity::Voting => KioskState::Voting,
                }
            }
            _ => KioskState::Offline,
        }
    }

    /// The kiosk's ballot was just cast, so its screen holds none now: its latest state turns
    /// idle at once rather than at its next beat, which would otherwise leave a round that is
    /// closed within a beat of its last cast looking as if a ballot were still on screen. The
    /// server learns nothing it did not know: the cast itself came from this kiosk.
    pub fn ballot_cast(&self, kiosk: &str) {
        let mut beats = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(beat) = beats.get_mut(kiosk) {
            beat.activity = Activity::Idle;
        }
    }

    /// Forgets a kiosk (when it is disabled, its screen no longer matters).
    pub fn forget(&self, kiosk: &str) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(kiosk);
    }
}

/// A kiosk's beat.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HeartbeatRequest {
    /// Whether a ballot is on the kiosk's screen now.
    pub activity: Activity,
}

/// The kiosk says what its screen holds. Kept in memory as this kiosk's latest state only,
/// never stored or logged.
#[utoipa::path(post, path = "/kiosk/heartbeat", tag = "kiosk", request_body = HeartbeatRequest,
    responses((status = 204, description = "heard"), AtKiosk, JsonBody))]
pub async fn heartbeat(
    State(state): State<AppState>,
    CurrentKiosk(kiosk): CurrentKiosk,
    ApiJson(request): ApiJson<HeartbeatRequest>,
) -> StatusCode {
    state
        .presence
        .beat(&kiosk.id, request.activity, Instant::now());
    StatusCode::NO_CONTENT
}

/// A kiosk and what its screen holds.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct KioskView {
    /// The kiosk's id.
    pub id: String,
    /// Its name at the venue.
    pub name: String,
    /// Whether the organiser lets it work.
    pub enabled: bool,
    /// Idle, voting (a ballot on screen) or offline.
    pub state: KioskState,
}

/// The congress's kiosks and what each screen holds now, for closing a round.
#[utoipa::path(get, path = "/congresses/{id}/kiosk-states", tag = "kiosk",
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = Vec<KioskView>), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress", body = ErrorBody), SignedIn))]
pub async fn kiosk_states(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Vec<KioskView>>, ApiError> {
    user.require_in(&id, &[Organiser])?;
    let mut conn = state.store.read().await?;
    congresses::get(&mut conn, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("this congress"))?;
    let now = Instant::now();
    let views = stored::kiosks(&mut conn, &id)
        .await?
        .into_iter()
        .map(|k| KioskView {
            state: if k.enabled {
                state.presence.state(&k.id, now)
            } else {
                KioskState::Offline
            },
            id: k.id,
            name: k.name,
            enabled: k.enabled,
        })
        .collect();
    Ok(Json(views))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kiosk_never_heard_is_offline() {
        assert_eq!(
            Presence::default().state("k", Instant::now()),
            KioskState::Offline
        );
    }

    #[test]
    fn only_the_latest_beat_counts_and_it_goes_stale() {
        let presence = Presence::default();
        let start = Instant::now();
        presence.beat("k", Activity::Voting, start);
        assert_eq!(presence.state("k", start), KioskState::Voting);
        presence.beat("k", Activity::Idle, start + Duration::from_secs(5));
        assert_eq!(
            presence.state("k", start + Duration::from_secs(6)),
            KioskState::Idle
        );
        assert_eq!(
            presence.state("k", start + Duration::from_secs(5) + OFFLINE_AFTER * 2),
            KioskState::Offline
        );
        presence.forget("k");
        assert_eq!(presence.state("k", start), KioskState::Offline);
    }

    #[test]
    fn a_cast_leaves_its_kiosk_idle_until_its_next_beat() {
        let presence = Presence::default();
        let start = Instant::now();
        presence.beat("k", Activity::Voting, start);
        presence.ballot_cast("k");
        assert_eq!(presence.state("k", start), KioskState::Idle);
        // A kiosk never heard stays unknown.
        presence.ballot_cast("never");
        assert_eq!(presence.state("never", start), KioskState::Offline);
    }
}
