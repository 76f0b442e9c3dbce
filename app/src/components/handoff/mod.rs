//! The hand-off at an escalate node: the form, then what became of it (sending, saved
//! in the browser, refused, confirmed).
//!
//! - [`form`]: description, urgency and impact in plain words, contact details as the
//!   node asks for them, attachments, "what we will send" with the consent choice.
//! - [`files`]: the attachment picker, with the server's limits shown and applied
//!   before upload.
//! - [`sent`]: the confirmation: the reference to read out, and the status link.
//!
//! The form's values live in [`FormState`], made once per screen, so they survive the
//! switch to "sending" and back to the form after a refusal.

mod files;
mod form;
mod sent;

use crate::components::fields::FieldState;
use crate::handoff::sender::{self, Refusal, State};
use crate::handoff::{level_name, walk_id};
use crate::i18n::{fill, tr, use_i18n};
use crate::walk::use_walk;
use domain::Node;
use domain::tree::{FieldError, Level};
use files::Picked;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What the person entered, kept across the screen's states.
#[derive(Debug, Clone, Copy)]
pub struct FormState {
    pub description: FieldState,
    pub urgency: FieldState,
    pub impact: FieldState,
    pub name: FieldState,
    pub email: FieldState,
    pub phone: FieldState,
    pub files: RwSignal<Vec<Picked>>,
    pub consent: RwSignal<bool>,
    /// A refusal the server gave that no field of the form can show.
    pub refused: RwSignal<Option<String>>,
}

impl FormState {
    fn new(impact: Level, urgency: Level) -> FormState {
        let with = |value: &str| {
            let state = FieldState::default();
            state.value.set(value.to_owned());
            state
        };
        FormState {
            description: FieldState::default(),
            urgency: with(level_name(urgency)),
            impact: with(level_name(impact)),
            name: FieldState::default(),
            email: FieldState::default(),
            phone: FieldState::default(),
            files: RwSignal::new(Vec::new()),
            consent: RwSignal::new(false),
            refused: RwSignal::new(None),
        }
    }

    /// Puts the server's refusal where it belongs: on its field, else above the form.
    /// Returns the element to focus.
    fn show(&self, refusal: &Refusal) -> String {
        let field = refusal.field.as_deref().unwrap_or("");
        let rule = refusal.rule.as_deref().unwrap_or("");
        let (state, id, format_error, max) = match field {
            "contact.name" => (self.name, "field-contact_name", None, form::NAME_MAX),
            "contact.email" => (
                self.email,
                "field-contact_email",
                Some(FieldError::NotAnEmail),
                form::DETAIL_MAX,
            ),
            "contact.phone" => (
                self.phone,
                "field-contact_phone",
                Some(FieldError::NotAPhone),
                form::DETAIL_MAX,
            ),
            "description" => (
                self.description,
                "field-description",
                None,
                form::DESCRIPTION_MAX as f64,
            ),
            _ => {
                self.refused.set(Some(refusal.message.clone()));
                return "handoff-refused".into();
            }
        };
        let error = match (rule, format_error) {
            ("required", _) => FieldError::Required,
            ("format", Some(error)) => error,
            (_, _) => FieldError::TooLong { max },
        };
        state.error.set(Some(error));
        self.refused.set(None);
        id.into()
    }
}

/// Focuses the element with this id, if it is in the page.
pub(crate) fn focus_id(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        let _ = element.unchecked_ref::<web_sys::HtmlElement>().focus();
    }
}

/// The hand-off of the walk on screen.
#[component]
pub fn Handoff() -> impl IntoView {
    let i18n = use_i18n();
    let live = use_walk();
    let (walk, node) = live.with_untracked(|w, c| (walk_id(w), w.node(c).cloned()));
    let Some(Node::Escalate {
        impact,
        urgency,
        contact,
        ..
    }) = node
    else {
        return ().into_any();
    };
    let form = FormState::new(impact, urgency);
    let walk = StoredValue::new(walk);
    let state = Memo::new(move |_| walk.with_value(|w| sender::state(w)));
    // A refusal lands on its field once, when it arrives (or on the first showing
    // after a reload).
    Effect::new(move |seen: Option<Option<Refusal>>| {
        let now = match state.get() {
            State::Refused(r) => Some(r),
            _ => None,
        };
        if let Some(refusal) = &now
            && seen.flatten().as_ref() != Some(refusal)
        {
            let target = form.show(refusal);
            request_animation_frame(move || focus_id(&target));
        }
        now
    });
    // Said once per state change to screen readers (the focus moves, too).
    let announcement = move || {
        let t = &i18n.t().handoff;
        match state.get() {
            State::Form => String::new(),
            State::Sending => t.sending.into(),
            State::Waiting { .. } => t.saved_title.into(),
            State::Refused(_) => t.refused_title.into(),
            State::Sent(ticket) => format!("{} {}", t.sent_title, ticket.reference),
        }
    };
    view! {
        <p class="visually-hidden" role="status" aria-live="polite">{announcement}</p>
        {move || match state.get() {
            State::Form => view! { <form::HandoffForm form contact walk /> }.into_any(),
            State::Refused(_) => {
                view! {
                    <div class="notice notice-error" id="handoff-refused" tabindex="-1">
                        <h3>{tr(|t| t.handoff.refused_title)}</h3>
                        <p>
                            {move || match form.refused.get() {
                                Some(message) => fill(i18n.t().handoff.refused_other, &[("message", &message)]),
                                None => i18n.t().handoff.refused_fields.to_owned(),
                            }}
                        </p>
                    </div>
                    <form::HandoffForm form contact walk />
                }
                    .into_any()
            }
            State::Sending => {
                view! {
                    <p class="check-running" data-testid="handoff-sending">
                        <span class="spinner" aria-hidden="true"></span>
                        {tr(|t| t.handoff.sending)}
                    </p>
                }
                    .into_any()
            }
            State::Waiting { tab_only } => view! { <Saved tab_only /> }.into_any(),
            State::Sent(ticket) => view! { <sent::Sent ticket /> }.into_any(),
        }}
    }
    .into_any()
}

/// Saved in the browser, to be sent when the connection is back.
#[component]
fn Saved(tab_only: bool) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<leptos::html::H3>::new();
    crate::focus::on_mount(heading);
    view! {
        <section class="panel panel-saved" data-testid="handoff-saved" aria-labelledby="saved-title">
            <h3 id="saved-title" tabindex="-1" node_ref=heading>{tr(|t| t.handoff.saved_title)}</h3>
            <p>
                {move || {
                    let t = &i18n.t().handoff;
                    if tab_only { t.saved_tab_only } else { t.saved_text }
                }}
            </p>
        </section>
    }
}
