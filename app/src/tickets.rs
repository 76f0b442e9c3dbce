//! "My tickets": the tickets this browser knows, each with the reference and the access
//! token that open its status page.
//!
//! A minimal version for the status and "check my ticket" pages; the hand-off screen
//! adds tickets to the same list when the server confirms one. It lives in
//! `localStorage` (the status link is the only way back to a ticket, and people lose
//! links) and holds nothing but what opens a ticket: no name, no description.
//!
//! The token only ever travels in the fragment of status links
//! (`/status/K7M4-QX9P#token`): browsers send the fragment neither to the server nor in
//! `Referer`, so it never reaches a log.

use crate::browser;
use serde::{Deserialize, Serialize};

/// Where the list is kept.
const STORAGE_KEY: &str = "lotse.tickets";
/// Most entries kept; the oldest go first.
pub const KEEP_MOST: usize = 20;

/// A ticket this browser can open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    /// `K7M4-QX9P`.
    pub reference: String,
    /// Opens the ticket (`Authorization: Bearer …`).
    pub token: String,
    /// The tree of the walk, where known.
    #[serde(default)]
    pub tree: String,
    /// When it was remembered, in ms since the epoch.
    #[serde(default)]
    pub sent_at: f64,
    /// The walk it came from, where known.
    #[serde(default)]
    pub walk: String,
}

impl Ticket {
    /// The personal status link: the reference in the path, the token in the fragment.
    pub fn status_link(&self) -> String {
        status_link(&self.reference, &self.token)
    }
}

/// `/status/{reference}#{token}`.
pub fn status_link(reference: &str, token: &str) -> String {
    format!("/status/{reference}#{token}")
}

fn parse(json: Option<&str>) -> Vec<Ticket> {
    json.and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default()
}

/// The list with `ticket` at its head (replacing an entry of the same reference).
fn with(mut list: Vec<Ticket>, ticket: Ticket) -> Vec<Ticket> {
    list.retain(|t| t.reference != ticket.reference);
    list.insert(0, ticket);
    list.truncate(KEEP_MOST);
    list
}

fn save(list: &[Ticket]) {
    if let Ok(json) = serde_json::to_string(list) {
        browser::local_set(STORAGE_KEY, &json);
    }
}

/// Every ticket remembered here, newest first.
pub fn all() -> Vec<Ticket> {
    parse(browser::local_get(STORAGE_KEY).as_deref())
}

/// Remembers a ticket.
pub fn remember(ticket: Ticket) {
    save(&with(all(), ticket));
}

/// Forgets a ticket (the person removed it from the list).
pub fn forget(reference: &str) {
    let mut list = all();
    list.retain(|t| t.reference != reference);
    save(&list);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket(reference: &str) -> Ticket {
        Ticket {
            reference: reference.into(),
            token: "tok".into(),
            tree: String::new(),
            sent_at: 0.0,
            walk: String::new(),
        }
    }

    #[test]
    fn the_token_travels_only_in_the_fragment() {
        let link = status_link("K7M4-QX9P", "secret_token");
        let (before, after) = link.split_once('#').unwrap();
        assert_eq!(before, "/status/K7M4-QX9P");
        assert_eq!(after, "secret_token");
    }

    #[test]
    fn newest_first_without_duplicates_and_at_most_the_limit() {
        let mut list = Vec::new();
        for i in 0..(KEEP_MOST + 3) {
            list = with(list, ticket(&format!("R{i}")));
        }
        assert_eq!(list.len(), KEEP_MOST);
        let again = with(list, ticket("R10"));
        assert_eq!(again[0].reference, "R10");
        assert_eq!(again.iter().filter(|t| t.reference == "R10").count(), 1);
        assert!(parse(Some("not json")).is_empty());
    }
}
