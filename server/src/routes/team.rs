//! `/api/v1/team`: the team view's figures for 2nd-level specialists and admins;
//! `/api/v1/settings/sla`: the SLA targets, which admins set.

use crate::State;
use crate::auth::role::{Admin, Specialist};
use crate::error::Error;
use crate::json::Body;
use axum::Json;
use axum::extract::State as Extract;
use domain::api::{ApiError, SlaSettings, TeamStats};

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

/// The SLA targets in force, in hours per priority (priority 1 first).
#[utoipa::path(get, path = "/settings/sla", tag = "staff", security(("session" = [])), responses(
    (status = 200, description = "The targets", body = SlaSettings),
    (status = 401, description = "No live session", body = ApiError),
    (status = 403, description = "An agent", body = ApiError),
))]
pub async fn sla(
    Extract(state): Extract<State>,
    Specialist(_): Specialist,
) -> Result<Json<SlaSettings>, Error> {
    let hours = state.sla.current(&state.store).await?;
    Ok(Json(SlaSettings {
        hours: hours.0.to_vec(),
    }))
}

/// Sets the SLA targets for tickets handed off from now on (tickets already handed
/// off keep their due time); the change is audited.
#[utoipa::path(put, path = "/settings/sla", tag = "staff", request_body = SlaSettings,
    security(("session" = [])), responses(
    (status = 200, description = "Set; the targets in force", body = SlaSettings),
    (status = 401, description = "No live session", body = ApiError),
    (status = 403, description = "Not an admin, or a missing X-CSRF-Token", body = ApiError),
    (status = 422, description = "Not five targets of 1 hour to a year in ascending order", body = ApiError),
))]
pub async fn set_sla(
    Extract(state): Extract<State>,
    Admin(admin): Admin,
    Body(new): Body<SlaSettings>,
) -> Result<Json<SlaSettings>, Error> {
    let after = crate::sla::check(&new.hours)?;
    let before = state.sla.current(&state.store).await?;
    state
        .store
        .set_sla_hours(admin.id, before.0, after.0)
        .await?;
    state.sla.remember(after);
    Ok(Json(SlaSettings {
        hours: after.0.to_vec(),
    }))
}
