//! A handover session as the walk page runs it: asking for a code, following the
//! session by long-poll, sending the caller's moves, and following the agent's.
//!
//! Two sides move one walk. The page keeps `synced`, the moves both sides agreed on at
//! the last revision it saw. A walk that differs from it here is the caller's move
//! (sent with `PUT …/walk` and the revision seen); a state from the server that
//! differs from it is the agent's move (the walk follows). While a move is on its way
//! the server's news wait for its answer, so a late echo of the caller's own move never
//! takes a newer one back; on a conflict (409 `stale`) the server's walk wins.
//!
//! The follow loop long-polls `GET /handovers/{id}?after=<revision>`, waits longer
//! after each failure (1 s doubling to 30 s), and stops when the session is over, when
//! the page is left (its request aborted), or when a newer session replaces it.

use super::api::{self, HandoverError};
use super::kept::{self, Kept};
use super::reading::{Phase, phase};
use super::wire::Shared;
use crate::browser;
use crate::handoff::details;
use crate::i18n::I18n;
use crate::tickets::{self, Ticket};
use crate::walk::LiveWalk;
use domain::api::{HandoverMove, HandoverRequest};
use domain::walk::Step;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::RefCell;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use web_sys::AbortController;

/// How often the clock of the panel ticks (the minutes left, a code's expiry).
const TICK: Duration = Duration::from_secs(10);
/// Waits after a failed read, doubling up to the last.
const FIRST_WAIT_MS: u32 = 1_000;
const LAST_WAIT_MS: u32 = 30_000;
/// Wait before a move that did not reach the server is sent again.
const RESEND_MS: u32 = 3_000;

thread_local! {
    /// The follow loop's request under way, aborted when the page is left.
    static POLL: RefCell<Option<AbortController>> = const { RefCell::new(None) };
}

/// Where "Talk to a person" is.
#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    /// The quiet action only.
    Idle,
    /// What happens, and the question whether to go on.
    Confirming,
    /// The walk is on its way; the code comes next.
    Asking,
    /// No code came: `true` when the server could not be reached.
    Failed(bool),
    /// A session: its code, or the agent, or how it ended.
    Active,
}

/// The bookkeeping of moves between the two sides.
#[derive(Default)]
struct Moves {
    /// Bumped by every new session and when the page is left: older loops stop.
    generation: u32,
    left: bool,
    /// The walk's moves at the last revision seen; `None` before the first state.
    synced: Option<Vec<Step>>,
    /// The moves of the `PUT` under way.
    sent: Option<Vec<Step>>,
    /// The agent moved while a `PUT` was under way: follow once it is answered.
    follow_pending: bool,
}

/// The walk page's session, shared by its components through the context.
#[derive(Clone)]
pub struct Session {
    live: LiveWalk,
    tree: Arc<str>,
    i18n: I18n,
    pub stage: ArcRwSignal<Stage>,
    pub kept: ArcRwSignal<Option<Kept>>,
    pub state: ArcRwSignal<Option<Shared>>,
    /// This browser's clock, ticking every [`TICK`].
    pub now: ArcRwSignal<i64>,
    /// The server could not be reached on the last try.
    pub trouble: ArcRwSignal<bool>,
    /// The person agreed to send the browser details with the walk.
    pub consent: ArcRwSignal<bool>,
    /// How often the agent moved the walk (said to screen readers each time).
    pub agent_moves: ArcRwSignal<u32>,
    /// The server no longer knows the session.
    pub lost: ArcRwSignal<bool>,
    moves: Arc<Mutex<Moves>>,
}

fn now() -> i64 {
    browser::now() as i64
}

async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

impl Session {
    /// Makes the walk page's session and provides it; a session kept for this tree
    /// (the page was reloaded) is followed again at once.
    pub fn provide(live: LiveWalk, tree: &str, i18n: I18n) -> Session {
        let session = Session {
            live,
            tree: tree.into(),
            i18n,
            stage: ArcRwSignal::new(Stage::Idle),
            kept: ArcRwSignal::new(None),
            state: ArcRwSignal::new(None),
            now: ArcRwSignal::new(now()),
            trouble: ArcRwSignal::new(false),
            consent: ArcRwSignal::new(false),
            agent_moves: ArcRwSignal::new(0),
            lost: ArcRwSignal::new(false),
            moves: Arc::new(Mutex::new(Moves::default())),
        };
        provide_context(session.clone());
        let clock = session.now.clone();
        if let Ok(timer) = set_interval_with_handle(move || clock.set(now()), TICK) {
            on_cleanup(move || timer.clear());
        }
        // The caller's own moves (answers, back, start over, the browser's buttons).
        let watcher = session.clone();
        Effect::new(move |_| {
            live.with(|walk, _| walk.transcript.len());
            watcher.reconcile();
        });
        let leaving = session.clone();
        on_cleanup(move || leaving.leave());
        if let Some(kept) = kept::restore(tree) {
            session.kept.set(Some(kept));
            session.stage.set(Stage::Active);
            session.start_following();
        }
        session
    }

    /// The phase of the session shown (reactive); `None` without a session.
    pub fn phase(&self) -> Option<Phase> {
        if self.stage.get() != Stage::Active {
            return None;
        }
        let now = self.now.get();
        self.state.with(|state| match state {
            Some(state) => Some(phase(state, now)),
            // Read again after a reload: what the kept session knew.
            None => self.kept.with(|kept| {
                kept.as_ref().map(|k| match k.connected {
                    true => Phase::Connected,
                    false if now >= k.expires_at => Phase::Expired,
                    false => Phase::Waiting,
                })
            }),
        })
    }

    /// The language of the page (reactive).
    pub fn lang(&self) -> crate::i18n::Lang {
        self.i18n.lang()
    }

    /// The agent's name, or the words for someone from support (reactive).
    pub fn agent(&self) -> String {
        let someone = crate::i18n::handover(self.i18n.lang()).someone;
        self.state
            .with(|s| s.as_ref().and_then(|s| s.agent.clone()))
            .unwrap_or_else(|| someone.to_owned())
    }

    fn moves(&self) -> std::sync::MutexGuard<'_, Moves> {
        self.moves.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn current(&self, generation: u32) -> bool {
        let moves = self.moves();
        !moves.left && moves.generation == generation
    }

    /// The walk page goes: loops stop, the request under way is aborted.
    fn leave(&self) {
        {
            let mut moves = self.moves();
            moves.left = true;
            moves.generation += 1;
        }
        POLL.with_borrow_mut(|poll| {
            if let Some(controller) = poll.take() {
                controller.abort();
            }
        });
    }

    /// "Talk to a person": what happens first.
    pub fn confirm(&self) {
        self.stage.set(Stage::Confirming);
    }

    /// "Not now", or "Close" after a session ended.
    pub fn dismiss(&self) {
        self.stage.set(Stage::Idle);
        self.state.set(None);
        self.kept.set(None);
        self.lost.set(false);
        self.trouble.set(false);
        kept::forget();
    }

    /// Sends the walk so far and gets a code. Nothing about the walk leaves the
    /// browser before this.
    pub fn ask(&self) {
        let request = self.live.with_untracked(|walk, _| HandoverRequest {
            tree: walk.tree.clone(),
            versions: walk.versions.clone(),
            transcript: walk.transcript.clone(),
            diagnostics: if self.consent.get_untracked() {
                details::collect().into_iter().collect()
            } else {
                Default::default()
            },
            language: self.i18n.lang().code().to_owned(),
        });
        self.stage.set(Stage::Asking);
        let session = self.clone();
        let generation = self.moves().generation;
        spawn_local(async move {
            let answer = api::create(&request).await;
            if !session.current(generation) {
                return;
            }
            match answer {
                Ok(created) => {
                    let kept = Kept {
                        id: created.id,
                        token: created.token,
                        code: created.code,
                        expires_at: created.expires_at,
                        tree: session.tree.to_string(),
                        phone: created.phone,
                        connected: false,
                        touched: now(),
                    };
                    kept::store(&kept);
                    {
                        let mut moves = session.moves();
                        moves.generation += 1;
                        moves.synced = None;
                        moves.sent = None;
                        moves.follow_pending = false;
                    }
                    session.state.set(None);
                    session.lost.set(false);
                    session.trouble.set(false);
                    session.kept.set(Some(kept));
                    session.take(created.state, false);
                    session.stage.set(Stage::Active);
                    session.start_following();
                }
                Err(error) => session
                    .stage
                    .set(Stage::Failed(error == HandoverError::Unreachable)),
            }
        });
    }

    /// "Cancel" (a waiting code) or "End the session": the caller ends it.
    pub fn end(&self) {
        let Some(kept) = self.kept.get_untracked() else {
            return;
        };
        let session = self.clone();
        spawn_local(async move {
            match api::end(kept.id, &kept.token).await {
                Ok(state) => {
                    session.trouble.set(false);
                    session.take(state, false);
                }
                Err(HandoverError::Gone | HandoverError::Over) => session.gone(),
                Err(_) => session.trouble.set(true),
            }
        });
    }

    /// The follow loop of the current session.
    fn start_following(&self) {
        let session = self.clone();
        let generation = self.moves().generation;
        spawn_local(async move {
            let mut wait = FIRST_WAIT_MS;
            loop {
                let Some(kept) = session.kept.get_untracked() else {
                    return;
                };
                let after = session
                    .state
                    .with_untracked(|s| s.as_ref().map(|s| s.revision));
                let Ok(stop) = AbortController::new() else {
                    return;
                };
                POLL.with_borrow_mut(|poll| *poll = Some(stop.clone()));
                let answer = api::read(kept.id, &kept.token, after, &stop).await;
                if !session.current(generation) {
                    return;
                }
                match answer {
                    Ok(state) => {
                        wait = FIRST_WAIT_MS;
                        session.trouble.set(false);
                        session.take(state, false);
                    }
                    Err(HandoverError::Gone) => return session.gone(),
                    Err(_) => {
                        session.trouble.set(true);
                        sleep(wait).await;
                        wait = (wait * 2).min(LAST_WAIT_MS);
                    }
                }
                if !session.current(generation) || !session.is_live_untracked() {
                    return;
                }
            }
        });
    }

    fn is_live_untracked(&self) -> bool {
        let now = now();
        self.state
            .with_untracked(|s| s.as_ref().is_none_or(|s| phase(s, now).is_live()))
    }

    /// The server no longer knows the session (or the token).
    fn gone(&self) {
        kept::forget();
        self.kept.set(None);
        self.lost.set(true);
        self.trouble.set(false);
    }

    /// A state from the server. `own` when it answers the caller's own move: its
    /// walk is then what this page sent, never a reason to move.
    fn take(&self, state: Shared, own: bool) {
        let newer = self
            .state
            .with_untracked(|s| s.as_ref().is_none_or(|s| state.revision > s.revision));
        if !newer {
            return;
        }
        let follow = {
            let mut moves = self.moves();
            let changed = moves.synced.as_ref() != Some(&state.transcript);
            let first = moves.synced.is_none();
            moves.synced = Some(state.transcript.clone());
            let echo = moves.sent.as_ref() == Some(&state.transcript);
            if !changed || own || echo {
                None
            } else if moves.sent.is_some() {
                moves.follow_pending = true;
                None
            } else {
                Some(!first)
            }
        };
        let phase = phase(&state, now());
        self.kept.update(|kept| {
            if let Some(kept) = kept {
                kept.connected |= state.agent.is_some() || phase == Phase::Connected;
                kept.touched = now();
                if phase.is_live() {
                    kept::store(kept);
                }
            }
        });
        if !phase.is_live() {
            kept::forget();
        }
        if let Phase::Escalated { reference, token } = &phase
            && !token.is_empty()
        {
            tickets::remember(Ticket {
                reference: reference.clone(),
                token: token.clone(),
                tree: self.tree.to_string(),
                sent_at: browser::now() as f64,
                walk: String::new(),
            });
        }
        self.state.set(Some(state));
        if let Some(announce) = follow {
            self.follow(announce);
        }
    }

    /// Brings the walk to the moves agreed on (the agent's); `announce` says so.
    fn follow(&self, announce: bool) {
        let Some(synced) = self.moves().synced.clone() else {
            return;
        };
        if self.live.follow(&synced) && announce {
            self.agent_moves.update(|n| *n += 1);
        }
    }

    /// After any change: follows the agent's move that waited, or sends the caller's.
    fn reconcile(&self) {
        let local = self.live.with_untracked(|walk, _| walk.transcript.clone());
        let send = {
            let mut moves = self.moves();
            if moves.sent.is_some() || moves.synced.is_none() {
                return;
            }
            if moves.follow_pending {
                moves.follow_pending = false;
                None
            } else if moves.synced.as_ref() != Some(&local) && self.is_live_untracked() {
                moves.sent = Some(local.clone());
                Some(local)
            } else {
                return;
            }
        };
        match send {
            None => self.follow(true),
            Some(transcript) => self.send(transcript),
        }
    }

    fn send(&self, transcript: Vec<Step>) {
        let (Some(kept), Some(revision)) = (
            self.kept.get_untracked(),
            self.state
                .with_untracked(|s| s.as_ref().map(|s| s.revision)),
        ) else {
            self.moves().sent = None;
            return;
        };
        let session = self.clone();
        let generation = self.moves().generation;
        spawn_local(async move {
            let moved = HandoverMove {
                revision,
                transcript,
            };
            let answer = api::send_move(kept.id, &kept.token, &moved).await;
            if !session.current(generation) {
                return;
            }
            session.moves().sent = None;
            match answer {
                Ok(state) => {
                    session.trouble.set(false);
                    session.take(state, true);
                }
                // The agent moved first: the server's walk wins.
                Err(HandoverError::Stale(state)) => {
                    session.trouble.set(false);
                    session.moves().follow_pending = true;
                    session.take(*state, false);
                }
                Err(HandoverError::Over) => {
                    if let Ok(stop) = AbortController::new()
                        && let Ok(state) = api::read(kept.id, &kept.token, None, &stop).await
                    {
                        session.take(state, false);
                    }
                    return;
                }
                Err(HandoverError::Gone) => return session.gone(),
                Err(_) => {
                    session.trouble.set(true);
                    let again = session.clone();
                    set_timeout(
                        move || again.reconcile(),
                        Duration::from_millis(RESEND_MS.into()),
                    );
                    return;
                }
            }
            session.reconcile();
        });
    }
}

/// The walk page's [`Session`].
pub fn use_session() -> Session {
    expect_context::<Session>()
}
