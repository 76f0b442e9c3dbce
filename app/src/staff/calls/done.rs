//! How the call ended, said so the agent can read it to the caller: the new ticket's
//! reference (escalated, or kept for the record) with a link to it, then "New call".

use super::call::Outcome;
use super::store;
use crate::focus;
use crate::i18n::fill;
use crate::staff::screen::Screen;
use crate::staff::texts::{now, st};
use leptos::prelude::*;

#[component]
pub fn Done(outcome: Outcome) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H3>::new();
    focus::on_mount(heading);
    let t = &now().calls;
    let (title, text, ticket) = match &outcome {
        Outcome::Escalated(ticket) => (
            t.escalated_title,
            fill(t.escalated_text, &[("reference", &ticket.reference)]),
            Some(ticket.clone()),
        ),
        Outcome::Solved(Some(ticket)) => (
            t.solved_title,
            fill(t.solved_kept, &[("reference", &ticket.reference)]),
            Some(ticket.clone()),
        ),
        Outcome::Solved(None) => (t.solved_title, t.solved_text.to_owned(), None),
    };
    let link = ticket.map(|ticket| {
        view! {
            <p><a href=Screen::Ticket { id: ticket.id }.path() data-testid="call-ticket-link">
                {fill(now().calls.open_ticket, &[("reference", &ticket.reference)])}
            </a></p>
        }
    });
    let new_call = |_| {
        focus::person_moved();
        store::set(None);
    };
    view! {
        <div class="call-done" role="status" data-testid="call-done">
            <h3 tabindex="-1" node_ref=heading>{title}</h3>
            <p class="call-done-text">{text}</p>
            {link}
        </div>
        <button type="button" class="button button-primary" data-testid="new-call" on:click=new_call>{st(|t| t.calls.new_call)}</button>
    }
}
