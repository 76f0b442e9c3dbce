//! Writing staff changes to tickets.
//!
//! A [`Plan`] (see `crate::workflow`) is written only while the ticket is still at the
//! revision it was planned from: every statement here is a conditional `UPDATE … WHERE
//! revision = $seen`, and "no row changed" tells the caller to read the ticket again
//! and plan anew. The `UPDATE` comes first in its transaction, so on SQLite it takes the
//! write lock before anything is read, and on PostgreSQL it locks the row. The audit
//! entry and the live event go into the same transaction as the change.

use super::{Result, Store, audit, events, now_ms};
use crate::auth::Staff;
use crate::workflow::{Plan, TicketState};
use domain::api::{Holder, Visibility};
use domain::ticket::Action;
use serde_json::{Value, json};
use sqlx::{AnyConnection, Row};

impl Store {
    /// The workflow columns of a ticket.
    pub async fn ticket_state(&self, id: i64) -> Result<Option<TicketState>> {
        let row = sqlx::query(
            "SELECT t.id, t.status, t.holder_id, h.name AS holder_name, t.revision, t.claimed_at,
                    t.resolved_at, t.resolution, t.gap_node
             FROM tickets t LEFT JOIN staff h ON h.id = t.holder_id WHERE t.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let holder_id: Option<i64> = row.try_get("holder_id")?;
        let holder_name: Option<String> = row.try_get("holder_name")?;
        let status: String = row.try_get("status")?;
        Ok(Some(TicketState {
            id: row.try_get("id")?,
            status: super::tickets::parse_status(&status)?,
            holder: holder_id.map(|id| Holder {
                id,
                name: holder_name.unwrap_or_default(),
            }),
            revision: row.try_get("revision")?,
            claimed_at: row.try_get("claimed_at")?,
            resolved_at: row.try_get("resolved_at")?,
            resolution: row.try_get("resolution")?,
            gap_node: row.try_get("gap_node")?,
        }))
    }

    /// Writes `plan` by `actor`; `false` when the ticket moved past the plan's revision.
    pub async fn apply(&self, plan: &Plan, actor: &Staff) -> Result<bool> {
        if plan.action == Action::Claim {
            return self.claim(plan, actor).await;
        }
        let (before, after) = (&plan.before, &plan.after);
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE tickets SET status = $1, holder_id = $2, claimed_at = $3, resolved_at = $4,
                resolution = $5, gap_node = $6, updated_at = $7, revision = revision + 1
             WHERE id = $8 AND revision = $9",
        )
        .bind(after.status.name())
        .bind(after.holder.as_ref().map(|h| h.id))
        .bind(after.claimed_at)
        .bind(after.resolved_at)
        .bind(after.resolution.clone())
        .bind(after.gap_node.clone())
        .bind(now)
        .bind(before.id)
        .bind(before.revision)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed != 1 {
            // Dropping the transaction rolls it back; nothing was written.
            return Ok(false);
        }
        let note = match &plan.note {
            Some(text) => {
                let id = insert_message(&mut tx, before.id, actor, Visibility::Internal, text, now)
                    .await?;
                Some(("note", json!(id)))
            }
            None => None,
        };
        record(&mut tx, plan, actor, note).await?;
        self.commit_with_events(tx).await?;
        Ok(true)
    }

    /// Adds a staff message to the ticket seen as `seen`; the message id and the new
    /// revision, or `None` when the ticket moved past `seen.revision`.
    pub async fn add_staff_message(
        &self,
        seen: &TicketState,
        actor: &Staff,
        visibility: Visibility,
        body: &str,
    ) -> Result<Option<(i64, i64)>> {
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        // A message is a change: staff acting on a view without it get a stale revision.
        let changed = sqlx::query(
            "UPDATE tickets SET updated_at = $1, revision = revision + 1 WHERE id = $2 AND revision = $3",
        )
        .bind(now)
        .bind(seen.id)
        .bind(seen.revision)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed != 1 {
            return Ok(None);
        }
        let id = insert_message(&mut tx, seen.id, actor, visibility, body, now).await?;
        let revision = seen.revision + 1;
        let after = TicketState {
            revision,
            ..seen.clone()
        };
        let mut details = after.snapshot();
        details["message"] = json!(id);
        details["visibility"] = json!(visibility);
        audit::record(
            &mut tx,
            Some(seen.id),
            Some(actor.id),
            "message_added",
            Some(&seen.snapshot()),
            Some(&details),
        )
        .await?;
        let mut payload = event_payload(&after, "message_added");
        payload["visibility"] = json!(visibility);
        events::record(
            &mut tx,
            events::kind::TICKET_CHANGED,
            Some(seen.id),
            &payload,
        )
        .await?;
        self.commit_with_events(tx).await?;
        Ok(Some((id, revision)))
    }

    /// An active specialist or admin, who can be assigned tickets.
    pub async fn assignable(&self, id: i64) -> Result<Option<Holder>> {
        let row: Option<(i64, String)> = sqlx::query_as(
            "SELECT id, name FROM staff WHERE id = $1 AND active = 1 AND role IN ('specialist', 'admin')",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(id, name)| Holder { id, name }))
    }
}

/// The audit entry and the live event of a written plan. A status change is recorded as
/// `status_changed` (the user's timeline is made of those); an assignment between two
/// staff members, which keeps the status, under the action's own name.
pub(super) async fn record(
    conn: &mut AnyConnection,
    plan: &Plan,
    actor: &Staff,
    extra: Option<(&str, Value)>,
) -> Result<()> {
    let id = plan.before.id;
    let before = plan.before.snapshot();
    let mut after = plan.after_json();
    if let Some((name, value)) = extra {
        after[name] = value;
    }
    if plan.before.status != plan.after.status {
        audit::status_changed_with(conn, id, Some(actor.id), &before, &after).await?;
    } else {
        audit::record(
            conn,
            Some(id),
            Some(actor.id),
            plan.action.name(),
            Some(&before),
            Some(&after),
        )
        .await?;
    }
    let kind = if plan.action == Action::Claim {
        events::kind::TICKET_CLAIMED
    } else {
        events::kind::TICKET_CHANGED
    };
    events::record(
        conn,
        kind,
        Some(id),
        &event_payload(&plan.after, plan.action.name()),
    )
    .await?;
    Ok(())
}

/// What staff screens need to update a row without reading it again.
fn event_payload(ticket: &TicketState, change: &str) -> Value {
    json!({
        "id": ticket.id,
        "status": ticket.status,
        "holder": ticket.holder,
        "revision": ticket.revision,
        "change": change,
    })
}

async fn insert_message(
    conn: &mut AnyConnection,
    ticket: i64,
    actor: &Staff,
    visibility: Visibility,
    body: &str,
    now: i64,
) -> Result<i64> {
    let visibility = match visibility {
        Visibility::Public => "public",
        Visibility::Internal => "internal",
    };
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO messages (ticket_id, author, staff_id, visibility, body, created_at)
         VALUES ($1, 'staff', $2, $3, $4, $5) RETURNING id",
    )
    .bind(ticket)
    .bind(actor.id)
    .bind(visibility)
    .bind(body)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}
