//! `/api/v1/team`: the team view's figures for 2nd-level specialists and admins.

use crate::State;
use crate::auth::role::Specialist;
use crate::error::Error;
use axum::Json;
use axum::extract::State as Extract;
use domain::api::{ApiError, TeamStats};

/// Open tickets by queue and priority, the oldest unclaimed, the load per holder, and
/// the median time to claim and to resolve over the last 7 and 30 days.
#[utoipa::path(get, path = "/team", tag = "staff", security(("session" = [])), responses(
    (status = 200, description = "The team's figures", body = TeamStats),
    (status = 401, description = "No live session", body = ApiError),
    (status = 403, description = "An agent (the team view is for the 2nd level)", body = ApiError),
))]
pub async fn stats(
    Extract(state): Extract<State>,
    Specialist(_): Specialist,
) -> Result<Json<TeamStats>, Error> {
    Ok(Json(state.store.team_stats().await?))
}
