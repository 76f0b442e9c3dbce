//! Personal data on request and over time: `GET /api/v1/tickets/{id}/export` (a
//! person asks what is stored about them), `POST /api/v1/tickets/{id}/erase` (they ask
//! to be forgotten), and `GET`/`PUT /api/v1/settings/retention` (how long finished
//! tickets keep personal data; the sweep is [`sweep`]). What erasing keeps and removes
//! is written in `store/erase.rs`.

use crate::State;
use crate::auth::role::{Admin, Specialist};
use crate::error::Error;
use crate::json::Body;
use crate::routes::tickets::ticket_id;
use crate::store::Store;
use axum::Json;
use axum::extract::{Path, State as Extract};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use domain::api::{ApiError, RetentionSettings, TicketDetail, TicketExport};
use std::time::Duration;

/// The longest retention time: ten years.
const MAX_DAYS: u32 = 3650;

/// Everything stored about a ticket, files included, as one JSON download; the export
/// is recorded in the ticket's audit trail.
#[utoipa::path(get, path = "/tickets/{id}/export", tag = "tickets",
    security(("session" = [])), params(("id" = i64, Path)),
    responses(
        (status = 200, description = "The ticket with every file (base64), as a download", body = TicketExport),
        (status = 401, description = "No live session", body = ApiError),
        (status = 403, description = "An agent", body = ApiError),
        (status = 404, description = "No such ticket", body = ApiError),
    ))]
pub async fn export(
    Extract(state): Extract<State>,
    Specialist(staff): Specialist,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let id = ticket_id(&id)?;
    let export = state
        .store
        .export_ticket(id, staff.id)
        .await?
        .ok_or_else(|| Error::not_found("ticket"))?;
    let disposition = format!(
        "attachment; filename=\"lotse-{}.json\"",
        export.ticket.item.reference
    );
    let mut response = Json(export).into_response();
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// Erases the ticket's personal data now (a person's request); answers the ticket as
/// it is afterwards. Erasing twice changes nothing the second time.
#[utoipa::path(post, path = "/tickets/{id}/erase", tag = "tickets",
    security(("session" = [])), params(("id" = i64, Path)),
    responses(
        (status = 200, description = "Erased (or erased before); the ticket now", body = TicketDetail),
        (status = 401, description = "No live session", body = ApiError),
        (status = 403, description = "Not an admin, or a missing X-CSRF-Token", body = ApiError),
        (status = 404, description = "No such ticket", body = ApiError),
    ))]
pub async fn erase(
    Extract(state): Extract<State>,
    Admin(admin): Admin,
    Path(id): Path<String>,
) -> Result<Json<TicketDetail>, Error> {
    let id = ticket_id(&id)?;
    state
        .store
        .erase_personal_data(id, Some(admin.id), "request")
        .await?
        .ok_or_else(|| Error::not_found("ticket"))?;
    let mut detail = state
        .store
        .ticket_detail(id)
        .await?
        .ok_or_else(|| Error::not_found("ticket"))?;
    detail.actions = Vec::new();
    Ok(Json(detail))
}

/// The retention time in force.
#[utoipa::path(get, path = "/settings/retention", tag = "staff", security(("session" = [])), responses(
    (status = 200, description = "Days after which finished tickets lose their personal data (null: kept)", body = RetentionSettings),
    (status = 401, description = "No live session", body = ApiError),
    (status = 403, description = "An agent", body = ApiError),
))]
pub async fn retention(
    Extract(state): Extract<State>,
    Specialist(_): Specialist,
) -> Result<Json<RetentionSettings>, Error> {
    Ok(Json(RetentionSettings {
        days: state.store.retention_days().await?,
    }))
}

/// Sets the retention time; the change is audited. The sweep applies it within
/// `--retention-sweep-secs`.
#[utoipa::path(put, path = "/settings/retention", tag = "staff", request_body = RetentionSettings,
    security(("session" = [])), responses(
    (status = 200, description = "Set", body = RetentionSettings),
    (status = 401, description = "No live session", body = ApiError),
    (status = 403, description = "Not an admin, or a missing X-CSRF-Token", body = ApiError),
    (status = 422, description = "Not 1 to 3650 days", body = ApiError),
))]
pub async fn set_retention(
    Extract(state): Extract<State>,
    Admin(admin): Admin,
    Body(new): Body<RetentionSettings>,
) -> Result<Json<RetentionSettings>, Error> {
    if let Some(days) = new.days
        && !(1..=MAX_DAYS).contains(&days)
    {
        return Err(Error::invalid(
            "days",
            "range",
            format!("keep personal data 1 to {MAX_DAYS} days, or send null to keep them"),
        ));
    }
    let before = state.store.retention_days().await?;
    state
        .store
        .set_retention_days(admin.id, before, new.days)
        .await?;
    Ok(Json(new))
}

/// Every `every`, deletes handover sessions a day after their last change, and erases
/// the personal data of tickets finished longer ago than the retention time (if one
/// is set). Runs until the process ends; errors wait for the next round (a database
/// hiccup must not end the sweep).
pub async fn sweep(store: Store, every: Duration) {
    let mut ticker = tokio::time::interval(every);
    loop {
        ticker.tick().await;
        let cutoff = crate::store::now_ms() - crate::store::handovers::KEEP_MS;
        match store.prune_handovers(cutoff).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(handovers = n, "deleted finished handover sessions"),
            Err(e) => tracing::warn!(error = %e, "the handover sweep failed; next round retries"),
        }
        let Ok(Some(days)) = store.retention_days().await else {
            continue;
        };
        let cutoff = crate::store::now_ms() - i64::from(days) * 24 * 3600 * 1000;
        match store.erase_expired(cutoff).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                tickets = n,
                days,
                "erased personal data after the retention time"
            ),
            Err(e) => tracing::warn!(error = %e, "the retention sweep failed; next round retries"),
        }
    }
}
