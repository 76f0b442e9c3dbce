//! The administration screen (admins): accounts (create, role, queues, deactivate,
//! reset a password, who was active when), the queues and who works each, the SLA
//! targets per priority, how long finished tickets keep personal data, and the
//! administration log of every such change.
//!
//! Everything is read once when the screen opens and again after each change, so the
//! log shows the change that was just made.

mod accounts;
mod editor;
mod log;
mod queues;
mod retention;
mod secret;
mod sla;

use super::api;
use super::texts::{now, st};
use super::widgets::failure_words;
use crate::focus;
use domain::api::{AuditEntry, QueueInfo, StaffMember};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the screen shows, read from the server.
#[derive(Debug, Clone, Copy)]
struct AdminData {
    staff: RwSignal<Vec<StaffMember>>,
    queues: RwSignal<Vec<QueueInfo>>,
    log: RwSignal<Vec<AuditEntry>>,
    /// Why reading failed, if it did.
    failed: RwSignal<Option<String>>,
    loaded: RwSignal<bool>,
}

impl AdminData {
    fn new() -> AdminData {
        AdminData {
            staff: RwSignal::new(Vec::new()),
            queues: RwSignal::new(Vec::new()),
            log: RwSignal::new(Vec::new()),
            failed: RwSignal::new(None),
            loaded: RwSignal::new(false),
        }
    }

    /// Reads accounts, queues and the log again.
    fn reload(self) {
        spawn_local(async move {
            let staff = api::get::<Vec<StaffMember>>("/staff").await;
            let queues = api::get::<Vec<QueueInfo>>("/queues").await;
            let log = api::get::<Vec<AuditEntry>>("/audit").await;
            match (staff, queues, log) {
                (Ok(staff), Ok(queues), Ok(log)) => {
                    self.staff.set(staff);
                    self.queues.set(queues);
                    self.log.set(log);
                    self.failed.set(None);
                }
                (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
                    self.failed.set(Some(failure_words(&e)));
                }
            }
            self.loaded.set(true);
        });
    }
}

#[component]
pub fn AdminScreen() -> impl IntoView {
    let data = AdminData::new();
    data.reload();
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    Effect::new(move |_| crate::browser::set_title(now().admin.title));
    let failed = move || {
        data.failed.get().map(|message| {
            view! {
                <div class="notice notice-error" role="alert">
                    <p>{message}</p>
                    <button type="button" class="button button-small" on:click=move |_| data.reload()>
                        {st(|t| t.common.retry)}
                    </button>
                </div>
            }
        })
    };
    view! {
        <div class="staff-screen admin">
            <h1 tabindex="-1" node_ref=heading>{st(|t| t.admin.title)}</h1>
            <p class="status">{st(|t| t.admin.intro)}</p>
            {failed}
            <Show when=move || data.loaded.get() fallback=|| view! { <p role="status">{st(|t| t.common.loading)}</p> }>
                <accounts::Accounts data />
                <queues::Queues data />
                <sla::SlaTargets on_saved=Callback::new(move |_| data.reload()) />
                <retention::Retention on_saved=Callback::new(move |_| data.reload()) />
                <log::AdminLog data />
            </Show>
        </div>
    }
}
