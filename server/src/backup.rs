//! `lotse backup FILE` and `lotse restore FILE`: a consistent copy of the embedded
//! SQLite database while the server runs, and that copy put back into a data folder.
//!
//! The copy is one SQLite file made with `VACUUM INTO`, which reads one snapshot of the
//! database: every ticket, attachment (stored in the database), account, session, audit
//! entry, setting and the server secret (ticket tokens depend on it) as of one moment,
//! with the writer going on meanwhile (WAL mode). Nothing else in the data folder needs
//! saving.
//!
//! Restoring refuses to overwrite: the target data folder must hold no database yet. The
//! file is checked first (SQLite's integrity check, and that it is a Lotse database), then
//! copied beside the target name and renamed, so a failed restore leaves no half file.
//!
//! PostgreSQL installations use the database's own tools (`pg_dump`/`pg_restore`, see the
//! README); both commands say so instead of guessing.
//!
//! Exit codes: 0 done; 2 the command cannot be done (message says why).

use crate::config::Config;
use crate::store::Store;
use sqlx::ConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;
use std::path::Path;
use std::process::ExitCode;
use std::str::FromStr;

/// The database's file name in a data folder.
const DATABASE_FILE: &str = "lotse.db";

/// `lotse backup FILE`.
pub async fn backup(config: &Config, file: &Path) -> ExitCode {
    report(make_backup(config, file).await)
}

/// `lotse restore FILE`.
pub async fn restore(config: &Config, file: &Path) -> ExitCode {
    report(put_back(config, file).await)
}

fn report(result: Result<String, String>) -> ExitCode {
    match result {
        Ok(done) => {
            println!("{done}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn refuse_postgres(config: &Config, what: &str) -> Result<(), String> {
    match &config.database {
        Some(url) if !url.starts_with("sqlite:") => Err(format!(
            "{what} works on the embedded SQLite database; for PostgreSQL use pg_dump and \
             pg_restore (see the README's \"Backup and restore\")"
        )),
        _ => Ok(()),
    }
}

async fn make_backup(config: &Config, file: &Path) -> Result<String, String> {
    refuse_postgres(config, "lotse backup")?;
    if file.exists() {
        return Err(format!(
            "{} exists; name a new file (a backup never overwrites)",
            file.display()
        ));
    }
    let database = config.data.join(DATABASE_FILE);
    if config.database.is_none() && !database.is_file() {
        return Err(format!(
            "no database at {}; check --data",
            database.display()
        ));
    }
    let store = Store::open(&config.database_url())
        .await
        .map_err(|e| format!("cannot open the database: {e}; check --data or --database"))?;
    let result = store.backup_into(file).await;
    store.close().await;
    result.map_err(|e| format!("the backup failed: {e}"))?;
    let counts = counts(file).await?;
    Ok(format!("Backup written to {} ({counts})", file.display()))
}

async fn put_back(config: &Config, file: &Path) -> Result<String, String> {
    refuse_postgres(config, "lotse restore")?;
    if !file.is_file() {
        return Err(format!("no backup file at {}", file.display()));
    }
    let target = config.data.join(DATABASE_FILE);
    if target.exists() {
        return Err(format!(
            "{} exists; restore into a data folder without a database (move it away first)",
            target.display()
        ));
    }
    let counts = counts(file).await?;
    std::fs::create_dir_all(&config.data)
        .map_err(|e| format!("cannot create {}: {e}", config.data.display()))?;
    let partial = config.data.join(format!("{DATABASE_FILE}.restoring"));
    std::fs::copy(file, &partial).map_err(|e| format!("cannot copy the backup: {e}"))?;
    std::fs::File::open(&partial)
        .and_then(|f| f.sync_all())
        .map_err(|e| format!("cannot sync the copy: {e}"))?;
    std::fs::rename(&partial, &target).map_err(|e| format!("cannot put the copy in place: {e}"))?;
    Ok(format!(
        "Restored {} into {} ({counts}); start the server with --data {}",
        file.display(),
        target.display(),
        config.data.display()
    ))
}

/// Checks that `file` is a sound Lotse database and counts what it holds.
async fn counts(file: &Path) -> Result<String, String> {
    let url = format!("sqlite://{}", file.display());
    let mut conn = SqliteConnectOptions::from_str(&url)
        .map_err(|e| e.to_string())?
        .read_only(true)
        .connect()
        .await
        .map_err(|e| format!("{} is not a readable SQLite database: {e}", file.display()))?;
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| format!("{} is not a readable SQLite database: {e}", file.display()))?;
    if check != "ok" {
        return Err(format!("{} is damaged: {check}", file.display()));
    }
    let mut found = Vec::new();
    for (table, query, what) in [
        ("tickets", "SELECT COUNT(*) FROM tickets", "tickets"),
        (
            "attachments",
            "SELECT COUNT(*) FROM attachments",
            "attachments",
        ),
        ("staff", "SELECT COUNT(*) FROM staff", "staff accounts"),
    ] {
        let count: i64 = sqlx::query_scalar(query)
            .fetch_one(&mut conn)
            .await
            .map_err(|_| {
                format!(
                    "{} is not a Lotse database (no {table} table)",
                    file.display()
                )
            })?;
        found.push(format!("{count} {what}"));
    }
    Ok(found.join(", "))
}
