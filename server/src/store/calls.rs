//! Tickets made on a phone call, and what the agent console reads: the caller's open
//! tickets (lookup) and the tickets returned to the 1st level.
//!
//! A call's ticket, its audit entry, the anonymous outcome of a solved call, the
//! handover it settles and their live events are one transaction, like a hand-off.
//! Call tickets do not go through SQLite's group-commit writer: they are few (one per
//! call) and carry more than a hand-off does.

use super::queue::{ITEM_COLUMNS, item};
use super::tickets::{NewTicket, insert_ticket};
use super::{Result, Store, audit, events, handovers};
use domain::api::{HandoverStatus, Holder, QueueItem, StepNote};
use domain::ticket::Status;
use serde_json::json;
use sqlx::Row;

/// What a ticket made on a call records besides a hand-off's columns.
#[derive(Debug, Clone)]
pub struct NewCall {
    pub agent: Holder,
    pub notes: Vec<StepNote>,
    pub started_at: Option<i64>,
    /// The handover the call took over; it is settled in the same transaction.
    pub handover: Option<i64>,
}

/// A closed ticket kept for the record of a call solved on the phone.
#[derive(Debug, Clone)]
pub struct ClosedRecord {
    pub resolution: String,
}

/// The anonymous `resolved` outcome of a solved call, kept with the request's key so a
/// retry records it once.
#[derive(Debug, Clone)]
pub struct CallOutcome {
    pub tree: String,
    pub version: String,
    pub node: String,
    pub idempotency_key: String,
    pub request_hash: String,
    /// The node ids the call's walk passed in `tree` (for the tree figures; a record
    /// ticket's own walk stands for it when there is one).
    pub path: Vec<String>,
}

/// What storing a call did.
#[derive(Debug, Clone, PartialEq)]
pub enum CallStored {
    /// Stored; the ticket's id if one was made.
    Done { ticket: Option<i64> },
    /// The handover named is not connected to this agent any more: nothing stored.
    HandoverOver,
}

/// A solved call found by its idempotency key.
#[derive(Debug, Clone)]
pub struct StoredOutcome {
    pub request_hash: String,
    pub ticket: Option<i64>,
}

/// A ticket returned to the 1st level, as the returned list shows it.
#[derive(Debug, Clone)]
pub struct ReturnedRow {
    pub item: QueueItem,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub language: String,
    pub instructions: Option<String>,
    pub returned_by: Option<Holder>,
    pub returned_at: Option<i64>,
}

/// How a caller is looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallerKey {
    Reference(String),
    /// Compared without regard to case.
    Email(String),
    /// The digits of a phone number (`domain::api::phone_digits`).
    Phone(String),
}

/// The last return's audit entry: after-state, when, actor id and name.
type ReturnAudit = (Option<String>, i64, Option<i64>, Option<String>);

/// A ticket's call columns: agent id and name, notes, start, handover.
type CallColumns = (
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<i64>,
);

/// The audit text of a return to the 1st level (`workflow::Plan::after_json`).
const RETURN_MARK: &str = "%\"action\":\"return_to_first_level\"%";

/// Most tickets the returned list holds.
const RETURNED_LIMIT: i64 = 200;

impl Store {
    /// Stores a call: the ticket (if any) as `status`, the outcome (if any), and the
    /// handover (if any) settled as `settle_as`. A taken reference or idempotency key is
    /// [`super::StoreError::Conflict`] with nothing stored.
    pub async fn store_call(
        &self,
        ticket: Option<(&NewTicket, Option<&ClosedRecord>)>,
        call: &NewCall,
        outcome: Option<&CallOutcome>,
        settle_as: HandoverStatus,
    ) -> Result<CallStored> {
        let now = super::now_ms();
        let mut tx = self.pool.begin().await?;
        let mut made = None;
        if let Some((t, closed)) = ticket {
            let id = insert_ticket(&mut tx, t).await?;
            let notes = serde_json::to_string(&call.notes)
                .map_err(|e| super::StoreError::Database(e.to_string()))?;
            let status = if closed.is_some() {
                Status::Closed
            } else {
                Status::New
            };
            sqlx::query(
                "UPDATE tickets SET agent_id = $1, call_notes = $2, call_started_at = $3,
                    handover_id = $4, status = $5, holder_id = $6, claimed_at = $7,
                    resolved_at = $7, resolution = $8
                 WHERE id = $9",
            )
            .bind(call.agent.id)
            .bind(notes)
            .bind(call.started_at)
            .bind(call.handover)
            .bind(status.name())
            .bind(closed.map(|_| call.agent.id))
            .bind(closed.map(|_| now))
            .bind(closed.map(|c| c.resolution.clone()))
            .bind(id)
            .execute(&mut *tx)
            .await?;
            let mut after = json!({ "status": status, "channel": "phone" });
            match closed {
                Some(c) => {
                    after["action"] = json!("solved_on_call");
                    after["holder"] = json!(call.agent);
                    after["resolution"] = json!(c.resolution);
                }
                None => after["action"] = json!("call_handoff"),
            }
            audit::record(
                &mut tx,
                Some(id),
                Some(call.agent.id),
                audit::STATUS_CHANGED,
                None,
                Some(&after),
            )
            .await?;
            made = Some((id, t, status));
        }
        if let Some(o) = outcome {
            sqlx::query(
                "INSERT INTO outcomes (tree_id, tree_version, node_id, outcome, at, channel,
                    idempotency_key, request_hash, ticket_id)
                 VALUES ($1, $2, $3, 'resolved', $4, 'phone', $5, $6, $7)",
            )
            .bind(&o.tree)
            .bind(&o.version)
            .bind(&o.node)
            .bind(now)
            .bind(&o.idempotency_key)
            .bind(&o.request_hash)
            .bind(made.as_ref().map(|(id, _, _)| *id))
            .execute(&mut *tx)
            .await?;
            if made.is_none() {
                super::analytics::record_call_path(&mut tx, &o.tree, &o.path, now).await?;
            }
        }
        let settled = match call.handover {
            Some(h) => {
                let ticket = made.as_ref().map(|(id, _, _)| *id);
                match handovers::settle(&mut tx, h, call.agent.id, settle_as, ticket, now).await? {
                    Some(revision) => Some((h, revision)),
                    None => return Ok(CallStored::HandoverOver),
                }
            }
            None => None,
        };
        // The live events come last (see `events::record`).
        if let Some((h, revision)) = settled {
            handovers::changed(&mut tx, h, revision).await?;
        }
        if let Some((id, t, status)) = &made {
            if *status == Status::New {
                let payload = json!({
                    "id": id, "reference": t.reference, "priority": t.priority, "queue": t.queue,
                    "tree": t.tree_id, "status": status, "channel": "phone",
                });
                events::record(&mut tx, events::kind::TICKET_CREATED, Some(*id), &payload).await?;
            } else {
                // A closed record is no news for the Queue, whose lists are of open
                // tickets: a change, not a new arrival.
                let payload = json!({
                    "id": id, "status": status, "holder": call.agent, "revision": 1,
                    "change": "solved_on_call",
                });
                events::record(&mut tx, events::kind::TICKET_CHANGED, Some(*id), &payload).await?;
            }
        }
        self.commit_with_events(tx).await?;
        Ok(CallStored::Done {
            ticket: made.map(|(id, _, _)| id),
        })
    }

    /// A solved call recorded with this idempotency key.
    pub async fn outcome_by_key(&self, key: &str) -> Result<Option<StoredOutcome>> {
        let row: Option<(Option<String>, Option<i64>)> = sqlx::query_as(
            "SELECT request_hash, ticket_id FROM outcomes WHERE idempotency_key = $1",
        )
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(request_hash, ticket)| StoredOutcome {
            request_hash: request_hash.unwrap_or_default(),
            ticket,
        }))
    }

    /// A ticket's id, reference, priority, status and due time (a call's answer).
    pub async fn ticket_summary(&self, id: i64) -> Result<Option<(String, i64, Status, i64)>> {
        let row: Option<(String, i64, String, i64)> =
            sqlx::query_as("SELECT reference, priority, status, due_at FROM tickets WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|(reference, priority, status, due_at)| {
            Ok((
                reference,
                priority,
                super::tickets::parse_status(&status)?,
                due_at,
            ))
        })
        .transpose()
    }

    /// The open tickets of a caller, newest first, at most `limit`.
    pub async fn caller_tickets(&self, key: &CallerKey, limit: i64) -> Result<Vec<QueueItem>> {
        let (condition, value) = match key {
            CallerKey::Reference(r) => ("t.reference = $1", r),
            CallerKey::Email(e) => ("LOWER(t.contact_email) = LOWER($1)", e),
            CallerKey::Phone(p) => ("t.contact_phone_digits = $1", p),
        };
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM tickets t LEFT JOIN staff h ON h.id = t.holder_id
             WHERE {condition} AND t.status NOT IN ('resolved', 'closed')
             ORDER BY t.created_at DESC, t.id DESC LIMIT $2"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(value)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(item).collect()
    }

    /// Tickets returned to the 1st level, and those `asker` holds that were returned
    /// before, with the last return's instructions; oldest return first.
    pub async fn returned_tickets(&self, asker: i64) -> Result<Vec<ReturnedRow>> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS}, t.contact_phone, t.contact_email, t.language
             FROM tickets t LEFT JOIN staff h ON h.id = t.holder_id
             WHERE t.status = 'returned'
                OR (t.holder_id = $1 AND t.status IN ('claimed', 'waiting_for_user')
                    AND EXISTS (SELECT 1 FROM audit a WHERE a.ticket_id = t.id
                        AND a.action = $2 AND a.after_state LIKE $3))
             ORDER BY t.updated_at, t.id LIMIT $4"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(asker)
            .bind(audit::STATUS_CHANGED)
            .bind(RETURN_MARK)
            .bind(RETURNED_LIMIT)
            .fetch_all(&self.pool)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let item = item(row)?;
            let last: Option<ReturnAudit> = sqlx::query_as(
                "SELECT a.after_state, a.at, a.actor_id, s.name FROM audit a
                     LEFT JOIN staff s ON s.id = a.actor_id
                     WHERE a.ticket_id = $1 AND a.action = $2 AND a.after_state LIKE $3
                     ORDER BY a.id DESC LIMIT 1",
            )
            .bind(item.id)
            .bind(audit::STATUS_CHANGED)
            .bind(RETURN_MARK)
            .fetch_optional(&self.pool)
            .await?;
            let (mut instructions, mut returned_by, mut returned_at) = (None, None, None);
            if let Some((after, at, actor, name)) = last {
                returned_at = Some(at);
                returned_by = actor.map(|id| Holder {
                    id,
                    name: name.unwrap_or_default(),
                });
                let note = after
                    .and_then(|a| serde_json::from_str::<serde_json::Value>(&a).ok())
                    .and_then(|a| a["note"].as_i64());
                if let Some(note) = note {
                    let body: Option<(String,)> =
                        sqlx::query_as("SELECT body FROM messages WHERE id = $1")
                            .bind(note)
                            .fetch_optional(&self.pool)
                            .await?;
                    instructions = body.map(|(b,)| b).filter(|b| !b.is_empty());
                }
            }
            out.push(ReturnedRow {
                contact_phone: row.try_get("contact_phone")?,
                contact_email: row.try_get("contact_email")?,
                language: row.try_get("language")?,
                item,
                instructions,
                returned_by,
                returned_at,
            });
        }
        out.sort_by_key(|r| (r.returned_at.unwrap_or(i64::MAX), r.item.id));
        Ok(out)
    }

    /// What a ticket made on a call records (`None` for portal hand-offs).
    pub async fn call_record(&self, id: i64) -> Result<Option<domain::api::CallRecord>> {
        let row: Option<CallColumns> = sqlx::query_as(
            "SELECT t.agent_id, a.name, t.call_notes, t.call_started_at, t.handover_id
                 FROM tickets t LEFT JOIN staff a ON a.id = t.agent_id WHERE t.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let Some((Some(agent), name, notes, started_at, handover)) = row else {
            return Ok(None);
        };
        Ok(Some(domain::api::CallRecord {
            agent: Holder {
                id: agent,
                name: name.unwrap_or_default(),
            },
            notes: notes
                .and_then(|n| serde_json::from_str(&n).ok())
                .unwrap_or_default(),
            started_at,
            handover: handover.is_some(),
        }))
    }
}
