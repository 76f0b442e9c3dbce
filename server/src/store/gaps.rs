//! Tree gaps: resolved tickets whose resolution named the node where the tree should
//! have helped (`tickets.gap_node`, `tree/node`), counted per node and listed newest
//! first.
//!
//! `gap_node` is set only by `resolve` and cleared by `reopen` (`workflow::plan`), so
//! every ticket that has one is resolved or closed, and a reopened ticket drops out
//! until it is resolved again. Erasure keeps `gap_node` and `resolution` (see
//! `erase.rs`): both are written by staff about the solution, and they are what this
//! list is for; the ticket's person stays erased.
//!
//! Who resolved a ticket is read from its audit trail (the newest status change made by
//! `resolve`): an admin may resolve a ticket somebody else holds.

use super::binds::Binds;
use super::tickets::parse_status;
use super::{Result, Store};
use domain::api::{GapResolution, Holder};
use sqlx::Row;

/// How many resolutions named one node in the period, and when the newest was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapCount {
    /// `tree/node`, as stored.
    pub gap_node: String,
    pub count: i64,
    pub newest_at: i64,
}

impl Store {
    /// Every node named by a resolution since `since` (ms), by count (most first), then
    /// by the newest resolution, then by name (so the order is total).
    pub async fn gap_counts(&self, since: i64) -> Result<Vec<GapCount>> {
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT gap_node, COUNT(*) AS n, MAX(resolved_at) AS newest FROM tickets
             WHERE gap_node IS NOT NULL AND resolved_at >= $1
             GROUP BY gap_node ORDER BY n DESC, newest DESC, gap_node",
        )
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(gap_node, count, newest_at)| GapCount {
                gap_node,
                count,
                newest_at,
            })
            .collect())
    }

    /// The newest `limit` resolutions since `since` of each of `gap_nodes`, as
    /// (`tree/node`, resolution), newest first within each node.
    pub async fn gap_resolutions(
        &self,
        since: i64,
        gap_nodes: &[String],
        limit: u32,
    ) -> Result<Vec<(String, GapResolution)>> {
        if gap_nodes.is_empty() {
            return Ok(Vec::new());
        }
        let mut binds = Binds::default();
        let since = binds.int(since);
        let nodes = binds.texts(gap_nodes);
        let limit = binds.int(i64::from(limit));
        // The resolver: the newest status change to `resolved` made by `resolve` (the
        // user's "solved myself" has no actor and no gap). `after_state` is serde_json's
        // compact text, so the action reads `"action":"resolve"` exactly.
        let sql = format!(
            "SELECT r.gap_node, r.id, r.reference, r.resolution, r.resolved_at, r.status,
                    r.erased_at, s.id AS resolver_id, s.name AS resolver_name
             FROM (
                SELECT t.gap_node, t.id, t.reference, t.resolution, t.resolved_at, t.status,
                       t.erased_at,
                       ROW_NUMBER() OVER (PARTITION BY t.gap_node
                                          ORDER BY t.resolved_at DESC, t.id DESC) AS n
                FROM tickets t
                WHERE t.gap_node IN ({nodes}) AND t.resolved_at >= {since}
             ) r
             LEFT JOIN staff s ON s.id = (
                SELECT a.actor_id FROM audit a
                WHERE a.ticket_id = r.id AND a.action = 'status_changed'
                  AND a.after_state LIKE '%\"action\":\"resolve\"%'
                ORDER BY a.id DESC LIMIT 1)
             WHERE r.n <= {limit}
             ORDER BY r.gap_node, r.resolved_at DESC, r.id DESC"
        );
        let rows = binds.query(sql).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                let status: String = row.try_get("status")?;
                let resolver_id: Option<i64> = row.try_get("resolver_id")?;
                let resolver_name: Option<String> = row.try_get("resolver_name")?;
                let resolution: Option<String> = row.try_get("resolution")?;
                Ok((
                    row.try_get("gap_node")?,
                    GapResolution {
                        ticket: row.try_get("id")?,
                        reference: row.try_get("reference")?,
                        resolution: resolution.unwrap_or_default(),
                        resolved_at: row.try_get("resolved_at")?,
                        resolved_by: resolver_id.map(|id| Holder {
                            id,
                            name: resolver_name.unwrap_or_default(),
                        }),
                        status: parse_status(&status)?,
                        erased_at: row.try_get("erased_at")?,
                    },
                ))
            })
            .collect()
    }

    /// Whether any version of tree `id` was ever stored (served now or before).
    pub async fn tree_ever_served(&self, id: &str) -> Result<bool> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT tree_id FROM tree_versions WHERE tree_id = $1 LIMIT 1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.is_some())
    }
}
