//! Tree authoring: drafts (uploaded, validated, not served) and publications (which
//! version of a tree is served, since when, by whom).
//!
//! The served version of a tree is the one with the latest publication. Tree-folder
//! versions get a publication without a person the first time a start sees them
//! ([`Store::publish_folder`]), so an uploaded version stays served across restarts
//! until the file changes or another upload is published.

use super::events::{self, kind};
use super::{Backend, Result, Store, StoreError, now_ms};
use domain::api::{DraftSummary, VersionEntry};
use domain::{Catalog, Tree};
use std::collections::BTreeMap;

/// Key of the advisory lock that serialises publications on PostgreSQL.
const PUBLISH_LOCK: i64 = 7203;

/// Audit action of a publication (in the administration log).
pub const TREE_PUBLISHED: &str = "tree_published";

/// A stored draft.
#[derive(Debug, Clone)]
pub struct DraftRow {
    pub id: i64,
    pub tree_id: String,
    pub version: String,
    pub tree: Tree,
    pub created_at: i64,
    pub created_by: String,
}

/// What a publication attempt did.
#[derive(Debug)]
pub enum Publication {
    Done {
        published_at: i64,
    },
    /// Another version is published now (`None`: none is).
    Stale {
        published: Option<String>,
    },
}

fn json_error(e: serde_json::Error) -> StoreError {
    StoreError::Database(e.to_string())
}

impl Store {
    /// Records a publication without a person for every folder version never
    /// published before (the first start that sees a version publishes it).
    pub async fn publish_folder(&self, catalog: &Catalog) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(PUBLISH_LOCK)
                .execute(&mut *tx)
                .await?;
        }
        for entry in catalog.entries() {
            let seen: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM tree_publications WHERE tree_id = $1 AND version = $2 LIMIT 1",
            )
            .bind(&entry.tree.id)
            .bind(&entry.version)
            .fetch_optional(&mut *tx)
            .await?;
            if seen.is_none() {
                sqlx::query(
                    "INSERT INTO tree_publications (tree_id, version, published_at, published_by)
                     VALUES ($1, $2, $3, NULL)",
                )
                .bind(&entry.tree.id)
                .bind(&entry.version)
                .bind(now_ms())
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Per tree id, the version with the latest publication.
    pub async fn published_versions(&self) -> Result<BTreeMap<String, String>> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT p.tree_id, p.version FROM tree_publications p
             WHERE p.id = (SELECT MAX(q.id) FROM tree_publications q WHERE q.tree_id = p.tree_id)",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().collect())
    }

    /// The version of `tree` published now.
    pub async fn published_version(&self, tree: &str) -> Result<Option<String>> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT version FROM tree_publications WHERE tree_id = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(tree)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(v,)| v))
    }

    /// Every publication of `tree`, newest first; `served` is left false.
    pub async fn publications(&self, tree: &str) -> Result<Vec<VersionEntry>> {
        let rows: Vec<(String, i64, Option<String>)> = sqlx::query_as(
            "SELECT p.version, p.published_at, s.name FROM tree_publications p
             LEFT JOIN staff s ON s.id = p.published_by
             WHERE p.tree_id = $1 ORDER BY p.id DESC",
        )
        .bind(tree)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(version, published_at, published_by)| VersionEntry {
                version,
                published_at,
                published_by,
                served: false,
            })
            .collect())
    }

    /// Stores a draft; `None` when the tree has `limit` drafts already.
    pub async fn create_draft(
        &self,
        tree: &Tree,
        version: &str,
        source: &str,
        by: i64,
        limit: usize,
    ) -> Result<Option<i64>> {
        let body = serde_json::to_string(tree).map_err(json_error)?;
        let mut tx = self.pool.begin().await?;
        let (count,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM tree_drafts WHERE tree_id = $1")
                .bind(&tree.id)
                .fetch_one(&mut *tx)
                .await?;
        if count >= limit as i64 {
            return Ok(None);
        }
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO tree_drafts (tree_id, version, source, body, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&tree.id)
        .bind(version)
        .bind(source)
        .bind(body)
        .bind(by)
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(id))
    }

    pub async fn draft(&self, id: i64) -> Result<Option<DraftRow>> {
        let row: Option<(i64, String, String, String, i64, String)> = sqlx::query_as(
            "SELECT d.id, d.tree_id, d.version, d.body, d.created_at, s.name
             FROM tree_drafts d JOIN staff s ON s.id = d.created_by WHERE d.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(id, tree_id, version, body, created_at, created_by)| {
            Ok(DraftRow {
                id,
                tree_id,
                version,
                tree: serde_json::from_str(&body).map_err(json_error)?,
                created_at,
                created_by,
            })
        })
        .transpose()
    }

    /// The open drafts of `tree`, newest first.
    pub async fn drafts_of(&self, tree: &str) -> Result<Vec<DraftSummary>> {
        let rows: Vec<(i64, String, i64, String)> = sqlx::query_as(
            "SELECT d.id, d.version, d.created_at, s.name FROM tree_drafts d
             JOIN staff s ON s.id = d.created_by WHERE d.tree_id = $1 ORDER BY d.id DESC",
        )
        .bind(tree)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, version, created_at, created_by)| DraftSummary {
                id,
                version,
                created_at,
                created_by,
            })
            .collect())
    }

    /// Discards a draft; false when there was none.
    pub async fn delete_draft(&self, id: i64) -> Result<bool> {
        let done = sqlx::query("DELETE FROM tree_drafts WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Publishes a draft if `replaces` is still the published version: stores the
    /// version (so tickets walked on it keep it), records the publication, removes the
    /// draft and announces the change to every instance (`trees_published`).
    pub async fn publish_draft(
        &self,
        draft: &DraftRow,
        replaces: Option<&str>,
        by: i64,
    ) -> Result<Publication> {
        let body = serde_json::to_string(&draft.tree).map_err(json_error)?;
        let mut tx = self.pool.begin().await?;
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(PUBLISH_LOCK)
                .execute(&mut *tx)
                .await?;
        }
        let current: Option<(String,)> = sqlx::query_as(
            "SELECT version FROM tree_publications WHERE tree_id = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(&draft.tree_id)
        .fetch_optional(&mut *tx)
        .await?;
        let current = current.map(|(v,)| v);
        if current.as_deref() != replaces {
            return Ok(Publication::Stale { published: current });
        }
        let now = now_ms();
        sqlx::query(
            "INSERT INTO tree_versions (tree_id, version, body, stored_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (tree_id, version) DO NOTHING",
        )
        .bind(&draft.tree_id)
        .bind(&draft.version)
        .bind(body)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO tree_publications (tree_id, version, published_at, published_by)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(&draft.tree_id)
        .bind(&draft.version)
        .bind(now)
        .bind(by)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM tree_drafts WHERE id = $1")
            .bind(draft.id)
            .execute(&mut *tx)
            .await?;
        super::audit::record(
            &mut tx,
            None,
            Some(by),
            TREE_PUBLISHED,
            Some(&serde_json::json!({ "tree": draft.tree_id, "version": replaces })),
            Some(&serde_json::json!({ "tree": draft.tree_id, "version": draft.version })),
        )
        .await?;
        events::record(
            &mut tx,
            kind::TREES_PUBLISHED,
            None,
            &serde_json::json!({ "tree": draft.tree_id, "version": draft.version }),
        )
        .await?;
        self.commit_with_events(tx).await?;
        Ok(Publication::Done { published_at: now })
    }
}
