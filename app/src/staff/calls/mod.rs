//! The agent console (`/staff/calls`): the 1st level guides callers through the same
//! trees as the portal, takes over walks callers started online (by the code they read
//! aloud), and calls back on tickets the 2nd level returned.
//!
//! # Layout
//! - [`call`]: a call as plain data (caller, moves, notes, outcome); [`store`] keeps it
//!   across screens and reloads.
//! - [`start`], [`topics`], [`lookup`]: the new-call form, topic search, and the
//!   caller's open tickets.
//! - [`walk`], [`node`], [`keys`], [`moves`], [`timer`], [`said`]: the call itself:
//!   script, numbered answers, notes, timer, running transcript.
//! - [`escalate`], [`solved`], [`done`], [`field`]: ending a call, and its dialogs.
//! - [`takeover`], [`code`], [`handover`]: taking over a portal walk by code, live.
//! - [`returned`]: tickets returned to the 1st level.

pub mod call;
pub mod code;
pub mod done;
pub mod escalate;
pub mod field;
pub mod handover;
pub mod keys;
pub mod lookup;
pub mod moves;
pub mod node;
pub mod returned;
pub mod said;
pub mod solved;
pub mod start;
pub mod store;
pub mod takeover;
pub mod timer;
pub mod topics;
pub mod walk;

use crate::focus;
use crate::staff::texts::{now, st};
use leptos::prelude::*;

#[component]
pub fn CallsScreen() -> impl IntoView {
    store::restore();
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    Effect::new(move |_| crate::browser::set_title(now().calls.title));
    let in_call = Memo::new(move |_| store::with(|c| c.is_some()));
    let main = move || {
        if in_call.get() {
            view! { <walk::CallView /> }.into_any()
        } else {
            view! {
                <start::NewCall />
                <lookup::Lookup />
            }
            .into_any()
        }
    };
    view! {
        <div class="staff-screen calls-screen">
            <h1 tabindex="-1" node_ref=heading>{st(|t| t.calls.title)}</h1>
            <div class="calls-columns">
                <div class="calls-main">{main}</div>
                <div class="calls-side">
                    {move || (!in_call.get()).then(|| view! { <takeover::Takeover /> })}
                    <returned::Returned />
                </div>
            </div>
        </div>
    }
}
