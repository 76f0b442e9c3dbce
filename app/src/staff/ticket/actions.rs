//! The ticket's actions: exactly those `TicketDetail::actions` lists (the server's
//! `workflow::allowed`, the same rules that refuse the others), as buttons.
//!
//! Claim, release, wait for user and reopen act at once; assign, resolve, return to
//! the 1st level and close ask first in a dialog ([`super::forms`]). Every change sends
//! the revision the view shows ([`OpenTicket::transition`]).

use super::dialog::Dialog;
use super::forms::{AssignForm, CloseForm, ResolveForm, ReturnForm};
use super::state::OpenTicket;
use crate::staff::texts::ticket::TicketTexts;
use crate::staff::texts::{now, st};
use domain::api::TransitionRequest;
use domain::ticket::Action;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The order buttons appear in: taking the ticket first, ending it last.
const ORDER: [Action; 8] = [
    Action::Claim,
    Action::Assign,
    Action::Release,
    Action::WaitForUser,
    Action::Resolve,
    Action::ReturnToFirstLevel,
    Action::Reopen,
    Action::Close,
];

fn label(t: &TicketTexts, action: Action) -> &'static str {
    match action {
        Action::Claim => t.action_claim,
        Action::Assign => t.action_assign,
        Action::Release => t.action_release,
        Action::WaitForUser => t.action_wait,
        Action::Resolve => t.action_resolve,
        Action::ReturnToFirstLevel => t.action_return,
        Action::Reopen => t.action_reopen,
        Action::Close => t.action_close,
        Action::UserReplied | Action::SolvedByUser => "",
    }
}

/// What the live region says after `action` was done.
pub fn done_words(t: &'static TicketTexts, action: Action) -> &'static str {
    match action {
        Action::Claim => t.done_claim,
        Action::Assign => t.done_assign,
        Action::Release => t.done_release,
        Action::WaitForUser => t.done_wait,
        Action::Resolve => t.done_resolve,
        Action::ReturnToFirstLevel => t.done_return,
        Action::Reopen => t.done_reopen,
        Action::Close => t.done_close,
        Action::UserReplied | Action::SolvedByUser => "",
    }
}

/// A request for `action` with nothing else (the revision is added when it is sent).
pub fn request(action: Action) -> TransitionRequest {
    TransitionRequest {
        action,
        revision: None,
        assignee: None,
        text: None,
        gap_node: None,
    }
}

#[component]
pub fn ActionBar(ticket: OpenTicket) -> impl IntoView {
    let assign = RwSignal::new(false);
    let resolve = RwSignal::new(false);
    let give_back = RwSignal::new(false);
    let close = RwSignal::new(false);
    let act = move |action: Action| {
        if ticket.busy.get_untracked() {
            return;
        }
        match action {
            Action::Assign => assign.set(true),
            Action::Resolve => resolve.set(true),
            Action::ReturnToFirstLevel => give_back.set(true),
            Action::Close => close.set(true),
            _ => spawn_local(async move {
                ticket
                    .transition(request(action), done_words(&now().ticket, action))
                    .await;
            }),
        }
    };
    // Redrawn only when the allowed actions change, so a live change elsewhere does
    // not take the focus from a button.
    let allowed = Memo::new(move |_| ticket.detail(|d| d.actions.clone()).unwrap_or_default());
    let buttons = move || {
        let allowed = allowed.get();
        let t = &now().ticket;
        ORDER
            .into_iter()
            .filter(|a| allowed.contains(a))
            .map(|action| {
                let primary = matches!(action, Action::Claim | Action::Resolve);
                let dialog = matches!(
                    action,
                    Action::Assign | Action::Resolve | Action::ReturnToFirstLevel | Action::Close
                );
                view! {
                    <button
                        type="button"
                        class=if primary { "button button-primary" } else { "button" }
                        data-action=action.name()
                        aria-haspopup=dialog.then_some("dialog")
                        aria-disabled=move || ticket.busy.get().to_string()
                        on:click=move |_| act(action)
                    >
                        {label(t, action)}
                    </button>
                }
            })
            .collect_view()
    };
    let none = move || {
        allowed
            .with(Vec::is_empty)
            .then(|| view! { <p class="muted">{st(|t| t.ticket.no_actions)}</p> })
    };
    view! {
        <div class="ticket-actions" role="group" aria-label=st(|t| t.ticket.actions_label) data-testid="actions">
            {buttons}
            {none}
        </div>
        <Dialog open=assign id="assign-dialog" title=|| now().ticket.assign_title>
            <AssignForm ticket open=assign />
        </Dialog>
        <Dialog open=resolve id="resolve-dialog" title=|| now().ticket.resolve_title>
            <ResolveForm ticket open=resolve />
        </Dialog>
        <Dialog open=give_back id="return-dialog" title=|| now().ticket.return_title>
            <ReturnForm ticket open=give_back />
        </Dialog>
        <Dialog open=close id="close-dialog" title=|| now().ticket.close_title>
            <CloseForm ticket open=close />
        </Dialog>
    }
}
