//! The hall display (`/hall/{congress}`, for the projector): what the congress hears announced,
//! as it stands — attendance and the quorum before voting, ballots issued and returned while a
//! round is open, the result of the latest round once it is closed, the result hash once
//! published.
//!
//! It is public, read-only and without a key: everything it answers is said aloud in the hall
//! (the scrutineers announce attendance and the count, RULES.md §7) and the results are public
//! once a round is counted. A key would guard nothing secret and would end up written on the
//! projector's address. What it must never carry is a partial result: while a round is open the
//! answer holds no tally at all, not even earlier rounds' ones — only issued and returned.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use serde_json::Value;

use super::AppState;
use super::error::{ApiError, ErrorBody};
use super::json::ApiPath;
use super::voting::{self, parse};
use crate::election::{Attendance, Quorum, RoundKind};
use crate::record::documents::{PublishedBody, RoundResult, Sitting};
use crate::store::congress::Electorate;
use crate::store::voting as stored;

/// Where the congress stands, as the hall shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// The setup is not frozen yet.
    Preparing,
    /// Frozen, no round held yet: attendance and the quorum.
    Attendance,
    /// A round is open: issued and returned only.
    Voting,
    /// No round open, at least one counted: the latest result.
    Counted,
    /// The result is published: the result hash.
    Published,
}

/// One electorate's attendance.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct HallAttendance {
    /// `all`, `female`, or a body's meeting (`plenary`, `audit_plenary`, `women_plenary`).
    pub electorate: Electorate,
    /// 应到.
    pub entitled: u32,
    /// 实到.
    pub present: u32,
    /// Whether voting may proceed, for the electorates that vote as a sitting (all delegates,
    /// a body's meeting); `null` for women delegates, who vote within the congress's sitting.
    #[schema(value_type = Option<Object>)]
    pub quorum: Option<Quorum>,
}

/// One contest of the open round: ballots issued and returned.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct HallBallots {
    /// The contest.
    pub id: String,
    /// Its title.
    pub title: String,
    /// `regular`, `tie_revote` or `additional`.
    #[schema(value_type = String)]
    pub round: RoundKind,
    /// 发出.
    pub issued: u32,
    /// 收回 so far.
    pub returned: u32,
}

/// The open round.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct HallOpenRound {
    /// Its number.
    pub number: u32,
    /// The congress or a body's first meeting.
    #[schema(value_type = String)]
    pub sitting: Sitting,
    /// Each contest's ballots.
    pub contests: Vec<HallBallots>,
    /// Ballots returned in all.
    pub returned: u64,
}

/// The latest counted round.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct HallResult {
    /// Its number.
    pub number: u32,
    /// The congress or a body's first meeting.
    #[schema(value_type = String)]
    pub sitting: Sitting,
    /// The rules engine's count of each contest, as signed in the round's result.
    #[schema(value_type = Vec<Object>)]
    pub contests: Vec<Value>,
}

/// What the hall display shows.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Hall {
    /// The congress's name.
    pub congress_name: String,
    /// The union founded.
    pub union_name: String,
    /// The date.
    pub date: String,
    /// The venue.
    pub venue: String,
    /// Where the congress stands.
    pub phase: Phase,
    /// Attendance per electorate.
    pub attendance: Vec<HallAttendance>,
    /// The open round's ballots, while one is open.
    pub open_round: Option<HallOpenRound>,
    /// The latest counted round; `null` while a round is open.
    pub latest: Option<HallResult>,
    /// Each body and who is elected to it so far; empty while a round is open.
    #[schema(value_type = Vec<Object>)]
    pub bodies: Vec<PublishedBody>,
    /// Once published: the result hash.
    pub result_hash: Option<String>,
    /// The same in groups of four.
    pub result_hash_grouped: Option<String>,
}

/// What the hall display shows now: never a partial result.
#[utoipa::path(get, path = "/public/congresses/{id}/hall", tag = "public",
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = Hall), (status = 404, description = "no such congress", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody)))]
pub async fn hall(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Hall>, ApiError> {
    let loaded = super::congress::load(&state, &id).await?;
    let counts = super::desk::electorate_counts(&state, &id, &loaded).await?;
    let info = &loaded.congress.info;
    let mut hall = Hall {
        congress_name: info.name.clone(),
        union_name: info.union_name.clone(),
        date: info.date.clone(),
        venue: info.venue.clone(),
        phase: Phase::Preparing,
        attendance: Vec::new(),
        open_round: None,
        latest: None,
        bodies: Vec::new(),
        result_hash: None,
        result_hash_grouped: None,
    };
    if loaded.congress.frozen.is_none() {
        return Ok(Json(hall));
    }
    let mut conn = state.store.read().await?;
    let voting = voting::load(&mut conn, &id).await?;
    let rule = voting.manifest.profile.quorum;
    hall.attendance = counts
        .into_iter()
        .map(|c| HallAttendance {
            quorum: (c.electorate != Electorate::Female)
                .then(|| Attendance::new(c.entitled, c.present).ok())
                .flatten()
                .map(|a| Quorum::judge(rule, a)),
            electorate: c.electorate,
            entitled: c.entitled,
            present: c.present,
        })
        .collect();
    if let Some(open) = voting.rounds.iter().find(|r| r.stored.open) {
        let definition = &open.definition;
        let issued = voting::issued(&mut conn, &id, definition).await?;
        let returned = super::rounds::returned_while_open(&mut conn, &id, definition).await?;
        let title = |contest: &str| {
            voting
                .manifest
                .contests
                .iter()
                .find(|c| c.id == contest)
                .map_or_else(|| contest.to_owned(), |c| c.title.clone())
        };
        hall.phase = Phase::Voting;
        hall.open_round = Some(HallOpenRound {
            number: definition.number,
            sitting: definition.sitting,
            contests: definition
                .contests
                .iter()
                .map(|c| HallBallots {
                    title: title(&c.id),
                    round: c.round,
                    issued: issued.get(&c.id).copied().unwrap_or(0),
                    returned: returned.get(&c.id).copied().unwrap_or(0),
                    id: c.id.clone(),
                })
                .collect(),
            returned: open.stored.size,
        });
        return Ok(Json(hall));
    }
    let latest = voting
        .rounds
        .iter()
        .rev()
        .find_map(|r| r.stored.closed.as_ref().map(|c| (r, c)));
    if let Some((round, closed)) = latest {
        let result: RoundResult = parse("a round's result", &closed.result)?;
        hall.phase = Phase::Counted;
        hall.latest = Some(HallResult {
            number: round.stored.number,
            sitting: round.definition.sitting,
            contests: result.tally["contests"]
                .as_array()
                .cloned()
                .unwrap_or_default(),
        });
        hall.bodies = voting.progress.bodies();
    } else {
        hall.phase = Phase::Attendance;
    }
    if let Some(published) = stored::publication(&mut conn, &id).await? {
        hall.phase = Phase::Published;
        let digest: crate::record::hash::Digest = published
            .hash
            .parse()
            .map_err(|e| crate::store::StoreError::Corrupt(format!("the result hash: {e}")))?;
        hall.result_hash_grouped = Some(digest.grouped());
        hall.result_hash = Some(published.hash);
    }
    Ok(Json(hall))
}
