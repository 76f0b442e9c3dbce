//! "I solved it myself": one button, a confirmation, then the ticket is resolved.

use crate::focus;
use crate::i18n::{tr, use_i18n};
use crate::status::OpenTicket;
use crate::status::api::{self, SendError};
use leptos::prelude::*;

#[component]
pub fn Solved() -> impl IntoView {
    let i18n = use_i18n();
    let live = expect_context::<OpenTicket>();
    let asking = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<SendError>);
    let question = NodeRef::<leptos::html::P>::new();
    let ask = move |_| {
        error.set(None);
        asking.set(true);
    };
    // The question takes the focus, so keyboard and screen-reader users land on it.
    Effect::new(move |_| {
        if asking.get()
            && let Some(p) = question.get()
        {
            let _ = p.focus();
        }
    });
    let confirm = move |_| {
        busy.set(true);
        let (reference, token) = (live.reference.get_value(), live.token.get_value());
        leptos::task::spawn_local(async move {
            let result = api::solved(&reference, &token).await;
            if busy.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(()) => {
                    focus::person_moved();
                    live.said_solved.set(true);
                    live.refresh();
                }
                // Resolved or closed meanwhile: show how it stands now.
                Err(SendError::Closed) => {
                    error.set(Some(SendError::Closed));
                    live.refresh();
                }
                Err(other) => error.set(Some(other)),
            }
        });
    };
    let message = move || {
        error.get().map(|e| {
            let t = i18n.t();
            let text = match e {
                SendError::Closed => t.status.already_closed,
                SendError::Unreachable => t.common.unreachable,
                _ => t.common.server_error,
            };
            view! { <p class="notice notice-error" role="alert">{text}</p> }
        })
    };
    view! {
        <section class="solved panel" aria-labelledby="solved-title">
            <h2 id="solved-title">{tr(|t| t.status.solved_title)}</h2>
            <p>{tr(|t| t.status.solved_text)}</p>
            {move || {
                if asking.get() {
                    view! {
                        <div class="solved-confirm">
                            <p tabindex="-1" node_ref=question class="solved-question">
                                {tr(|t| t.status.solved_confirm)}
                            </p>
                            <div class="button-row">
                                <button type="button" class="button button-primary" on:click=confirm disabled=move || busy.get()>
                                    {tr(|t| t.status.solved_yes)}
                                </button>
                                <button type="button" class="button" on:click=move |_| asking.set(false)>
                                    {tr(|t| t.status.solved_no)}
                                </button>
                            </div>
                        </div>
                    }
                    .into_any()
                } else {
                    view! {
                        <button type="button" class="button" on:click=ask>
                            {tr(|t| t.status.solved_button)}
                        </button>
                    }
                    .into_any()
                }
            }}
            {message}
        </section>
    }
}

/// Shown once the user marked the ticket solved here.
#[component]
pub fn Done() -> impl IntoView {
    let note = NodeRef::<leptos::html::P>::new();
    focus::on_mount(note);
    view! {
        <p class="notice notice-success" role="status" tabindex="-1" node_ref=note data-testid="solved-done">
            {tr(|t| t.status.solved_done)}
        </p>
    }
}
