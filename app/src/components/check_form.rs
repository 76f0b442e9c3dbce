//! "Check my ticket": reference and code, or a pasted status link. Used on its own page
//! and under every status-page problem (no code, wrong code, not a reference).

use crate::i18n::{tr, use_i18n};
use crate::status::link::{Problem, opening};
use leptos::prelude::*;

/// The form; `open` gets the reference (normalised) and the token.
#[component]
pub fn CheckForm(reference: String, open: Callback<(String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let typed_reference = RwSignal::new(reference);
    let code = RwSignal::new(String::new());
    let link = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = opening(
            &typed_reference.get_untracked(),
            &code.get_untracked(),
            &link.get_untracked(),
        );
        match result {
            Ok(found) => {
                problem.set(None);
                open.run(found);
            }
            Err(p) => {
                problem.set(Some(p));
                let id = match p {
                    Problem::BadReference => "check-reference",
                    Problem::CodeRequired => "check-code",
                    Problem::BadLink => "check-link",
                };
                if let Some(element) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(id))
                {
                    use wasm_bindgen::JsCast;
                    let _ = element.unchecked_ref::<web_sys::HtmlElement>().focus();
                }
            }
        }
    };
    // One message under the field it is about, named by `aria-describedby`.
    let message = move |about: Problem| {
        move || {
            (problem.get() == Some(about)).then(|| {
                let t = &i18n.t().status;
                let (id, text) = match about {
                    Problem::BadReference => ("check-reference-error", t.bad_reference),
                    Problem::CodeRequired => ("check-code-error", t.code_required),
                    Problem::BadLink => ("check-link-error", t.bad_link),
                };
                view! { <p id=id class="field-error">{text}</p> }
            })
        }
    };
    let described = move |about: Problem, help: &'static str, error: &'static str| {
        move || {
            if problem.get() == Some(about) {
                format!("{help} {error}")
            } else {
                help.to_owned()
            }
        }
    };
    let invalid = move |about: Problem| move || (problem.get() == Some(about)).to_string();
    view! {
        <form class="form check-form" novalidate on:submit=submit data-testid="check-form">
            <p>{tr(|t| t.status.check_intro)}</p>
            <div class="check-pair">
                <div class="field">
                    <label class="field-label" for="check-reference">{tr(|t| t.status.reference)}</label>
                    <p id="check-reference-help" class="field-help">{tr(|t| t.status.reference_help)}</p>
                    <input
                        id="check-reference"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        autocapitalize="characters"
                        aria-describedby=described(Problem::BadReference, "check-reference-help", "check-reference-error")
                        aria-invalid=invalid(Problem::BadReference)
                        prop:value=move || typed_reference.get()
                        on:input=move |ev| typed_reference.set(event_target_value(&ev))
                    />
                    {message(Problem::BadReference)}
                </div>
                <div class="field">
                    <label class="field-label" for="check-code">{tr(|t| t.status.code)}</label>
                    <p id="check-code-help" class="field-help">{tr(|t| t.status.code_help)}</p>
                    <input
                        id="check-code"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        autocapitalize="off"
                        aria-describedby=described(Problem::CodeRequired, "check-code-help", "check-code-error")
                        aria-invalid=invalid(Problem::CodeRequired)
                        prop:value=move || code.get()
                        on:input=move |ev| code.set(event_target_value(&ev))
                    />
                    {message(Problem::CodeRequired)}
                </div>
            </div>
            <div class="field">
                <label class="field-label" for="check-link">{tr(|t| t.status.link)}</label>
                <p id="check-link-help" class="field-help">{tr(|t| t.status.link_help)}</p>
                <input
                    id="check-link"
                    type="url"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby=described(Problem::BadLink, "check-link-help", "check-link-error")
                    aria-invalid=invalid(Problem::BadLink)
                    prop:value=move || link.get()
                    on:input=move |ev| link.set(event_target_value(&ev))
                />
                {message(Problem::BadLink)}
            </div>
            <button type="submit" class="button button-primary">{tr(|t| t.status.open)}</button>
        </form>
    }
}
