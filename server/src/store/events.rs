//! Live events: every change staff should see at once is written to the `events` table
//! in the same transaction as the change itself.
//!
//! The table is the source of truth for the Server-Sent Events stream: its ids are the
//! SSE event ids, so a client resuming with `Last-Event-ID` gets exactly what it missed,
//! and on PostgreSQL every instance reads the same table.
//!
//! Readers move a cursor forward over the ids, so an id must never become visible after
//! a larger one. SQLite guarantees that (one writer, ids taken under its lock); on
//! PostgreSQL a sequence hands out ids at insert, not at commit, so [`record`] takes a
//! transaction-scoped advisory lock first: event-writing transactions then commit in id
//! order. Record the event as the LAST statement of the transaction, so the lock is held
//! only for the commit and never while waiting for a row lock (which could deadlock).

use super::{Result, Store, now_ms};
use domain::api::LiveEvent;
use sqlx::AnyConnection;

/// Kinds of live events.
pub mod kind {
    pub const TICKET_CREATED: &str = "ticket_created";
    pub const TICKET_CLAIMED: &str = "ticket_claimed";
    pub const TICKET_CHANGED: &str = "ticket_changed";
    /// A handover session changed (`{id, revision}`): wakes the long-polls of both
    /// sides on every instance. Not sent to the staff stream (`routes::events`).
    pub const HANDOVER_CHANGED: &str = "handover_changed";
    /// A tree version was published (`{tree, version}`): every instance reloads the
    /// served trees (`routes::trees::Trees::reload`). Not sent to the staff stream.
    pub const TREES_PUBLISHED: &str = "trees_published";
}

/// Key of the advisory lock that orders event-writing transactions on PostgreSQL.
const ORDER_LOCK: i64 = 7202;

/// Channel of the PostgreSQL notification that announces new events to every instance.
pub const CHANNEL: &str = "lotse_events";

/// Records an event inside the caller's transaction, as its last statement (see the
/// module doc); returns its id. Commit with [`Store::commit_with_events`].
pub async fn record(
    conn: &mut AnyConnection,
    kind: &str,
    ticket_id: Option<i64>,
    payload: &serde_json::Value,
) -> Result<i64> {
    let postgres = conn.backend_name() == "PostgreSQL";
    if postgres {
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(ORDER_LOCK)
            .execute(&mut *conn)
            .await?;
    }
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO events (kind, ticket_id, payload, at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(kind)
    .bind(ticket_id)
    .bind(payload.to_string())
    .bind(now_ms())
    .fetch_one(&mut *conn)
    .await?;
    if postgres {
        // Sent by PostgreSQL at commit, to every instance (this one included), and not
        // at all on rollback.
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(id.to_string())
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

impl Store {
    /// Events after `after`, oldest first, at most `limit`.
    pub async fn events_after(&self, after: i64, limit: i64) -> Result<Vec<LiveEvent>> {
        let rows: Vec<(i64, String, Option<i64>, String, i64)> = sqlx::query_as(
            "SELECT id, kind, ticket_id, payload, at FROM events WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, kind, ticket_id, payload, at)| LiveEvent {
                id,
                kind,
                ticket_id,
                at,
                payload: serde_json::from_str(&payload).unwrap_or(serde_json::Value::Null),
            })
            .collect())
    }

    /// The id of the newest event (0 if none): where a new subscriber starts.
    pub async fn last_event_id(&self) -> Result<i64> {
        let (id,): (Option<i64>,) = sqlx::query_as("SELECT MAX(id) FROM events")
            .fetch_one(&self.pool)
            .await?;
        Ok(id.unwrap_or(0))
    }
}
