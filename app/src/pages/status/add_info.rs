//! "Add information": a message and up to three files for the support team. The file
//! limits are shown before anything is picked; a file over them is refused by name
//! before upload.

use crate::i18n::{fill, tr, use_i18n};
use crate::status::OpenTicket;
use crate::status::api::{self, SendError};
use crate::status::files::{self, FileProblem, MAX_MB};
use domain::api::{MAX_ATTACHMENTS, UserMessage};
use leptos::prelude::*;

/// What the last attempt to send came to.
#[derive(Debug, Clone, PartialEq)]
enum Sending {
    Sent,
    Empty,
    File(FileProblem),
    Send(SendError),
}

/// What the file picker offers; the server decides by content.
const ACCEPT: &str = ".png,.jpg,.jpeg,.gif,.webp,.pdf,.txt,.log,image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain";

#[component]
pub fn AddInfo() -> impl IntoView {
    let i18n = use_i18n();
    let live = expect_context::<OpenTicket>();
    let body = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let result = RwSignal::new(None::<Sending>);
    let picker = NodeRef::<leptos::html::Input>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let text = body.get_untracked().trim().to_owned();
        let picked = match picker.get_untracked() {
            Some(input) => files::check(&input),
            None => Ok(Vec::new()),
        };
        let picked = match picked {
            Ok(picked) => picked,
            Err(problem) => return result.set(Some(Sending::File(problem))),
        };
        if text.is_empty() && picked.is_empty() {
            return result.set(Some(Sending::Empty));
        }
        busy.set(true);
        result.set(None);
        let (reference, token) = (live.reference.get_value(), live.token.get_value());
        leptos::task::spawn_local(async move {
            let outcome = match files::read(picked).await {
                Err(problem) => Sending::File(problem),
                Ok(attachments) => {
                    let message = UserMessage {
                        body: text,
                        attachments,
                    };
                    match api::add(&reference, &token, &message).await {
                        Ok(()) => Sending::Sent,
                        Err(error) => Sending::Send(error),
                    }
                }
            };
            if busy.try_set(false).is_some() {
                return;
            }
            if matches!(outcome, Sending::Sent | Sending::Send(SendError::Closed)) {
                if outcome == Sending::Sent {
                    body.set(String::new());
                    if let Some(input) = picker.get_untracked() {
                        input.set_value("");
                    }
                }
                live.refresh();
            }
            result.set(Some(outcome));
        });
    };
    let limits = move || {
        fill(
            i18n.t().status.files_limits,
            &[
                ("count", &MAX_ATTACHMENTS.to_string()),
                ("size", &MAX_MB.to_string()),
            ],
        )
    };
    let said = move || {
        let t = i18n.t();
        let s = &t.status;
        result.get().map(|r| match r {
            Sending::Sent => {
                view! { <p class="notice notice-success" role="status">{s.sent}</p> }.into_any()
            }
            other => {
                let text = match other {
                    Sending::Empty => s.add_empty.to_owned(),
                    Sending::File(FileProblem::TooMany) => {
                        fill(s.files_too_many, &[("count", &MAX_ATTACHMENTS.to_string())])
                    }
                    Sending::File(FileProblem::TooBig { name }) => fill(
                        s.file_too_big,
                        &[("name", &name), ("max", &MAX_MB.to_string())],
                    ),
                    Sending::File(FileProblem::Empty { name }) => {
                        fill(s.file_empty, &[("name", &name)])
                    }
                    Sending::File(FileProblem::Unreadable { name }) => {
                        fill(s.file_unreadable, &[("name", &name)])
                    }
                    Sending::Send(SendError::Closed) => s.already_closed.to_owned(),
                    Sending::Send(SendError::Refused(detail)) => {
                        fill(s.refused, &[("detail", &detail)])
                    }
                    Sending::Send(SendError::Unreachable) => t.common.unreachable.to_owned(),
                    Sending::Send(_) | Sending::Sent => t.common.server_error.to_owned(),
                };
                view! { <p class="notice notice-error" role="alert">{text}</p> }.into_any()
            }
        })
    };
    view! {
        <section class="add-info panel" aria-labelledby="add-info-title">
            <h2 id="add-info-title">{tr(|t| t.status.add_title)}</h2>
            <form class="form" novalidate on:submit=submit>
                <div class="field">
                    <label class="field-label" for="add-info-body">{tr(|t| t.status.add_label)}</label>
                    <p id="add-info-help" class="field-help">{tr(|t| t.status.add_help)}</p>
                    <textarea
                        id="add-info-body"
                        rows="5"
                        maxlength="10000"
                        aria-describedby="add-info-help"
                        prop:value=move || body.get()
                        on:input=move |ev| body.set(event_target_value(&ev))
                    ></textarea>
                </div>
                <div class="field">
                    <label class="field-label" for="add-info-files">{tr(|t| t.status.files)}</label>
                    <p id="add-info-limits" class="field-help">{limits}</p>
                    <input
                        id="add-info-files"
                        type="file"
                        multiple
                        accept=ACCEPT
                        aria-describedby="add-info-limits"
                        node_ref=picker
                    />
                </div>
                <button type="submit" class="button button-primary" disabled=move || busy.get()>
                    {move || if busy.get() { i18n.t().status.sending } else { i18n.t().status.send }}
                </button>
                <div class="add-info-result">{said}</div>
            </form>
        </section>
    }
}
