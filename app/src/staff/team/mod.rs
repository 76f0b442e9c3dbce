//! The team screen of the staff workspace.

use crate::staff::texts::st;
use leptos::prelude::*;

#[component]
pub fn TeamScreen() -> impl IntoView {
    view! {
        <div class="staff-screen">
            <h1>{st(|t| t.team.title)}</h1>
        </div>
    }
}
