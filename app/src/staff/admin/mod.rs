//! The admin screen of the staff workspace.

use crate::staff::texts::st;
use leptos::prelude::*;

#[component]
pub fn AdminScreen() -> impl IntoView {
    view! {
        <div class="staff-screen">
            <h1>{st(|t| t.admin.title)}</h1>
        </div>
    }
}
