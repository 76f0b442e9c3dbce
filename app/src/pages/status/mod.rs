//! The status page of a handed-off ticket, `/status/{reference}#{token}`: the reference
//! large, the status in plain words, the history, and what the user can still do (add
//! information, "solved myself").
//!
//! The token is read from the address's fragment, which browsers never send to the
//! server or in `Referer`. A page without one, or whose reference and token open
//! nothing, says so and offers the "check my ticket" form. The server answers a wrong
//! token exactly like an unknown reference, so the page cannot (and does not) tell
//! those apart.

mod add_info;
mod history;
mod solved;

use crate::api::FetchError;
use crate::browser;
use crate::components::check_form::CheckForm;
use crate::components::error_panel::ErrorPanel;
use crate::focus;
use crate::i18n::{fill, tr, use_i18n};
use crate::pages::Page;
use crate::status::{self, OpenTicket};
use domain::ticket::{Status, normalize_reference};
use leptos::prelude::*;

/// What the page can show before it has a ticket.
#[derive(Debug, Clone, PartialEq)]
enum Opening {
    /// Not 8 characters of the reference alphabet.
    BadReference,
    /// A reference, but no token in the address.
    NoCode(String),
    Open(String, String),
}

#[component]
pub fn StatusPage(reference: String) -> impl IntoView {
    let opening = RwSignal::new(match normalize_reference(&reference) {
        None => Opening::BadReference,
        Some(reference) => match status::token_in_address() {
            Some(token) => Opening::Open(reference, token),
            None => Opening::NoCode(reference),
        },
    });
    // The form below a problem opens another ticket in place: the address follows.
    let open = Callback::new(move |(reference, token): (String, String)| {
        focus::person_moved();
        status::replace_address(&crate::tickets::status_link(&reference, &token));
        opening.set(Opening::Open(reference, token));
    });
    move || match opening.get() {
        Opening::BadReference => view! {
            <Problem title=|t| t.status.bad_reference_title text=|t| t.status.bad_reference />
            <CheckForm reference=String::new() open />
        }
        .into_any(),
        Opening::NoCode(reference) => view! {
            <Problem title=|t| t.status.no_code_title text=|t| t.status.no_code_text />
            <CheckForm reference open />
        }
        .into_any(),
        Opening::Open(reference, token) => view! { <Opened reference token open /> }.into_any(),
    }
}

/// A ticket to read: loading, not found, unreachable, or the ticket.
#[component]
fn Opened(reference: String, token: String, open: Callback<(String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let live = OpenTicket::new(reference.clone(), token);
    provide_context(live);
    live.refresh();
    live.poll();
    let retry = Callback::new(move |()| {
        live.problem.set(None);
        live.refresh();
    });
    // A memo: the ticket view is built once it has a ticket, and never again by a
    // refresh (which would throw away what is typed into its form).
    let phase = Memo::new(move |_| {
        let have = live.ticket.with(Option::is_some);
        (have, if have { None } else { live.problem.get() })
    });
    move || match phase.get() {
        (false, None) => {
            view! { <p class="status" role="status">{i18n.t().status.loading}</p> }.into_any()
        }
        (false, Some(FetchError::NotFound)) => view! {
            <Problem title=|t| t.status.not_found_title text=|t| t.status.not_found_text />
            <CheckForm reference=reference.clone() open />
        }
        .into_any(),
        (false, Some(error)) => view! {
            <Problem title=|t| t.common.load_failed_title text=|_| "" />
            <ErrorPanel error retry />
        }
        .into_any(),
        (true, _) => view! { <TicketView retry /> }.into_any(),
    }
}

/// A heading that takes the focus, and a line under it.
#[component]
fn Problem(
    title: fn(&'static crate::i18n::Texts) -> &'static str,
    text: fn(&'static crate::i18n::Texts) -> &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| browser::set_title(title(i18n.t())));
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    view! {
        <div class="status-problem" data-testid="status-problem">
            <h1 tabindex="-1" node_ref=heading>{tr(title)}</h1>
            {move || {
                let line = text(i18n.t());
                (!line.is_empty()).then(|| view! { <p>{line}</p> })
            }}
        </div>
    }
}

/// The ticket: reference, status, refresh, history, and the user's actions.
#[component]
fn TicketView(retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let live = expect_context::<OpenTicket>();
    let reference = live.reference.get_value();
    Effect::new({
        let reference = reference.clone();
        move |_| {
            browser::set_title(&format!(
                "{} {reference}",
                i18n.t().status.reference_caption
            ))
        }
    });
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    let status = move || live.ticket.with(|t| t.as_ref().map(|t| t.status));
    // A memo: the form below is rebuilt only when the ticket opens or closes, never by
    // a refresh, so nothing typed into it is lost.
    let open = Memo::new(move |_| live.is_open());
    let status_name = move || status().map_or("", Status::name);
    let status_text = move || status().map_or("", |s| history::status_word(i18n.lang(), s));
    let checked = move || {
        live.checked_at.get().map(|at| {
            fill(
                i18n.t().status.checked_at,
                &[("time", &status::when(i18n.lang(), at))],
            )
        })
    };
    view! {
        <div class="ticket">
            <p class="crumbs">
                <a href=Page::Landing.path() class="crumb-link">{tr(|t| t.walk.all_topics)}</a>
            </p>
            <h1 class="ticket-heading" tabindex="-1" node_ref=heading>
                <span class="ticket-caption">{tr(|t| t.status.reference_caption)}</span>
                <span class="ticket-reference" data-testid="ticket-reference">{reference}</span>
            </h1>
            <p class="ticket-note">{tr(|t| t.status.reference_note)}</p>
            <div class="ticket-status-box">
                <p class="ticket-status" role="status" aria-live="polite">
                    <span class="ticket-status-label">{tr(|t| t.status.status)}": "</span>
                    <strong data-testid="ticket-status" data-status=status_name>{status_text}</strong>
                </p>
                <div class="ticket-refresh">
                    <button
                        type="button"
                        class="button button-small"
                        on:click=move |_| live.refresh()
                        aria-describedby="refresh-note"
                    >
                        {tr(|t| t.status.refresh)}
                    </button>
                    <p id="refresh-note" class="ticket-refresh-note">
                        {tr(|t| t.status.refresh_note)}
                        " "
                        {checked}
                    </p>
                </div>
                {move || {
                    live.problem.get().map(|error| view! { <ErrorPanel error retry /> })
                }}
            </div>
            <history::History />
            {move || {
                if open.get() {
                    view! {
                        <add_info::AddInfo />
                        <solved::Solved />
                    }
                    .into_any()
                } else if live.said_solved.get() {
                    view! { <solved::Done /> }.into_any()
                } else {
                    view! { <p class="notice notice-info">{tr(|t| t.status.closed_note)}</p> }
                        .into_any()
                }
            }}
        </div>
    }
}
