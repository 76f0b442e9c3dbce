//! The ticket screen (`/staff/tickets/{id}`): everything a specialist needs to solve a
//! hand-off without asking the user again, and the actions that move it on.
//!
//! # Layout
//! - [`load`]: the ticket and the trees its walk was made on (at those versions).
//! - [`state`]: the open ticket shared by the parts; changes with the shown revision.
//! - [`watch`]: live events of colleagues and the user read the ticket again.
//! - [`news`]: what changed, and why an action was refused, in words.
//! - [`header`], [`actions`], [`dialog`], [`forms`], [`gaps`]: reference, status,
//!   SLA, holder, and the allowed actions with their dialogs.
//! - [`transcript`], [`findings`]: the walk as the user made it.
//! - [`facts`], [`files`]: description, case, facts, browser details, attachments.
//! - [`thread`], [`audit`]: replies, notes and the composer; who did what, when.
//! - [`privacy`]: export and erasure of the ticket's personal data.

pub mod actions;
pub mod audit;
pub mod dialog;
pub mod facts;
pub mod files;
pub mod findings;
pub mod forms;
pub mod gaps;
pub mod header;
pub mod load;
pub mod news;
pub mod privacy;
#[cfg(test)]
mod sample;
pub mod state;
pub mod thread;
pub mod transcript;
pub mod watch;

use crate::focus;
use crate::staff::api::Failure;
use crate::staff::screen::Screen;
use crate::staff::session;
use crate::staff::texts::{now, st};
use crate::staff::widgets::failure_words;
use facts::{Case, Facts, Section};
use leptos::prelude::*;
use leptos::task::spawn_local;
use state::OpenTicket;

/// A moment in the staff member's language and time zone (`27 Nov 2026, 14:05`).
pub fn when(ms: i64) -> String {
    format(ms, &[("dateStyle", "medium"), ("timeStyle", "short")])
}

/// A time of day with seconds, for the steps of a walk (`14:05:12`).
pub fn clock(ms: i64) -> String {
    format(ms, &[("timeStyle", "medium")])
}

fn format(ms: i64, options: &[(&str, &str)]) -> String {
    crate::staff::widgets::format_time(ms, now().ticket.locale, options)
}

/// Where the screen stands.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Loading,
    Open,
    NotFound,
    Forbidden,
    Unreachable,
    Failed(String),
}

#[component]
pub fn TicketScreen(id: i64) -> impl IntoView {
    let me = session::me().map_or(0, |m| m.id);
    let ticket = OpenTicket::new(id, me);
    ticket.busy.set(true);
    spawn_local(async move {
        let _ = ticket.reload().await;
        ticket.busy.set(false);
    });
    watch::start(ticket);
    let phase = Memo::new(move |_| {
        if ticket.opened.with(Option::is_some) {
            return Phase::Open;
        }
        match ticket.failure.get() {
            None => Phase::Loading,
            Some(Failure::Api { status: 404, .. }) => Phase::NotFound,
            Some(Failure::Api { status: 403, .. }) => Phase::Forbidden,
            Some(Failure::Unreachable) => Phase::Unreachable,
            Some(failure) => Phase::Failed(failure_words(&failure)),
        }
    });
    let retry = move |_| {
        ticket.failure.set(None);
        spawn_local(async move {
            let _ = ticket.reload().await;
        });
    };
    let shown = move || match phase.get() {
        Phase::Loading => view! {
            <p class="staff-checking" role="status">{st(|t| t.ticket.loading)}</p>
        }
        .into_any(),
        Phase::Open => view! { <Opened ticket /> }.into_any(),
        Phase::NotFound => view! {
            <Problem title=|t| t.ticket.not_found_title text=|t| t.ticket.not_found_text />
        }
        .into_any(),
        Phase::Forbidden => view! {
            <Problem title=|t| t.ticket.forbidden_title text=|t| t.ticket.forbidden_text />
        }
        .into_any(),
        Phase::Unreachable | Phase::Failed(_) => {
            let words = match phase.get_untracked() {
                Phase::Failed(words) => words,
                _ => now().common.unreachable.to_owned(),
            };
            view! {
                <Problem title=|t| t.ticket.failed_title text=|_| "" />
                <p class="notice notice-error">{words}</p>
                <button type="button" class="button" on:click=retry>{st(|t| t.common.retry)}</button>
            }
            .into_any()
        }
    };
    view! {
        <div class="staff-screen ticket-screen">
            <p class="ticket-back"><a href=Screen::Queue.path()>{st(|t| t.ticket.back_to_queue)}</a></p>
            {shown}
        </div>
    }
}

/// A heading and a sentence for a ticket that cannot be shown.
#[component]
fn Problem(
    title: fn(&'static crate::staff::texts::StaffTexts) -> &'static str,
    text: fn(&'static crate::staff::texts::StaffTexts) -> &'static str,
) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    Effect::new(move |_| crate::browser::set_title(title(now())));
    view! {
        <h1 tabindex="-1" node_ref=heading data-testid="ticket-problem">{st(title)}</h1>
        {move || Some(text(now())).filter(|t| !t.is_empty()).map(|t| view! { <p>{t}</p> })}
    }
}

/// The ticket as read: header, what changed, the walk, the conversation, the case.
#[component]
fn Opened(ticket: OpenTicket) -> impl IntoView {
    // Each part follows only what it shows, so a live change redraws only what moved
    // (and the composer, which reads no ticket data, keeps what is typed).
    let walk = Memo::new(move |_| {
        ticket
            .opened
            .with(|o| o.as_ref().map(|o| (o.detail.clone(), o.trees.clone())))
    });
    let thread = Memo::new(move |_| ticket.detail(|d| d.thread.clone()).unwrap_or_default());
    let trail = Memo::new(move |_| ticket.detail(|d| d.audit.clone()).unwrap_or_default());
    let files = Memo::new(move |_| ticket.detail(|d| d.attachments.clone()).unwrap_or_default());
    let resolution = Memo::new(move |_| {
        ticket.opened.with(|o| {
            let o = o.as_ref()?;
            let text = o.detail.resolution.clone()?;
            let gap = o.detail.gap_node.clone().map(|gap| {
                let (tree, node) = gap.split_once('/').unwrap_or((&o.detail.walk.tree, &gap));
                let title = o.trees.as_ref().and_then(|c| {
                    let text = c
                        .tree(tree)?
                        .node(node)?
                        .prompt()?
                        .text
                        .get(now().ticket.lang);
                    Some(crate::components::prompt::summary(text))
                });
                (title.unwrap_or_else(|| gap.clone()), gap.clone())
            });
            Some((text, gap))
        })
    });
    let id = ticket.id;
    view! {
        <header::Header ticket />
        <div class="ticket-news" role="status" aria-live="polite" data-testid="ticket-news">
            {move || Some(ticket.news.get()).filter(|n| !n.is_empty()).map(|n| view! { <p class="notice notice-info">{n}</p> })}
        </div>
        <div role="alert" data-testid="ticket-refusal">
            {move || ticket.refusal.get().map(|r| view! { <p class="notice notice-error">{r}</p> })}
        </div>
        <div class="ticket-columns">
            <div class="ticket-main">
                <Section id="walk-title" title=|t| t.ticket.walk_title>
                    {move || walk.get().map(|(detail, trees)| view! { <transcript::Transcript detail catalog=trees /> })}
                    {move || walk.get().map(|(detail, _)| view! { <crate::staff::trees::PathLink detail /> })}
                </Section>
                {move || resolution.get().map(|(text, gap)| view! {
                    <Section id="resolution-title" title=|t| t.ticket.resolution_title>
                        <p class="ticket-resolution" data-testid="resolution">{text}</p>
                        {gap.map(|(title, id)| view! {
                            <p>{st(|t| t.ticket.gap_named)}" "<strong>{title}</strong>" "<code class="muted">{id}</code></p>
                        })}
                    </Section>
                })}
                <Section id="thread-title" title=|t| t.ticket.thread_title>
                    {move || view! { <thread::Thread ticket=id messages=thread.get() /> }}
                    <thread::Composer ticket />
                </Section>
                {move || view! { <audit::AuditTrail entries=trail.get() /> }}
            </div>
            <div class="ticket-side">
                <Section id="case-title" title=|t| t.ticket.case_title>
                    {move || walk.get().map(|(detail, _)| view! { <Case detail /> })}
                </Section>
                <Section id="files-title" title=|t| t.ticket.files_title>
                    {move || {
                        let list = files.get();
                        if list.is_empty() {
                            view! { <p class="muted">{st(|t| t.ticket.no_files)}</p> }.into_any()
                        } else {
                            view! { <ul class="files" data-testid="attachments"><files::Files ticket=id files=list /></ul> }.into_any()
                        }
                    }}
                </Section>
                <Section id="facts-section" title=|t| t.ticket.facts_section>
                    {move || walk.get().map(|(detail, trees)| view! { <Facts detail catalog=trees /> })}
                </Section>
                <Section id="privacy-title" title=|t| t.ticket.privacy_title>
                    <privacy::Privacy ticket />
                </Section>
            </div>
        </div>
    }
}
