//! The outbox: hand-offs waiting in the browser until the server has answered them.
//!
//! A hand-off is put here before the first attempt to send it, with its request body
//! already serialized and an idempotency key made once. Every attempt, after a network
//! error, after the `online` event, after a reload, sends exactly these bytes with
//! exactly this key, so the server makes one ticket however often it is reached. An
//! entry leaves the outbox only when the server has decided: confirmed (2xx), or
//! refused for good (a 4xx other than 408 and 429, which mean "try again").
//!
//! This module is the pure bookkeeping (unit-tested natively); `super::sender` does the
//! storage, the requests and the timers.

use serde::{Deserialize, Serialize};

/// The first wait after a failed attempt; it doubles with each further failure.
pub const FIRST_WAIT_MS: f64 = 2_000.0;
/// The longest wait between two attempts.
pub const LONGEST_WAIT_MS: f64 = 5.0 * 60.0 * 1_000.0;

/// One hand-off waiting to be sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// The `Idempotency-Key` of every attempt.
    pub key: String,
    /// The walk it hands off (see `super::walk_id`): the screen of that walk shows
    /// the entry's state instead of the form.
    pub walk: String,
    pub tree: String,
    /// The `HandoffRequest` as JSON, sent byte for byte on every attempt.
    pub body: String,
    /// Failed attempts so far.
    pub attempts: u32,
    /// When the next attempt is due, in ms since the epoch.
    pub next_at: f64,
}

/// What an answer means for the entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The server made (or had made) the ticket.
    Delivered,
    /// The server will never take this request: show why, and drop it.
    Refused,
    /// No answer, or "not now": try again later with the same key.
    Retry,
}

/// The verdict on an attempt: `None` when no HTTP answer came at all.
pub fn verdict(status: Option<u16>) -> Verdict {
    match status {
        Some(200..=299) => Verdict::Delivered,
        // Timeout and rate limit: the server asks to come back.
        Some(408 | 429) => Verdict::Retry,
        Some(400..=499) => Verdict::Refused,
        // Server errors, proxies that lost the server, and no answer.
        _ => Verdict::Retry,
    }
}

/// The wait before the next attempt after `attempts` failures: 2 s, 4 s, 8 s … 5 min.
pub fn wait_ms(attempts: u32) -> f64 {
    let doubled = FIRST_WAIT_MS * f64::from(2u32.saturating_pow(attempts.saturating_sub(1)));
    doubled.min(LONGEST_WAIT_MS)
}

/// An idempotency key from 16 random bytes: 32 hex digits (the server takes 16 to 128
/// of `A-Z a-z 0-9 - _`).
pub fn new_key(random: &[u8; 16]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut key = String::with_capacity(32);
    for b in random {
        key.push(HEX[usize::from(b >> 4)] as char);
        key.push(HEX[usize::from(b & 15)] as char);
    }
    key
}

/// Every waiting hand-off, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Outbox {
    pub pending: Vec<Pending>,
}

impl Outbox {
    /// The outbox stored as `json`; unreadable storage counts as empty (a broken entry
    /// must not stop the app, and cannot be sent anyway).
    pub fn parse(json: Option<&str>) -> Outbox {
        json.and_then(|j| serde_json::from_str(j).ok())
            .unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "[]".into())
    }

    /// Adds a hand-off, unless one for the same walk waits already: then that one
    /// stays, with its key, and `false` says nothing was added (a second click on
    /// "Send" must not make a second ticket).
    pub fn add(&mut self, entry: Pending) -> bool {
        if self.for_walk(&entry.walk).is_some() || self.get(&entry.key).is_some() {
            return false;
        }
        self.pending.push(entry);
        true
    }

    pub fn get(&self, key: &str) -> Option<&Pending> {
        self.pending.iter().find(|p| p.key == key)
    }

    pub fn for_walk(&self, walk: &str) -> Option<&Pending> {
        self.pending.iter().find(|p| p.walk == walk)
    }

    /// Keys of the entries due at `now`, oldest first.
    pub fn due(&self, now: f64) -> Vec<String> {
        self.pending
            .iter()
            .filter(|p| p.next_at <= now)
            .map(|p| p.key.clone())
            .collect()
    }

    /// Makes every entry due now (the connection is back: no reason to wait).
    pub fn all_due(&mut self, now: f64) {
        for p in &mut self.pending {
            p.next_at = p.next_at.min(now);
        }
    }

    /// When the next entry is due, if any waits.
    pub fn next_due(&self) -> Option<f64> {
        self.pending.iter().map(|p| p.next_at).reduce(f64::min)
    }

    /// Records an attempt's verdict: a delivered or refused entry leaves the outbox and
    /// is returned; a retried one waits longer. Unknown keys change nothing.
    pub fn settle(&mut self, key: &str, verdict: Verdict, now: f64) -> Option<Pending> {
        let index = self.pending.iter().position(|p| p.key == key)?;
        match verdict {
            Verdict::Delivered | Verdict::Refused => Some(self.pending.remove(index)),
            Verdict::Retry => {
                let entry = &mut self.pending[index];
                entry.attempts = entry.attempts.saturating_add(1);
                entry.next_at = now + wait_ms(entry.attempts);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str, walk: &str) -> Pending {
        Pending {
            key: key.into(),
            walk: walk.into(),
            tree: "printer".into(),
            body: r#"{"tree":"printer"}"#.into(),
            attempts: 0,
            next_at: 1_000.0,
        }
    }

    #[test]
    fn answers_decide_what_happens_to_an_entry() {
        assert_eq!(verdict(Some(201)), Verdict::Delivered);
        assert_eq!(verdict(Some(200)), Verdict::Delivered, "a replayed retry");
        assert_eq!(verdict(Some(422)), Verdict::Refused);
        assert_eq!(verdict(Some(409)), Verdict::Refused);
        assert_eq!(verdict(Some(413)), Verdict::Refused);
        assert_eq!(verdict(Some(408)), Verdict::Retry);
        assert_eq!(verdict(Some(429)), Verdict::Retry);
        assert_eq!(verdict(Some(500)), Verdict::Retry);
        assert_eq!(verdict(Some(503)), Verdict::Retry);
        assert_eq!(verdict(None), Verdict::Retry, "offline: no answer at all");
    }

    #[test]
    fn a_retried_entry_keeps_its_key_and_body_and_waits_longer_each_time() {
        let mut outbox = Outbox::default();
        assert!(outbox.add(entry("k1", "w1")));
        let before = outbox.get("k1").unwrap().clone();
        assert_eq!(outbox.settle("k1", Verdict::Retry, 10_000.0), None);
        let after = outbox.get("k1").unwrap();
        assert_eq!((&after.key, &after.body), (&before.key, &before.body));
        assert_eq!(after.attempts, 1);
        assert_eq!(after.next_at, 12_000.0);
        outbox.settle("k1", Verdict::Retry, 20_000.0);
        assert_eq!(outbox.get("k1").unwrap().next_at, 24_000.0);
        assert_eq!(outbox.due(23_999.0), Vec::<String>::new());
        assert_eq!(outbox.due(24_000.0), vec!["k1".to_owned()]);
    }

    #[test]
    fn waits_double_up_to_five_minutes() {
        assert_eq!(wait_ms(1), 2_000.0);
        assert_eq!(wait_ms(2), 4_000.0);
        assert_eq!(wait_ms(5), 32_000.0);
        assert_eq!(wait_ms(20), LONGEST_WAIT_MS);
        assert_eq!(wait_ms(u32::MAX), LONGEST_WAIT_MS, "no overflow");
    }

    #[test]
    fn only_a_decision_of_the_server_removes_an_entry() {
        let mut outbox = Outbox::default();
        outbox.add(entry("k1", "w1"));
        outbox.add(entry("k2", "w2"));
        let delivered = outbox.settle("k1", Verdict::Delivered, 0.0).unwrap();
        assert_eq!(delivered.key, "k1");
        let refused = outbox.settle("k2", Verdict::Refused, 0.0).unwrap();
        assert_eq!(refused.key, "k2");
        assert!(outbox.pending.is_empty());
        assert_eq!(
            outbox.settle("k1", Verdict::Delivered, 0.0),
            None,
            "settled once"
        );
    }

    #[test]
    fn a_second_send_of_the_same_walk_adds_nothing() {
        let mut outbox = Outbox::default();
        assert!(outbox.add(entry("k1", "w1")));
        assert!(!outbox.add(entry("k2", "w1")));
        assert!(!outbox.add(entry("k1", "w9")));
        assert_eq!(outbox.pending.len(), 1);
        assert_eq!(outbox.for_walk("w1").unwrap().key, "k1");
    }

    #[test]
    fn coming_online_makes_everything_due_at_once() {
        let mut outbox = Outbox::default();
        outbox.add(Pending {
            next_at: 90_000.0,
            ..entry("k1", "w1")
        });
        outbox.add(entry("k2", "w2"));
        assert_eq!(outbox.next_due(), Some(1_000.0));
        outbox.all_due(5_000.0);
        assert_eq!(outbox.due(5_000.0).len(), 2);
    }

    #[test]
    fn survives_storage_round_trips_and_broken_storage() {
        let mut outbox = Outbox::default();
        outbox.add(entry("k1", "w1"));
        let json = outbox.to_json();
        assert!(json.starts_with('['), "a plain list: {json}");
        assert_eq!(Outbox::parse(Some(&json)), outbox);
        assert_eq!(Outbox::parse(Some("{broken")), Outbox::default());
        assert_eq!(Outbox::parse(None), Outbox::default());
    }

    #[test]
    fn keys_are_32_hex_digits_the_server_accepts() {
        let key = new_key(&[0xAB; 16]);
        assert_eq!(key.len(), 32);
        assert_eq!(&key[..4], "abab");
        assert!(key.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(new_key(&[0; 16]), new_key(&[1; 16]));
    }
}
