//! The history of the ticket: status changes and messages, oldest first.

use crate::i18n::{Lang, fill, tr, use_i18n};
use crate::status::timeline::{Entry, history};
use crate::status::{OpenTicket, when};
use domain::api::{Author, Message};
use domain::ticket::Status;
use leptos::prelude::*;

#[component]
pub fn History() -> impl IntoView {
    let i18n = use_i18n();
    let live = expect_context::<OpenTicket>();
    let entries = move || {
        let lang = i18n.lang();
        live.ticket.with(|t| {
            t.as_ref().map(|t| {
                history(t)
                    .into_iter()
                    .map(|e| entry(e, lang))
                    .collect_view()
            })
        })
    };
    view! {
        <section class="history" aria-labelledby="history-title">
            <h2 id="history-title">{tr(|t| t.status.timeline_title)}</h2>
            <ol class="history-list" data-testid="history">{entries}</ol>
        </section>
    }
}

fn entry(entry: Entry, lang: Lang) -> impl IntoView {
    let t = &lang.texts().status;
    let at = entry.at();
    let time = view! { <span class="history-time">{when(lang, at as f64)}</span> };
    match entry {
        Entry::Status(change) => {
            let text = fill(
                t.timeline_status,
                &[("status", status_word(lang, change.status))],
            );
            view! {
                <li class="history-entry history-change" data-kind="status">
                    {time}
                    <span class="history-text">{text}</span>
                </li>
            }
            .into_any()
        }
        Entry::Message(message) => self::message(message, lang, time).into_any(),
    }
}

fn message(message: Message, lang: Lang, time: impl IntoView) -> impl IntoView {
    let t = &lang.texts().status;
    let (who, class, kind) = match (message.author, &message.author_name) {
        (Author::User, _) => (
            t.you_wrote.to_owned(),
            "history-entry history-message from-user",
            "user",
        ),
        (Author::Staff, Some(name)) if !name.trim().is_empty() => (
            fill(t.staff_wrote, &[("name", name)]),
            "history-entry history-message from-staff",
            "staff",
        ),
        (Author::Staff, _) => (
            t.support_team.to_owned(),
            "history-entry history-message from-staff",
            "staff",
        ),
    };
    let files = (!message.attachments.is_empty()).then(|| {
        let names = message
            .attachments
            .into_iter()
            .map(|a| view! { <li>{a.name}</li> })
            .collect_view();
        view! {
            <p class="history-files-title">{t.attachments}</p>
            <ul class="history-files">{names}</ul>
        }
    });
    view! {
        <li class=class data-kind=kind>
            {time}
            <p class="history-who">{who}</p>
            {(!message.body.is_empty()).then(|| view! { <p class="history-body">{message.body}</p> })}
            {files}
        </li>
    }
}

/// The status in plain words.
pub fn status_word(lang: Lang, status: Status) -> &'static str {
    let t = &lang.texts().status;
    match status {
        Status::New => t.status_new,
        Status::Claimed => t.status_claimed,
        Status::WaitingForUser => t.status_waiting,
        Status::Resolved => t.status_resolved,
        Status::Closed => t.status_closed,
        Status::Returned => t.status_returned,
    }
}
