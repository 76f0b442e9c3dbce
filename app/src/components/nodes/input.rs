//! An input node: a form of typed fields; the values become facts.

use crate::components::fields::{FieldInput, FieldState, focus_target};
use crate::components::prompt::{NodeText, Prompt};
use crate::i18n::{tr, use_i18n};
use crate::walk::use_walk;
use domain::tree::Field;
use domain::walk::MoveError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[component]
pub fn InputScreen(text: NodeText, fields: Vec<Field>) -> impl IntoView {
    let i18n = use_i18n();
    let live = use_walk();
    let any_required = fields.iter().any(|f| f.required);
    let form: Vec<(Field, FieldState)> = fields
        .into_iter()
        .map(|f| (f, FieldState::default()))
        .collect();
    let views = form
        .iter()
        .map(|(field, state)| view! { <FieldInput field=field.clone() state=*state /> })
        .collect_view();
    let form = StoredValue::new(form);
    let has_errors = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let first_wrong = form.with_value(|form| {
            let mut first = None;
            for (field, state) in form {
                if !state.check(field) && first.is_none() {
                    first = Some(focus_target(field));
                }
            }
            first
        });
        if let Some(id) = first_wrong {
            has_errors.set(true);
            focus_element(&id);
            return;
        }
        has_errors.set(false);
        let values: BTreeMap<String, String> = form.with_value(|form| {
            form.iter()
                .map(|(f, s)| (f.name.clone(), s.value.get_untracked()))
                .collect()
        });
        // The form checks with the engine's own rule, so this is refused only if the
        // two disagree; then the message lands on the field the engine names.
        if let Err(MoveError::InvalidValue { field, error }) = live.submit(values) {
            form.with_value(|form| {
                if let Some((f, s)) = form.iter().find(|(f, _)| f.name == field) {
                    s.error.set(Some(error));
                    focus_element(&focus_target(f));
                }
            });
            has_errors.set(true);
        }
    };

    view! {
        <Prompt text fallback=|t| t.walk.heading_input />
        <form class="form" novalidate on:submit=submit>
            {any_required.then(|| view! { <p class="form-note">{tr(|t| t.walk.required_note)}</p> })}
            {views}
            {move || {
                has_errors
                    .get()
                    .then(|| view! { <p class="form-error" role="alert">{i18n.t().walk.form_has_errors}</p> })
            }}
            <button type="submit" class="button button-primary">{tr(|t| t.walk.submit)}</button>
        </form>
    }
}

fn focus_element(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        let _ = element.unchecked_ref::<web_sys::HtmlElement>().focus();
    }
}
