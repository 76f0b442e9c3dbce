//! The status page's history: status changes and messages in one list, oldest first.
//!
//! The API sends them as two lists (`timeline`, `thread`); people read one story. At
//! the same millisecond a status change goes first: a reply that asks something and the
//! "waiting for your answer" it causes are written together, and the change explains
//! the reply below it.

use domain::api::{Message, PublicTicket, StatusChange};

/// One entry of the history.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Status(StatusChange),
    Message(Message),
}

impl Entry {
    /// When it happened, in ms since the epoch.
    pub fn at(&self) -> i64 {
        match self {
            Entry::Status(change) => change.at,
            Entry::Message(message) => message.created_at,
        }
    }
}

/// The ticket's history in order.
pub fn history(ticket: &PublicTicket) -> Vec<Entry> {
    let mut entries: Vec<Entry> = ticket
        .timeline
        .iter()
        .cloned()
        .map(Entry::Status)
        .chain(ticket.thread.iter().cloned().map(Entry::Message))
        .collect();
    // Stable: entries of the same kind keep the server's order.
    entries.sort_by_key(|e| (e.at(), matches!(e, Entry::Message(_))));
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::api::{Author, Visibility};
    use domain::ticket::Status;

    fn message(id: i64, at: i64) -> Message {
        Message {
            id,
            author: Author::Staff,
            author_name: Some("Kim".into()),
            visibility: Visibility::Public,
            body: format!("message {id}"),
            created_at: at,
            attachments: Vec::new(),
        }
    }

    #[test]
    fn changes_and_messages_interleave_by_time() {
        let ticket = PublicTicket {
            reference: "K7M4-QX9P".into(),
            status: Status::WaitingForUser,
            tree: "printer".into(),
            created_at: 10,
            updated_at: 40,
            timeline: vec![
                StatusChange {
                    status: Status::New,
                    at: 10,
                },
                StatusChange {
                    status: Status::Claimed,
                    at: 20,
                },
                StatusChange {
                    status: Status::WaitingForUser,
                    at: 40,
                },
            ],
            thread: vec![message(1, 30), message(2, 40), message(3, 40)],
            attachments: Vec::new(),
        };
        let order: Vec<String> = history(&ticket)
            .iter()
            .map(|e| match e {
                Entry::Status(c) => c.status.name().to_owned(),
                Entry::Message(m) => m.id.to_string(),
            })
            .collect();
        assert_eq!(order, ["new", "claimed", "1", "waiting_for_user", "2", "3"]);
    }
}
