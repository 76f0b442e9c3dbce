//! "My tickets": the tickets this browser knows, each with the reference and the access
//! token that open its status page.
//!
//! The hand-off screen adds a ticket as soon as the server has confirmed it, "check my
//! ticket" one that was opened by hand; the status and "check my ticket" pages read the
//! list ([`all`]), and [`forget`] removes one.
//!
//! # Privacy
//! The list lives in `localStorage`, so it survives closing the browser: the status
//! link is the only way back to a ticket, and people on a bad day lose links. It holds
//! no more than needed to open the ticket again: reference, token, tree id, time, and
//! an opaque id of the walk (no name, no description, no answers). Whoever uses this
//! browser profile can open these tickets, as with a bookmarked link; the confirmation
//! says so. Entries older than [`KEEP_DAYS`] are dropped when the list is read, and at
//! most [`KEEP_MOST`] are kept.
//!
//! The token is put only in the fragment of status links (`/status/K7M4-QX9P#token`):
//! browsers send neither to the server nor in `Referer`, so it never reaches a log.

use crate::browser;
use serde::{Deserialize, Serialize};

/// Where the list is kept.
const STORAGE_KEY: &str = "lotse.tickets";
/// Days an entry is kept.
pub const KEEP_DAYS: f64 = 180.0;
/// Most entries kept; the oldest go first.
pub const KEEP_MOST: usize = 20;

const DAY_MS: f64 = 24.0 * 60.0 * 60.0 * 1000.0;

/// A ticket handed off from this browser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    /// `K7M4-QX9P`.
    pub reference: String,
    /// Opens the ticket (`Authorization: Bearer …`).
    pub token: String,
    /// The tree of the walk, where known.
    #[serde(default)]
    pub tree: String,
    /// When it was remembered, in ms since the epoch; 0 where unknown.
    #[serde(default)]
    pub sent_at: f64,
    /// The walk it came from (`handoff::walk_id`): the hand-off screen of that walk
    /// shows the confirmation again after a reload.
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

/// Newest first; expired entries dropped (an entry without a time is kept).
fn parse(json: Option<&str>, now: f64) -> Vec<Ticket> {
    let mut list: Vec<Ticket> = json
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default();
    list.retain(|t| t.sent_at <= 0.0 || now - t.sent_at < KEEP_DAYS * DAY_MS);
    list
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
    parse(
        browser::local_get(STORAGE_KEY).as_deref(),
        browser::now() as f64,
    )
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

/// The ticket handed off from this walk, if there is one.
pub fn for_walk(walk: &str) -> Option<Ticket> {
    all()
        .into_iter()
        .find(|t| !walk.is_empty() && t.walk == walk)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket(reference: &str, sent_at: f64) -> Ticket {
        Ticket {
            reference: reference.into(),
            token: "tok".into(),
            tree: "printer".into(),
            sent_at,
            walk: format!("walk-{reference}"),
        }
    }

    #[test]
    fn the_token_travels_only_in_the_fragment() {
        let link = status_link("K7M4-QX9P", "secret_token");
        assert_eq!(link, "/status/K7M4-QX9P#secret_token");
        let (before, after) = link.split_once('#').unwrap();
        assert!(!before.contains("secret") && !before.contains('?'));
        assert_eq!(after, "secret_token");
    }

    #[test]
    fn newest_first_without_duplicates_and_at_most_the_limit() {
        let mut list = Vec::new();
        for i in 0..(KEEP_MOST + 5) {
            list = with(list, ticket(&format!("R{i}"), i as f64));
        }
        assert_eq!(list.len(), KEEP_MOST);
        assert_eq!(list[0].reference, format!("R{}", KEEP_MOST + 4));
        let again = with(list.clone(), ticket("R10", 99.0));
        assert_eq!(again.len(), KEEP_MOST);
        assert_eq!(again.iter().filter(|t| t.reference == "R10").count(), 1);
        assert_eq!(again[0].reference, "R10");
    }

    #[test]
    fn old_and_unreadable_entries_are_dropped() {
        let now = 1_000.0 * DAY_MS;
        let json = serde_json::to_string(&[
            ticket("NEW", now - DAY_MS),
            ticket("OLD", now - (KEEP_DAYS + 1.0) * DAY_MS),
        ])
        .unwrap();
        let list = parse(Some(&json), now);
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].reference, "NEW");
        // Opened by hand in "check my ticket": no time, no tree; kept.
        let typed = r#"[{"reference":"K7M4-QX9P","token":"t"}]"#;
        assert_eq!(parse(Some(typed), now)[0].reference, "K7M4-QX9P");
        assert!(parse(Some("not json"), now).is_empty());
        assert!(parse(None, now).is_empty());
    }
}
