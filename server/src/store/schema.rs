//! The schema and its migrations, written once for both databases.
//!
//! A migration is a list of statements with three placeholders the backend fills:
//! `{id}` (auto-increment primary key), `{int}` (64-bit integer) and `{blob}`. Applied
//! migrations are recorded in `lotse_migrations`; start-up applies the missing ones in
//! one transaction each. Never edit a released migration: add a new one.

use super::{Backend, Result, Store};

const MIGRATIONS: &[(&str, &[&str])] = &[
    (
        "0001_initial",
        &[
            "CREATE TABLE staff (
            id {id},
            login TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL,
            queues TEXT NOT NULL DEFAULT '',
            active {int} NOT NULL DEFAULT 1,
            must_change_password {int} NOT NULL DEFAULT 0,
            created_at {int} NOT NULL,
            last_seen_at {int}
        )",
            "CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            staff_id {int} NOT NULL REFERENCES staff(id),
            csrf TEXT NOT NULL,
            created_at {int} NOT NULL,
            expires_at {int} NOT NULL
        )",
            "CREATE INDEX sessions_staff ON sessions(staff_id)",
            "CREATE TABLE tree_versions (
            tree_id TEXT NOT NULL,
            version TEXT NOT NULL,
            body TEXT NOT NULL,
            stored_at {int} NOT NULL,
            PRIMARY KEY (tree_id, version)
        )",
            "CREATE TABLE tickets (
            id {id},
            reference TEXT NOT NULL UNIQUE,
            token_hash TEXT NOT NULL,
            idempotency_key TEXT NOT NULL UNIQUE,
            request_hash TEXT NOT NULL,
            tree_id TEXT NOT NULL,
            tree_version TEXT NOT NULL,
            escalated_at_node TEXT NOT NULL,
            queue TEXT NOT NULL,
            channel TEXT NOT NULL,
            status TEXT NOT NULL,
            impact TEXT NOT NULL,
            urgency TEXT NOT NULL,
            priority {int} NOT NULL,
            holder_id {int} REFERENCES staff(id),
            contact_name TEXT NOT NULL,
            contact_email TEXT,
            contact_phone TEXT,
            description TEXT NOT NULL,
            language TEXT NOT NULL,
            walk TEXT NOT NULL,
            diagnostics TEXT NOT NULL,
            resolution TEXT,
            gap_node TEXT,
            created_at {int} NOT NULL,
            due_at {int} NOT NULL,
            updated_at {int} NOT NULL,
            claimed_at {int},
            resolved_at {int},
            revision {int} NOT NULL DEFAULT 1
        )",
            "CREATE INDEX tickets_queue_order ON tickets(status, priority, created_at)",
            "CREATE INDEX tickets_holder ON tickets(holder_id)",
            "CREATE TABLE messages (
            id {id},
            ticket_id {int} NOT NULL REFERENCES tickets(id),
            author TEXT NOT NULL,
            staff_id {int} REFERENCES staff(id),
            visibility TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at {int} NOT NULL
        )",
            "CREATE INDEX messages_ticket ON messages(ticket_id, id)",
            "CREATE TABLE attachments (
            id {id},
            ticket_id {int} NOT NULL REFERENCES tickets(id),
            message_id {int} REFERENCES messages(id),
            name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size {int} NOT NULL,
            sha256 TEXT NOT NULL,
            data {blob} NOT NULL,
            created_at {int} NOT NULL
        )",
            "CREATE INDEX attachments_ticket ON attachments(ticket_id)",
            "CREATE TABLE audit (
            id {id},
            ticket_id {int} REFERENCES tickets(id),
            actor_id {int} REFERENCES staff(id),
            action TEXT NOT NULL,
            before_state TEXT,
            after_state TEXT,
            at {int} NOT NULL
        )",
            "CREATE INDEX audit_ticket ON audit(ticket_id, id)",
            "CREATE TABLE events (
            id {id},
            kind TEXT NOT NULL,
            ticket_id {int},
            payload TEXT NOT NULL,
            at {int} NOT NULL
        )",
            "CREATE TABLE outcomes (
            id {id},
            tree_id TEXT NOT NULL,
            tree_version TEXT NOT NULL,
            node_id TEXT NOT NULL,
            outcome TEXT NOT NULL,
            at {int} NOT NULL
        )",
            "CREATE INDEX outcomes_tree ON outcomes(tree_id, outcome)",
            "CREATE TABLE settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )",
        ],
    ),
    (
        // Failed sign-ins for login throttling (see `auth::throttle`).
        "0002_login_failures",
        &[
            "CREATE TABLE login_failures (
                id {id},
                subject TEXT NOT NULL,
                at {int} NOT NULL
            )",
            "CREATE INDEX login_failures_subject ON login_failures(subject, at)",
            "CREATE INDEX login_failures_at ON login_failures(at)",
        ],
    ),
    (
        // The Queue reads each status in (priority, created_at, id) order and stops after
        // a page (see `queue::queue_page`); with the id in the index PostgreSQL needs no
        // sort for ties either (SQLite appended the rowid already). It replaces
        // `tickets_queue_order`, a prefix of it.
        "0003_queue_page_index",
        &[
            "CREATE INDEX tickets_queue_page ON tickets(status, priority, created_at, id)",
            "DROP INDEX tickets_queue_order",
        ],
    ),
    (
        // Staff search compares folded text (`domain::fold`): SQLite's LOWER folds ASCII
        // only, so `müller` did not find `Müller`. New tickets store it on insert; rows
        // from before are filled by `fill_search_text` at start-up.
        "0004_search_text",
        &["ALTER TABLE tickets ADD COLUMN search_text TEXT"],
    ),
    (
        // The team view reads the last 30 days of hand-offs (`team::team_stats`).
        "0005_tickets_created",
        &["CREATE INDEX tickets_created ON tickets(created_at)"],
    ),
    (
        // The Queue's age order (`order=age`, oldest first) reads each status in
        // (created_at, id) order and stops after a page, as 0003 does for the priority
        // order.
        "0006_queue_age_index",
        &["CREATE INDEX tickets_queue_age ON tickets(status, created_at, id)"],
    ),
    (
        // Personal data erased on request or after the retention time (`erase.rs`).
        "0007_erased_at",
        &["ALTER TABLE tickets ADD COLUMN erased_at {int}"],
    ),
    (
        // The 1st-level agent console (issue 6): handover sessions by code
        // (`store/handovers.rs`), what a ticket made on a call records, the caller
        // lookup by phone digits, and the channel and idempotency of call outcomes.
        // Phone digits of older tickets are filled by `fill_phone_digits` at start-up.
        "0008_calls",
        &[
            "CREATE TABLE handovers (
                id {id},
                code_hash TEXT NOT NULL,
                token_hash TEXT NOT NULL,
                tree_id TEXT NOT NULL,
                versions TEXT NOT NULL,
                walk TEXT NOT NULL,
                diagnostics TEXT NOT NULL,
                language TEXT NOT NULL,
                status TEXT NOT NULL,
                agent_id {int} REFERENCES staff(id),
                created_at {int} NOT NULL,
                expires_at {int} NOT NULL,
                claimed_at {int},
                ended_at {int},
                ended_by TEXT,
                ticket_id {int} REFERENCES tickets(id),
                revision {int} NOT NULL DEFAULT 1,
                updated_at {int} NOT NULL
            )",
            "CREATE INDEX handovers_code ON handovers(code_hash, id)",
            "CREATE INDEX handovers_live ON handovers(status, expires_at)",
            "ALTER TABLE tickets ADD COLUMN agent_id {int} REFERENCES staff(id)",
            "ALTER TABLE tickets ADD COLUMN call_notes TEXT",
            "ALTER TABLE tickets ADD COLUMN call_started_at {int}",
            "ALTER TABLE tickets ADD COLUMN handover_id {int}",
            "ALTER TABLE tickets ADD COLUMN contact_phone_digits TEXT",
            "CREATE INDEX tickets_phone_digits ON tickets(contact_phone_digits)",
            "CREATE INDEX tickets_contact_email ON tickets(LOWER(contact_email))",
            "ALTER TABLE outcomes ADD COLUMN channel TEXT NOT NULL DEFAULT 'web'",
            "ALTER TABLE outcomes ADD COLUMN idempotency_key TEXT",
            "ALTER TABLE outcomes ADD COLUMN request_hash TEXT",
            "ALTER TABLE outcomes ADD COLUMN ticket_id {int}",
            "CREATE UNIQUE INDEX outcomes_idempotency_key ON outcomes(idempotency_key)",
        ],
    ),
    (
        // Tree authoring (issue 8, `store/authoring.rs`): uploaded drafts, and every
        // publication of a tree version (`published_by` NULL: from the tree folder).
        "0009_authoring",
        &[
            "CREATE TABLE tree_drafts (
                id {id},
                tree_id TEXT NOT NULL,
                version TEXT NOT NULL,
                source TEXT NOT NULL,
                body TEXT NOT NULL,
                created_by {int} NOT NULL REFERENCES staff(id),
                created_at {int} NOT NULL
            )",
            "CREATE INDEX tree_drafts_tree ON tree_drafts(tree_id, id)",
            "CREATE TABLE tree_publications (
                id {id},
                tree_id TEXT NOT NULL,
                version TEXT NOT NULL,
                published_at {int} NOT NULL,
                published_by {int} REFERENCES staff(id)
            )",
            "CREATE INDEX tree_publications_tree ON tree_publications(tree_id, id)",
        ],
    ),
    (
        // Tree analytics (`store/analytics.rs`): the nodes each finished walk passed in
        // the tree it ended in (one row per node and walk: outcome events' paths, and
        // tickets' paths from their walk), read by tree and period; outcomes by tree and
        // period, and by the record ticket of a call solved on the phone (not an
        // escalation). Tickets from before are filled by `fill_walk_nodes` at start-up,
        // up to the id noted here.
        "0010_analytics",
        &[
            "CREATE TABLE walk_nodes (
                id {id},
                tree_id TEXT NOT NULL,
                node_id TEXT NOT NULL,
                at {int} NOT NULL,
                ticket_id {int}
            )",
            "CREATE INDEX walk_nodes_tree ON walk_nodes(tree_id, at, node_id)",
            "CREATE INDEX outcomes_tree_at ON outcomes(tree_id, at, outcome)",
            "CREATE INDEX outcomes_ticket ON outcomes(ticket_id)",
            "CREATE INDEX tickets_escalated ON tickets(created_at, escalated_at_node)",
            "INSERT INTO settings (name, value)
                SELECT 'walk_nodes_fill', CAST(COALESCE(MAX(id), 0) AS TEXT) FROM tickets",
        ],
    ),
    (
        // Tree gaps (`gaps.rs`) count and list the tickets that name a gap node, by node
        // and resolution time: a partial index holds only those few rows, so the list
        // reads them without scanning every ticket.
        "0011_gap_nodes",
        &[
            "CREATE INDEX tickets_gap_node ON tickets(gap_node, resolved_at) WHERE gap_node IS NOT NULL",
        ],
    ),
];

/// Fills `contact_phone_digits` of tickets stored before migration 0008, a batch at a
/// time (SQL has no portable way to keep only the digits). Idempotent like
/// [`fill_search_text`].
pub async fn fill_phone_digits(store: &Store) -> Result<()> {
    loop {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, contact_phone FROM tickets
             WHERE contact_phone IS NOT NULL AND contact_phone_digits IS NULL ORDER BY id LIMIT 500",
        )
        .fetch_all(&store.pool)
        .await?;
        if rows.is_empty() {
            return Ok(());
        }
        let mut tx = store.pool.begin().await?;
        for (id, phone) in rows {
            sqlx::query("UPDATE tickets SET contact_phone_digits = $1 WHERE id = $2")
                .bind(domain::api::phone_digits(&phone))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
    }
}

/// The folded text staff search looks in: reference, contact name and e-mail,
/// description.
pub fn search_text(reference: &str, name: &str, email: Option<&str>, description: &str) -> String {
    domain::fold::fold(&format!(
        "{reference}\n{name}\n{}\n{description}",
        email.unwrap_or("")
    ))
}

/// Fills `search_text` of tickets stored before migration 0004, a batch at a time.
/// Idempotent: several instances may run it at once and write the same values.
pub async fn fill_search_text(store: &Store) -> Result<()> {
    loop {
        let rows: Vec<(i64, String, String, Option<String>, String)> = sqlx::query_as(
            "SELECT id, reference, contact_name, contact_email, description FROM tickets
             WHERE search_text IS NULL ORDER BY id LIMIT 500",
        )
        .fetch_all(&store.pool)
        .await?;
        if rows.is_empty() {
            return Ok(());
        }
        let mut tx = store.pool.begin().await?;
        for (id, reference, name, email, description) in rows {
            sqlx::query("UPDATE tickets SET search_text = $1 WHERE id = $2")
                .bind(search_text(
                    &reference,
                    &name,
                    email.as_deref(),
                    &description,
                ))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
    }
}

/// Applies every migration the database does not have yet.
pub async fn migrate(store: &Store) -> Result<()> {
    let (id, int, blob) = match store.backend {
        Backend::Sqlite => ("INTEGER PRIMARY KEY AUTOINCREMENT", "INTEGER", "BLOB"),
        Backend::Postgres => ("BIGSERIAL PRIMARY KEY", "BIGINT", "BYTEA"),
    };
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS lotse_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)",
    )
    .execute(&store.pool)
    .await?;
    for (name, statements) in MIGRATIONS {
        let mut tx = store.pool.begin().await?;
        // Several instances may start at once on PostgreSQL: one migrates, the others
        // wait on this lock and then find the migration applied.
        if store.backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock(7201)")
                .execute(&mut *tx)
                .await?;
        }
        let done: Option<(String,)> =
            sqlx::query_as("SELECT name FROM lotse_migrations WHERE name = $1")
                .bind(*name)
                .fetch_optional(&mut *tx)
                .await?;
        if done.is_some() {
            continue;
        }
        for statement in *statements {
            let sql = statement
                .replace("{id}", id)
                .replace("{int}", int)
                .replace("{blob}", blob);
            // Safe: the statement is a constant of this file; only column types are filled in.
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("INSERT INTO lotse_migrations (name, applied_at) VALUES ($1, $2)")
            .bind(*name)
            .bind(super::now_ms())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    Ok(())
}
