//! The German/English switch in the page header.
//!
//! Two toggle buttons rather than a `<select>`: one tap, and each shows its language in
//! that language (`lang` set), so a reader who does not understand the current one
//! still finds theirs.

use crate::i18n::{Lang, tr, use_i18n};
use leptos::prelude::*;

#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let button = move |lang: Lang| {
        let pressed = move || if i18n.lang() == lang { "true" } else { "false" };
        view! {
            <button
                type="button"
                class="lang-option"
                lang=lang.code()
                aria-pressed=pressed
                on:click=move |_| i18n.choose(lang)
            >
                {lang.endonym()}
            </button>
        }
    };
    view! {
        <div
            class="lang-switch"
            role="group"
            data-testid="lang-switch"
            aria-label=tr(|t| t.common.language)
        >
            {Lang::ALL.into_iter().map(button).collect_view()}
        </div>
    }
}
