//! Above the list: "Claim next", the desktop-notification switch, the keys button, and
//! the filters (status, queue, priority, holder, order) with the search.
//!
//! A choice in a list applies at once; the search applies a moment after the last
//! keystroke (or on Enter), so typing a word does not read the Queue per letter.

use super::QueueState;
use super::claim;
use super::filters::{Filters, HolderChoice, Order, QueueChoice};
use super::names;
use super::notify::{self, Notifying};
use super::updates::priority_words;
use crate::i18n::use_i18n;
use crate::staff::texts::{now, st};
use crate::staff::widgets::status_name;
use domain::ticket::Status;
use leptos::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// The search field's id (the `/` key focuses it).
pub const SEARCH_ID: &str = "queue-search";
/// Quiet time after a keystroke before the search applies.
const SEARCH_PAUSE: Duration = Duration::from_millis(300);

/// Esc in the search field gives the keys back to the list (j/k work again).
fn leave_on_escape(event: leptos::ev::KeyboardEvent) {
    if event.key() == "Escape"
        && let Some(input) = event
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok())
    {
        event.prevent_default();
        let _ = input.blur();
    }
}

/// "Claim next", notifications, keys.
#[component]
pub fn Actions() -> impl IntoView {
    let state = expect_context::<QueueState>();
    let busy = RwSignal::from(state.claiming_next.clone());
    let claim_state = state.clone();
    let help = state.help_open.clone();
    let notifying = move || notify::state();
    let notify_words = move || {
        let t = &now().queue;
        match notifying() {
            Notifying::On => t.notify_on,
            _ => t.notify_off,
        }
    };
    let notify_problem = move || {
        let t = &now().queue;
        match notifying() {
            Notifying::Blocked => Some(t.notify_denied),
            Notifying::Unsupported => Some(t.notify_unsupported),
            _ => None,
        }
    };
    view! {
        <div class="queue-actions">
            <button type="button" class="button button-primary" data-testid="claim-next"
                aria-disabled=move || busy.get().to_string()
                on:click=move |_| claim::claim_next(&claim_state)>
                {move || if busy.get() { now().queue.claiming } else { now().queue.claim_next }}
            </button>
            <button type="button" class="button button-quiet queue-switch" data-testid="notify"
                aria-pressed=move || (notifying() == Notifying::On).to_string()
                aria-describedby="queue-notify-problem"
                disabled=move || notifying() == Notifying::Unsupported
                on:click=|_| notify::toggle()>
                <span>{st(|t| t.queue.notify)}</span>
                <span class="queue-switch-state" aria-hidden="true">{notify_words}</span>
            </button>
            <button type="button" class="button button-quiet" data-testid="keys-button"
                aria-haspopup="dialog" on:click=move |_| help.set(true)>
                {st(|t| t.queue.keys_button)}
            </button>
        </div>
        <p id="queue-notify-problem" class="queue-notify-problem" role="status">{notify_problem}</p>
    }
}

/// The filters and the search.
#[component]
pub fn FilterBar() -> impl IntoView {
    let state = expect_context::<QueueState>();
    let i18n = use_i18n();
    let filters = state.listing.filters.clone();
    let pick = {
        let filters = filters.clone();
        move |change: fn(&mut Filters, &str)| {
            let filters = filters.clone();
            move |event: leptos::ev::Event| {
                let value = event_target_value(&event);
                filters.update(|f| change(f, &value));
            }
        }
    };
    let chosen = {
        let filters = filters.clone();
        move |is: fn(&Filters, &str) -> bool, value: String| {
            let filters = filters.clone();
            move || filters.with(|f| is(f, &value))
        }
    };

    let status_options = {
        let chosen = chosen.clone();
        move || {
            Status::ALL
                .into_iter()
                .map(|s| {
                    view! {
                        <option value=s.name() prop:selected=chosen(|f, v| f.status.is_some_and(|s| s.name() == v), s.name().to_owned())>
                            {status_name(s)}
                        </option>
                    }
                })
                .collect_view()
        }
    };
    let queue_options = {
        let chosen = chosen.clone();
        move || {
            let lang = i18n.lang().code();
            names::queues()
                .into_iter()
                .map(|q| {
                    let name = q.name.get(lang).to_owned();
                    view! {
                        <option value=q.id.clone() prop:selected=chosen(|f, v| f.queue == QueueChoice::One(v.to_owned()), q.id.clone())>
                            {name}
                        </option>
                    }
                })
                .collect_view()
        }
    };
    let priority_options = {
        let chosen = chosen.clone();
        move || {
            (1..=5u8)
                .map(|p| {
                    view! {
                        <option value=p.to_string() prop:selected=chosen(|f, v| f.priority.is_some_and(|p| p.to_string() == v), p.to_string())>
                            {priority_words(&now().queue, p)}
                        </option>
                    }
                })
                .collect_view()
        }
    };
    // "My queues" only when the person has queues of their own (the server's default).
    let has_own = state.own_queues().is_some();

    // The search: typed text here, applied after a pause. `applied` is the last text
    // this field gave the filters, so a change of the filters from elsewhere (reset,
    // the address) is told apart from the echo of its own.
    let typed = RwSignal::new(filters.with_untracked(|f| f.search.clone()));
    let applied = Arc::new(Mutex::new(typed.get_untracked()));
    {
        let filters = filters.clone();
        let applied = applied.clone();
        Effect::new(move |_| {
            let search = filters.with(|f| f.search.clone());
            let mut applied = applied.lock().unwrap_or_else(PoisonError::into_inner);
            if *applied != search {
                *applied = search.clone();
                typed.set(search);
            }
        });
    }
    let keystrokes = Arc::new(AtomicU64::new(0));
    let apply_search = {
        let filters = filters.clone();
        move || {
            let text = typed.get_untracked();
            if filters.with_untracked(|f| f.search.trim() != text.trim()) {
                *applied.lock().unwrap_or_else(PoisonError::into_inner) = text.clone();
                filters.update(|f| f.search = text);
            }
        }
    };
    let on_input = {
        let apply = apply_search.clone();
        let keystrokes = keystrokes.clone();
        move |event: leptos::ev::Event| {
            typed.set(event_target_value(&event));
            let stroke = keystrokes.fetch_add(1, Ordering::SeqCst) + 1;
            let keystrokes = keystrokes.clone();
            let apply = apply.clone();
            set_timeout(
                move || {
                    if keystrokes.load(Ordering::SeqCst) == stroke {
                        apply();
                    }
                },
                SEARCH_PAUSE,
            );
        }
    };
    let on_submit = {
        let apply = apply_search.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            keystrokes.fetch_add(1, Ordering::SeqCst);
            apply();
        }
    };
    let is_default = {
        let filters = filters.clone();
        move || filters.with(Filters::is_default)
    };
    let reset = {
        let filters = filters.clone();
        move |_| filters.set(Filters::default())
    };

    view! {
        <form class="queue-filters" role="search" aria-label=st(|t| t.queue.filters) on:submit=on_submit data-testid="filters">
            <div class="queue-field queue-field-search">
                <label for=SEARCH_ID>{st(|t| t.queue.search)}</label>
                <input id=SEARCH_ID type="search" autocomplete="off" aria-describedby="queue-search-help"
                    prop:value=move || typed.get() on:input=on_input on:keydown=leave_on_escape />
                <span id="queue-search-help" class="queue-field-help">{st(|t| t.queue.search_help)}</span>
            </div>
            <div class="queue-field">
                <label for="queue-status">{st(|t| t.queue.filter_status)}</label>
                <select id="queue-status" on:change=pick(|f, v| f.status = Status::parse(v))>
                    <option value="" prop:selected=chosen(|f, _| f.status.is_none(), String::new())>
                        {st(|t| t.queue.filter_status_open)}
                    </option>
                    {status_options}
                </select>
            </div>
            <div class="queue-field">
                <label for="queue-queue">{st(|t| t.queue.filter_queue)}</label>
                <select id="queue-queue" on:change=pick(|f, v| f.queue = match v {
                    "" => QueueChoice::Mine,
                    "*" => QueueChoice::All,
                    id => QueueChoice::One(id.to_owned()),
                })>
                    <option value="" prop:selected=chosen(|f, _| f.queue == QueueChoice::Mine, String::new())>
                        {move || if has_own { now().queue.filter_queue_mine } else { now().queue.filter_queue_all }}
                    </option>
                    {has_own.then(|| view! {
                        <option value="*" prop:selected=chosen(|f, _| f.queue == QueueChoice::All, String::new())>
                            {st(|t| t.queue.filter_queue_all)}
                        </option>
                    })}
                    {queue_options}
                </select>
            </div>
            <div class="queue-field">
                <label for="queue-priority">{st(|t| t.queue.filter_priority)}</label>
                <select id="queue-priority" on:change=pick(|f, v| f.priority = v.parse().ok())>
                    <option value="" prop:selected=chosen(|f, _| f.priority.is_none(), String::new())>
                        {st(|t| t.queue.filter_priority_any)}
                    </option>
                    {priority_options}
                </select>
            </div>
            <div class="queue-field">
                <label for="queue-holder">{st(|t| t.queue.filter_holder)}</label>
                <select id="queue-holder" on:change=pick(|f, v| f.holder = match v {
                    "me" => HolderChoice::Me,
                    "none" => HolderChoice::Nobody,
                    _ => HolderChoice::Anyone,
                })>
                    <option value="" prop:selected=chosen(|f, _| f.holder == HolderChoice::Anyone, String::new())>
                        {st(|t| t.queue.filter_holder_any)}
                    </option>
                    <option value="me" prop:selected=chosen(|f, _| f.holder == HolderChoice::Me, String::new())>
                        {st(|t| t.queue.filter_holder_me)}
                    </option>
                    <option value="none" prop:selected=chosen(|f, _| f.holder == HolderChoice::Nobody, String::new())>
                        {st(|t| t.queue.filter_holder_none)}
                    </option>
                </select>
            </div>
            <div class="queue-field">
                <label for="queue-order">{st(|t| t.queue.order)}</label>
                <select id="queue-order" on:change=pick(|f, v| f.order = if v == "age" { Order::Age } else { Order::Priority })>
                    <option value="priority" prop:selected=chosen(|f, _| f.order == Order::Priority, String::new())>
                        {st(|t| t.queue.order_priority)}
                    </option>
                    <option value="age" prop:selected=chosen(|f, _| f.order == Order::Age, String::new())>
                        {st(|t| t.queue.order_age)}
                    </option>
                </select>
            </div>
            <div class="queue-field queue-field-reset">
                {move || (!is_default()).then(|| {
                    let reset = reset.clone();
                    view! {
                        <button type="button" class="button button-quiet" on:click=reset>
                            {st(|t| t.queue.reset)}
                        </button>
                    }
                })}
            </div>
        </form>
    }
}
