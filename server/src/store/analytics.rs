//! Tree analytics: what is recorded of a walk for the figures, and the counts read back
//! (the arithmetic is `domain::api::analytics`).
//!
//! Each finished walk leaves one `walk_nodes` row per node it passed in the tree it
//! ended in: a `resolved`/`abandoned` outcome event's path, a ticket's path (taken from
//! its replayed walk when it is stored). So "reached" is one indexed `GROUP BY`, not a
//! parse of every ticket's walk per request. Ends are counted with `GROUP BY` on
//! `outcomes` and on `tickets.escalated_at_node`; the closed record ticket of a call
//! solved on the phone is linked from its outcome (`outcomes.ticket_id`) and is no
//! escalation. Nothing here names a person: tree, node, time, outcome.

use super::binds::Binds;
use super::{Result, Store, now_ms};
use domain::api::{Ending, path_in_end_tree};
use domain::walk::Walk;
use sqlx::AnyConnection;
use std::collections::BTreeMap;

/// Counted rows of a period: outcome rows (tree, node, outcome, n), escalations
/// (tree, node, n).
#[derive(Debug, Default)]
pub struct Counts {
    /// Started walks per tree.
    pub started: BTreeMap<String, u64>,
    /// Walks that ended, per tree: (node, how, n).
    pub ends: BTreeMap<String, Vec<(String, Ending, u64)>>,
}

/// Tickets filled per statement by [`fill_walk_nodes`].
const FILL_BATCH: i64 = 500;

/// Writes the `walk_nodes` rows of one finished walk (nothing for an empty path).
async fn insert_nodes(
    conn: &mut AnyConnection,
    tree: &str,
    nodes: &[String],
    at: i64,
    ticket: Option<i64>,
) -> Result<()> {
    if nodes.is_empty() {
        return Ok(());
    }
    let mut binds = Binds::default();
    let tree = binds.text(tree);
    let at = binds.int(at);
    let ticket = match ticket {
        Some(id) => binds.int(id),
        None => "NULL".to_owned(),
    };
    let rows: Vec<String> = nodes
        .iter()
        .map(|n| format!("({tree}, {}, {at}, {ticket})", binds.text(n)))
        .collect();
    binds
        .query(format!(
            "INSERT INTO walk_nodes (tree_id, node_id, at, ticket_id) VALUES {}",
            rows.join(", ")
        ))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Records the path of a ticket's walk (stored JSON) in the tree it escalated in; a
/// walk that does not read is left out of the figures rather than failing the ticket.
pub(super) async fn record_ticket_path(
    conn: &mut AnyConnection,
    ticket: i64,
    at: i64,
    walk: &str,
) -> Result<()> {
    let Ok(walk) = serde_json::from_str::<Walk>(walk) else {
        return Ok(());
    };
    let Some(end) = walk.path.last() else {
        return Ok(());
    };
    insert_nodes(conn, &end.tree, &path_in_end_tree(&walk), at, Some(ticket)).await
}

/// Records the path of a call solved on the phone without a record ticket (a record
/// ticket's own path stands for it).
pub(super) async fn record_call_path(
    conn: &mut AnyConnection,
    tree: &str,
    path: &[String],
    at: i64,
) -> Result<()> {
    insert_nodes(conn, tree, path, at, None).await
}

/// Fills `walk_nodes` for tickets stored before migration 0010 (up to the id it
/// noted), a batch per transaction, the progress kept in the same note; removes the
/// note when done.
pub async fn fill_walk_nodes(store: &Store) -> Result<()> {
    loop {
        let note: Option<(String,)> =
            sqlx::query_as("SELECT value FROM settings WHERE name = 'walk_nodes_fill'")
                .fetch_optional(&store.pool)
                .await?;
        let Some((note,)) = note else {
            return Ok(());
        };
        // `upto` or `upto done`.
        let mut parts = note.split(' ').map(|p| p.parse::<i64>().unwrap_or(0));
        let upto = parts.next().unwrap_or(0);
        let done = parts.next().unwrap_or(0);
        let mut tx = store.pool.begin().await?;
        let rows: Vec<(i64, i64, String)> = sqlx::query_as(
            "SELECT id, created_at, walk FROM tickets WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3",
        )
        .bind(done)
        .bind(upto)
        .bind(FILL_BATCH)
        .fetch_all(&mut *tx)
        .await?;
        let Some(last) = rows.last().map(|r| r.0) else {
            sqlx::query("DELETE FROM settings WHERE name = 'walk_nodes_fill'")
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            return Ok(());
        };
        for (id, at, walk) in &rows {
            record_ticket_path(&mut tx, *id, *at, walk).await?;
        }
        sqlx::query("UPDATE settings SET value = $1 WHERE name = 'walk_nodes_fill'")
            .bind(format!("{upto} {last}"))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
}

fn ending(outcome: &str) -> Option<Ending> {
    match outcome {
        "resolved" => Some(Ending::Resolved),
        "abandoned" => Some(Ending::Abandoned),
        _ => None,
    }
}

impl Store {
    /// Records a walk's anonymous outcome with its path (node ids in `tree`); only a
    /// finished walk (`resolved`, `abandoned`) leaves `walk_nodes` rows.
    pub async fn record_walk_outcome(
        &self,
        tree: &str,
        version: &str,
        node: &str,
        outcome: &str,
        path: &[String],
    ) -> Result<()> {
        let at = now_ms();
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO outcomes (tree_id, tree_version, node_id, outcome, at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(tree)
        .bind(version)
        .bind(node)
        .bind(outcome)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        if ending(outcome).is_some() {
            let path = domain::api::distinct(path.iter().map(String::as_str));
            insert_nodes(&mut tx, tree, &path, at, None).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Started walks and ends since `since` (ms), of one tree or of all. A phone call
    /// counts as started when it ends (the console reports nothing at its start).
    pub async fn walk_counts(&self, tree: Option<&str>, since: i64) -> Result<Counts> {
        use sqlx::Row;
        let mut binds = Binds::default();
        let mut sql = format!(
            "SELECT tree_id, node_id, outcome, channel, COUNT(*) FROM outcomes
             WHERE at >= {} AND outcome IN ('started', 'resolved', 'abandoned')",
            binds.int(since)
        );
        if let Some(tree) = tree {
            sql.push_str(&format!(" AND tree_id = {}", binds.text(tree)));
        }
        sql.push_str(" GROUP BY tree_id, node_id, outcome, channel");
        let rows = binds.query(sql).fetch_all(&self.pool).await?;
        let mut counts = Counts::default();
        for row in rows {
            let (t, node, outcome, channel, n): (String, String, String, String, i64) = (
                row.try_get(0)?,
                row.try_get(1)?,
                row.try_get(2)?,
                row.try_get(3)?,
                row.try_get(4)?,
            );
            let n = u64::try_from(n).unwrap_or(0);
            if channel == "phone" || outcome == "started" {
                *counts.started.entry(t.clone()).or_default() += n;
            }
            if let Some(how) = ending(&outcome) {
                counts.ends.entry(t).or_default().push((node, how, n));
            }
        }
        // Escalations: tickets by the node they were handed off at (`tree/node`),
        // without the record tickets of calls solved on the phone. The pattern keeps
        // other trees out in SQL (tree ids hold no `%` or `_` wildcards that matter:
        // the exact prefix is checked again below).
        let mut binds = Binds::default();
        let mut sql = format!(
            "SELECT escalated_at_node, channel, COUNT(*) FROM tickets t
             WHERE t.created_at >= {}
               AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.ticket_id = t.id)",
            binds.int(since)
        );
        if let Some(tree) = tree {
            sql.push_str(&format!(
                " AND escalated_at_node LIKE {}",
                binds.text(format!("{tree}/%"))
            ));
        }
        sql.push_str(" GROUP BY escalated_at_node, channel");
        let rows = binds.query(sql).fetch_all(&self.pool).await?;
        for row in rows {
            let (at_node, channel, n): (String, String, i64) =
                (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
            let Some((t, node)) = at_node.split_once('/') else {
                continue;
            };
            if tree.is_some_and(|tree| tree != t) {
                continue;
            }
            let n = u64::try_from(n).unwrap_or(0);
            if channel == "phone" {
                *counts.started.entry(t.to_owned()).or_default() += n;
            }
            counts.ends.entry(t.to_owned()).or_default().push((
                node.to_owned(),
                Ending::Escalated,
                n,
            ));
        }
        Ok(counts)
    }

    /// Finished walks since `since` that passed each node of `tree`.
    pub async fn reached(&self, tree: &str, since: i64) -> Result<Vec<(String, u64)>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT node_id, COUNT(*) FROM walk_nodes WHERE tree_id = $1 AND at >= $2 GROUP BY node_id",
        )
        .bind(tree)
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(node, n)| (node, u64::try_from(n).unwrap_or(0)))
            .collect())
    }
}
