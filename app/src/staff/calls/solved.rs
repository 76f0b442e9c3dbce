//! "Solved on the call", at any step: what solved it, and whether to keep a closed
//! ticket for the record (then the caller's name and the summary are needed), sent as
//! `POST /calls/solved` with the call's one `Idempotency-Key`.

use super::call::Outcome;
use super::field::{Entry, TextField, place};
use super::node::focus_by_id;
use super::store;
use crate::staff::api;
use crate::staff::texts::{now, st};
use crate::staff::ticket::dialog::Dialog;
use crate::staff::widgets::failure_words;
use domain::api::{CallSolved, CallSolvedAnswer, HandoverStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SolvedDialog(open: RwSignal<bool>) -> impl IntoView {
    view! {
        <Dialog open id="solved-dialog" title=|| now().calls.solved_dialog_title>
            <SolvedForm open />
        </Dialog>
    }
}

#[component]
fn SolvedForm(open: RwSignal<bool>) -> impl IntoView {
    let caller = store::with_untracked(|c| c.map(|c| c.caller.clone())).unwrap_or_default();
    let summary = Entry::new(String::new());
    let name = Entry::new(caller.name.clone());
    let record = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let t = &now().calls;
        let keep = record.get_untracked();
        let mut bad = None;
        if keep && summary.get().trim().is_empty() {
            summary.error.set(Some(t.summary_required.to_owned()));
            bad.get_or_insert("solved-summary");
        }
        if keep && name.get().trim().is_empty() {
            name.error.set(Some(t.name_required.to_owned()));
            bad.get_or_insert("solved-name");
        }
        if let Some(id) = bad {
            focus_by_id(id);
            return;
        }
        let (Some(call), Some(catalog)) = (
            store::with_untracked(|c| c.cloned()),
            store::catalog_untracked(),
        ) else {
            return;
        };
        let Ok(walk) = store::walk_of(&call, &catalog) else {
            problem.set(Some(t.walk_broken.to_owned()));
            return;
        };
        let mut caller = call.caller.clone();
        caller.name = name.get();
        let contact = caller.contact();
        let body = CallSolved {
            tree: call.tree.clone(),
            versions: walk.versions,
            transcript: call.transcript.clone(),
            diagnostics: call
                .handover
                .as_ref()
                .map(|h| h.diagnostics.clone())
                .unwrap_or_default(),
            caller: (!contact.name.is_empty()).then_some(contact),
            notes: call.notes_to_send(),
            summary: summary.get().trim().to_owned(),
            record: keep,
            language: call.language.clone(),
            call_started_at: Some(call.started_at),
            handover: call
                .handover
                .as_ref()
                .filter(|h| h.status.is_live())
                .map(|h| h.id),
        };
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let answer =
                api::post_once::<_, CallSolvedAnswer>("/calls/solved", &call.key, &body).await;
            busy.try_set(false);
            match answer {
                Ok(answer) => {
                    crate::focus::person_moved();
                    store::update(|c| {
                        c.caller = caller;
                        c.outcome = Some(Outcome::Solved(answer.ticket));
                        if let Some(h) = c.handover.as_mut() {
                            h.status = HandoverStatus::Solved;
                        }
                    });
                    open.try_set(false);
                }
                Err(failure) => {
                    let fields = [
                        ("summary", "solved-summary", summary),
                        ("caller.name", "solved-name", name),
                        ("contact.name", "solved-name", name),
                    ];
                    if !place(&failure, &fields) {
                        problem.try_set(Some(failure_words(&failure)));
                    }
                }
            }
        });
    };
    view! {
        <form novalidate on:submit=submit class="call-dialog-form">
            <TextField id="solved-summary" label=|| now().calls.solved_summary entry=summary kind="textarea" required=false />
            <div class="field field-check">
                <input id="solved-record" type="checkbox" data-testid="solved-record"
                    prop:checked=move || record.get() on:change:target=move |ev| record.set(ev.target().checked()) />
                <label for="solved-record">{st(|t| t.calls.solved_record)}</label>
            </div>
            {move || record.get().then(|| view! {
                <p class="field-help">{st(|t| t.calls.solved_record_help)}</p>
                <TextField id="solved-name" label=|| now().calls.caller_name entry=name required=true autocomplete="name" />
            })}
            <div role="alert">{move || problem.get().map(|p| view! { <p class="notice notice-error">{p}</p> })}</div>
            <div class="dialog-buttons">
                <button type="submit" class="button button-primary" data-testid="solved-submit" disabled=move || busy.get()>
                    {move || if busy.get() { now().calls.sending } else { now().calls.solved_submit }}
                </button>
                <button type="button" class="button" on:click=move |_| open.set(false)>{st(|t| t.common.cancel)}</button>
            </div>
        </form>
    }
}
