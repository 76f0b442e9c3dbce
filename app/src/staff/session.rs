//! Who is signed in: restored from the session cookie at start, set by the sign-in
//! form, dropped when any call finds the session gone.
//!
//! Kept in a thread-local signal (not a component's), because the API client learns of
//! a lost session outside any component and must be able to say so.

use super::api::{self, SessionLoss};
use domain::api::{Role, SessionInfo, StaffMember};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where the workspace's session stands.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    /// Asking the server whether the cookie still holds a session.
    Checking,
    SignedOut,
    SignedIn(StaffMember),
}

thread_local! {
    static STATE: ArcRwSignal<SessionState> = ArcRwSignal::new(SessionState::Checking);
}

fn signal() -> ArcRwSignal<SessionState> {
    STATE.with(Clone::clone)
}

/// The session state (reactive).
pub fn state() -> SessionState {
    signal().get()
}

/// The signed-in person (reactive), if any.
pub fn me() -> Option<StaffMember> {
    match state() {
        SessionState::SignedIn(me) => Some(me),
        _ => None,
    }
}

/// The signed-in person's role (reactive).
pub fn role() -> Option<Role> {
    me().map(|m| m.role)
}

/// Restores the session of the cookie, if there is one.
pub fn start() {
    api::on_session_lost(lost);
    spawn_local(async {
        match api::get::<SessionInfo>("/session").await {
            Ok(info) => signed_in(info),
            Err(_) => signal().set(SessionState::SignedOut),
        }
    });
}

/// The server accepted a sign-in or a password change.
pub fn signed_in(info: SessionInfo) {
    api::set_csrf(&info.csrf);
    signal().set(SessionState::SignedIn(info.staff));
}

/// Ends the session on the server and shows the sign-in form.
pub fn sign_out() {
    spawn_local(async {
        // Whatever the server says, this browser forgets the session.
        let _ = api::delete("/session").await;
        api::set_csrf("");
        signal().set(SessionState::SignedOut);
    });
}

fn lost(loss: SessionLoss) {
    let state = signal();
    match loss {
        SessionLoss::SignedOut => state.set(SessionState::SignedOut),
        SessionLoss::PasswordChangeRequired => state.update(|s| {
            if let SessionState::SignedIn(me) = s {
                me.must_change_password = true;
            }
        }),
    }
}
