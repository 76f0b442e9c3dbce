//! The outbox in the browser: kept in `localStorage`, sent by `POST /api/v1/handoffs`,
//! retried on a timer with growing waits, at once when the `online` event says the
//! connection is back, and at app start (so a reload or a reopened browser sends what
//! an earlier visit saved).
//!
//! One attempt per entry at a time in this tab; across tabs, or when an answer got lost
//! on the way back, the server's idempotency key makes the second attempt return the
//! first ticket. A request too large for `localStorage` (big attachments) is kept in
//! this tab's memory only, and the page says to keep it open.

use super::outbox::{Outbox, Pending, Verdict, new_key, verdict};
use crate::browser;
use crate::deadline::Deadline;
use crate::tickets::{self, Ticket};
use domain::api::API;
use gloo_net::http::Request;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::time::Duration;

/// Where the outbox is kept.
const OUTBOX_KEY: &str = "lotse.outbox";
/// Where refusals wait until the screen of their walk shows them.
const REFUSED_KEY: &str = "lotse.outbox.refused";

thread_local! {
    /// Keys with an attempt under way in this tab.
    static IN_FLIGHT: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
    /// Entries `localStorage` would not take: sent from this tab only.
    static TAB_ONLY: RefCell<Vec<Pending>> = const { RefCell::new(Vec::new()) };
    static TIMER: RefCell<Option<TimeoutHandle>> = const { RefCell::new(None) };
    static CHANGED: RefCell<Option<RwSignal<u32>>> = const { RefCell::new(None) };
}

/// Why the server refused a hand-off, kept for the screen of its walk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refusal {
    pub walk: String,
    pub status: u16,
    /// The field the server names (`contact.email`, `attachments[0].data`).
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    pub rule: Option<String>,
    /// The server's words (English), for what the app has no text of its own.
    #[serde(default)]
    pub message: String,
}

/// The API's error body, the parts the screen uses.
#[derive(Deserialize)]
struct ApiError {
    #[serde(default)]
    field: Option<String>,
    #[serde(default)]
    rule: Option<String>,
    #[serde(default)]
    message: String,
}

/// The hand-off of one walk, as its screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum State {
    /// Nothing sent yet: the form.
    Form,
    /// The first attempt is under way.
    Sending,
    /// Saved, waiting for the connection; `tab_only` when only this tab holds it.
    Waiting {
        tab_only: bool,
    },
    Sent(Ticket),
    Refused(Refusal),
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn load() -> Outbox {
    let mut outbox = Outbox::parse(browser::local_get(OUTBOX_KEY).as_deref());
    TAB_ONLY.with_borrow(|tab| {
        for entry in tab {
            if outbox.get(&entry.key).is_none() {
                outbox.pending.push(entry.clone());
            }
        }
    });
    outbox
}

fn is_tab_only(key: &str) -> bool {
    TAB_ONLY.with_borrow(|tab| tab.iter().any(|p| p.key == key))
}

/// Writes the outbox back: entries held in this tab only stay in memory.
fn save(outbox: &Outbox) {
    let (tab, stored): (Vec<Pending>, Vec<Pending>) = outbox
        .pending
        .iter()
        .cloned()
        .partition(|p| is_tab_only(&p.key));
    TAB_ONLY.with_borrow_mut(|t| *t = tab);
    let stored = Outbox { pending: stored };
    if stored.pending.is_empty() {
        browser::local_remove(OUTBOX_KEY);
    } else {
        browser::local_try_set(OUTBOX_KEY, &stored.to_json());
    }
}

fn refusals() -> Vec<Refusal> {
    browser::local_get(REFUSED_KEY)
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default()
}

fn set_refusals(list: &[Refusal]) {
    if list.is_empty() {
        browser::local_remove(REFUSED_KEY);
    } else if let Ok(json) = serde_json::to_string(list) {
        browser::local_set(REFUSED_KEY, &json);
    }
}

/// Tells the screens that the outbox changed.
fn changed() {
    CHANGED.with_borrow(|c| {
        if let Some(signal) = c {
            signal.update(|n| *n = n.wrapping_add(1));
        }
    });
}

/// Starts the sender: sends what an earlier visit left in the outbox, and listens for
/// the connection to come back. Call once, in the app's root.
pub fn start() {
    CHANGED.with_borrow_mut(|c| *c = Some(RwSignal::new(0)));
    // `online` fires when the browser regains a network: try everything at once.
    let handle = window_event_listener(leptos::ev::online, |_| send_everything());
    // The app's root lives as long as the page: the listener must too.
    std::mem::forget(handle);
    send_everything();
}

/// Makes every entry due now and sends it.
fn send_everything() {
    let mut outbox = load();
    outbox.all_due(now());
    save(&outbox);
    run_due();
}

/// The state of the hand-off of `walk` (reactive: follows every change of the outbox).
pub fn state(walk: &str) -> State {
    CHANGED.with_borrow(|c| c.map(|s| s.track()));
    if let Some(ticket) = tickets::for_walk(walk) {
        return State::Sent(ticket);
    }
    if let Some(entry) = load().for_walk(walk) {
        let sending = IN_FLIGHT.with_borrow(|f| f.contains(&entry.key));
        return if sending && entry.attempts == 0 {
            State::Sending
        } else {
            State::Waiting {
                tab_only: is_tab_only(&entry.key),
            }
        };
    }
    match refusals().into_iter().find(|r| r.walk == walk) {
        Some(refusal) => State::Refused(refusal),
        None => State::Form,
    }
}

/// Puts a hand-off of `walk` into the outbox and sends it. The request body is made
/// once here and the key with it; every later attempt sends the same.
pub fn submit(walk: String, tree: String, body: String) {
    let mut list = refusals();
    list.retain(|r| r.walk != walk);
    set_refusals(&list);
    let entry = Pending {
        key: new_key(&browser::random_16()),
        walk,
        tree,
        body,
        attempts: 0,
        next_at: now(),
    };
    let key = entry.key.clone();
    let mut outbox = Outbox::parse(browser::local_get(OUTBOX_KEY).as_deref());
    if !outbox.add(entry.clone()) {
        // This walk is already on its way.
        return;
    }
    if !browser::local_try_set(OUTBOX_KEY, &outbox.to_json()) {
        TAB_ONLY.with_borrow_mut(|t| t.push(entry));
    }
    changed();
    leptos::task::spawn_local(attempt(key));
}

/// Starts an attempt for every due entry, then sets the timer for the next one.
fn run_due() {
    if browser::online() {
        for key in load().due(now()) {
            leptos::task::spawn_local(attempt(key));
        }
    }
    schedule();
}

fn schedule() {
    TIMER.with_borrow_mut(|t| {
        if let Some(timer) = t.take() {
            timer.clear();
        }
    });
    let Some(next) = load().next_due() else {
        return;
    };
    let wait = Duration::from_millis((next - now()).max(0.0) as u64 + 50);
    if let Ok(handle) = set_timeout_with_handle(run_due, wait) {
        TIMER.with_borrow_mut(|t| *t = Some(handle));
    }
}

/// One attempt to send the entry `key`.
async fn attempt(key: String) {
    let fresh = IN_FLIGHT.with_borrow_mut(|f| f.insert(key.clone()));
    if !fresh {
        return;
    }
    let Some(entry) = load().get(&key).cloned() else {
        IN_FLIGHT.with_borrow_mut(|f| f.remove(&key));
        return;
    };
    changed();
    let answer = if browser::online() {
        post(&entry).await
    } else {
        None
    };
    let mut outcome = verdict(answer.as_ref().map(|(status, _)| *status));
    let mut created = None;
    if outcome == Verdict::Delivered {
        // A confirmation without a readable ticket is asked for again: the same key
        // brings the same ticket back.
        created = answer
            .as_ref()
            .and_then(|(_, body)| serde_json::from_str::<Created>(body).ok());
        if created.is_none() {
            outcome = Verdict::Retry;
        }
    }
    let mut outbox = load();
    outbox.settle(&key, outcome, now());
    save(&outbox);
    match outcome {
        Verdict::Delivered => {
            if let Some(created) = created {
                tickets::remember(Ticket {
                    reference: created.reference,
                    token: created.token,
                    tree: entry.tree.clone(),
                    sent_at: now(),
                    walk: entry.walk.clone(),
                });
            }
        }
        Verdict::Refused => {
            let (status, body) = answer.unwrap_or_default();
            let error: Option<ApiError> = serde_json::from_str(&body).ok();
            let mut list = refusals();
            list.retain(|r| r.walk != entry.walk);
            list.push(Refusal {
                walk: entry.walk.clone(),
                status,
                field: error.as_ref().and_then(|e| e.field.clone()),
                rule: error.as_ref().and_then(|e| e.rule.clone()),
                message: error.map(|e| e.message).unwrap_or_default(),
            });
            set_refusals(&list);
        }
        Verdict::Retry => {}
    }
    IN_FLIGHT.with_borrow_mut(|f| f.remove(&key));
    changed();
    schedule();
}

/// The parts of `HandoffCreated` the app keeps.
#[derive(Deserialize)]
struct Created {
    reference: String,
    token: String,
}

/// Sends the entry; the status and body of the answer, or `None` without one.
async fn post(entry: &Pending) -> Option<(u16, String)> {
    // The server allows a second per 32 KiB of body; so does the browser, plus the
    // usual time for an answer.
    let limit = Duration::from_secs(30 + entry.body.len() as u64 / (32 * 1024));
    let deadline = Deadline::after(limit);
    let response = Request::post(&format!("{API}/handoffs"))
        .header("Idempotency-Key", &entry.key)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .abort_signal(deadline.signal().as_ref())
        .body(entry.body.clone())
        .ok()?
        .send()
        .await
        .ok()?;
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    Some((status, body))
}
