//! The hand-off form: the person's words, urgency and impact asked in plain language,
//! the contact details the escalate node asks for, attachments, and the panel that
//! lists every value sent, with the consent choice for the browser details.
//!
//! Fields are `domain::tree::Field`s shown by `components::fields`, so they look,
//! label and validate like the fields of input nodes, with the engine's own rules for
//! e-mail addresses and phone numbers (the ones the server applies).

use super::FormState;
use super::files::Files;
use crate::components::fields::{FieldInput, FieldState, focus_target};
use crate::focus;
use crate::handoff::{IMPACT, URGENCY, details, level_name, level_of, sender};
use crate::i18n::{HandoffTexts, Lang, tr, use_i18n};
use crate::walk::use_walk;
use domain::api::{Contact, HandoffRequest, MAX_TEXT_CHARS, NewAttachment};
use domain::tree::field::MAX_VALUE_CHARS;
use domain::tree::{Choice, ContactNeeds, Field, FieldKind, Level, Localized, Need};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// Longest description: the API takes more, but a field takes at most this much.
pub const DESCRIPTION_MAX: usize = if MAX_TEXT_CHARS < MAX_VALUE_CHARS {
    MAX_TEXT_CHARS
} else {
    MAX_VALUE_CHARS
};
/// Longest name the API takes.
pub const NAME_MAX: f64 = 200.0;
/// Longest e-mail address or phone number the API takes.
pub const DETAIL_MAX: f64 = 254.0;

/// A text of the hand-off in every language, as tree texts are.
fn localized(pick: fn(&HandoffTexts) -> &'static str) -> Localized {
    Localized::from_pairs(Lang::ALL.map(|l| (l.code(), pick(&l.texts().handoff))))
}

fn field(name: &str, kind: FieldKind, label: fn(&HandoffTexts) -> &'static str) -> Field {
    Field {
        name: name.into(),
        label: localized(label),
        help: None,
        kind,
        required: false,
        min: None,
        max: None,
        pattern: None,
        options: Vec::new(),
    }
}

fn choice(name: &str, label: fn(&HandoffTexts) -> &'static str, levels: [Level; 3]) -> Field {
    let words = |level: Level| -> fn(&HandoffTexts) -> &'static str {
        match (name, level) {
            ("urgency", Level::High) => |t| t.urgency_high,
            ("urgency", Level::Medium) => |t| t.urgency_medium,
            ("urgency", Level::Low) => |t| t.urgency_low,
            (_, Level::High) => |t| t.impact_high,
            (_, Level::Medium) => |t| t.impact_medium,
            (_, Level::Low) => |t| t.impact_low,
        }
    };
    Field {
        required: true,
        options: levels
            .into_iter()
            .map(|level| Choice {
                value: level_name(level).into(),
                label: localized(words(level)),
            })
            .collect(),
        ..field(name, FieldKind::Choice, label)
    }
}

/// A contact detail, as the node asks for it; `None` when it is hidden.
fn detail(
    name: &str,
    kind: FieldKind,
    need: Need,
    label: fn(&HandoffTexts) -> &'static str,
    help: fn(&HandoffTexts) -> &'static str,
) -> Option<Field> {
    (need != Need::Hidden).then(|| Field {
        required: need == Need::Required,
        max: Some(DETAIL_MAX),
        help: Some(localized(help)),
        ..field(name, kind, label)
    })
}

/// The form's fields with their states, in the order shown.
struct Fields {
    description: (Field, FieldState),
    urgency: (Field, FieldState),
    impact: (Field, FieldState),
    name: (Field, FieldState),
    email: Option<(Field, FieldState)>,
    phone: Option<(Field, FieldState)>,
}

impl Fields {
    fn new(form: FormState, needs: ContactNeeds) -> Fields {
        Fields {
            description: (
                Field {
                    kind: FieldKind::LongText,
                    max: Some(DESCRIPTION_MAX as f64),
                    help: Some(localized(|t| t.description_help)),
                    ..field("description", FieldKind::LongText, |t| t.description)
                },
                form.description,
            ),
            urgency: (choice("urgency", |t| t.urgency, URGENCY), form.urgency),
            impact: (choice("impact", |t| t.impact, IMPACT), form.impact),
            name: (
                Field {
                    required: true,
                    max: Some(NAME_MAX),
                    ..field("contact_name", FieldKind::Text, |t| t.name)
                },
                form.name,
            ),
            email: detail(
                "contact_email",
                FieldKind::Email,
                needs.email,
                |t| t.email,
                |t| t.email_help,
            )
            .map(|f| (f, form.email)),
            phone: detail(
                "contact_phone",
                FieldKind::Phone,
                needs.phone,
                |t| t.phone,
                |t| t.phone_help,
            )
            .map(|f| (f, form.phone)),
        }
    }

    /// In the order of the page, so the first invalid one is the first on screen.
    fn all(&self) -> Vec<&(Field, FieldState)> {
        let mut all = vec![&self.description, &self.urgency, &self.impact, &self.name];
        all.extend(self.email.iter());
        all.extend(self.phone.iter());
        all
    }
}

fn input((field, state): &(Field, FieldState)) -> impl IntoView + use<> {
    view! { <FieldInput field=field.clone() state=*state /> }
}

#[component]
pub fn HandoffForm(
    form: FormState,
    contact: ContactNeeds,
    walk: StoredValue<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let live = use_walk();
    let fields = Fields::new(form, contact);
    let facts: Vec<(String, String)> =
        live.with_untracked(|w, _| w.facts.clone().into_iter().collect());
    let browser_details = details::collect();
    let views = (
        input(&fields.description),
        input(&fields.urgency),
        input(&fields.impact),
        input(&fields.name),
        fields.email.as_ref().map(input),
        fields.phone.as_ref().map(input),
    );
    let fields = StoredValue::new(fields);
    let sent_details = StoredValue::new(browser_details.clone());
    let has_errors = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        focus::person_moved();
        let first_wrong = fields.with_value(|fields| {
            let mut first = None;
            for (field, state) in fields.all() {
                if !state.check(field) && first.is_none() {
                    first = Some(focus_target(field));
                }
            }
            first
        });
        if let Some(id) = first_wrong {
            has_errors.set(true);
            super::focus_id(&id);
            return;
        }
        has_errors.set(false);
        let value = |s: FieldState| s.value.get_untracked().trim().to_owned();
        let optional = |s: FieldState| Some(value(s)).filter(|v| !v.is_empty());
        let (email, phone) = fields.with_value(|f| {
            (
                f.email.as_ref().and_then(|(_, s)| optional(*s)),
                f.phone.as_ref().and_then(|(_, s)| optional(*s)),
            )
        });
        let diagnostics = if form.consent.get_untracked() {
            sent_details.get_value().into_iter().collect()
        } else {
            Default::default()
        };
        let attachments = form.files.with_untracked(|files| {
            files
                .iter()
                .map(|f| NewAttachment {
                    name: f.name.clone(),
                    data: f.data.clone(),
                })
                .collect()
        });
        let request = live.with_untracked(|w, _| HandoffRequest {
            tree: w.tree.clone(),
            versions: w.versions.clone(),
            transcript: w.transcript.clone(),
            diagnostics,
            contact: Contact {
                name: value(form.name),
                email,
                phone,
            },
            description: value(form.description),
            impact: level_of(&value(form.impact)).unwrap_or(Level::Medium),
            urgency: level_of(&value(form.urgency)).unwrap_or(Level::Medium),
            language: i18n.lang().code().into(),
            attachments,
        });
        if let Ok(body) = serde_json::to_string(&request) {
            sender::submit(walk.get_value(), request.tree, body);
        }
    };

    let facts_view = if facts.is_empty() {
        view! { <p>{tr(|t| t.handoff.send_no_facts)}</p> }.into_any()
    } else {
        view! {
            <dl class="sent-values" data-testid="sent-facts">
                {facts
                    .into_iter()
                    .map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> })
                    .collect_view()}
            </dl>
        }
        .into_any()
    };
    let details_view = view! {
        <dl class="sent-values" data-testid="sent-details">
            {browser_details
                .into_iter()
                .map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> })
                .collect_view()}
        </dl>
    };

    view! {
        <form class="form handoff-form" novalidate on:submit=submit data-testid="handoff-form" aria-labelledby="handoff-form-title">
            <h3 id="handoff-form-title">{tr(|t| t.handoff.form_title)}</h3>
            <p>{tr(|t| t.handoff.form_intro)}</p>
            <p class="form-note">{tr(|t| t.walk.required_note)}</p>
            {views.0}
            {views.1}
            {views.2}
            <fieldset class="group">
                <legend class="group-title">{tr(|t| t.handoff.contact_title)}</legend>
                {views.3}
                {views.4}
                {views.5}
            </fieldset>
            <Files files=form.files />
            <section class="sent-panel" aria-labelledby="sent-panel-title" data-testid="what-we-send">
                <h4 id="sent-panel-title">{tr(|t| t.handoff.send_title)}</h4>
                <p>{tr(|t| t.handoff.send_always)}</p>
                <p class="sent-heading">{tr(|t| t.handoff.send_facts)}</p>
                {facts_view}
                <p class="sent-heading">{tr(|t| t.handoff.send_details)}</p>
                {details_view}
                <div class="consent">
                    <input
                        type="checkbox"
                        id="handoff-consent"
                        aria-describedby="handoff-consent-help"
                        prop:checked=move || form.consent.get()
                        on:change:target=move |ev| form.consent.set(ev.target().checked())
                    />
                    <label for="handoff-consent">{tr(|t| t.handoff.consent)}</label>
                </div>
                <p id="handoff-consent-help" class="field-help">{tr(|t| t.handoff.consent_help)}</p>
            </section>
            {move || {
                has_errors
                    .get()
                    .then(|| view! { <p class="form-error" role="alert">{i18n.t().walk.form_has_errors}</p> })
            }}
            <button type="submit" class="button button-primary">{tr(|t| t.handoff.submit)}</button>
        </form>
    }
}
