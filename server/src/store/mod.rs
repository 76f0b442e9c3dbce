//! The database: one [`Store`] with domain verbs over SQLite (embedded default) or
//! PostgreSQL (several instances), chosen by the URL.
//!
//! Both databases run the same statements through sqlx's `Any` driver; where their SQL
//! differs (column types in the schema, `FOR UPDATE SKIP LOCKED`, notifications) the
//! [`Backend`] picks the variant. One implementation tested against both keeps their
//! behaviour identical by construction. Handlers never see `sqlx::Error`: this module
//! maps it to [`StoreError`] once.

pub mod audit;
pub mod events;
mod group_commit;
mod schema;
mod settings;
mod staff;
pub mod tickets;
mod trees;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};
use std::time::Duration;

/// Which database is behind the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// What can go wrong in the store, as handlers need to know it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A uniqueness or state conflict the caller should report as 409.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The database cannot be reached (pool timeout, connection refused).
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Database(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => {
                StoreError::Unavailable(e.to_string())
            }
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(db.message().to_owned())
            }
            other => StoreError::Database(other.to_string()),
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The database, shared by every request. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    pub backend: Backend,
    /// SQLite's one writer of new tickets; `None` on PostgreSQL.
    group_commit: Option<group_commit::GroupCommit>,
}

impl Store {
    /// Opens (and for SQLite creates) the database at `url` and brings its schema up to
    /// date. `sqlite://PATH` or `postgres://...`.
    pub async fn open(url: &str) -> Result<Store> {
        install_default_drivers();
        let backend = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            return Err(StoreError::Database(format!(
                "unsupported database URL `{url}`; use sqlite://PATH or postgres://..."
            )));
        };
        let options = AnyPoolOptions::new()
            .acquire_timeout(Duration::from_secs(5))
            .max_connections(match backend {
                // SQLite has one writer at a time; more connections only add lock waits.
                Backend::Sqlite => 4,
                Backend::Postgres => 16,
            });
        let options = match backend {
            Backend::Sqlite => options.after_connect(|conn, _| {
                Box::pin(async move {
                    // WAL lets readers run beside the writer; synchronous=FULL syncs the
                    // log on every commit, so an acknowledged write survives a power loss.
                    conn.execute(sqlx::raw_sql(
                        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; \
                         PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;",
                    ))
                    .await?;
                    Ok(())
                })
            }),
            Backend::Postgres => options,
        };
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                format!("{url}{}mode=rwc", if url.contains('?') { "&" } else { "?" })
            }
            _ => url.to_owned(),
        };
        let pool = options.connect(&url).await?;
        let mut store = Store {
            pool,
            backend,
            group_commit: None,
        };
        schema::migrate(&store).await?;
        if backend == Backend::Sqlite {
            store.group_commit = Some(group_commit::GroupCommit::start(store.pool.clone()));
        }
        Ok(store)
    }

    /// Whether the database answers (for `/readyz`).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Closes every connection (after in-flight statements finish).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Milliseconds since the Unix epoch: the one time format the store keeps.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}
