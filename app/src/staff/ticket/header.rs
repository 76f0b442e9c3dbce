//! The ticket's header: reference, status, priority, SLA clock, holder, channel and
//! contact at a glance, and the actions the workflow allows now.

use super::actions::ActionBar;
use super::dialog::HEADING_ID;
use super::state::OpenTicket;
use super::when;
use crate::focus;
use crate::i18n::fill;
use crate::staff::texts::ticket::TicketTexts;
use crate::staff::texts::{now, st};
use crate::staff::widgets::{PriorityBadge, SlaState, duration, sla_state, status_name};
use domain::api::TicketDetail;
use leptos::prelude::*;

/// How the SLA stands, in words, and the class that makes "due soon" and "breached"
/// stand out (with their words, never colour alone).
pub fn sla_words(t: &TicketTexts, detail: &TicketDetail, at: i64) -> (&'static str, String) {
    let item = &detail.item;
    if !item.status.is_open() {
        return ("sla sla-stopped", t.sla_stopped.to_owned());
    }
    let due = when(item.due_at);
    match sla_state(item.created_at, item.due_at, at) {
        SlaState::Ok => (
            "sla sla-ok",
            fill(
                t.sla_due_in,
                &[("left", &duration(item.due_at - at)), ("due", &due)],
            ),
        ),
        SlaState::DueSoon => (
            "sla sla-soon",
            fill(
                t.sla_due_soon,
                &[("left", &duration(item.due_at - at)), ("due", &due)],
            ),
        ),
        SlaState::Breached => (
            "sla sla-breached",
            fill(
                t.sla_breached,
                &[("over", &duration(at - item.due_at)), ("due", &due)],
            ),
        ),
    }
}

#[component]
pub fn Header(ticket: OpenTicket) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    // The SLA clock moves on by itself, twice a minute.
    let clock = RwSignal::new(js_sys::Date::now() as i64);
    if let Ok(handle) = set_interval_with_handle(
        move || clock.set(js_sys::Date::now() as i64),
        std::time::Duration::from_secs(30),
    ) {
        on_cleanup(move || handle.clear());
    }
    let reference = move || {
        ticket
            .detail(|d| d.item.reference.clone())
            .unwrap_or_default()
    };
    Effect::new(move |_| {
        crate::browser::set_title(&fill(now().ticket.title_of, &[("reference", &reference())]));
    });
    let facts = move || {
        ticket.opened.with(|o| {
            let detail = &o.as_ref()?.detail;
            let t = &now().ticket;
            let item = &detail.item;
            let (sla_class, sla) = sla_words(t, detail, clock.get());
            let holder = item
                .holder
                .as_ref()
                .map_or_else(|| t.holder_nobody.to_owned(), |h| {
                    if h.id == ticket.me { fill(t.holder_you, &[("name", &h.name)]) } else { h.name.clone() }
                });
            let channel = match item.channel.as_str() {
                "web" => t.channel_web.to_owned(),
                "phone" => t.channel_phone.to_owned(),
                other => other.to_owned(),
            };
            // A ticket made on a call names the agent who took it.
            let agent = detail.call.as_ref().map(|call| {
                fill(now().calls.channel_agent, &[("name", &call.agent.name)])
            });
            let contact = &detail.contact;
            let reach = [contact.email.as_deref(), contact.phone.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            Some(view! {
                <dl class="ticket-facts" data-testid="ticket-facts">
                    <div><dt>{t.status}</dt><dd data-testid="ticket-status" data-status=item.status.name()>{status_name(item.status)}</dd></div>
                    <div><dt>{t.priority}</dt><dd><PriorityBadge priority=item.priority /></dd></div>
                    <div><dt>{t.sla}</dt><dd class=sla_class data-testid="sla">{sla}</dd></div>
                    <div><dt>{t.holder}</dt><dd data-testid="holder">{holder}</dd></div>
                    <div><dt>{t.channel}</dt><dd data-testid="ticket-channel">{channel}{agent.map(|a| view! { <br /><span class="muted" data-testid="call-agent">{a}</span> })}</dd></div>
                    <div><dt>{t.contact}</dt><dd>{contact.name.clone()}{(!reach.is_empty()).then(|| view! { <br /><span class="muted">{reach}</span> })}</dd></div>
                </dl>
            })
        })
    };
    view! {
        <header class="ticket-header">
            <h1 id=HEADING_ID tabindex="-1" node_ref=heading>
                <span class="ticket-kind">{st(|t| t.ticket.title)}" "</span>
                <span class="ticket-ref" data-testid="ticket-reference">{reference}</span>
            </h1>
            {facts}
            <ActionBar ticket />
        </header>
    }
}
