//! Tickets as the hand-off intake and the end user see them: creation (idempotent),
//! lookup by reference, the public thread, user messages and attachments.

use super::{Result, Store, StoreError, audit, events, now_ms};
use domain::api::{AttachmentInfo, Author, Message, StatusChange, Visibility};
use domain::ticket::Status;
use sqlx::{AnyConnection, AnyPool};

/// A ticket about to be stored; everything is validated already.
#[derive(Debug, Clone)]
pub struct NewTicket {
    pub reference: String,
    pub token_hash: String,
    pub idempotency_key: String,
    pub request_hash: String,
    pub tree_id: String,
    pub tree_version: String,
    pub escalated_at_node: String,
    pub queue: String,
    pub channel: String,
    pub impact: String,
    pub urgency: String,
    pub priority: i64,
    pub contact_name: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub description: String,
    pub language: String,
    /// The replayed walk, JSON.
    pub walk: String,
    /// Diagnostics the user agreed to send, JSON object.
    pub diagnostics: String,
    pub created_at: i64,
    pub due_at: i64,
    pub attachments: Vec<NewFile>,
}

/// A checked attachment.
#[derive(Debug, Clone)]
pub struct NewFile {
    pub name: String,
    pub content_type: String,
    pub sha256: String,
    pub data: Vec<u8>,
}

/// A ticket found by its idempotency key.
#[derive(Debug, Clone, PartialEq)]
pub struct Existing {
    pub id: i64,
    pub reference: String,
    pub request_hash: String,
    pub priority: i64,
    pub due_at: i64,
}

/// The fields the end user's view needs.
#[derive(Debug, Clone)]
pub struct PublicRow {
    pub id: i64,
    pub reference: String,
    pub token_hash: String,
    pub status: Status,
    pub tree_id: String,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Store {
    pub async fn ticket_by_idempotency_key(&self, key: &str) -> Result<Option<Existing>> {
        let row: Option<(i64, String, String, i64, i64)> = sqlx::query_as(
            "SELECT id, reference, request_hash, priority, due_at FROM tickets WHERE idempotency_key = $1",
        )
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        Ok(
            row.map(|(id, reference, request_hash, priority, due_at)| Existing {
                id,
                reference,
                request_hash,
                priority,
                due_at,
            }),
        )
    }

    /// Stores a ticket with its attachments, its first audit entry and its live event,
    /// in one transaction: acknowledged means all of it is durable. A taken reference
    /// or idempotency key comes back as [`StoreError::Conflict`].
    ///
    /// On SQLite the ticket shares its transaction with the other tickets waiting at that
    /// moment ([`super::group_commit`]); the answer still comes only after the commit.
    pub async fn create_ticket(&self, t: &NewTicket) -> Result<i64> {
        let id = match &self.group_commit {
            Some(group) => group.create_ticket(t.clone()).await?,
            None => commit_ticket(&self.pool, t).await?,
        };
        // The ticket's live event committed with it: let staff screens see it now.
        self.events_committed.notify_one();
        Ok(id)
    }

    pub async fn public_ticket(&self, reference: &str) -> Result<Option<PublicRow>> {
        let row: Option<(i64, String, String, String, String, i64, i64)> = sqlx::query_as(
            "SELECT id, reference, token_hash, status, tree_id, created_at, updated_at FROM tickets WHERE reference = $1",
        )
        .bind(reference)
        .fetch_optional(&self.pool)
        .await?;
        row.map(
            |(id, reference, token_hash, status, tree_id, created_at, updated_at)| {
                Ok(PublicRow {
                    id,
                    reference,
                    token_hash,
                    status: parse_status(&status)?,
                    tree_id,
                    created_at,
                    updated_at,
                })
            },
        )
        .transpose()
    }

    /// Status changes of a ticket, oldest first.
    pub async fn timeline(&self, ticket: i64) -> Result<Vec<StatusChange>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT after_state, at FROM audit WHERE ticket_id = $1 AND action = $2 ORDER BY id",
        )
        .bind(ticket)
        .bind(audit::STATUS_CHANGED)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(after, at)| {
                let v: serde_json::Value = serde_json::from_str(&after).ok()?;
                let status = serde_json::from_value(v.get("status")?.clone()).ok()?;
                Some(StatusChange { status, at })
            })
            .collect())
    }

    /// The thread of a ticket, oldest first; `internal` includes staff-only notes.
    pub async fn thread(&self, ticket: i64, internal: bool) -> Result<Vec<Message>> {
        let rows: Vec<(i64, String, Option<String>, String, String, i64)> = sqlx::query_as(
            "SELECT m.id, m.author, s.name, m.visibility, m.body, m.created_at
             FROM messages m LEFT JOIN staff s ON s.id = m.staff_id
             WHERE m.ticket_id = $1 AND (m.visibility = 'public' OR $2 = 1) ORDER BY m.id",
        )
        .bind(ticket)
        .bind(i64::from(internal))
        .fetch_all(&self.pool)
        .await?;
        let files = self.attachments(ticket).await?;
        let mut by_message = files.into_iter().fold(
            std::collections::BTreeMap::<i64, Vec<AttachmentInfo>>::new(),
            |mut map, (message, info)| {
                if let Some(m) = message {
                    map.entry(m).or_default().push(info);
                }
                map
            },
        );
        Ok(rows
            .into_iter()
            .map(
                |(id, author, author_name, visibility, body, created_at)| Message {
                    id,
                    author: if author == "staff" {
                        Author::Staff
                    } else {
                        Author::User
                    },
                    author_name,
                    visibility: if visibility == "internal" {
                        Visibility::Internal
                    } else {
                        Visibility::Public
                    },
                    body,
                    created_at,
                    attachments: by_message.remove(&id).unwrap_or_default(),
                },
            )
            .collect())
    }

    /// Every attachment of a ticket with the message it came with (`None`: the hand-off).
    pub async fn attachments(&self, ticket: i64) -> Result<Vec<(Option<i64>, AttachmentInfo)>> {
        let rows: Vec<(i64, Option<i64>, String, String, i64, i64)> = sqlx::query_as(
            "SELECT id, message_id, name, content_type, size, created_at FROM attachments WHERE ticket_id = $1 ORDER BY id",
        )
        .bind(ticket)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, message, name, content_type, size, created_at)| {
                (
                    message,
                    AttachmentInfo {
                        id,
                        name,
                        content_type,
                        size,
                        created_at,
                    },
                )
            })
            .collect())
    }

    /// One attachment's name, type and bytes, if it belongs to `ticket`.
    pub async fn attachment(
        &self,
        ticket: i64,
        id: i64,
    ) -> Result<Option<(String, String, Vec<u8>)>> {
        Ok(sqlx::query_as(
            "SELECT name, content_type, data FROM attachments WHERE ticket_id = $1 AND id = $2",
        )
        .bind(ticket)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The user adds a message (and files). A ticket waiting for the user goes back to
    /// its holder. Returns the message id.
    pub async fn add_user_message(
        &self,
        ticket: i64,
        body: &str,
        files: &[NewFile],
    ) -> Result<i64> {
        let mut tx = self.pool.begin().await?;
        let status = locked_status(&mut tx, ticket).await?;
        if !status.is_open() {
            return Err(StoreError::Conflict(format!(
                "the ticket is {}; open a new one",
                status.name()
            )));
        }
        let now = now_ms();
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO messages (ticket_id, author, visibility, body, created_at) VALUES ($1, 'user', 'public', $2, $3) RETURNING id",
        )
        .bind(ticket)
        .bind(body)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        insert_files(&mut tx, ticket, Some(id), files).await?;
        let next = domain::ticket::transition(status, domain::ticket::Action::UserReplied);
        if let Some(next) = next {
            set_status(&mut tx, ticket, next, now).await?;
            audit::status_changed(&mut tx, ticket, None, Some(status), next).await?;
        } else {
            touch(&mut tx, ticket, now).await?;
        }
        audit::record(
            &mut tx,
            Some(ticket),
            None,
            "user_message",
            None,
            Some(&serde_json::json!({ "message": id })),
        )
        .await?;
        self.finish_user_change(tx, ticket, "user_message", next.unwrap_or(status))
            .await?;
        Ok(id)
    }

    /// The user says they solved it themselves.
    pub async fn solved_by_user(&self, ticket: i64) -> Result<Status> {
        let mut tx = self.pool.begin().await?;
        let status = locked_status(&mut tx, ticket).await?;
        let Some(next) = domain::ticket::transition(status, domain::ticket::Action::SolvedByUser)
        else {
            return Err(StoreError::Conflict(format!(
                "the ticket is {} already",
                status.name()
            )));
        };
        let now = now_ms();
        sqlx::query("UPDATE tickets SET status = $1, resolved_at = $2, updated_at = $2, revision = revision + 1 WHERE id = $3")
            .bind(next.name())
            .bind(now)
            .bind(ticket)
            .execute(&mut *tx)
            .await?;
        audit::status_changed(&mut tx, ticket, None, Some(status), next).await?;
        self.finish_user_change(tx, ticket, "solved_by_user", next)
            .await?;
        Ok(next)
    }

    /// Ends a change the user made: its live event (the transaction's last statement,
    /// as `events::record` requires) and the commit that wakes staff screens.
    async fn finish_user_change(
        &self,
        mut tx: sqlx::Transaction<'static, sqlx::Any>,
        ticket: i64,
        change: &str,
        status: Status,
    ) -> Result<()> {
        let payload = serde_json::json!({ "id": ticket, "change": change, "status": status });
        events::record(
            &mut tx,
            events::kind::TICKET_CHANGED,
            Some(ticket),
            &payload,
        )
        .await?;
        self.commit_with_events(tx).await
    }

    /// Records an anonymous walk outcome.
    pub async fn record_outcome(
        &self,
        tree: &str,
        version: &str,
        node: &str,
        outcome: &str,
    ) -> Result<()> {
        sqlx::query("INSERT INTO outcomes (tree_id, tree_version, node_id, outcome, at) VALUES ($1, $2, $3, $4, $5)")
            .bind(tree)
            .bind(version)
            .bind(node)
            .bind(outcome)
            .bind(now_ms())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

/// Stores one ticket in a transaction of its own.
pub(super) async fn commit_ticket(pool: &AnyPool, t: &NewTicket) -> Result<i64> {
    let mut tx = pool.begin().await?;
    let id = insert_ticket(&mut tx, t).await?;
    insert_arrival(&mut tx, id, t).await?;
    tx.commit().await?;
    Ok(id)
}

/// The ticket's row; returns its id. A taken reference or idempotency key fails this
/// one statement with [`StoreError::Conflict`], before anything else of the ticket is
/// written.
pub(super) async fn insert_ticket(conn: &mut AnyConnection, t: &NewTicket) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO tickets (reference, token_hash, idempotency_key, request_hash, tree_id, tree_version,
            escalated_at_node, queue, channel, status, impact, urgency, priority, contact_name,
            contact_email, contact_phone, description, language, walk, diagnostics, created_at, due_at, updated_at,
            search_text, contact_phone_digits)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $21, $23, $24)
         RETURNING id",
    )
    .bind(&t.reference)
    .bind(&t.token_hash)
    .bind(&t.idempotency_key)
    .bind(&t.request_hash)
    .bind(&t.tree_id)
    .bind(&t.tree_version)
    .bind(&t.escalated_at_node)
    .bind(&t.queue)
    .bind(&t.channel)
    .bind(Status::New.name())
    .bind(&t.impact)
    .bind(&t.urgency)
    .bind(t.priority)
    .bind(&t.contact_name)
    .bind(&t.contact_email)
    .bind(&t.contact_phone)
    .bind(&t.description)
    .bind(&t.language)
    .bind(&t.walk)
    .bind(&t.diagnostics)
    .bind(t.created_at)
    .bind(t.due_at)
    .bind(super::schema::search_text(
        &t.reference,
        &t.contact_name,
        t.contact_email.as_deref(),
        &t.description,
    ))
    .bind(t.contact_phone.as_deref().map(domain::api::phone_digits))
    .fetch_one(&mut *conn)
    .await?;
    super::analytics::record_ticket_path(conn, id, t.created_at, &t.walk).await?;
    Ok(id)
}

/// What arrives with a new ticket: its attachments, its first audit entry, its live event.
pub(super) async fn insert_arrival(conn: &mut AnyConnection, id: i64, t: &NewTicket) -> Result<()> {
    insert_files(conn, id, None, &t.attachments).await?;
    audit::status_changed(conn, id, None, None, Status::New).await?;
    let payload = serde_json::json!({
        "id": id, "reference": t.reference, "priority": t.priority, "queue": t.queue,
        "tree": t.tree_id, "status": Status::New,
    });
    events::record(conn, events::kind::TICKET_CREATED, Some(id), &payload).await?;
    Ok(())
}

async fn insert_files(
    conn: &mut AnyConnection,
    ticket: i64,
    message: Option<i64>,
    files: &[NewFile],
) -> Result<()> {
    for f in files {
        sqlx::query(
            "INSERT INTO attachments (ticket_id, message_id, name, content_type, size, sha256, data, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(ticket)
        .bind(message)
        .bind(&f.name)
        .bind(&f.content_type)
        .bind(f.data.len() as i64)
        .bind(&f.sha256)
        .bind(&f.data)
        .bind(now_ms())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The ticket's status, with its row held for this transaction: a staff change cannot
/// slip in between the read and the write. Writing first (a no-op update) takes the row
/// lock on PostgreSQL and SQLite's write lock before the read, so the read is current.
async fn locked_status(conn: &mut AnyConnection, ticket: i64) -> Result<Status> {
    let held = sqlx::query("UPDATE tickets SET revision = revision WHERE id = $1")
        .bind(ticket)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    if held == 0 {
        return Err(StoreError::NotFound);
    }
    let (status,): (String,) = sqlx::query_as("SELECT status FROM tickets WHERE id = $1")
        .bind(ticket)
        .fetch_one(conn)
        .await?;
    parse_status(&status)
}

async fn set_status(conn: &mut AnyConnection, ticket: i64, status: Status, now: i64) -> Result<()> {
    sqlx::query(
        "UPDATE tickets SET status = $1, updated_at = $2, revision = revision + 1 WHERE id = $3",
    )
    .bind(status.name())
    .bind(now)
    .bind(ticket)
    .execute(conn)
    .await?;
    Ok(())
}

async fn touch(conn: &mut AnyConnection, ticket: i64, now: i64) -> Result<()> {
    sqlx::query("UPDATE tickets SET updated_at = $1, revision = revision + 1 WHERE id = $2")
        .bind(now)
        .bind(ticket)
        .execute(conn)
        .await?;
    Ok(())
}

/// A stored status name; anything else means the row was written by something else.
pub fn parse_status(name: &str) -> Result<Status> {
    Status::parse(name)
        .ok_or_else(|| StoreError::Database(format!("unknown status `{name}` in the database")))
}
