//! The hand-off at an escalate node: what is sent, and getting it to the server exactly
//! once however bad the connection.
//!
//! - [`outbox`]: the pure bookkeeping of hand-offs waiting in the browser (keys, retry
//!   waits, what an answer means).
//! - [`sender`]: the outbox in `localStorage`, the requests, the retry timer and the
//!   `online` event; started once with the app, so a hand-off saved before a reload is
//!   sent as soon as the app runs again.
//! - [`details`]: the browser details offered with a hand-off (with consent only).
//! - [`base64`]: attachment bytes for the API.
//!
//! The screen is `components::handoff`.

pub mod base64;
pub mod details;
pub mod outbox;
pub mod sender;

use domain::Walk;
use domain::tree::Level;

/// An id of one walk to its end: the tree, when its first and its last move were made,
/// and how many moves it has. Going back and ending anew makes another id, so a new
/// ending is a new hand-off, while a reload of the same ending finds its hand-off again.
pub fn walk_id(walk: &Walk) -> String {
    let first = walk.transcript.first().map_or(0, |s| s.at);
    let last = walk.transcript.last().map_or(0, |s| s.at);
    format!("{}.{}.{}.{}", walk.tree, first, last, walk.transcript.len())
}

/// The answers to "Can you keep working?" and "How many people are affected?", in the
/// order shown, each with the ITIL level it stands for. Urgency is how badly work is
/// blocked, impact how many are affected (docs/tree-format.md); the server's priority
/// matrix turns the two into the priority.
pub const URGENCY: [Level; 3] = [Level::High, Level::Medium, Level::Low];
pub const IMPACT: [Level; 3] = [Level::Low, Level::Medium, Level::High];

/// A level as the API writes it.
pub fn level_name(level: Level) -> &'static str {
    match level {
        Level::High => "high",
        Level::Medium => "medium",
        Level::Low => "low",
    }
}

/// The level of a form value (`high`, `medium`, `low`).
pub fn level_of(value: &str) -> Option<Level> {
    [Level::High, Level::Medium, Level::Low]
        .into_iter()
        .find(|l| level_name(*l) == value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::walk::{Move, Step};

    #[test]
    fn levels_read_back_as_written() {
        for level in [Level::High, Level::Medium, Level::Low] {
            assert_eq!(level_of(level_name(level)), Some(level));
            // The API's own spelling of the level.
            assert_eq!(
                serde_json::to_value(level).unwrap(),
                serde_json::json!(level_name(level))
            );
        }
        assert_eq!(level_of("huge"), None);
    }

    #[test]
    fn a_walk_ended_anew_is_another_hand_off() {
        let step = |at| Step {
            tree: "printer".into(),
            node: "start".into(),
            at,
            made: Move::Answer { index: 0 },
        };
        let mut walk = Walk {
            tree: "printer".into(),
            versions: Default::default(),
            transcript: vec![step(1), step(2)],
            facts: Default::default(),
            path: Vec::new(),
            end: None,
        };
        let first = walk_id(&walk);
        assert_eq!(first, "printer.1.2.2");
        assert_eq!(
            walk_id(&walk.clone()),
            first,
            "the same walk after a reload"
        );
        walk.transcript[1] = step(3);
        assert_ne!(walk_id(&walk), first, "back one step and a new answer");
    }
}
