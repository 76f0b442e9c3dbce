//! The Queue: tickets as staff list them, most urgent first (priority, then age), read
//! a page at a time.
//!
//! Pages are keyset pages: a page starts after the (priority, created_at, id) of the
//! last row of the previous one, so a ticket claimed or handed off while someone pages
//! through never shifts a row into the next page twice or out of it (OFFSET would).

use super::binds::Binds;
use super::tickets::parse_status;
use super::{Result, Store};
use domain::api::{Holder, QueueItem};
use domain::ticket::Status;
use sqlx::Row;
use sqlx::any::AnyRow;

/// Where a page starts: after this row of the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct After {
    pub priority: i64,
    pub created_at: i64,
    pub id: i64,
}

impl After {
    /// The position of `item` in the order.
    pub fn of(item: &QueueItem) -> After {
        After {
            priority: i64::from(item.priority),
            created_at: item.created_at,
            id: item.id,
        }
    }
}

/// Who holds the tickets asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assignee {
    Nobody,
    Staff(i64),
}

/// What to list; every field narrows the list.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueQuery {
    pub statuses: Vec<Status>,
    /// `None`: every queue.
    pub queues: Option<Vec<String>>,
    /// Empty: every priority.
    pub priorities: Vec<i64>,
    pub assignee: Option<Assignee>,
    /// Folded words (`domain::fold`); each must appear in the reference, the contact's
    /// name or e-mail address, or the description (their folded `search_text`).
    pub words: Vec<String>,
    /// For agents: only returned tickets and the ones this staff member holds.
    pub agent: Option<i64>,
    pub after: Option<After>,
    pub limit: i64,
}

/// The columns of a [`QueueItem`], for `item`.
pub(super) const ITEM_COLUMNS: &str = "t.id, t.reference, t.status, t.priority, t.queue, t.tree_id, \
     t.escalated_at_node, t.channel, t.contact_name, t.created_at, t.due_at, t.updated_at, \
     t.holder_id, h.name AS holder_name, t.revision";

/// A [`QueueItem`] from a row with [`ITEM_COLUMNS`].
pub(super) fn item(row: &AnyRow) -> Result<QueueItem> {
    let holder_id: Option<i64> = row.try_get("holder_id")?;
    let holder_name: Option<String> = row.try_get("holder_name")?;
    let status: String = row.try_get("status")?;
    let priority: i64 = row.try_get("priority")?;
    Ok(QueueItem {
        id: row.try_get("id")?,
        reference: row.try_get("reference")?,
        status: parse_status(&status)?,
        priority: priority.clamp(1, 5) as u8,
        queue: row.try_get("queue")?,
        tree: row.try_get("tree_id")?,
        escalated_at_node: row.try_get("escalated_at_node")?,
        channel: row.try_get("channel")?,
        contact_name: row.try_get("contact_name")?,
        created_at: row.try_get("created_at")?,
        due_at: row.try_get("due_at")?,
        updated_at: row.try_get("updated_at")?,
        holder: holder_id.map(|id| Holder {
            id,
            name: holder_name.unwrap_or_default(),
        }),
        revision: row.try_get("revision")?,
    })
}

/// `LIKE` pattern matching `word` anywhere, with `\` as the escape character.
fn contains(word: &str) -> String {
    let mut pattern = String::from("%");
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

impl Store {
    /// One page of the Queue, and whether another page follows.
    pub async fn queue_page(&self, q: &QueueQuery) -> Result<(Vec<QueueItem>, bool)> {
        let mut b = Binds::default();
        let mut conditions = Vec::new();
        if let Some(queues) = &q.queues {
            conditions.push(format!("t.queue IN ({})", b.texts(queues)));
        }
        if !q.priorities.is_empty() {
            conditions.push(format!("t.priority IN ({})", b.ints(&q.priorities)));
        }
        match q.assignee {
            Some(Assignee::Nobody) => conditions.push("t.holder_id IS NULL".into()),
            Some(Assignee::Staff(id)) => conditions.push(format!("t.holder_id = {}", b.int(id))),
            None => {}
        }
        if let Some(agent) = q.agent {
            conditions.push(format!(
                "(t.status = 'returned' OR t.holder_id = {})",
                b.int(agent)
            ));
        }
        for word in &q.words {
            let p = b.text(contains(word));
            conditions.push(format!("t.search_text LIKE {p} ESCAPE '\\'"));
        }
        if let Some(after) = q.after {
            // Row values compare in order: a later priority, or the same priority and a
            // later hand-off, or the same millisecond and a later id.
            conditions.push(format!(
                "(t.priority, t.created_at, t.id) > ({}, {}, {})",
                b.int(after.priority),
                b.int(after.created_at),
                b.int(after.id)
            ));
        }
        // One branch per status, each read in Queue order from the index
        // `tickets_queue_page` (status, priority, created_at, id), so each stops after
        // a page. `status IN (...)` with `ORDER BY` sorted every open ticket for each
        // page instead: 40 ms and more with 100,000 stored. Placeholders of the shared
        // conditions repeat in every branch; both databases bind a repeated `$n` once.
        let limit = b.int(q.limit + 1);
        let shared: String = conditions.iter().map(|c| format!(" AND {c}")).collect();
        // A status asked for twice must not list its tickets twice.
        let mut statuses: Vec<Status> = Vec::new();
        for status in &q.statuses {
            if !statuses.contains(status) {
                statuses.push(*status);
            }
        }
        let branches: Vec<String> = statuses
            .iter()
            .enumerate()
            .map(|(i, status)| {
                format!(
                    "SELECT * FROM (SELECT t.id FROM tickets t WHERE t.status = {}{shared} \
                     ORDER BY t.priority, t.created_at, t.id LIMIT {limit}) s{i}",
                    b.text(status.name())
                )
            })
            .collect();
        if branches.is_empty() {
            return Ok((Vec::new(), false));
        }
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM ({}) page JOIN tickets t ON t.id = page.id \
             LEFT JOIN staff h ON h.id = t.holder_id \
             ORDER BY t.priority, t.created_at, t.id LIMIT {limit}",
            branches.join(" UNION ALL ")
        );
        let rows = b.query(sql).fetch_all(&self.pool).await?;
        let mut items = rows.iter().map(item).collect::<Result<Vec<_>>>()?;
        let more = items.len() as i64 > q.limit;
        items.truncate(q.limit.max(0) as usize);
        Ok((items, more))
    }

    /// One ticket as a Queue row.
    pub async fn queue_item(&self, id: i64) -> Result<Option<QueueItem>> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM tickets t LEFT JOIN staff h ON h.id = t.holder_id WHERE t.id = $1"
        );
        let mut b = Binds::default();
        b.int(id);
        b.query(sql)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(item)
            .transpose()
    }
}
