//! Failed sign-ins, counted per subject (a login name or a client address) so that
//! [`crate::auth::throttle`] can slow down password guessing across every instance.

use super::{Result, Store};

impl Store {
    /// Records an attempt for each of `subjects` at `at`; they count as failures until
    /// forgotten. Drops failures from before `forget_before` on the way, so the table
    /// stays as small as the window. Committed before returning: a parallel attempt
    /// must see these when it counts.
    pub async fn record_login_attempts(
        &self,
        subjects: &[String],
        at: i64,
        forget_before: i64,
    ) -> Result<Vec<i64>> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM login_failures WHERE at <= $1")
            .bind(forget_before)
            .execute(&mut *tx)
            .await?;
        let mut ids = Vec::with_capacity(subjects.len());
        for subject in subjects {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO login_failures (subject, at) VALUES ($1, $2) RETURNING id",
            )
            .bind(subject)
            .bind(at)
            .fetch_one(&mut *tx)
            .await?;
            ids.push(id);
        }
        tx.commit().await?;
        Ok(ids)
    }

    /// How many failures `subject` has after `since`.
    pub async fn login_failures_since(&self, subject: &str, since: i64) -> Result<i64> {
        let (count,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM login_failures WHERE subject = $1 AND at > $2")
                .bind(subject)
                .bind(since)
                .fetch_one(&self.pool)
                .await?;
        Ok(count)
    }

    /// When the failure of `subject` after `since` at position `skip` (0: the oldest)
    /// happened.
    pub async fn login_failure_at(
        &self,
        subject: &str,
        since: i64,
        skip: i64,
    ) -> Result<Option<i64>> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT at FROM login_failures WHERE subject = $1 AND at > $2
             ORDER BY at, id LIMIT 1 OFFSET $3",
        )
        .bind(subject)
        .bind(since)
        .bind(skip)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(at,)| at))
    }

    /// Forgets the recorded attempts `ids` (they were no failures after all) and, with
    /// `forgive`, every failure of that subject (its owner has just signed in).
    pub async fn forget_login_attempts(&self, ids: &[i64], forgive: Option<&str>) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        for id in ids {
            sqlx::query("DELETE FROM login_failures WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        if let Some(subject) = forgive {
            sqlx::query("DELETE FROM login_failures WHERE subject = $1")
                .bind(subject)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
