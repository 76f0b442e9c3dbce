//! Live events for the workspace: one `EventSource` on `/api/v1/events` while someone
//! is signed in, its events kept in a signal for the screens.
//!
//! The browser reconnects by itself after a lost connection and sends `Last-Event-ID`,
//! so the server replays what happened meanwhile; screens still reload what they show
//! when the stream comes back ([`reconnects`]), since a stream the server ended (a
//! restart) starts again after its newest event.

use domain::api::LiveEvent;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{EventSource, MessageEvent};

/// Event kinds the server sends (`event:` lines; `EventSource.onmessage` hears only
/// unnamed events, so each kind gets a listener).
const KINDS: [&str; 3] = ["ticket_created", "ticket_claimed", "ticket_changed"];
/// Events kept for screens that look back (a screen opened a moment ago).
const KEPT: usize = 200;

/// Whether the stream is open, and how often it has (re)opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Connection {
    pub open: bool,
    pub opened: u32,
}

thread_local! {
    static EVENTS: ArcRwSignal<Vec<LiveEvent>> = ArcRwSignal::new(Vec::new());
    static CONNECTION: ArcRwSignal<Connection> = ArcRwSignal::new(Connection::default());
    static SOURCE: RefCell<Option<EventSource>> = const { RefCell::new(None) };
}

/// The newest events, oldest first (reactive).
pub fn events() -> Vec<LiveEvent> {
    EVENTS.with(Clone::clone).get()
}

/// Events newer than `after` (reactive).
pub fn events_after(after: i64) -> Vec<LiveEvent> {
    EVENTS
        .with(Clone::clone)
        .with(|all| all.iter().filter(|e| e.id > after).cloned().collect())
}

/// The newest event id seen, 0 before any (not reactive).
pub fn newest_id() -> i64 {
    EVENTS
        .with(Clone::clone)
        .with_untracked(|all| all.last().map_or(0, |e| e.id))
}

/// The connection's state (reactive).
pub fn connection() -> Connection {
    CONNECTION.with(Clone::clone).get()
}

/// How many times the stream has opened (reactive); a change after the first means
/// events may have been missed.
pub fn reconnects() -> u32 {
    connection().opened.saturating_sub(1)
}

/// Opens the stream (once).
pub fn connect() {
    if SOURCE.with(|s| s.borrow().is_some()) {
        return;
    }
    let Ok(source) = EventSource::new(&format!("{}/events", domain::api::API)) else {
        return;
    };
    let on_event = Closure::<dyn Fn(MessageEvent)>::new(|message: MessageEvent| {
        let Some(data) = message.data().as_string() else {
            return;
        };
        let Ok(event) = serde_json::from_str::<LiveEvent>(&data) else {
            return;
        };
        EVENTS.with(Clone::clone).update(|all| {
            if all.last().is_some_and(|last| last.id >= event.id) {
                return;
            }
            all.push(event);
            if all.len() > KEPT {
                all.drain(..all.len() - KEPT);
            }
        });
    });
    for kind in KINDS {
        let _ = source.add_event_listener_with_callback(kind, on_event.as_ref().unchecked_ref());
    }
    on_event.forget();
    let on_open = Closure::<dyn Fn()>::new(|| {
        CONNECTION.with(Clone::clone).update(|c| {
            c.open = true;
            c.opened += 1;
        });
    });
    source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    on_open.forget();
    let on_error = Closure::<dyn Fn()>::new(|| {
        CONNECTION.with(Clone::clone).update(|c| c.open = false);
    });
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    SOURCE.with(|s| *s.borrow_mut() = Some(source));
}

/// Closes the stream (signing out).
pub fn disconnect() {
    if let Some(source) = SOURCE.with(|s| s.borrow_mut().take()) {
        source.close();
    }
    CONNECTION.with(Clone::clone).set(Connection::default());
}
