//! Keeping the open ticket current: a live event about it that this view did not
//! cause (a colleague claimed it, the user wrote) reads it again and says what
//! happened in a polite live region; so does a live stream that comes back after an
//! interruption, since events may have been missed.

use super::news;
use super::state::OpenTicket;
use crate::staff::live;
use crate::staff::texts::now;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Starts watching the live stream for `ticket` (for as long as the screen lives).
pub fn start(ticket: OpenTicket) {
    // Events before the screen opened are in what it reads first.
    let seen = StoredValue::new(live::newest_id());
    Effect::new(move |_| {
        let events = live::events_after(seen.get_value());
        // While this view reads or changes the ticket, wait: its own change comes back
        // as an event too, and is no news once the view knows its revision.
        if ticket.busy.get() || ticket.opened.with(Option::is_none) {
            return;
        }
        let Some(last) = events.last() else {
            return;
        };
        seen.set_value(last.id);
        let known = ticket.known.get_untracked();
        let fresh: Vec<_> = events
            .into_iter()
            .filter(|e| news::is_news(e, ticket.id, known))
            .collect();
        if fresh.is_empty() {
            return;
        }
        ticket.busy.set(true);
        spawn_local(async move {
            if let Ok(detail) = ticket.reload().await {
                let t = &now().ticket;
                let words: Vec<String> = fresh
                    .iter()
                    .map(|e| news::event_words(t, e, &detail, ticket.me))
                    .collect();
                ticket.news.set(words.join(" "));
            }
            ticket.busy.set(false);
        });
    });

    // The stream came back: read again, and say so if the ticket moved meanwhile.
    Effect::new(move |previous: Option<u32>| {
        let reconnects = live::reconnects();
        if previous.is_some_and(|p| p != reconnects)
            && ticket.opened.with_untracked(Option::is_some)
        {
            let before = ticket.known.get_untracked();
            spawn_local(async move {
                if let Ok(detail) = ticket.reload().await
                    && detail.item.revision != before
                {
                    ticket
                        .news
                        .set(now().ticket.news_after_reconnect.to_owned());
                }
            });
        }
        reconnects
    });
}
