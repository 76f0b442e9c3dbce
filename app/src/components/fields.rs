//! The typed fields of an input node, with labels, hints, required marks and inline
//! messages in the user's language.
//!
//! Values are checked with `domain::tree::Field::check`, the same rule the engine and
//! the server apply, so a value the form accepts is never refused later. The browser's
//! own validation is off (`novalidate` on the form): its bubbles speak the browser's
//! language, not the page's, and vanish before a screen reader reads them.

use crate::i18n::{Lang, Texts, fill, number, use_i18n};
use domain::markdown::{inline, plain_text};
use domain::tree::{Field, FieldError, FieldKind};
use leptos::prelude::*;

use super::markdown::inlines;

/// A field's value and the message shown under it.
#[derive(Debug, Clone, Copy, Default)]
pub struct FieldState {
    pub value: RwSignal<String>,
    pub error: RwSignal<Option<FieldError>>,
}

impl FieldState {
    /// Checks the value and shows the result; true when it is fine.
    pub fn check(&self, field: &Field) -> bool {
        let result = self.value.with_untracked(|v| field.check(v));
        let ok = result.is_ok();
        self.error.set(result.err());
        ok
    }
}

/// The element's id; choices use it for the group and number their options.
fn dom_id(field: &Field) -> String {
    format!("field-{}", field.name)
}

/// The element that takes the focus when the field needs correcting.
pub fn focus_target(field: &Field) -> String {
    match field.kind {
        FieldKind::Choice => format!("{}-0", dom_id(field)),
        _ => dom_id(field),
    }
}

/// The inline message for `error` on `field`.
pub fn message(t: &Texts, lang: Lang, field: &Field, error: &FieldError) -> String {
    let f = &t.field;
    let n = |value: f64| number(lang, value);
    match error {
        FieldError::Required if field.kind == FieldKind::Choice => f.required_choice.into(),
        FieldError::Required => f.required.into(),
        FieldError::TooShort { min } => fill(f.too_short, &[("n", &n(*min))]),
        FieldError::TooLong { max } => fill(f.too_long, &[("n", &n(*max))]),
        FieldError::NotANumber => f.not_a_number.into(),
        FieldError::BelowMin { min } => fill(f.below_min, &[("n", &n(*min))]),
        FieldError::AboveMax { max } => fill(f.above_max, &[("n", &n(*max))]),
        FieldError::NotAnOption => f.not_an_option.into(),
        FieldError::NotAnEmail => f.not_an_email.into(),
        FieldError::NotAPhone => f.not_a_phone.into(),
        FieldError::NotADate => f.not_a_date.into(),
        FieldError::PatternMismatch => f.pattern_mismatch.into(),
    }
}

/// One field: label, hint, control, message.
#[component]
pub fn FieldInput(field: Field, state: FieldState) -> impl IntoView {
    let i18n = use_i18n();
    let id = dom_id(&field);
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described_by = {
        let help = field.help.is_some().then(|| help_id.clone());
        let error_id = error_id.clone();
        move || {
            let error = state.error.with(Option::is_some).then(|| error_id.clone());
            let ids: Vec<String> = help.clone().into_iter().chain(error).collect();
            ids.join(" ")
        }
    };
    let invalid = move || {
        if state.error.with(Option::is_some) {
            "true"
        } else {
            "false"
        }
    };
    let field = StoredValue::new(field);
    let label = move || field.with_value(|f| plain_text(f.label.get(i18n.lang().code())));
    let required = field.with_value(|f| f.required);
    let mark = required.then(|| {
        view! {
            <span class="required-mark" aria-hidden="true">" *"</span>
        }
    });
    let help = field.with_value(|f| f.help.clone()).map(|help| {
        let help_id = help_id.clone();
        view! {
            <p id=help_id class="field-help">
                {move || inlines(inline(help.get(i18n.lang().code())))}
            </p>
        }
    });
    // While a message shows, it follows the typing, so it disappears once fixed; a
    // message never appears before the first "Continue".
    let on_value = move |value: String| {
        state.value.set(value);
        if state.error.with_untracked(Option::is_some) {
            field.with_value(|f| state.check(f));
        }
    };
    let error = move || {
        state.error.get().map(|e| {
            let text = field.with_value(|f| message(i18n.t(), i18n.lang(), f, &e));
            view! { <p id=error_id.clone() class="field-error">{text}</p> }
        })
    };
    let kind = field.with_value(|f| f.kind.clone());
    if kind == FieldKind::Choice {
        let options = field.with_value(|f| f.options.clone());
        let choices = options
            .into_iter()
            .enumerate()
            .map(|(i, option)| {
                let option_id = format!("{id}-{i}");
                let label_for = option_id.clone();
                let value = option.value.clone();
                let checked = {
                    let value = value.clone();
                    move || state.value.with(|v| *v == value)
                };
                view! {
                    <label class="choice" for=label_for>
                        <input
                            type="radio"
                            id=option_id
                            name=id.clone()
                            value=value.clone()
                            prop:checked=checked
                            on:change=move |_| on_value(value.clone())
                        />
                        <span>{move || plain_text(option.label.get(i18n.lang().code()))}</span>
                    </label>
                }
            })
            .collect_view();
        return view! {
            <fieldset
                class="field"
                class:field-invalid=move || state.error.with(Option::is_some)
                role="radiogroup"
                aria-required=if required { "true" } else { "false" }
                aria-invalid=invalid
                aria-describedby=described_by
            >
                <legend class="field-label">{label}{mark}</legend>
                {help}
                <div class="choices">{choices}</div>
                {error}
            </fieldset>
        }
        .into_any();
    }
    let control = match kind {
        FieldKind::LongText => view! {
            <textarea
                id=id.clone()
                name=id.clone()
                rows="4"
                required=required
                aria-invalid=invalid
                aria-describedby=described_by
                prop:value=move || state.value.get()
                on:input:target=move |ev| on_value(ev.target().value())
            ></textarea>
        }
        .into_any(),
        kind => {
            let (input_type, input_mode, autocomplete) = match kind {
                FieldKind::Number => ("text", "decimal", "off"),
                FieldKind::Email => ("email", "email", "email"),
                FieldKind::Phone => ("tel", "tel", "tel"),
                FieldKind::Date => ("date", "text", "off"),
                _ => ("text", "text", "off"),
            };
            view! {
                <input
                    id=id.clone()
                    name=id.clone()
                    type=input_type
                    inputmode=input_mode
                    autocomplete=autocomplete
                    required=required
                    aria-invalid=invalid
                    aria-describedby=described_by
                    prop:value=move || state.value.get()
                    on:input:target=move |ev| on_value(ev.target().value())
                />
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:field-invalid=move || state.error.with(Option::is_some)>
            <label class="field-label" for=id.clone()>{label}{mark}</label>
            {help}
            {control}
            {error}
        </div>
    }
    .into_any()
}
