//! The status page of a handed-off case: a placeholder until the page itself lands.

use crate::pages::not_found::NotFound;
use leptos::prelude::*;

#[component]
pub fn StatusPage(reference: String) -> impl IntoView {
    let _ = reference;
    view! { <NotFound /> }
}
