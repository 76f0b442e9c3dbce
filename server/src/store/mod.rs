//! The database: one [`Store`] with domain verbs over SQLite (embedded default) or
//! PostgreSQL (several instances), chosen by the URL.
//!
//! Both databases run the same statements through sqlx's `Any` driver; where their SQL
//! differs (column types in the schema, `FOR UPDATE SKIP LOCKED`, notifications) the
//! [`Backend`] picks the variant. One implementation tested against both keeps their
//! behaviour identical by construction. Handlers never see `sqlx::Error`: this module
//! maps it to [`StoreError`] once.

mod analytics;
pub mod audit;
pub mod authoring;
mod binds;
pub mod calls;
mod claim;
mod detail;
pub mod erase;
pub mod events;
pub mod gaps;
mod group_commit;
pub mod handovers;
mod login_failures;
pub mod queue;
pub mod schema;
mod sessions;
mod settings;
pub mod staff;
mod team;
pub mod tickets;
mod trees;
mod workflow;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

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
                crate::metrics::database_error(true);
                StoreError::Unavailable(e.to_string())
            }
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(db.message().to_owned())
            }
            other => {
                crate::metrics::database_error(false);
                StoreError::Database(other.to_string())
            }
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The database, shared by every request. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    pub backend: Backend,
    /// Poked after a transaction with live events commits; the live-event reader
    /// ([`crate::live`]) waits on it.
    events_committed: Arc<Notify>,
    /// SQLite's one writer of new tickets; `None` on PostgreSQL.
    group_commit: Option<group_commit::GroupCommit>,
}

/// How long a request waits for a database connection before it is answered 503: short,
/// so that a database outage fails requests fast instead of piling them up.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(2);

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
            .acquire_timeout(ACQUIRE_TIMEOUT)
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
            events_committed: Arc::new(Notify::new()),
        };
        schema::migrate(&store).await?;
        schema::fill_search_text(&store).await?;
        schema::fill_phone_digits(&store).await?;
        analytics::fill_walk_nodes(&store).await?;
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

    /// Begins a transaction (for changes that record live events, commit it with
    /// [`Store::commit_with_events`]).
    pub async fn begin(&self) -> Result<Transaction<'static, Any>> {
        Ok(self.pool.begin().await?)
    }

    /// Commits a transaction that recorded live events ([`events::record`]) and wakes
    /// this instance's live-event reader, so staff see the change at once. (Other
    /// instances learn of it from PostgreSQL's notification, which `record` queues and
    /// the commit sends; a plain `commit` only delays the events until the reader's
    /// next look, it never loses them.)
    pub async fn commit_with_events(&self, tx: Transaction<'static, Any>) -> Result<()> {
        tx.commit().await?;
        self.events_committed.notify_one();
        Ok(())
    }

    /// Resolves when a transaction with events committed since the last call (one waiter:
    /// the live-event reader).
    pub(crate) async fn events_committed(&self) {
        self.events_committed.notified().await;
    }

    /// Wakes the live-event reader as if events had been committed here (the PostgreSQL
    /// listener calls it for events of other instances).
    pub(crate) fn announce_events(&self) {
        self.events_committed.notify_one();
    }

    /// Writes a consistent copy of the SQLite database to `file` (`VACUUM INTO`: one
    /// snapshot, while writers go on). Not for PostgreSQL, which has `pg_dump`.
    pub async fn backup_into(&self, file: &std::path::Path) -> Result<()> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::Database(
                "backups of PostgreSQL are made with pg_dump".into(),
            ));
        }
        let file = file
            .to_str()
            .ok_or_else(|| StoreError::Database("the backup path is not UTF-8".into()))?;
        sqlx::query("VACUUM INTO $1")
            .bind(file)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The connection pool, for tests that prepare rows no API writes yet.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
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
