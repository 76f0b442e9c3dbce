//! The session this browser has open, kept in `localStorage` so that a reload of the
//! walk page continues it: its id, the caller's token, the code and until when it
//! can be taken, the phone number, and the tree it belongs to.
//!
//! Kept no longer than useful: a code nobody took until [`Kept::expires_at`], a taken
//! one for as long as a walk is kept ([`crate::walk::saved::KEPT_FOR_MS`] after the last
//! change). It is removed as soon as the session ends, whoever ends it. The token
//! opens only this session's walk, never a ticket.

use crate::browser;
use serde::{Deserialize, Serialize};

const KEY: &str = "lotse.handover";

/// A session kept in the browser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    pub id: i64,
    pub token: String,
    /// As the server gave it (`482 193 5572`).
    pub code: String,
    /// Until when an agent can take the code (ms since the epoch, the server's clock).
    pub expires_at: i64,
    /// The tree whose walk page shows the session.
    pub tree: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Set once an agent took the code: the session then outlives the code's time.
    #[serde(default)]
    pub connected: bool,
    /// The last change seen (ms since the epoch, this browser's clock).
    #[serde(default)]
    pub touched: i64,
}

impl Kept {
    /// Whether the session is still worth following at `now`.
    pub fn usable(&self, now: i64) -> bool {
        if self.connected {
            now - self.touched < crate::walk::saved::KEPT_FOR_MS as i64
        } else {
            now < self.expires_at
        }
    }
}

fn parse(json: Option<&str>, tree: &str, now: i64) -> Option<Kept> {
    let kept: Kept = serde_json::from_str(json?).ok()?;
    (kept.tree == tree && kept.usable(now)).then_some(kept)
}

/// The session kept for the walk on `tree`, if there is one still usable; one that is
/// not is removed.
pub fn restore(tree: &str) -> Option<Kept> {
    let json = browser::local_get(KEY)?;
    let kept = parse(Some(&json), tree, browser::now() as i64);
    if kept.is_none()
        && serde_json::from_str::<Kept>(&json).is_ok_and(|k| !k.usable(browser::now() as i64))
    {
        forget();
    }
    kept
}

pub fn store(kept: &Kept) {
    if let Ok(json) = serde_json::to_string(kept) {
        browser::local_set(KEY, &json);
    }
}

pub fn forget() {
    browser::local_remove(KEY);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept() -> Kept {
        Kept {
            id: 4,
            token: "tok".into(),
            code: "482 193 5572".into(),
            expires_at: 30 * 60_000,
            tree: "printer".into(),
            phone: Some("+49 30 1234 5678".into()),
            connected: false,
            touched: 0,
        }
    }

    #[test]
    fn a_waiting_session_lasts_as_long_as_its_code() {
        let json = serde_json::to_string(&kept()).unwrap();
        assert_eq!(parse(Some(&json), "printer", 0), Some(kept()));
        assert_eq!(parse(Some(&json), "printer", 30 * 60_000 - 1), Some(kept()));
        assert_eq!(parse(Some(&json), "printer", 30 * 60_000), None);
        assert_eq!(
            parse(Some(&json), "network", 0),
            None,
            "another tree's walk"
        );
        assert_eq!(parse(Some("{"), "printer", 0), None);
        assert_eq!(parse(None, "printer", 0), None);
    }

    #[test]
    fn a_connected_session_outlives_its_code() {
        let hours = |h: i64| h * 60 * 60_000;
        let connected = Kept {
            connected: true,
            touched: hours(1),
            ..kept()
        };
        assert!(connected.usable(hours(2)));
        assert!(
            !connected.usable(hours(3)),
            "two hours after its last change"
        );
    }
}
