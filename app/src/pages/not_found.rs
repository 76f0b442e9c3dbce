//! The page for an address the app does not know.

use crate::browser;
use crate::focus;
use crate::i18n::{tr, use_i18n};
use crate::pages::Page;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| browser::set_title(i18n.t().common.not_found_title));
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    view! {
        <div class="page-not-found" data-testid="not-found">
            <h1 tabindex="-1" node_ref=heading>{tr(|t| t.common.not_found_title)}</h1>
            <p>{tr(|t| t.common.not_found_text)}</p>
            <p>
                <a href=Page::Landing.path() class="button">{tr(|t| t.common.go_home)}</a>
            </p>
        </div>
    }
}
