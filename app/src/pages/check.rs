//! "Check my ticket" (`/status`): open a ticket by reference and code or by its status
//! link, or pick one of the tickets this browser remembers.
//!
//! Opening one shows its status page right here and puts the status link into the
//! address (replacing this one), so a reload or a bookmark keeps it.

use crate::browser;
use crate::components::check_form::CheckForm;
use crate::focus;
use crate::i18n::{fill, tr, use_i18n};
use crate::pages::Page;
use crate::pages::status::StatusPage;
use crate::status;
use crate::tickets;
use leptos::prelude::*;

#[component]
pub fn CheckPage() -> impl IntoView {
    let opened = RwSignal::new(None::<String>);
    let open = Callback::new(move |(reference, token): (String, String)| {
        focus::person_moved();
        status::replace_address(&tickets::status_link(&reference, &token));
        opened.set(Some(reference));
    });
    move || match opened.get() {
        Some(reference) => view! { <StatusPage reference /> }.into_any(),
        None => view! { <Check open /> }.into_any(),
    }
}

#[component]
fn Check(open: Callback<(String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| browser::set_title(i18n.t().status.check_title));
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    let remembered = RwSignal::new(tickets::all());
    let list = move || {
        let list = remembered.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|ticket| {
                    let reference = ticket.reference.clone();
                    let forget_label = move || fill(i18n.t().status.forget, &[("reference", &reference)]);
                    let reference = ticket.reference.clone();
                    let forget = move |_| {
                        tickets::forget(&reference);
                        remembered.set(tickets::all());
                    };
                    view! {
                        <li class="remembered-ticket">
                            <a href=ticket.status_link() class="remembered-link">{ticket.reference.clone()}</a>
                            <button type="button" class="button button-quiet button-small" on:click=forget aria-label=forget_label>
                                <span aria-hidden="true">"✕"</span>
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="remembered" aria-labelledby="remembered-title">
                    <h2 id="remembered-title">{tr(|t| t.status.remembered_title)}</h2>
                    <p>{tr(|t| t.status.remembered_intro)}</p>
                    <ul class="remembered-list" data-testid="remembered">{items}</ul>
                </section>
            }
        })
    };
    view! {
        <div class="check">
            <p class="crumbs">
                <a href=Page::Landing.path() class="crumb-link">{tr(|t| t.walk.all_topics)}</a>
            </p>
            <h1 tabindex="-1" node_ref=heading>{tr(|t| t.status.check_title)}</h1>
            <CheckForm reference=String::new() open />
            {list}
        </div>
    }
}
