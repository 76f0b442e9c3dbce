//! The Queue follows the live event stream: a claim or change shows in its row at once
//! (from the event's own payload), the list is read again shortly after (coalesced, see
//! [`super::coalesce`]) and after the stream reconnects, new hand-offs are announced
//! politely once they are in the list, and urgent ones may raise a desktop
//! notification.

use super::QueueState;
use super::listing::Listing;
use super::notify;
use crate::i18n::fill;
use crate::staff::live;
use crate::staff::texts::now;
use crate::staff::texts::queue::QueueTexts;
use domain::api::{Holder, LiveEvent, QueueItem};
use domain::ticket::{Priority, Status};
use leptos::prelude::*;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, PoisonError};
use std::time::Duration;

/// Starts following the stream for the screen's lifetime.
pub fn follow(state: &QueueState) {
    // Events before the screen opened are in its first read already.
    let seen = Arc::new(AtomicI64::new(live::newest_id()));
    let on_events = state.clone();
    Effect::new(move |_| {
        let after = seen.load(Ordering::SeqCst);
        let events = live::events_after(after);
        if let Some(last) = events.last() {
            seen.store(last.id, Ordering::SeqCst);
        }
        let mut wanted = false;
        for event in &events {
            wanted |= take(&on_events, event);
        }
        if wanted {
            read_again(&on_events.listing);
        }
    });
    // A reconnected stream may have missed events (a server restart starts it afresh).
    let on_reconnect = state.listing.clone();
    Effect::new(move |before: Option<u32>| {
        let count = live::reconnects();
        if before.is_some_and(|b| b != count) {
            read_again(&on_reconnect);
        }
        count
    });
}

/// Applies one event; whether the list should be read again.
fn take(state: &QueueState, event: &LiveEvent) -> bool {
    let listing = &state.listing;
    let payload = &event.payload;
    match event.kind.as_str() {
        "ticket_created" => {
            let Some(id) = event.ticket_id else {
                return true;
            };
            let queue = payload["queue"].as_str().unwrap_or_default();
            let priority = payload["priority"].as_u64().unwrap_or(5) as Priority;
            if priority <= notify::URGENT && state.works(queue) {
                let reference = payload["reference"].as_str().unwrap_or_default();
                let tree = payload["tree"].as_str().unwrap_or_default();
                notify::hand_off(id, reference, priority, tree, untrack(|| state.i18n.lang()));
            }
            let shown = listing
                .filters
                .with_untracked(|f| f.takes_queue(queue, state.own_queues().as_deref()));
            if shown {
                listing
                    .arriving
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(id);
            }
            shown
        }
        _ => {
            if let Some(id) = event.ticket_id
                && let Some(status) = payload["status"].as_str().and_then(Status::parse)
                && let Some(revision) = payload["revision"].as_i64()
            {
                let holder = serde_json::from_value::<Option<Holder>>(payload["holder"].clone())
                    .unwrap_or_default();
                listing.patch(id, status, holder, revision);
            }
            true
        }
    }
}

/// Reads the shown rows again soon, once for any number of calls meanwhile.
pub fn read_again(listing: &Listing) {
    let wait = listing
        .coalescer
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .wanted();
    if let Some(wait) = wait {
        after(wait, listing.clone());
    }
}

fn after(wait: Duration, listing: Listing) {
    set_timeout(
        move || {
            listing
                .coalescer
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .start();
            let again = listing.clone();
            listing.refresh(move || {
                let next = again
                    .coalescer
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .done();
                if let Some(wait) = next {
                    after(wait, again);
                }
            });
        },
        wait,
    );
}

/// "P1 critical": a priority in words.
pub fn priority_words(t: &QueueTexts, priority: Priority) -> String {
    let name = match priority {
        1 => t.priority_1,
        2 => t.priority_2,
        3 => t.priority_3,
        4 => t.priority_4,
        _ => t.priority_5,
    };
    format!("P{priority} {name}")
}

/// What the polite live region says when hand-offs arrived in the list.
pub fn arrival_words(arrived: &[QueueItem]) -> String {
    let t = &now().queue;
    match arrived {
        [one] => fill(
            t.arrived_one,
            &[
                ("reference", &one.reference),
                ("priority", &priority_words(t, one.priority)),
            ],
        ),
        many => fill(t.arrived_many, &[("count", &many.len().to_string())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::texts::queue::{DE, EN};

    #[test]
    fn priorities_read_as_number_and_word() {
        assert_eq!(priority_words(&EN, 1), "P1 critical");
        assert_eq!(priority_words(&DE, 5), "P5 Planung");
    }
}
