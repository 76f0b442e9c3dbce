//! The confirmation: the ticket reference, large and grouped to read out on the phone,
//! with a copy button, and the personal status link (its token in the fragment only).

use crate::components::markdown::write_clipboard;
use crate::focus;
use crate::i18n::{HandoffTexts, tr, use_i18n};
use crate::tickets::Ticket;
use leptos::prelude::*;

/// The reference letter by letter, for screen readers: "K 7 M 4, Q X 9 P".
fn spelled(reference: &str) -> String {
    reference
        .split('-')
        .map(|group| {
            group
                .chars()
                .map(String::from)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A button that copies `text`, saying whether it worked.
#[component]
fn CopyButton(text: String, label: fn(&HandoffTexts) -> &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let done = RwSignal::new(None::<bool>);
    let text = StoredValue::new(text);
    let copy = move |_| {
        leptos::task::spawn_local(async move {
            done.set(Some(write_clipboard(&text.get_value()).await));
        });
    };
    view! {
        <span class="copy">
            <button type="button" class="button button-small" on:click=copy>
                {move || label(&i18n.t().handoff)}
            </button>
            <span class="code-copied" role="status">
                {move || match done.get() {
                    Some(true) => i18n.t().common.copied,
                    Some(false) => i18n.t().common.copy_manually,
                    None => "",
                }}
            </span>
        </span>
    }
}

#[component]
pub fn Sent(ticket: Ticket) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H3>::new();
    focus::on_mount(heading);
    let link = ticket.status_link();
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let full_link = format!("{origin}{link}");
    let reference = ticket.reference.clone();
    view! {
        <section class="panel panel-success handoff-sent" data-testid="handoff-sent" aria-labelledby="sent-title">
            <h3 id="sent-title" tabindex="-1" node_ref=heading>{tr(|t| t.handoff.sent_title)}</h3>
            <p>{tr(|t| t.handoff.sent_text)}</p>
            <p class="reference-label">{tr(|t| t.handoff.reference)}</p>
            <p class="reference">
                <span class="reference-code" aria-hidden="true" data-testid="reference">
                    {reference.clone()}
                </span>
                <span class="visually-hidden">
                    {tr(|t| t.handoff.reference_spelled)} " " {spelled(&reference)}
                </span>
            </p>
            <CopyButton text=reference label=|t| t.copy_reference />
            <p class="status-link">
                <a href=link data-testid="status-link">{tr(|t| t.handoff.status_link)}</a>
            </p>
            <p class="field-help">{tr(|t| t.handoff.status_link_help)}</p>
            <CopyButton text=full_link label=|t| t.copy_link />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::spelled;

    #[test]
    fn references_are_spelled_in_their_groups() {
        assert_eq!(spelled("K7M4-QX9P"), "K 7 M 4, Q X 9 P");
    }
}
