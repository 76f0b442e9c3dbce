//! A labelled text field with its message under it, as every form of the console
//! uses it: the message is tied to the field (`aria-describedby`, `aria-invalid`), and
//! the field that needs correcting takes the focus ([`super::node::focus_by_id`]).

use crate::staff::api::Failure;
use leptos::prelude::*;

/// A field's value and its message.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub value: RwSignal<String>,
    pub error: RwSignal<Option<String>>,
}

impl Entry {
    pub fn new(value: String) -> Entry {
        Entry {
            value: RwSignal::new(value),
            error: RwSignal::new(None),
        }
    }

    pub fn get(&self) -> String {
        self.value.get_untracked()
    }
}

#[component]
pub fn TextField(
    id: &'static str,
    label: fn() -> &'static str,
    entry: Entry,
    #[prop(optional)] required: bool,
    /// `text`, `tel`, `email`, or `textarea`.
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] help: Option<fn() -> &'static str>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    let described = {
        let error_id = error_id.clone();
        let help_id = help_id.clone();
        move || {
            let mut ids = Vec::new();
            if help.is_some() {
                ids.push(help_id.clone());
            }
            if entry.error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            Some(ids.join(" ")).filter(|s| !s.is_empty())
        }
    };
    let invalid = move || entry.error.with(Option::is_some).then_some("true");
    let on_input = move |value: String| {
        entry.value.set(value);
        entry.error.set(None);
    };
    let control = if kind == "textarea" {
        view! {
            <textarea id=id rows="5" required=required aria-invalid=invalid aria-describedby=described
                prop:value=move || entry.value.get() on:input:target=move |ev| on_input(ev.target().value())></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id type=kind required=required aria-invalid=invalid aria-describedby=described
                autocomplete=autocomplete.unwrap_or("off")
                prop:value=move || entry.value.get() on:input:target=move |ev| on_input(ev.target().value()) />
        }
        .into_any()
    };
    view! {
        <div class="field" class:field-invalid=move || entry.error.with(Option::is_some)>
            <label class="field-label" for=id>{label}{required.then(|| view! { <span class="required-mark" aria-hidden="true">" *"</span> })}</label>
            {help.map(|help| view! { <p id=help_id class="field-help">{help}</p> })}
            {control}
            {move || entry.error.get().map(|e| view! { <p id=error_id.clone() class="field-error">{e}</p> })}
        </div>
    }
}

/// Puts a server refusal at its field: `fields` maps the API's field names to the
/// form's entries (and element ids). Answers whether it found its field.
pub fn place(failure: &Failure, fields: &[(&str, &'static str, Entry)]) -> bool {
    let Failure::Api { error, .. } = failure else {
        return false;
    };
    let Some(field) = error.field.as_deref() else {
        return false;
    };
    let Some((_, id, entry)) = fields.iter().find(|(name, _, _)| *name == field) else {
        return false;
    };
    let t = &crate::staff::texts::now().calls;
    let words = match error.rule.as_deref() {
        Some("required") => t.field_required.to_owned(),
        _ if field.ends_with("email") => t.bad_email.to_owned(),
        _ if field.ends_with("phone") => t.bad_phone.to_owned(),
        _ => crate::i18n::fill(t.failed, &[("message", &error.message)]),
    };
    entry.error.set(Some(words));
    super::node::focus_by_id(id);
    true
}
