//! A ticket as staff open it: everything the hand-off carried, the whole thread with
//! internal notes, and the audit trail with the names of the people who acted.

use super::queue::{ITEM_COLUMNS, item};
use super::{Result, Store, StoreError};
use domain::api::{AuditEntry, Contact, Holder, TicketDetail};
use serde::de::DeserializeOwned;
use sqlx::Row;
use std::collections::BTreeMap;

/// A stored JSON column; a value that does not parse was written by something else.
fn stored<T: DeserializeOwned>(column: &str, text: &str) -> Result<T> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Database(format!("tickets.{column} does not parse: {e}")))
}

impl Store {
    /// The ticket, its thread (internal notes included), attachments and audit trail;
    /// `actions` is left empty for the caller, who knows who is asking.
    pub async fn ticket_detail(&self, id: i64) -> Result<Option<TicketDetail>> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS}, t.tree_version, t.impact, t.urgency, t.contact_name, t.contact_email,
                    t.contact_phone, t.description, t.language, t.walk, t.diagnostics, t.resolution, t.gap_node, t.erased_at
             FROM tickets t LEFT JOIN staff h ON h.id = t.holder_id WHERE t.id = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let level = |column: &str| -> Result<domain::tree::Level> {
            let value: String = row.try_get(column)?;
            serde_json::from_value(serde_json::Value::String(value.clone()))
                .map_err(|_| StoreError::Database(format!("tickets.{column} holds `{value}`")))
        };
        let walk: String = row.try_get("walk")?;
        let diagnostics: String = row.try_get("diagnostics")?;
        Ok(Some(TicketDetail {
            item: item(&row)?,
            tree_version: row.try_get("tree_version")?,
            impact: level("impact")?,
            urgency: level("urgency")?,
            contact: Contact {
                name: row.try_get("contact_name")?,
                email: row.try_get("contact_email")?,
                phone: row.try_get("contact_phone")?,
            },
            description: row.try_get("description")?,
            language: row.try_get("language")?,
            walk: stored("walk", &walk)?,
            diagnostics: stored("diagnostics", &diagnostics)?,
            attachments: self
                .attachments(id)
                .await?
                .into_iter()
                .filter(|(message, _)| message.is_none())
                .map(|(_, a)| a)
                .collect(),
            thread: self.thread(id, true).await?,
            audit: self.audit_trail(id).await?,
            resolution: row.try_get("resolution")?,
            gap_node: row.try_get("gap_node")?,
            erased_at: row.try_get("erased_at")?,
            call: self.call_record(id).await?,
            actions: Vec::new(),
        }))
    }

    /// The tree a ticket's walk started on, and the version of every tree it entered.
    pub async fn walked_trees(
        &self,
        id: i64,
    ) -> Result<Option<(String, BTreeMap<String, String>)>> {
        let row: Option<(String, String)> =
            sqlx::query_as("SELECT tree_id, walk FROM tickets WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|(tree, walk)| {
            let walk: domain::walk::Walk = stored("walk", &walk)?;
            Ok((tree, walk.versions))
        })
        .transpose()
    }

    /// The audit trail of a ticket, oldest first.
    pub async fn audit_trail(&self, ticket: i64) -> Result<Vec<AuditEntry>> {
        let rows: Vec<AuditRow> = sqlx::query_as(
            "SELECT a.id, a.action, a.actor_id, s.name, a.before_state, a.after_state, a.at
             FROM audit a LEFT JOIN staff s ON s.id = a.actor_id
             WHERE a.ticket_id = $1 ORDER BY a.id",
        )
        .bind(ticket)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(audit_entry).collect())
    }

    /// The administration log: audit entries about no ticket (accounts, settings),
    /// newest first, at most `limit`.
    pub async fn administration_log(&self, limit: i64) -> Result<Vec<AuditEntry>> {
        let rows: Vec<AuditRow> = sqlx::query_as(
            "SELECT a.id, a.action, a.actor_id, s.name, a.before_state, a.after_state, a.at
             FROM audit a LEFT JOIN staff s ON s.id = a.actor_id
             WHERE a.ticket_id IS NULL ORDER BY a.id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(audit_entry).collect())
    }
}

/// id, action, actor id, actor name, before, after, at.
type AuditRow = (
    i64,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
);

fn audit_entry((id, action, actor_id, name, before, after, at): AuditRow) -> AuditEntry {
    let json = |text: Option<String>| text.and_then(|t| serde_json::from_str(&t).ok());
    AuditEntry {
        id,
        action,
        actor: actor_id.map(|id| Holder {
            id,
            name: name.unwrap_or_default(),
        }),
        before: json(before),
        after: json(after),
        at,
    }
}
