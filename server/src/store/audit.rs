//! The audit trail: who changed what, when, with the state before and after.

use super::{Result, now_ms};
use sqlx::AnyConnection;

/// Records an audit entry inside the caller's transaction.
pub async fn record(
    conn: &mut AnyConnection,
    ticket_id: Option<i64>,
    actor_id: Option<i64>,
    action: &str,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit (ticket_id, actor_id, action, before_state, after_state, at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(ticket_id)
    .bind(actor_id)
    .bind(action)
    .bind(before.map(ToString::to_string))
    .bind(after.map(ToString::to_string))
    .bind(now_ms())
    .execute(conn)
    .await?;
    Ok(())
}

/// Action name of status changes; the user's timeline is made of these entries.
pub const STATUS_CHANGED: &str = "status_changed";

/// Records a status change (`{"status": …}` before and after).
pub async fn status_changed(
    conn: &mut AnyConnection,
    ticket_id: i64,
    actor_id: Option<i64>,
    from: Option<domain::ticket::Status>,
    to: domain::ticket::Status,
) -> Result<()> {
    let before = from.map(|s| serde_json::json!({ "status": s }));
    let after = serde_json::json!({ "status": to });
    record(
        conn,
        Some(ticket_id),
        actor_id,
        STATUS_CHANGED,
        before.as_ref(),
        Some(&after),
    )
    .await
}

/// Records a status change with more of the state around it (the action, the Holder,
/// the revision). Both sides must carry `status`; the user's timeline reads only that.
pub async fn status_changed_with(
    conn: &mut AnyConnection,
    ticket_id: i64,
    actor_id: Option<i64>,
    before: &serde_json::Value,
    after: &serde_json::Value,
) -> Result<()> {
    debug_assert!(before.get("status").is_some() && after.get("status").is_some());
    record(
        conn,
        Some(ticket_id),
        actor_id,
        STATUS_CHANGED,
        Some(before),
        Some(after),
    )
    .await
}
