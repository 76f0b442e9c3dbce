//! Taking over a portal walk by code, and keeping both screens on the same walk.
//!
//! The agent types the code the caller reads aloud (`POST /calls/handovers`); from then
//! on the console asks for the session's next revision in a long poll
//! (`GET /calls/handovers/{id}?after=N`, answered as soon as the caller moves, at the
//! latest after about 20 s), and sends the agent's moves as the whole transcript with
//! the revision it saw (`PUT .../walk`). When both moved at once the server keeps the
//! caller's move (409 with the current state), and the agent is told.

use super::call::{Call, Caller, Linked, key_from};
use super::code::{self, Refusal};
use super::store;
use crate::staff::api::{self, Failure};
use crate::staff::texts::now;
use domain::api::{HandoverClaim, HandoverMove, HandoverState, HandoverStatus, Party};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::time::Duration;

/// How long a long poll may take: the server answers after about 20 s at the latest.
const POLL_LIMIT: Duration = Duration::from_secs(35);

thread_local! {
    /// Which follow loop may run (a new one, or leaving the screen, stops the old).
    static FOLLOWING: Cell<u32> = const { Cell::new(0) };
    /// Whether a move is on its way to the server.
    static PUSHING: Cell<bool> = const { Cell::new(false) };
    /// What happened to the session in words (both moved at once, the caller ended).
    static NEWS: ArcRwSignal<String> = ArcRwSignal::new(String::new());
}

/// The latest news of the session (reactive).
pub fn news() -> String {
    NEWS.with(Clone::clone).get()
}

fn tell(words: &str) {
    NEWS.with(Clone::clone).set(words.to_owned());
}

/// Takes the session of the code `input` and starts following it.
pub async fn claim(input: &str) -> Result<(), Refusal> {
    let code = code::read(input)?;
    let state: HandoverState = api::post("/calls/handovers", &HandoverClaim { code })
        .await
        .map_err(|f| code::refusal(&f))?;
    tell("");
    let call = Call {
        handover: Some(Linked {
            id: state.id,
            revision: state.revision,
            status: state.status,
            ended_by_caller: false,
            diagnostics: state.diagnostics.clone(),
        }),
        transcript: state.walk.transcript,
        ..Call::new(
            Caller::default(),
            state.walk.tree,
            &state.language,
            js_sys::Date::now() as i64,
            key_from(crate::browser::random_16()),
        )
    };
    store::set(Some(call));
    follow();
    Ok(())
}

/// The session's id while it is live.
fn live_id() -> Option<(i64, i64)> {
    store::with_untracked(|c| {
        let h = c?.handover.as_ref()?;
        h.status.is_live().then_some((h.id, h.revision))
    })
}

/// Follows the live session (if the call has one) until it ends or [`stop`].
pub fn follow() {
    let Some((id, _)) = live_id() else {
        return;
    };
    let run = FOLLOWING.with(|f| {
        f.set(f.get() + 1);
        f.get()
    });
    spawn_local(async move {
        loop {
            if FOLLOWING.with(Cell::get) != run {
                break;
            }
            let Some((live, revision)) = live_id() else {
                break;
            };
            if live != id {
                break;
            }
            let path = format!("/calls/handovers/{id}?after={revision}");
            match api::get_waiting::<HandoverState>(&path, POLL_LIMIT).await {
                Ok(state) => {
                    if PUSHING.with(Cell::get) {
                        // The push's answer brings the newest state; ask again after it.
                        pause(300).await;
                    } else if FOLLOWING.with(Cell::get) == run {
                        apply(state);
                    }
                }
                Err(Failure::Api {
                    status: 403 | 404 | 410,
                    ..
                }) => {
                    store::update(|c| {
                        if let Some(h) = c.handover.as_mut() {
                            h.status = HandoverStatus::Ended;
                        }
                    });
                    break;
                }
                Err(_) => pause(3_000).await,
            }
        }
    });
}

/// Stops following (the screen was left; [`follow`] starts again on return).
pub fn stop() {
    FOLLOWING.with(|f| f.set(f.get() + 1));
}

/// Takes the session's state as the server has it, if it is newer than the call's.
fn apply(state: HandoverState) {
    let was_live = live_id().is_some();
    store::update(|c| {
        let Some(h) = c.handover.as_mut().filter(|h| h.id == state.id) else {
            return;
        };
        if state.revision < h.revision {
            return;
        }
        h.revision = state.revision;
        h.status = state.status;
        h.ended_by_caller = state.ended_by == Some(Party::Caller);
        h.diagnostics = state.diagnostics.clone();
        c.transcript = state.walk.transcript.clone();
    });
    if was_live && state.status == HandoverStatus::Ended && state.ended_by == Some(Party::Caller) {
        tell(now().calls.caller_ended);
    }
}

/// Sends the call's walk to the session, if it has a live one. Moves made while one is
/// on its way follow in the next request.
pub fn push() {
    if live_id().is_none() || PUSHING.with(|p| p.replace(true)) {
        return;
    }
    spawn_local(async move {
        while let Some((id, revision)) = live_id() {
            if !send(id, revision).await {
                break;
            }
        }
        PUSHING.with(|p| p.set(false));
    });
}

/// Sends the call's transcript once; answers whether it must be sent again (the agent
/// moved while it was on its way).
async fn send(id: i64, revision: i64) -> bool {
    let transcript = store::with_untracked(|c| c.map(|c| c.transcript.clone())).unwrap_or_default();
    let body = HandoverMove {
        revision,
        transcript: transcript.clone(),
    };
    let path = format!("/calls/handovers/{id}/walk");
    match api::put::<_, HandoverState>(&path, &body).await {
        Ok(state) => {
            let moved_meanwhile =
                store::with_untracked(|c| c.is_some_and(|c| c.transcript != transcript));
            if moved_meanwhile {
                store::update(|c| {
                    if let Some(h) = c.handover.as_mut() {
                        h.revision = state.revision;
                    }
                });
                return true;
            }
            apply(state);
        }
        Err(Failure::Api { status: 409, error }) => {
            let state = error
                .details
                .as_ref()
                .and_then(|d| d.get("state"))
                .and_then(|s| serde_json::from_value::<HandoverState>(s.clone()).ok());
            if let Some(state) = state {
                apply(state);
            }
            tell(now().calls.both_moved);
        }
        Err(Failure::Api { status: 410, .. }) => {
            store::update(|c| {
                if let Some(h) = c.handover.as_mut() {
                    h.status = HandoverStatus::Ended;
                }
            });
            tell(now().calls.session_over);
        }
        Err(failure) => tell(&crate::staff::widgets::failure_words(&failure)),
    }
    false
}

/// Ends the session from the agent's side; the walk stays on the console.
pub fn end() {
    let Some((id, _)) = live_id() else {
        return;
    };
    spawn_local(async move {
        match api::post_empty::<HandoverState>(&format!("/calls/handovers/{id}/end")).await {
            Ok(state) => {
                apply(state);
                tell(now().calls.session_ended);
            }
            Err(failure) => tell(&crate::staff::widgets::failure_words(&failure)),
        }
    });
}

/// Waits `ms` milliseconds.
async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
