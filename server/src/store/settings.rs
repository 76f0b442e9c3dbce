//! Settings kept in the database because every instance must share them.

use super::{Result, Store, audit};

impl Store {
    /// The server secret that derives ticket access tokens (see `routes::handoffs`):
    /// made once, on the first start of the first instance, then read by all.
    pub async fn server_secret(&self) -> Result<String> {
        let fresh = crate::auth::secret::token();
        sqlx::query("INSERT INTO settings (name, value) VALUES ('server_secret', $1) ON CONFLICT (name) DO NOTHING")
            .bind(&fresh)
            .execute(&self.pool)
            .await?;
        let (value,): (String,) =
            sqlx::query_as("SELECT value FROM settings WHERE name = 'server_secret'")
                .fetch_one(&self.pool)
                .await?;
        Ok(value)
    }

    /// The SLA targets an admin set, if any (see `crate::sla`).
    pub async fn sla_hours(&self) -> Result<Option<[u32; 5]>> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT value FROM settings WHERE name = 'sla_hours'")
                .fetch_optional(&self.pool)
                .await?;
        // A value this server did not write is ignored in favour of the default.
        Ok(row.and_then(|(value,)| serde_json::from_str(&value).ok()))
    }

    /// Sets the SLA targets and records the change, before and after, in the audit
    /// trail, in one transaction.
    pub async fn set_sla_hours(&self, actor: i64, before: [u32; 5], after: [u32; 5]) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let value = serde_json::json!(after).to_string();
        sqlx::query(
            "INSERT INTO settings (name, value) VALUES ('sla_hours', $1)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        )
        .bind(&value)
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            None,
            Some(actor),
            SLA_CHANGED,
            Some(&serde_json::json!({ "hours": before })),
            Some(&serde_json::json!({ "hours": after })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Audit action of a change of the SLA targets.
pub const SLA_CHANGED: &str = "sla_changed";
