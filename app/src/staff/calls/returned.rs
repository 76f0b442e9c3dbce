//! Tickets the 2nd level returned to the 1st level, in a list of their own: what the
//! 2nd level asks for, who returned it and when, and how to reach the caller (a
//! `tel:` link calls back from a softphone). Unclaimed ones can be claimed here; the
//! ticket screen then lets the holder reply and close.
//!
//! Read again whenever a live event says a ticket changed (a return is one) and after
//! the stream reconnects.

use crate::i18n::fill;
use crate::staff::api::{self, Failure};
use crate::staff::live;
use crate::staff::queue::names::tree_title;
use crate::staff::screen::Screen;
use crate::staff::texts::{now, st};
use crate::staff::widgets::{PriorityBadge, failure_words, local_time, status_name};
use domain::api::{QueueItem, ReturnedTicket, ReturnedTickets};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A `tel:` address from a phone number as people write it (`+49 30 1234-5678` →
/// `tel:+493012345678`).
pub fn tel_href(phone: &str) -> String {
    let trimmed = phone.trim();
    let plus = if trimmed.starts_with('+') { "+" } else { "" };
    format!("tel:{plus}{}", domain::api::phone_digits(trimmed))
}

#[component]
pub fn Returned() -> impl IntoView {
    let items = RwSignal::new(None::<Result<Vec<ReturnedTicket>, Failure>>);
    let news = RwSignal::new(String::new());
    let read = move || {
        spawn_local(async move {
            let answer = api::get::<ReturnedTickets>("/calls/returned").await;
            items.try_set(Some(answer.map(|r| r.items)));
        });
    };
    read();
    // Ticket events newer than what was read: read again.
    let seen = StoredValue::new(live::newest_id());
    Effect::new(move |_| {
        let fresh = live::events_after(seen.get_value());
        live::reconnects();
        if let Some(last) = fresh.last() {
            seen.set_value(last.id);
            read();
        }
    });
    Effect::new(move |first: Option<()>| {
        live::reconnects();
        if first.is_some() {
            read();
        }
    });
    let claim = move |ticket: QueueItem| {
        spawn_local(async move {
            let answer =
                api::post_empty::<QueueItem>(&format!("/tickets/{}/claim", ticket.id)).await;
            let t = &now().calls;
            news.try_set(match answer {
                Ok(_) => fill(t.claimed, &[("reference", &ticket.reference)]),
                Err(failure) => failure_words(&failure),
            });
            read();
        });
    };
    let list = move || {
        let t = &now().calls;
        match items.get() {
            None => view! { <p class="muted" role="status">{t.loading_returned}</p> }.into_any(),
            Some(Err(failure)) => view! { <p class="notice notice-error">{failure_words(&failure)}</p> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! { <p class="muted" data-testid="returned-empty">{t.returned_none}</p> }.into_any(),
            Some(Ok(list)) => view! { <ul class="returned-list">{list
                .into_iter()
                .map(|r| {
                    let item = r.item.clone();
                    let topic = tree_title(&item.tree, t.lang).unwrap_or_else(|| item.tree.clone());
                    let by = match (&r.returned_by, r.returned_at) {
                        (Some(who), Some(at)) => Some(fill(t.returned_by_at, &[("name", &who.name), ("when", &local_time(at))])),
                        (Some(who), None) => Some(fill(t.returned_by, &[("name", &who.name)])),
                        (None, Some(at)) => Some(fill(t.returned_at, &[("when", &local_time(at))])),
                        (None, None) => None,
                    };
                    let holder = item.holder.as_ref().map(|h| fill(t.held_by, &[("name", &h.name)]));
                    let claimable = item.holder.is_none();
                    let claimed_item = item.clone();
                    view! {
                        <li class="returned-item" data-testid="returned-item" data-reference=item.reference.clone()>
                            <p class="returned-head">
                                <a href=Screen::Ticket { id: item.id }.path() class="ticket-ref">{item.reference.clone()}</a>" "
                                <PriorityBadge priority=item.priority />" "
                                <span class="muted">{status_name(item.status)}</span>
                            </p>
                            <p>{topic}" · "{item.contact_name.clone()}</p>
                            {r.instructions.clone().map(|text| view! {
                                <div class="returned-instructions">
                                    <p class="returned-label">{t.instructions}</p>
                                    <p data-testid="returned-instructions">{text}</p>
                                </div>
                            })}
                            {by.map(|by| view! { <p class="muted">{by}</p> })}
                            <p class="returned-reach">
                                {r.contact_phone.clone().map(|phone| view! {
                                    <a href=tel_href(&phone) data-testid="call-back">{fill(t.call_back, &[("phone", &phone)])}</a>
                                })}
                                {r.contact_email.clone().map(|email| view! {
                                    " "<a href=format!("mailto:{email}")>{email.clone()}</a>
                                })}
                            </p>
                            {holder.map(|h| view! { <p class="muted">{h}</p> })}
                            {claimable.then(|| view! {
                                <button type="button" class="button button-small" data-testid="returned-claim"
                                    on:click=move |_| claim(claimed_item.clone())>
                                    {fill(t.claim, &[("reference", &item.reference)])}
                                </button>
                            })}
                        </li>
                    }
                })
                .collect_view()}</ul> }
                .into_any(),
        }
    };
    view! {
        <section class="calls-returned" aria-labelledby="returned-title" data-testid="returned">
            <h2 id="returned-title">{st(|t| t.calls.returned_title)}</h2>
            <p class="muted">{st(|t| t.calls.returned_intro)}</p>
            <div role="status">{move || Some(news.get()).filter(|n| !n.is_empty()).map(|n| view! { <p class="notice notice-info">{n}</p> })}</div>
            {list}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::tel_href;

    #[test]
    fn phone_numbers_become_tel_links() {
        assert_eq!(tel_href("+49 30 1234-5678"), "tel:+493012345678");
        assert_eq!(tel_href(" 030 / 12345 "), "tel:03012345");
    }
}
