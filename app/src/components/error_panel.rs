//! The message shown when data could not be loaded, with a way to try again.
//!
//! Never a blank page: whatever failed, the person reads what happened in their
//! language and what they can do about it.

use crate::api::FetchError;
use crate::i18n::{tr, use_i18n};
use leptos::prelude::*;

#[component]
pub fn ErrorPanel(error: FetchError, #[prop(into)] retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || {
        let t = &i18n.t().common;
        match error {
            FetchError::Unreachable => t.unreachable,
            FetchError::NotFound | FetchError::Failed => t.server_error,
        }
    };
    view! {
        <div class="notice notice-error" role="alert" data-testid="api-error">
            <p>{message}</p>
            <button type="button" class="button" on:click=move |_| retry.run(())>
                {tr(|t| t.common.retry)}
            </button>
        </div>
    }
}
