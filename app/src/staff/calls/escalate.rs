//! "Escalate": the hand-off of a call, prefilled with the caller's details, impact
//! and urgency from the escalate node and a summary built from the notes (all
//! editable), sent as `POST /calls/handoffs` with the call's one `Idempotency-Key`.
//!
//! A retry after a lost answer sends the same key, so the server answers with the
//! ticket it already made instead of a second one.

use super::call::{Outcome, summary_from_notes};
use super::field::{Entry, TextField, place};
use super::node::focus_by_id;
use super::said::titled_notes;
use super::store;
use crate::staff::api;
use crate::staff::texts::{now, st};
use crate::staff::ticket::dialog::Dialog;
use crate::staff::widgets::failure_words;
use domain::api::{CallHandoff, CallTicket, HandoverStatus};
use domain::tree::{Level, Need};
use domain::{Node, walk::Walk};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The escalate node's impact, urgency and contact rules, where the walk stands.
fn node_facts() -> Option<(Walk, Level, Level, Need, Need)> {
    let catalog = store::catalog_untracked()?;
    store::with_untracked(|c| {
        let walk = store::walk_of(c?, &catalog).ok()?;
        match walk.node(&catalog)? {
            Node::Escalate {
                impact,
                urgency,
                contact,
                ..
            } => {
                let (i, u, e, p) = (*impact, *urgency, contact.email, contact.phone);
                Some((walk, i, u, e, p))
            }
            _ => None,
        }
    })
}

pub fn level_name(level: Level) -> &'static str {
    match level {
        Level::High => "high",
        Level::Medium => "medium",
        Level::Low => "low",
    }
}

fn level_of(name: &str) -> Level {
    match name {
        "high" => Level::High,
        "low" => Level::Low,
        _ => Level::Medium,
    }
}

#[component]
pub fn EscalateDialog(open: RwSignal<bool>) -> impl IntoView {
    view! {
        <Dialog open id="escalate-dialog" title=|| now().calls.escalate_title>
            <EscalateForm open />
        </Dialog>
    }
}

#[component]
fn EscalateForm(open: RwSignal<bool>) -> impl IntoView {
    let caller = store::with_untracked(|c| c.map(|c| c.caller.clone())).unwrap_or_default();
    let facts = node_facts();
    let (impact0, urgency0, need_email, need_phone) = facts.as_ref().map_or(
        (Level::Medium, Level::Medium, Need::Optional, Need::Optional),
        |f| (f.1, f.2, f.3, f.4),
    );
    let name = Entry::new(caller.name.clone());
    let phone = Entry::new(caller.phone.clone());
    let email = Entry::new(caller.email.clone());
    let summary = Entry::new(summary_from_notes(&titled_notes()));
    let impact = RwSignal::new(level_name(impact0).to_owned());
    let urgency = RwSignal::new(level_name(urgency0).to_owned());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let t = &now().calls;
        let mut bad = None;
        let need = |entry: Entry, id: &'static str, need: Need, bad: &mut Option<&'static str>| {
            if need == Need::Required && entry.get().trim().is_empty() {
                entry.error.set(Some(t.field_required.to_owned()));
                bad.get_or_insert(id);
            }
        };
        if name.get().trim().is_empty() {
            name.error.set(Some(t.name_required.to_owned()));
            bad.get_or_insert("esc-name");
        }
        need(phone, "esc-phone", need_phone, &mut bad);
        need(email, "esc-email", need_email, &mut bad);
        if let Some(id) = bad {
            focus_by_id(id);
            return;
        }
        let Some((walk, ..)) = node_facts() else {
            problem.set(Some(t.walk_broken.to_owned()));
            return;
        };
        let Some(call) = store::with_untracked(|c| c.cloned()) else {
            return;
        };
        let mut caller = call.caller.clone();
        caller.name = name.get();
        caller.phone = phone.get();
        caller.email = email.get();
        let handover = call
            .handover
            .as_ref()
            .filter(|h| h.status.is_live())
            .map(|h| h.id);
        let body = CallHandoff {
            tree: call.tree.clone(),
            versions: walk.versions.clone(),
            transcript: call.transcript.clone(),
            diagnostics: call
                .handover
                .as_ref()
                .map(|h| h.diagnostics.clone())
                .unwrap_or_default(),
            caller: caller.contact(),
            notes: call.notes_to_send(),
            description: summary.get().trim().to_owned(),
            impact: level_of(&impact.get_untracked()),
            urgency: level_of(&urgency.get_untracked()),
            language: call.language.clone(),
            call_started_at: Some(call.started_at),
            handover,
        };
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let answer = api::post_once::<_, CallTicket>("/calls/handoffs", &call.key, &body).await;
            busy.try_set(false);
            match answer {
                Ok(ticket) => {
                    crate::focus::person_moved();
                    store::update(|c| {
                        c.caller = caller;
                        c.outcome = Some(Outcome::Escalated(ticket));
                        if let Some(h) = c.handover.as_mut() {
                            h.status = HandoverStatus::Escalated;
                        }
                    });
                    open.try_set(false);
                }
                Err(failure) => {
                    let fields = [
                        ("contact.name", "esc-name", name),
                        ("contact.phone", "esc-phone", phone),
                        ("contact.email", "esc-email", email),
                        ("caller.name", "esc-name", name),
                        ("caller.phone", "esc-phone", phone),
                        ("caller.email", "esc-email", email),
                        ("description", "esc-summary", summary),
                    ];
                    if !place(&failure, &fields) {
                        problem.try_set(Some(failure_words(&failure)));
                    }
                }
            }
        });
    };
    let level_select = |id: &'static str, label: fn() -> &'static str, value: RwSignal<String>| {
        let options = ["high", "medium", "low"]
            .into_iter()
            .map(|l| {
                let words = move || {
                    let t = &now().calls;
                    match l {
                        "high" => t.level_high,
                        "low" => t.level_low,
                        _ => t.level_medium,
                    }
                };
                view! { <option value=l selected=move || value.get() == l>{words}</option> }
            })
            .collect_view();
        view! {
            <div class="field">
                <label class="field-label" for=id>{label}</label>
                <select id=id on:change:target=move |ev| value.set(ev.target().value())>{options}</select>
            </div>
        }
    };
    let required = |need: Need| need == Need::Required;
    view! {
        <form novalidate on:submit=submit class="call-dialog-form">
            <p class="muted">{st(|t| t.calls.escalate_intro)}</p>
            <TextField id="esc-name" label=|| now().calls.caller_name entry=name required=true autocomplete="name" />
            {(need_phone != Need::Hidden).then(|| view! {
                <TextField id="esc-phone" label=|| now().calls.caller_phone entry=phone kind="tel" required=required(need_phone) autocomplete="tel" />
            })}
            {(need_email != Need::Hidden).then(|| view! {
                <TextField id="esc-email" label=|| now().calls.caller_email entry=email kind="email" required=required(need_email) autocomplete="email" />
            })}
            <div class="call-levels">
                {level_select("esc-impact", || now().calls.impact, impact)}
                {level_select("esc-urgency", || now().calls.urgency, urgency)}
            </div>
            <TextField id="esc-summary" label=|| now().calls.summary_label entry=summary kind="textarea" help=|| now().calls.summary_help />
            <div role="alert">{move || problem.get().map(|p| view! { <p class="notice notice-error">{p}</p> })}</div>
            <div class="dialog-buttons">
                <button type="submit" class="button button-primary" data-testid="escalate-submit" disabled=move || busy.get()>
                    {move || if busy.get() { now().calls.sending } else { now().calls.escalate_submit }}
                </button>
                <button type="button" class="button" on:click=move |_| open.set(false)>{st(|t| t.common.cancel)}</button>
            </div>
        </form>
    }
}
