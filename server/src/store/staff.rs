//! Staff accounts and their sessions.

use super::{Result, Store, now_ms};
use crate::auth::Staff;
use domain::api::Role;

impl Store {
    /// The active staff member a live session belongs to.
    pub async fn session_staff(&self, token_hash: &str) -> Result<Option<Staff>> {
        let row: Option<(i64, String, String, String, String, i64, String)> = sqlx::query_as(
            "SELECT s.id, s.login, s.name, s.role, s.queues, s.must_change_password, x.csrf
             FROM sessions x JOIN staff s ON s.id = x.staff_id
             WHERE x.token_hash = $1 AND x.expires_at > $2 AND s.active = 1",
        )
        .bind(token_hash)
        .bind(now_ms())
        .fetch_optional(&self.pool)
        .await?;
        Ok(
            row.and_then(|(id, login, name, role, queues, must_change, csrf)| {
                Some(Staff {
                    id,
                    login,
                    name,
                    role: Role::parse(&role)?,
                    queues: split_queues(&queues),
                    must_change_password: must_change != 0,
                    csrf,
                    session: token_hash.to_owned(),
                })
            }),
        )
    }
}

/// Queues are stored comma-separated: a staff member has a handful.
pub fn split_queues(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .filter(|q| !q.is_empty())
        .map(str::to_owned)
        .collect()
}
