//! Staff sessions: one row per signed-in browser, found by the hash of its cookie.
//!
//! The token itself is never stored (see [`crate::auth::secret`]): a copy of the
//! database does not let anyone in.

use super::staff::split_queues;
use super::{Result, Store, now_ms};
use crate::auth::Staff;
use domain::api::Role;

/// How stale `staff.last_seen_at` may get before a request refreshes it: "last seen"
/// is for people, and a write per request would be for nothing.
const SEEN_ACCURACY_MS: i64 = 5 * 60 * 1000;

/// A session joined with its staff member: id, login, name, role, queues,
/// must_change_password, csrf, last_seen_at.
type SessionRow = (
    i64,
    String,
    String,
    String,
    String,
    i64,
    String,
    Option<i64>,
);

impl Store {
    /// The active staff member a live session belongs to; marks them as seen.
    pub async fn session_staff(&self, token_hash: &str) -> Result<Option<Staff>> {
        let now = now_ms();
        let row: Option<SessionRow> = sqlx::query_as(
            "SELECT s.id, s.login, s.name, s.role, s.queues, s.must_change_password, x.csrf,
                        s.last_seen_at
                 FROM sessions x JOIN staff s ON s.id = x.staff_id
                 WHERE x.token_hash = $1 AND x.expires_at > $2 AND s.active = 1",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        let Some((id, login, name, role, queues, must_change, csrf, seen)) = row else {
            return Ok(None);
        };
        if seen.is_none_or(|seen| seen < now - SEEN_ACCURACY_MS) {
            self.mark_seen(id, now).await?;
        }
        Ok(Role::parse(&role).map(|role| Staff {
            id,
            login,
            name,
            role,
            queues: split_queues(&queues),
            must_change_password: must_change != 0,
            csrf,
            session: token_hash.to_owned(),
        }))
    }

    /// Starts a session for `staff_id` until `expires_at`; also drops expired sessions
    /// of anyone, so the table holds only live ones.
    pub async fn start_session(
        &self,
        staff_id: i64,
        token_hash: &str,
        csrf: &str,
        expires_at: i64,
    ) -> Result<()> {
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, staff_id, csrf, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(staff_id)
        .bind(csrf)
        .bind(now)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE staff SET last_seen_at = $1 WHERE id = $2")
            .bind(now)
            .bind(staff_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ends one session (logout, or a new sign-in from the same browser).
    pub async fn end_session(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn mark_seen(&self, staff_id: i64, now: i64) -> Result<()> {
        sqlx::query("UPDATE staff SET last_seen_at = $1 WHERE id = $2")
            .bind(now)
            .bind(staff_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
