//! The conversation: the user's messages, public replies (the user reads them on the
//! status page) and internal notes (staff only), oldest first, each kind with its own
//! label, border and mark, never told apart by colour alone; and the composer, where
//! staff choose "Reply to user" or "Internal note" before writing.

use super::files::Files;
use super::state::{Acted, OpenTicket};
use super::when;
use crate::i18n::fill;
use crate::staff::session;
use crate::staff::texts::{now, st};
use domain::api::{Author, Message, Role, StaffMessage, TicketDetail, Visibility};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Whether staff member `me` (with `role`) may reply to the user now: the ticket is
/// open and they hold it, or they are an admin (the server's `workflow::may_write`).
pub fn may_reply(detail: &TicketDetail, me: i64, role: Option<Role>) -> bool {
    detail.item.status.is_open()
        && (detail.item.holder.as_ref().is_some_and(|h| h.id == me) || role == Some(Role::Admin))
}

fn message(ticket: i64, message: &Message) -> impl IntoView + use<> {
    let t = &now().ticket;
    let (class, kind, mark, label) = match (message.author, message.visibility) {
        (Author::User, _) => ("message message-user", "user", "✉", t.from_user),
        (Author::Staff, Visibility::Public) => {
            ("message message-public", "public", "↩", t.reply_to_user)
        }
        (Author::Staff, Visibility::Internal) => {
            ("message message-internal", "internal", "✎", t.internal_note)
        }
    };
    let who = match (message.author, &message.author_name) {
        (Author::User, _) => t.who_user.to_owned(),
        (Author::Staff, Some(name)) => name.clone(),
        (Author::Staff, None) => t.a_colleague.to_owned(),
    };
    let files = (!message.attachments.is_empty()).then(|| {
        let files = message.attachments.clone();
        view! { <ul class="files">
            <Files ticket files />
        </ul> }
    });
    view! {
        <li class=class data-kind=kind data-testid="message">
            <p class="message-head">
                <span class="message-kind"><span aria-hidden="true">{mark}" "</span>{label}</span>
                <span class="message-who">{who}</span>
                <time class="muted">{when(message.created_at)}</time>
            </p>
            {(!message.body.is_empty()).then(|| view! { <p class="message-body">{message.body.clone()}</p> })}
            {files}
        </li>
    }
}

/// The thread, oldest first.
#[component]
pub fn Thread(ticket: i64, messages: Vec<Message>) -> impl IntoView {
    move || {
        if messages.is_empty() {
            return view! { <p class="muted">{st(|t| t.ticket.no_messages)}</p> }.into_any();
        }
        view! {
            <ol class="thread" data-testid="thread">
                {messages.iter().map(|m| message(ticket, m)).collect_view()}
            </ol>
        }
        .into_any()
    }
}

/// Writing a reply or a note. Stays in the page while the ticket is read again (live
/// changes), so nothing typed is lost.
#[component]
pub fn Composer(ticket: OpenTicket) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let public = RwSignal::new(None::<bool>);
    let problem = RwSignal::new(None::<String>);
    let may_public = Memo::new(move |_| {
        let role = session::role();
        ticket
            .detail(|d| may_reply(d, ticket.me, role))
            .unwrap_or(false)
    });
    // A reply by default where one is allowed; the choice is the person's after that.
    let to_user = move || public.get().unwrap_or(true) && may_public.get();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if ticket.busy.get_untracked() {
            return;
        }
        let t = &now().ticket;
        let body = text.get_untracked().trim().to_owned();
        if body.is_empty() {
            problem.set(Some(t.message_required.to_owned()));
            return;
        }
        problem.set(None);
        let (visibility, done) = if to_user() {
            (Visibility::Public, t.done_reply)
        } else {
            (Visibility::Internal, t.done_note)
        };
        spawn_local(async move {
            match ticket.write(StaffMessage { body, visibility }, done).await {
                Acted::Done => text.set(String::new()),
                Acted::Field { message, .. } => problem.set(Some(fill(
                    now().ticket.not_done_other,
                    &[("message", &message)],
                ))),
                Acted::Refused => {}
            }
        });
    };
    let choice =
        move |value: bool,
              label: fn(&'static crate::staff::texts::StaffTexts) -> &'static str,
              hint: fn(&'static crate::staff::texts::StaffTexts) -> &'static str| {
            let disabled = move || value && !may_public.get();
            view! {
                <label class="choice" class:choice-disabled=disabled>
                    <input type="radio" name="visibility"
                        prop:checked=move || to_user() == value
                        disabled=disabled
                        on:change=move |_| public.set(Some(value)) />
                    <span>
                        <strong>{st(label)}</strong>
                        <span class="choice-hint">{st(hint)}</span>
                    </span>
                </label>
            }
        };
    view! {
        <form class="composer" class:composer-internal=move || !to_user() novalidate on:submit=submit data-testid="composer">
            <fieldset class="field">
                <legend class="field-label">{st(|t| t.ticket.compose_kind)}</legend>
                <div class="choices choices-row">
                    {choice(true, |t| t.ticket.reply_to_user, |t| t.ticket.reply_hint)}
                    {choice(false, |t| t.ticket.internal_note, |t| t.ticket.note_hint)}
                </div>
                {move || (!may_public.get()).then(|| {
                    let open = ticket.detail(|d| d.item.status.is_open()).unwrap_or(true);
                    let t = &now().ticket;
                    view! { <p class="field-help">{if open { t.reply_needs_holder } else { t.reply_when_done }}</p> }
                })}
            </fieldset>
            <div class="field" class:field-invalid=move || problem.with(Option::is_some)>
                <label class="field-label" for="message-body">
                    {move || if to_user() { now().ticket.reply_label } else { now().ticket.note_label }}
                </label>
                <textarea id="message-body" rows="5"
                    aria-invalid=move || problem.with(Option::is_some).then_some("true")
                    aria-describedby=move || problem.with(Option::is_some).then_some("message-error")
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                {move || problem.get().map(|m| view! { <p class="field-error" id="message-error">{m}</p> })}
            </div>
            <button type="submit" class="button button-primary" aria-disabled=move || ticket.busy.get().to_string()>
                {move || if to_user() { now().ticket.send_reply } else { now().ticket.add_note }}
            </button>
        </form>
    }
}
