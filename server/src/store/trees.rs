//! Tree versions, stored the first time they are served so that a ticket always shows
//! the tree it was walked on, even after the file changed.

use super::{Result, Store, now_ms};
use domain::{Catalog, Tree};

impl Store {
    /// Stores every tree version of the catalog the database does not have yet.
    pub async fn remember_trees(&self, catalog: &Catalog) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        for entry in catalog.entries() {
            let body = serde_json::to_string(&entry.tree)
                .map_err(|e| super::StoreError::Database(e.to_string()))?;
            sqlx::query(
                "INSERT INTO tree_versions (tree_id, version, body, stored_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (tree_id, version) DO NOTHING",
            )
            .bind(&entry.tree.id)
            .bind(&entry.version)
            .bind(body)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// A stored tree version.
    pub async fn tree_version(&self, tree: &str, version: &str) -> Result<Option<Tree>> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT body FROM tree_versions WHERE tree_id = $1 AND version = $2")
                .bind(tree)
                .bind(version)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|(body,)| {
            serde_json::from_str(&body).map_err(|e| super::StoreError::Database(e.to_string()))
        })
        .transpose()
    }
}
