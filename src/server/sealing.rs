//! Sealed ballots at the kiosk (docs/sealed-ballots.md §7): what a round's ballots are sealed
//! under, and the server's checks of a sealed ballot before it is cast or recorded as
//! challenged — every proof, on a blocking thread, since a ballot's proofs take milliseconds.

use std::sync::Arc;

use axum::http::StatusCode;
use serde::Serialize;

use super::error::ApiError;
use crate::record::documents::RoundDefinition;
use crate::record::hash::Digest;
use crate::record::manifest::Manifest;
use crate::record::sealed::ballot::{ContestShape, SealedBallot};
use crate::record::sealed::challenge::BallotOpening;
use crate::record::sealed::group::Point;
use crate::store::StoreError;

/// What an open round's ballots are sealed under.
#[derive(Debug)]
pub struct RoundSealing {
    /// The trustees' joint key `K`.
    pub joint_key: Point,
    /// The manifest hash every proof is bound to.
    pub manifest_hash: Digest,
    /// The round.
    pub round: u32,
    /// The shape of each of the round's contests, in its order.
    pub shapes: Vec<ContestShape>,
    /// The card styles that vote in each contest, beside `shapes`.
    pub styles: Vec<Vec<String>>,
}

/// What a kiosk seals a ballot under.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BallotSealing {
    /// The trustees' joint key, a point (64 hex digits).
    pub joint_key: String,
    /// The manifest hash, which the ballot's proofs are bound to.
    pub manifest_hash: String,
}

impl RoundSealing {
    /// The sealing of a round of a congress with this manifest; a refusal for a congress an
    /// earlier release froze without trustees, whose ballots cannot be sealed.
    pub fn of(
        manifest: &Manifest,
        manifest_hash: &Digest,
        definition: &RoundDefinition,
    ) -> Result<Arc<RoundSealing>, ApiError> {
        let sealing = manifest.sealing.as_ref().ok_or_else(not_sealed)?;
        let shapes = ContestShape::of_definition(definition)
            .map_err(|e| StoreError::Corrupt(format!("a stored round: {e}")))?;
        Ok(Arc::new(RoundSealing {
            joint_key: sealing.joint_key,
            manifest_hash: *manifest_hash,
            round: definition.number,
            shapes,
            styles: definition
                .contests
                .iter()
                .map(|c| c.styles.clone())
                .collect(),
        }))
    }

    /// What the kiosk needs of it.
    pub fn for_kiosk(&self) -> BallotSealing {
        BallotSealing {
            joint_key: self.joint_key.to_string(),
            manifest_hash: self.manifest_hash.to_hex(),
        }
    }

    /// The shapes of the contests a card of `style` votes in, in the round's order.
    fn shapes_for(&self, style: &str) -> Vec<ContestShape> {
        self.shapes
            .iter()
            .zip(&self.styles)
            .filter(|(_, styles)| styles.iter().any(|s| s == style))
            .map(|(shape, _)| shape.clone())
            .collect()
    }

    /// Checks a sealed ballot of a card of `style`: one section for each of its contests, in
    /// the round's order, each well formed and every proof verified (§7).
    pub async fn check(
        self: &Arc<Self>,
        style: &str,
        ballot: SealedBallot,
    ) -> Result<SealedBallot, ApiError> {
        let shapes = self.check_contests(style, &ballot)?;
        let sealing = self.clone();
        tokio::task::spawn_blocking(move || {
            ballot
                .verify(
                    &sealing.joint_key,
                    &sealing.manifest_hash,
                    sealing.round.into(),
                    &shapes,
                )
                .map(|()| ballot)
        })
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))?
        .map_err(|e| {
            ApiError::unprocessable(
                "bad_ballot",
                format!("the sealed ballot does not verify ({e}): nothing was cast; seal it again"),
            )
        })
    }

    /// Checks a challenged ballot and its opening (§7.1): the ballot as for a cast, and the
    /// opening seals again to exactly this ballot.
    pub async fn check_challenge(
        self: &Arc<Self>,
        style: &str,
        ballot: SealedBallot,
        opening: BallotOpening,
    ) -> Result<(SealedBallot, BallotOpening), ApiError> {
        let ballot = self.check(style, ballot).await?;
        let shapes = self.shapes_for(style);
        let sealing = self.clone();
        tokio::task::spawn_blocking(move || {
            opening
                .check(
                    &sealing.joint_key,
                    &sealing.manifest_hash,
                    sealing.round.into(),
                    &ballot,
                    &shapes,
                )
                .map(|_| (ballot, opening))
        })
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))?
        .map_err(|e| {
            ApiError::unprocessable(
                "bad_opening",
                format!("the kiosk's opening does not match its sealed ballot ({e}): the kiosk is faulty; call a scrutineer"),
            )
        })
    }

    fn check_contests(
        &self,
        style: &str,
        ballot: &SealedBallot,
    ) -> Result<Vec<ContestShape>, ApiError> {
        let shapes = self.shapes_for(style);
        let expected: Vec<&str> = shapes.iter().map(|s| s.contest.as_str()).collect();
        let given: Vec<&str> = ballot.sections.iter().map(|s| s.contest.as_str()).collect();
        if given != expected {
            return Err(ApiError::unprocessable(
                "wrong_contests",
                format!(
                    "the sealed ballot must have one section for each of its contests, in this order: {}",
                    expected.join(", ")
                ),
            ));
        }
        Ok(shapes)
    }
}

/// A congress an earlier release froze without trustees: no ballot of it can be sealed, so it
/// cannot vote.
pub fn not_sealed() -> ApiError {
    ApiError::conflict(
        "not_sealed",
        "this congress was frozen by an earlier release without trustees, so its ballots cannot be sealed: set the congress up again, with its trustees, and freeze the new one",
    )
}
