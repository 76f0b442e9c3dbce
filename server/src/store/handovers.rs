//! Handover sessions: a portal walk a caller hands to the agent who types its code.
//!
//! A row holds the code's and the caller token's hashes (never the secrets), the walk
//! as the server replayed it, and the session's status. Every change bumps `revision`
//! and records a `handover_changed` live event in its transaction: the long-polls of
//! both sides, on any instance, wake on it. Every write is conditional on the revision
//! (or status) it was decided from, like the workflow writes of tickets.
//!
//! Expiry needs no sweeper: a `waiting` row past `expires_at` reads as expired, and a
//! connected one untouched for [`IDLE_MS`] as ended ([`HandoverRow::status`]).

use super::{Result, Store, events};
use domain::api::{HandoverStatus, Holder, Party};
use domain::walk::Walk;
use serde_json::json;
use sqlx::{AnyConnection, Row};
use std::collections::BTreeMap;

/// A connected session nobody has moved for this long is over (the call ended without
/// either side saying so).
pub const IDLE_MS: i64 = 2 * 3_600_000;

/// A handover about to be stored; everything is checked already.
#[derive(Debug, Clone)]
pub struct NewHandover {
    pub code_hash: String,
    pub token_hash: String,
    pub tree_id: String,
    pub versions: BTreeMap<String, String>,
    pub walk: Walk,
    pub diagnostics: BTreeMap<String, String>,
    pub language: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// A stored handover, with the agent's name and the ticket it became.
#[derive(Debug, Clone)]
pub struct HandoverRow {
    pub id: i64,
    pub token_hash: String,
    pub tree_id: String,
    pub versions: BTreeMap<String, String>,
    pub walk: Walk,
    pub diagnostics: BTreeMap<String, String>,
    pub language: String,
    /// As stored; read [`HandoverRow::status`] for what it means now.
    pub stored_status: HandoverStatus,
    pub agent: Option<Holder>,
    pub created_at: i64,
    pub expires_at: i64,
    pub updated_at: i64,
    pub ended_by: Option<Party>,
    /// The ticket's id, reference and idempotency key (which derives its access token).
    pub ticket: Option<(i64, String, String)>,
    pub revision: i64,
}

impl HandoverRow {
    /// The status at `now`: a code nobody took in time is expired, a session idle for
    /// [`IDLE_MS`] ended.
    pub fn status(&self, now: i64) -> HandoverStatus {
        match self.stored_status {
            HandoverStatus::Waiting if now >= self.expires_at => HandoverStatus::Expired,
            HandoverStatus::Connected if now - self.updated_at >= IDLE_MS => HandoverStatus::Ended,
            other => other,
        }
    }

    pub fn is_live(&self, now: i64) -> bool {
        self.status(now).is_live()
    }
}

fn status_name(status: HandoverStatus) -> &'static str {
    match status {
        HandoverStatus::Waiting => "waiting",
        HandoverStatus::Connected => "connected",
        HandoverStatus::Ended => "ended",
        HandoverStatus::Escalated => "escalated",
        HandoverStatus::Solved => "solved",
        HandoverStatus::Expired => "expired",
    }
}

fn parse<T: serde::de::DeserializeOwned>(column: &str, text: &str) -> Result<T> {
    serde_json::from_str(text)
        .map_err(|e| super::StoreError::Database(format!("handovers.{column}: {e}")))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| super::StoreError::Database(e.to_string()))
}

/// The condition of a live row at `$now`, as SQL (see [`HandoverRow::status`]).
const LIVE: &str = "((status = 'waiting' AND expires_at > $1) OR (status = 'connected' AND updated_at > $1 - 7200000))";

const COLUMNS: &str = "h.id, h.token_hash, h.tree_id, h.versions, h.walk, h.diagnostics, h.language, \
     h.status, h.agent_id, s.name AS agent_name, h.created_at, h.expires_at, h.updated_at, h.ended_by, \
     h.ticket_id, t.reference AS ticket_reference, t.idempotency_key AS ticket_key, h.revision";

impl Store {
    /// How many handovers are live at `now` (waiting for an agent, or connected).
    pub async fn live_handovers(&self, now: i64) -> Result<i64> {
        debug_assert_eq!(IDLE_MS, 7_200_000, "the SQL of LIVE repeats it");
        let sql = format!("SELECT COUNT(*) FROM handovers WHERE {LIVE}");
        let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(now)
            .fetch_one(&self.pool)
            .await?;
        Ok(n)
    }

    /// Whether a live handover has this code (a new code must not).
    pub async fn code_in_use(&self, code_hash: &str, now: i64) -> Result<bool> {
        let sql = format!("SELECT COUNT(*) FROM handovers WHERE code_hash = $2 AND {LIVE}");
        let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(now)
            .bind(code_hash)
            .fetch_one(&self.pool)
            .await?;
        Ok(n > 0)
    }

    /// Stores a new waiting handover; returns its id.
    pub async fn create_handover(&self, h: &NewHandover) -> Result<i64> {
        let mut tx = self.pool.begin().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO handovers (code_hash, token_hash, tree_id, versions, walk, diagnostics,
                language, status, created_at, expires_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting', $8, $9, $8) RETURNING id",
        )
        .bind(&h.code_hash)
        .bind(&h.token_hash)
        .bind(&h.tree_id)
        .bind(to_json(&h.versions)?)
        .bind(to_json(&h.walk)?)
        .bind(to_json(&h.diagnostics)?)
        .bind(&h.language)
        .bind(h.created_at)
        .bind(h.expires_at)
        .fetch_one(&mut *tx)
        .await?;
        changed(&mut tx, id, 1).await?;
        self.commit_with_events(tx).await?;
        Ok(id)
    }

    /// One handover by id.
    pub async fn handover(&self, id: i64) -> Result<Option<HandoverRow>> {
        self.handover_where("h.id = $1", Value::Int(id)).await
    }

    /// The newest handover with this code (older ones with the same code are over).
    pub async fn handover_by_code(&self, code_hash: &str) -> Result<Option<HandoverRow>> {
        self.handover_where("h.code_hash = $1", Value::Text(code_hash.to_owned()))
            .await
    }

    async fn handover_where(&self, condition: &str, value: Value) -> Result<Option<HandoverRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM handovers h LEFT JOIN staff s ON s.id = h.agent_id
             LEFT JOIN tickets t ON t.id = h.ticket_id WHERE {condition} ORDER BY h.id DESC LIMIT 1"
        );
        let query = sqlx::query(sqlx::AssertSqlSafe(sql));
        let query = match value {
            Value::Int(v) => query.bind(v),
            Value::Text(v) => query.bind(v),
        };
        let Some(row) = query.fetch_optional(&self.pool).await? else {
            return Ok(None);
        };
        let status: String = row.try_get("status")?;
        let agent_id: Option<i64> = row.try_get("agent_id")?;
        let agent_name: Option<String> = row.try_get("agent_name")?;
        let ended_by: Option<String> = row.try_get("ended_by")?;
        let ticket_id: Option<i64> = row.try_get("ticket_id")?;
        let reference: Option<String> = row.try_get("ticket_reference")?;
        let key: Option<String> = row.try_get("ticket_key")?;
        let versions: String = row.try_get("versions")?;
        let walk: String = row.try_get("walk")?;
        let diagnostics: String = row.try_get("diagnostics")?;
        Ok(Some(HandoverRow {
            id: row.try_get("id")?,
            token_hash: row.try_get("token_hash")?,
            tree_id: row.try_get("tree_id")?,
            versions: parse("versions", &versions)?,
            walk: parse("walk", &walk)?,
            diagnostics: parse("diagnostics", &diagnostics)?,
            language: row.try_get("language")?,
            stored_status: parse("status", &format!("\"{status}\""))?,
            agent: agent_id.map(|id| Holder {
                id,
                name: agent_name.unwrap_or_default(),
            }),
            created_at: row.try_get("created_at")?,
            expires_at: row.try_get("expires_at")?,
            updated_at: row.try_get("updated_at")?,
            ended_by: ended_by
                .map(|p| parse("ended_by", &format!("\"{p}\"")))
                .transpose()?,
            ticket: match (ticket_id, reference, key) {
                (Some(id), Some(reference), Some(key)) => Some((id, reference, key)),
                _ => None,
            },
            revision: row.try_get("revision")?,
        }))
    }

    /// The agent takes a waiting code; `false` when it is no longer waiting (taken,
    /// ended, expired), decided by the database.
    pub async fn claim_handover(&self, id: i64, agent: i64, now: i64) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let revision: Option<(i64,)> = sqlx::query_as(
            "UPDATE handovers SET status = 'connected', agent_id = $1, claimed_at = $2,
                updated_at = $2, revision = revision + 1
             WHERE id = $3 AND status = 'waiting' AND expires_at > $2 RETURNING revision",
        )
        .bind(agent)
        .bind(now)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((revision,)) = revision else {
            return Ok(false);
        };
        changed(&mut tx, id, revision).await?;
        self.commit_with_events(tx).await?;
        Ok(true)
    }

    /// Stores a moved walk, if the handover is still at revision `seen`.
    pub async fn move_handover(
        &self,
        id: i64,
        seen: i64,
        walk: &Walk,
        versions: &BTreeMap<String, String>,
        now: i64,
    ) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let revision: Option<(i64,)> = sqlx::query_as(
            "UPDATE handovers SET walk = $1, versions = $2, updated_at = $3, revision = revision + 1
             WHERE id = $4 AND revision = $5 RETURNING revision",
        )
        .bind(to_json(walk)?)
        .bind(to_json(versions)?)
        .bind(now)
        .bind(id)
        .bind(seen)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((revision,)) = revision else {
            return Ok(false);
        };
        changed(&mut tx, id, revision).await?;
        self.commit_with_events(tx).await?;
        Ok(true)
    }

    /// Ends the session on behalf of `by`, if it is still at revision `seen`.
    pub async fn end_handover(&self, id: i64, seen: i64, by: Party, now: i64) -> Result<bool> {
        let by = match by {
            Party::Caller => "caller",
            Party::Agent => "agent",
        };
        let mut tx = self.pool.begin().await?;
        let revision: Option<(i64,)> = sqlx::query_as(
            "UPDATE handovers SET status = 'ended', ended_at = $1, ended_by = $2, updated_at = $1,
                revision = revision + 1
             WHERE id = $3 AND revision = $4 RETURNING revision",
        )
        .bind(now)
        .bind(by)
        .bind(id)
        .bind(seen)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((revision,)) = revision else {
            return Ok(false);
        };
        changed(&mut tx, id, revision).await?;
        self.commit_with_events(tx).await?;
        Ok(true)
    }
}

enum Value {
    Int(i64),
    Text(String),
}

/// Inside a call's transaction: the connected handover `id` of `agent` becomes
/// `status` (escalated, solved) with the ticket it became. `Ok(None)` when it is not
/// connected to this agent any more; else its new revision, whose live event the
/// caller records with [`changed`] as the transaction ends.
pub(super) async fn settle(
    conn: &mut AnyConnection,
    id: i64,
    agent: i64,
    status: HandoverStatus,
    ticket: Option<i64>,
    now: i64,
) -> Result<Option<i64>> {
    let revision: Option<(i64,)> = sqlx::query_as(
        "UPDATE handovers SET status = $1, ticket_id = $2, ended_at = $3, ended_by = 'agent',
            updated_at = $3, revision = revision + 1
         WHERE id = $4 AND agent_id = $5 AND status = 'connected' AND updated_at > $3 - 7200000
         RETURNING revision",
    )
    .bind(status_name(status))
    .bind(ticket)
    .bind(now)
    .bind(id)
    .bind(agent)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(revision.map(|(r,)| r))
}

/// The `handover_changed` live event of a change at `revision`: must come last in its
/// transaction (see `events::record`).
pub(super) async fn changed(conn: &mut AnyConnection, id: i64, revision: i64) -> Result<()> {
    events::record(
        conn,
        events::kind::HANDOVER_CHANGED,
        None,
        &json!({ "id": id, "revision": revision }),
    )
    .await?;
    Ok(())
}
