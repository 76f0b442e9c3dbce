//! Before a new ticket: the caller's open tickets, found by reference, e-mail address
//! or phone number (`GET /calls/lookup?q=`), so the agent adds to one that exists
//! instead of opening a duplicate.

use crate::i18n::fill;
use crate::staff::api::{self, Failure};
use crate::staff::queue::names::tree_title;
use crate::staff::screen::Screen;
use crate::staff::texts::{now, st};
use crate::staff::widgets::{duration, failure_words, status_name};
use domain::api::{CallerTicket, CallerTickets};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What a lookup found, or why it found nothing.
#[derive(Debug, Clone)]
enum Found {
    Tickets(String, Vec<CallerTicket>),
    Refused(String),
}

/// `q` as a query parameter.
fn encode(q: &str) -> String {
    js_sys::encode_uri_component(q).into()
}

#[component]
pub fn Lookup() -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Found>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = typed.get_untracked().trim().to_owned();
        let t = &now().calls;
        if q.is_empty() {
            found.set(Some(Found::Refused(t.lookup_empty.to_owned())));
            super::node::focus_by_id("lookup-q");
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let answer =
                api::get::<CallerTickets>(&format!("/calls/lookup?q={}", encode(&q))).await;
            busy.try_set(false);
            let t = &now().calls;
            found.try_set(Some(match answer {
                Ok(list) => Found::Tickets(list.matched_by, list.items),
                Err(Failure::Api { status: 422, .. }) => {
                    Found::Refused(t.lookup_unreadable.to_owned())
                }
                Err(failure) => Found::Refused(failure_words(&failure)),
            }));
            if matches!(found.try_get_untracked().flatten(), Some(Found::Refused(_))) {
                super::node::focus_by_id("lookup-q");
            }
        });
    };
    let results = move || {
        let t = &now().calls;
        match found.get()? {
            Found::Refused(_) => None,
            Found::Tickets(by, items) if items.is_empty() => {
                let by = matched(t, &by);
                Some(
                    view! { <p data-testid="lookup-none">{fill(t.lookup_none, &[("by", by)])}</p> }
                        .into_any(),
                )
            }
            Found::Tickets(by, items) => {
                let at = js_sys::Date::now() as i64;
                let rows = items
                    .into_iter()
                    .map(|item| {
                        let reference = if item.can_open {
                            view! { <a href=Screen::Ticket { id: item.id }.path()>{item.reference.clone()}</a> }.into_any()
                        } else {
                            view! { <span>{item.reference.clone()}</span> }.into_any()
                        };
                        let topic = tree_title(&item.tree, t.lang).unwrap_or_else(|| item.tree.clone());
                        let holder = item.holder.as_ref().map_or_else(|| t.nobody.to_owned(), |h| h.name.clone());
                        view! {
                            <tr data-testid="lookup-row">
                                <th scope="row">{reference}</th>
                                <td>{status_name(item.status)}</td>
                                <td>{topic}</td>
                                <td>{duration(at - item.created_at)}</td>
                                <td>{holder}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                Some(
                    view! {
                        <p>{fill(t.lookup_found, &[("by", matched(t, &by))])}</p>
                        <table class="lookup-table" data-testid="lookup-results">
                            <thead><tr>
                                <th scope="col">{t.col_reference}</th>
                                <th scope="col">{t.col_status}</th>
                                <th scope="col">{t.col_topic}</th>
                                <th scope="col">{t.col_age}</th>
                                <th scope="col">{t.col_holder}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    }
                    .into_any(),
                )
            }
        }
    };
    let refusal = move || match found.get() {
        Some(Found::Refused(words)) => Some(view! { <p class="field-error">{words}</p> }),
        _ => None,
    };
    view! {
        <section class="call-lookup" aria-labelledby="lookup-title">
            <h2 id="lookup-title">{st(|t| t.calls.lookup_title)}</h2>
            <form novalidate on:submit=submit data-testid="lookup-form" class="lookup-form">
                <div class="field">
                    <label class="field-label" for="lookup-q">{st(|t| t.calls.lookup_label)}</label>
                    <input id="lookup-q" type="search" autocomplete="off" data-testid="lookup-q"
                        aria-describedby="lookup-error"
                        prop:value=move || typed.get() on:input:target=move |ev| typed.set(ev.target().value()) />
                    <div id="lookup-error" role="alert">{refusal}</div>
                </div>
                <button type="submit" class="button" disabled=move || busy.get()>{st(|t| t.calls.lookup_submit)}</button>
            </form>
            <div role="status" data-testid="lookup">{results}</div>
        </section>
    }
}

fn matched(t: &crate::staff::texts::calls::CallsTexts, by: &str) -> &'static str {
    match by {
        "reference" => t.by_reference,
        "email" => t.by_email,
        _ => t.by_phone,
    }
}
