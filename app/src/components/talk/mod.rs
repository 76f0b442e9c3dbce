//! "Talk to a person" on the walk page (the session handover by code, caller's side).
//!
//! - [`TalkAction`]: the quiet action under every step that is not an end (and, as the
//!   alternative to the form, on the escalate screen); it first says what happens and
//!   asks, and only then sends the walk (`handover::session`).
//! - [`panel::TalkPanel`]: above the step while there is a session: the code to read
//!   aloud, the phone number, the minutes left, the agent's presence, how it ended.

pub mod panel;

use crate::handoff::details;
use crate::handover::session::{Stage, use_session};
use crate::i18n::{ht, tr, use_i18n};
use leptos::prelude::*;

/// The quiet action, then the question, then the request for a code. `alternative`
/// on the escalate screen: a sentence says it is another way than the form.
#[component]
pub fn TalkAction(#[prop(optional)] alternative: bool) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let stage = session.stage.clone();
    move || match stage.get() {
        Stage::Idle => {
            let session = session.clone();
            view! {
                <div class="talk-action" data-testid="talk">
                    {alternative.then(|| view! { <p>{ht(|t| t.alternative)}</p> })}
                    <button
                        type="button"
                        class="button button-quiet"
                        data-testid="talk-button"
                        on:click=move |_| session.confirm()
                    >
                        {ht(|t| t.talk)}
                    </button>
                </div>
            }
            .into_any()
        }
        Stage::Confirming => view! { <Confirm /> }.into_any(),
        Stage::Asking => view! {
            <p class="check-running talk-action" role="status" data-testid="talk-asking">
                <span class="spinner" aria-hidden="true"></span>
                {ht(|t| t.asking)}
            </p>
        }
        .into_any(),
        Stage::Failed(unreachable) => {
            let (again, not_now) = (session.clone(), session.clone());
            view! {
                <div class="notice notice-error talk-action" role="alert" data-testid="talk-failed">
                    <p>
                        {ht(|t| t.failed)} " "
                        {move || {
                            let t = &i18n.t().common;
                            if unreachable { t.unreachable } else { t.server_error }
                        }}
                    </p>
                    <div class="button-row">
                        <button type="button" class="button" on:click=move |_| again.ask()>
                            {tr(|t| t.common.retry)}
                        </button>
                        <button type="button" class="button button-quiet" on:click=move |_| not_now.dismiss()>
                            {ht(|t| t.not_now)}
                        </button>
                    </div>
                </div>
            }
            .into_any()
        }
        Stage::Active => ().into_any(),
    }
}

/// What happens when the person goes on, the choice to add the browser details (as
/// on the hand-off form: listed, and off unless ticked), and the two ways out.
#[component]
fn Confirm() -> impl IntoView {
    let session = use_session();
    let heading = NodeRef::<leptos::html::H2>::new();
    // The person pressed the action: the question takes the focus.
    crate::focus::person_moved();
    crate::focus::on_mount(heading);
    let consent = session.consent.clone();
    let checked = consent.clone();
    let (go, not_now) = (session.clone(), session.clone());
    let shown = details::collect();
    view! {
        <section class="panel panel-handoff talk-confirm" aria-labelledby="talk-confirm-title" data-testid="talk-confirm">
            <h2 id="talk-confirm-title" tabindex="-1" node_ref=heading>{ht(|t| t.talk)}</h2>
            <p>{ht(|t| t.confirm_text)}</p>
            <div class="consent">
                <input
                    type="checkbox"
                    id="talk-consent"
                    aria-describedby="talk-consent-help"
                    prop:checked=move || checked.get()
                    on:change:target=move |ev| consent.set(ev.target().checked())
                />
                <label for="talk-consent">{tr(|t| t.handoff.consent)}</label>
            </div>
            <p id="talk-consent-help" class="field-help">{tr(|t| t.handoff.consent_help)}</p>
            <details class="talk-details">
                <summary>{tr(|t| t.handoff.send_details)}</summary>
                <dl class="sent-values">
                    {shown
                        .into_iter()
                        .map(|(name, value)| view! { <dt>{name}</dt> <dd>{value}</dd> })
                        .collect_view()}
                </dl>
            </details>
            <p class="field-help">{ht(|t| t.confirm_nothing_yet)}</p>
            <div class="button-row">
                <button type="button" class="button button-primary" data-testid="talk-go" on:click=move |_| go.ask()>
                    {ht(|t| t.get_code)}
                </button>
                <button type="button" class="button button-quiet" on:click=move |_| not_now.dismiss()>
                    {ht(|t| t.not_now)}
                </button>
            </div>
        </section>
    }
}
