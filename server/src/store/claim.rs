//! Claiming: two people never work the same case unknowingly.
//!
//! A Claim is one conditional `UPDATE`: the database, not the application, decides
//! which of many concurrent claimers wins, and the losers see that no row changed.
//! Claim next picks the most urgent unheld ticket inside the same statement; on
//! PostgreSQL `FOR UPDATE SKIP LOCKED` lets concurrent callers pass over a ticket
//! another transaction is taking instead of waiting for it and then failing, and on
//! SQLite, which runs one writer at a time, the statement needs no locking clause.

use super::binds::Binds;
use super::workflow::record;
use super::{Backend, Result, Store, now_ms};
use crate::auth::Staff;
use crate::workflow::{Plan, TicketState};
use domain::api::Holder;
use domain::ticket::{Action, Status};
use sqlx::Row;

impl Store {
    /// Claims the ticket of `plan` for `actor`; `false` when someone else changed it
    /// first (the caller reads it again to say who holds it now).
    pub(super) async fn claim(&self, plan: &Plan, actor: &Staff) -> Result<bool> {
        let now = plan.after.claimed_at.unwrap_or_else(now_ms);
        let mut tx = self.pool.begin().await?;
        // `revision = $4` pins the exact state the plan (and its audit entry) came from;
        // the status condition is the rule itself, stated where it is enforced.
        let claimed = sqlx::query(
            "UPDATE tickets SET holder_id = $1, status = 'claimed', claimed_at = $2, updated_at = $2,
                revision = revision + 1
             WHERE id = $3 AND status IN ('new', 'returned') AND revision = $4",
        )
        .bind(actor.id)
        .bind(now)
        .bind(plan.before.id)
        .bind(plan.before.revision)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed != 1 {
            return Ok(false);
        }
        record(&mut tx, plan, actor, None).await?;
        self.commit_with_events(tx).await?;
        Ok(true)
    }

    /// Claims the most urgent unheld ticket in `status` (`new` for the 2nd level,
    /// `returned` for the 1st) of `queues` (`None`: every queue) for `actor`; its id, or
    /// `None` when nothing is waiting.
    pub async fn claim_next(
        &self,
        actor: &Staff,
        status: Status,
        queues: Option<&[String]>,
    ) -> Result<Option<i64>> {
        if queues.is_some_and(<[String]>::is_empty) {
            return Ok(None);
        }
        let mut b = Binds::default();
        let (me, now, waiting) = (b.int(actor.id), b.int(now_ms()), b.text(status.name()));
        let in_queues = queues
            .map(|q| format!(" AND queue IN ({})", b.texts(q)))
            .unwrap_or_default();
        let lock = match self.backend {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE tickets SET holder_id = {me}, status = 'claimed', claimed_at = {now}, updated_at = {now},
                revision = revision + 1
             WHERE id = (SELECT id FROM tickets
                         WHERE status = {waiting} AND holder_id IS NULL{in_queues}
                         ORDER BY priority, created_at, id LIMIT 1{lock})
               AND status = {waiting}
             RETURNING id, revision, claimed_at"
        );
        let mut tx = self.pool.begin().await?;
        let Some(row) = b.query(sql).fetch_optional(&mut *tx).await? else {
            return Ok(None);
        };
        let id: i64 = row.try_get("id")?;
        let revision: i64 = row.try_get("revision")?;
        let claimed_at: Option<i64> = row.try_get("claimed_at")?;
        // The statement matched only unheld tickets in `status`: that is the state before.
        let before = TicketState {
            id,
            status,
            holder: None,
            revision: revision - 1,
            claimed_at: None,
            resolved_at: None,
            resolution: None,
            gap_node: None,
        };
        let after = TicketState {
            status: Status::Claimed,
            holder: Some(Holder {
                id: actor.id,
                name: actor.name.clone(),
            }),
            revision,
            claimed_at,
            ..before.clone()
        };
        let plan = Plan {
            action: Action::Claim,
            before,
            after,
            note: None,
        };
        record(&mut tx, &plan, actor, None).await?;
        self.commit_with_events(tx).await?;
        Ok(Some(id))
    }
}
