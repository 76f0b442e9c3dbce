//! The Queue: tickets as staff list them, read a page at a time, in one of two orders:
//! most urgent first (priority, then age) or oldest first (age alone).
//!
//! Pages are keyset pages: a page starts after the order's key of the last row of the
//! previous one, (priority, created_at, id) or (created_at, id), so a ticket claimed or
//! handed off while someone pages through never shifts a row into the next page twice
//! or out of it (OFFSET would).

use super::binds::Binds;
use super::tickets::parse_status;
use super::{Result, Store};
use domain::api::{Holder, QueueItem};
use domain::ticket::Status;
use sqlx::Row;
use sqlx::any::AnyRow;

/// The order of the Queue's rows. Both end with the id, so no two rows tie and a
/// keyset page boundary is exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Most urgent first: priority (1 first), then the oldest hand-off.
    #[default]
    Priority,
    /// Oldest hand-off first, whatever its priority.
    Age,
}

impl Order {
    pub fn name(self) -> &'static str {
        match self {
            Order::Priority => "priority",
            Order::Age => "age",
        }
    }

    pub fn parse(name: &str) -> Option<Order> {
        [Order::Priority, Order::Age]
            .into_iter()
            .find(|o| o.name() == name)
    }

    /// The `ORDER BY` columns, which the keyset comparison repeats.
    fn columns(self) -> &'static str {
        match self {
            Order::Priority => "t.priority, t.created_at, t.id",
            Order::Age => "t.created_at, t.id",
        }
    }
}

/// Where a page starts: after this row of its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    /// After (priority, created_at, id) in [`Order::Priority`].
    Priority {
        priority: i64,
        created_at: i64,
        id: i64,
    },
    /// After (created_at, id) in [`Order::Age`].
    Age { created_at: i64, id: i64 },
}

impl After {
    /// The position of `item` in `order`.
    pub fn of(item: &QueueItem, order: Order) -> After {
        match order {
            Order::Priority => After::Priority {
                priority: i64::from(item.priority),
                created_at: item.created_at,
                id: item.id,
            },
            Order::Age => After::Age {
                created_at: item.created_at,
                id: item.id,
            },
        }
    }

    /// The order this position belongs to.
    pub fn order(self) -> Order {
        match self {
            After::Priority { .. } => Order::Priority,
            After::Age { .. } => Order::Age,
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
    pub order: Order,
    /// Belongs to `order` (the route refuses a cursor of the other one).
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
        // Row values compare in order: a later priority, or the same priority and a
        // later hand-off, or the same millisecond and a later id (both databases).
        match q.after {
            Some(After::Priority {
                priority,
                created_at,
                id,
            }) => conditions.push(format!(
                "(t.priority, t.created_at, t.id) > ({}, {}, {})",
                b.int(priority),
                b.int(created_at),
                b.int(id)
            )),
            Some(After::Age { created_at, id }) => conditions.push(format!(
                "(t.created_at, t.id) > ({}, {})",
                b.int(created_at),
                b.int(id)
            )),
            None => {}
        }
        // One branch per status, each read in the page's order from an index that
        // starts with the status (`tickets_queue_page`: status, priority, created_at,
        // id; `tickets_queue_age`: status, created_at, id), so each stops after a page.
        // `status IN (...)` with `ORDER BY` sorted every open ticket for each page
        // instead: 40 ms and more with 100,000 stored. Placeholders of the shared
        // conditions repeat in every branch; both databases bind a repeated `$n` once.
        let order = q.order.columns();
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
                     ORDER BY {order} LIMIT {limit}) s{i}",
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
             ORDER BY {order} LIMIT {limit}",
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
