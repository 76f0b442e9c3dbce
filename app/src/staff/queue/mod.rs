//! The Queue: the tickets of the signed-in person's queues, live, most urgent first.
//!
//! # Layout
//! - [`filters`]: what is shown, as a query string (pure); [`address`] keeps it in the
//!   address bar and the tab's storage.
//! - [`listing`]: the rows, read a page at a time; the selection.
//! - [`updates`]: the live event stream: rows patched at once, the list read again
//!   ([`coalesce`]: how often), arrivals announced, [`notify`]: desktop notifications.
//! - [`table`]: the table; [`names`]: tree, node and queue names for it; [`clock`]:
//!   ages and SLA in words.
//! - [`toolbar`]: "Claim next", switches, filters, search; [`claim`]: claiming.
//! - [`keys`]: j/k/Enter/c, `/`, `?`; [`help`]: the list of keys.

pub mod address;
pub mod claim;
pub mod clock;
pub mod coalesce;
pub mod filters;
pub mod help;
pub mod keys;
pub mod listing;
pub mod names;
pub mod notify;
pub mod table;
pub mod toolbar;
pub mod updates;

use crate::focus;
use crate::i18n::{I18n, fill, use_i18n};
use crate::staff::api::Failure;
use crate::staff::session;
use crate::staff::texts::{now, st};
use crate::staff::widgets::failure_words;
use claim::Notice;
use domain::api::{Role, StaffMember};
use leptos::prelude::*;
use listing::Listing;

/// What the Queue's parts share (in the context).
#[derive(Clone)]
pub struct QueueState {
    pub listing: Listing,
    pub me: StaffMember,
    pub i18n: I18n,
    /// The time in ms, ticking (see [`clock::TICK`]).
    pub now: ArcRwSignal<i64>,
    /// The outcome of the last claim.
    pub notice: ArcRwSignal<Option<Notice>>,
    pub claiming_next: ArcRwSignal<bool>,
    pub help_open: ArcRwSignal<bool>,
}

impl QueueState {
    /// The person's own queues, as the server uses them by default: `None` (every
    /// queue) for admins and for people without queues of their own.
    pub fn own_queues(&self) -> Option<Vec<String>> {
        (self.me.role != Role::Admin && !self.me.queues.is_empty()).then(|| self.me.queues.clone())
    }

    /// Whether `queue` is one of the person's own queues.
    pub fn works(&self, queue: &str) -> bool {
        self.own_queues()
            .is_none_or(|own| own.iter().any(|q| q == queue))
    }
}

#[component]
pub fn QueueScreen() -> impl IntoView {
    // The frame shows the Queue only while someone is signed in.
    let Some(me) = untrack(session::me) else {
        return ().into_any();
    };
    let state = QueueState {
        listing: Listing::new(address::read()),
        me,
        i18n: use_i18n(),
        now: clock::ticking(),
        notice: ArcRwSignal::new(None),
        claiming_next: ArcRwSignal::new(false),
        help_open: ArcRwSignal::new(false),
    };
    provide_context(state.clone());
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    Effect::new(move |_| crate::browser::set_title(now().queue.title));

    address::follow(state.listing.filters.clone());
    {
        // Every change of the filters reads the first page again.
        let listing = state.listing.clone();
        Effect::new(move |_| {
            listing.filters.track();
            listing.load();
        });
    }
    updates::follow(&state);
    keys::listen(&state);

    let notice = state.notice.clone();
    let done = {
        let notice = notice.clone();
        move || match notice.get() {
            Some(Notice::Done(words)) => Some(view! { <p>{words}</p> }),
            _ => None,
        }
    };
    let failed = move || match notice.get() {
        Some(Notice::Failed(words)) => {
            Some(view! { <div class="notice notice-error"><p>{words}</p></div> })
        }
        _ => None,
    };
    let announcement = state.listing.announcement.clone();
    view! {
        <div class="staff-screen queue-screen">
            <div class="queue-head">
                <h1 tabindex="-1" node_ref=heading>{st(|t| t.queue.title)}</h1>
                <toolbar::Actions />
            </div>
            <p class="queue-hint">{st(|t| t.queue.keys_hint)}</p>
            <toolbar::FilterBar />
            <div class="queue-notice" role="status" data-testid="queue-done">{done}</div>
            <div role="alert" data-testid="queue-failed">{failed}</div>
            <p class="visually-hidden" role="status" aria-live="polite" data-testid="arrivals">
                {move || announcement.get()}
            </p>
            <QueueBody />
            <help::KeysHelp />
        </div>
    }
    .into_any()
}

/// The list in its states: loading, failed, empty, or the table with "Show more".
#[component]
fn QueueBody() -> impl IntoView {
    let state = expect_context::<QueueState>();
    let listing = state.listing.clone();
    let l = listing.clone();
    let has_rows = Memo::new(move |_| l.rows.with(|r| !r.is_empty()));
    let loading = RwSignal::from(listing.loading.clone());
    let problem = RwSignal::from(listing.problem.clone());
    let empty = {
        let listing = listing.clone();
        move || {
            let t = &now().queue;
            if listing.filters.with(filters::Filters::is_default) {
                view! { <p class="queue-empty" data-testid="queue-empty">{t.empty}</p> }.into_any()
            } else {
                let filters = listing.filters.clone();
                view! {
                    <div class="queue-empty" data-testid="queue-empty">
                        <p>{t.empty_filtered}</p>
                        <button type="button" class="button" on:click=move |_| filters.set(filters::Filters::default())>
                            {t.reset}
                        </button>
                    </div>
                }
                .into_any()
            }
        }
    };
    let failed = {
        let listing = listing.clone();
        move |failure: Failure| {
            let t = &now();
            let rows = has_rows.get_untracked();
            let retry = listing.clone();
            let words = failure_words(&failure);
            view! {
                <div class="notice notice-error" data-testid="queue-problem">
                    <p>{if rows { format!("{} {words}", t.queue.stale) } else { words }}</p>
                    <button type="button" class="button" on:click=move |_| {
                        if rows { updates::read_again(&retry) } else { retry.load() }
                    }>{t.common.retry}</button>
                </div>
            }
        }
    };
    let count = {
        let listing = listing.clone();
        move || {
            let t = &now().queue;
            let shown = listing.rows.with(Vec::len).to_string();
            let template = if listing.next.with(Option::is_some) {
                t.shown_more
            } else {
                t.shown
            };
            fill(template, &[("count", &shown)])
        }
    };
    let more = {
        let listing = listing.clone();
        move || {
            listing.next.with(Option::is_some).then(|| {
                let busy = listing.loading_more.clone();
                let label = busy.clone();
                let listing = listing.clone();
                view! {
                    <button type="button" class="button" data-testid="more"
                        aria-disabled=move || busy.get().to_string()
                        on:click=move |_| listing.more()>
                        {move || if label.get() { now().queue.loading_more } else { now().queue.more }}
                    </button>
                }
            })
        }
    };
    view! {
        <div role="alert">{move || problem.get().map(failed.clone())}</div>
        {move || loading.get().then(|| view! {
            <p class="queue-loading" role="status">{st(|t| t.common.loading)}</p>
        })}
        {move || {
            if has_rows.get() {
                view! {
                    <table::QueueTable />
                    <div class="queue-foot">
                        <p class="queue-count" data-testid="queue-count">{count.clone()}</p>
                        {more.clone()}
                    </div>
                }
                .into_any()
            } else if loading.get() || problem.with(Option::is_some) {
                ().into_any()
            } else {
                empty().into_any()
            }
        }}
    }
}
