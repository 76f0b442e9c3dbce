//! The ticket's personal data: export everything stored (2nd level and admins, a
//! download of `GET /api/v1/tickets/{id}/export`) and erase it on the person's request
//! (admins, after a confirmation). An erased ticket says when it was erased.

use super::dialog::Dialog;
use super::state::OpenTicket;
use super::when;
use crate::i18n::fill;
use crate::staff::api;
use crate::staff::session;
use crate::staff::texts::{now, st};
use crate::staff::widgets::failure_words;
use domain::api::{Role, TicketDetail};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Privacy(ticket: OpenTicket) -> impl IntoView {
    let erased_at = Memo::new(move |_| ticket.detail(|d| d.erased_at).flatten());
    let role = session::role();
    let open = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let export = format!("{}/tickets/{}/export", domain::api::API, ticket.id);
    let erase = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if ticket.busy.get_untracked() {
            return;
        }
        ticket.busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let answer =
                api::post_empty::<TicketDetail>(&format!("/tickets/{}/erase", ticket.id)).await;
            let _ = ticket.reload().await;
            ticket.busy.set(false);
            match answer {
                Ok(_) => {
                    open.set(false);
                    ticket.news.set(now().ticket.erased_news.to_owned());
                }
                Err(failure) => problem.set(Some(failure_words(&failure))),
            }
        });
    };
    move || {
        if let Some(at) = erased_at.get() {
            return view! {
                <p class="notice notice-info" data-testid="erased">
                    {fill(now().ticket.erased_on, &[("when", &when(at))])}
                </p>
            }
            .into_any();
        }
        if role < Some(Role::Specialist) {
            return ().into_any();
        }
        let admin = role == Some(Role::Admin);
        let export = export.clone();
        view! {
            <p class="muted">{st(|t| t.ticket.privacy_intro)}</p>
            <p class="privacy-actions">
                <a class="button button-small" href=export download rel="external" data-testid="export">
                    {st(|t| t.ticket.export)}
                </a>
                {admin.then(|| view! {
                    <button type="button" class="button button-small" on:click=move |_| open.set(true) data-testid="erase">
                        {st(|t| t.ticket.erase)}
                    </button>
                })}
            </p>
            <Dialog open id="erase-dialog" title=|| now().ticket.erase_title>
                <form class="dialog-form" novalidate on:submit=erase>
                    <p>{st(|t| t.ticket.erase_text)}</p>
                    <div role="alert">{move || problem.get().map(|m| view! { <p class="field-error">{m}</p> })}</div>
                    <div class="dialog-buttons">
                        <button type="submit" class="button button-primary" aria-disabled=move || ticket.busy.get().to_string()>
                            {st(|t| t.ticket.erase_submit)}
                        </button>
                        <button type="button" class="button" autofocus on:click=move |_| open.set(false)>
                            {st(|t| t.common.cancel)}
                        </button>
                    </div>
                </form>
            </Dialog>
        }
        .into_any()
    }
}
