//! Personal data: erasing a ticket's (on request, or after the retention time), the
//! retention setting, and the export of everything stored about a ticket.
//!
//! Erasing keeps what the statistics and the knowledge loop need (tree, version, node,
//! queue, priority, status, every timestamp, the answers picked, the resolution text and
//! the gap node) and removes what identifies or describes a person: contact name, e-mail
//! and phone, the description, diagnostics, the text of every message, every file, and
//! the values typed into the walk (`Walk::erased`). The ticket's audit entries keep the
//! staff actions but lose their message ids' text with the messages themselves.

use super::{Backend, Result, Store, audit, events, now_ms};
use domain::api::{ExportedFile, TicketExport};
use sqlx::Transaction;

/// Audit action of an erasure; `after` says why (`request`, `retention`).
pub const ERASED: &str = "personal_data_erased";
/// Audit action of an export.
pub const EXPORTED: &str = "ticket_exported";
/// Audit action of a change of the retention time.
pub const RETENTION_CHANGED: &str = "retention_changed";

impl Store {
    /// Erases the personal data of ticket `id`. `Ok(None)`: no such ticket;
    /// `Ok(Some(false))`: erased before, nothing changed.
    pub async fn erase_personal_data(
        &self,
        id: i64,
        actor: Option<i64>,
        reason: &str,
    ) -> Result<Option<bool>> {
        let mut tx = self.begin_ticket_write().await?;
        let lock = match self.backend {
            Backend::Postgres => "SELECT walk, erased_at FROM tickets WHERE id = $1 FOR UPDATE",
            Backend::Sqlite => "SELECT walk, erased_at FROM tickets WHERE id = $1",
        };
        let row: Option<(String, Option<i64>)> = sqlx::query_as(lock)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some((walk, erased_at)) = row else {
            return Ok(None);
        };
        if erased_at.is_some() {
            return Ok(Some(false));
        }
        // A walk that does not parse is replaced by nothing rather than kept whole.
        let erased_walk = serde_json::from_str::<domain::Walk>(&walk)
            .map(|w| w.erased())
            .ok()
            .and_then(|w| serde_json::to_string(&w).ok())
            .unwrap_or_else(|| walk.clone());
        let now = now_ms();
        sqlx::query(
            "UPDATE tickets SET contact_name = '', contact_email = NULL, contact_phone = NULL,
                    contact_phone_digits = NULL, call_notes = CASE WHEN call_notes IS NULL THEN NULL ELSE '[]' END,
                    description = '', diagnostics = '{}', walk = $1, search_text = reference,
                    erased_at = $2, updated_at = $2, revision = revision + 1
             WHERE id = $3",
        )
        .bind(&erased_walk)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM attachments WHERE ticket_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE messages SET body = '' WHERE ticket_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            Some(id),
            actor,
            ERASED,
            None,
            Some(&serde_json::json!({ "reason": reason })),
        )
        .await?;
        let payload = serde_json::json!({ "id": id, "change": ERASED });
        events::record(&mut tx, events::kind::TICKET_CHANGED, Some(id), &payload).await?;
        self.commit_with_events(tx).await?;
        Ok(Some(true))
    }

    /// Erases the personal data of every resolved or closed ticket unchanged since
    /// `before` (ms); how many were erased. One ticket per transaction, so a long
    /// sweep never holds the writer for long.
    pub async fn erase_expired(&self, before: i64) -> Result<usize> {
        let ids: Vec<(i64,)> = sqlx::query_as(
            "SELECT id FROM tickets WHERE status IN ('resolved', 'closed')
               AND updated_at < $1 AND erased_at IS NULL ORDER BY id LIMIT 1000",
        )
        .bind(before)
        .fetch_all(&self.pool)
        .await?;
        let mut erased = 0;
        for (id,) in ids {
            if self.erase_personal_data(id, None, "retention").await? == Some(true) {
                erased += 1;
            }
        }
        Ok(erased)
    }

    /// After how many days personal data of finished tickets are erased; `None`: kept.
    pub async fn retention_days(&self) -> Result<Option<u32>> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT value FROM settings WHERE name = 'retention_days'")
                .fetch_optional(&self.pool)
                .await?;
        Ok(row
            .and_then(|(value,)| serde_json::from_str(&value).ok())
            .flatten())
    }

    /// Sets the retention time, with its audit entry, in one transaction.
    pub async fn set_retention_days(
        &self,
        actor: i64,
        before: Option<u32>,
        after: Option<u32>,
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO settings (name, value) VALUES ('retention_days', $1)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        )
        .bind(serde_json::json!(after).to_string())
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            None,
            Some(actor),
            RETENTION_CHANGED,
            Some(&serde_json::json!({ "days": before })),
            Some(&serde_json::json!({ "days": after })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Everything stored about ticket `id`, with the files' contents; the export is
    /// recorded in the ticket's audit trail (who asked for the data, when).
    pub async fn export_ticket(&self, id: i64, actor: i64) -> Result<Option<TicketExport>> {
        let Some(ticket) = self.ticket_detail(id).await? else {
            return Ok(None);
        };
        let rows: Vec<(i64, String, String, i64, String, Vec<u8>)> = sqlx::query_as(
            "SELECT id, name, content_type, size, sha256, data FROM attachments
             WHERE ticket_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        use base64::Engine;
        let files = rows
            .into_iter()
            .map(
                |(id, name, content_type, size, sha256, data)| ExportedFile {
                    id,
                    name,
                    content_type,
                    size,
                    sha256,
                    data: base64::engine::general_purpose::STANDARD.encode(data),
                },
            )
            .collect();
        let mut tx = self.pool.begin().await?;
        audit::record(&mut tx, Some(id), Some(actor), EXPORTED, None, None).await?;
        tx.commit().await?;
        Ok(Some(TicketExport {
            exported_at: now_ms(),
            ticket,
            files,
        }))
    }

    /// A transaction that reads a ticket and then writes it: on SQLite `BEGIN
    /// IMMEDIATE` takes the write lock first (a deferred read could fail to upgrade);
    /// on PostgreSQL the caller's `FOR UPDATE` locks the row.
    async fn begin_ticket_write(&self) -> Result<Transaction<'static, sqlx::Any>> {
        match self.backend {
            Backend::Sqlite => Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?),
            Backend::Postgres => Ok(self.pool.begin().await?),
        }
    }
}
