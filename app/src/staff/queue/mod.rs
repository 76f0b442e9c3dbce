//! The queue screen of the staff workspace.

use crate::staff::texts::st;
use leptos::prelude::*;

#[component]
pub fn QueueScreen() -> impl IntoView {
    view! {
        <div class="staff-screen">
            <h1>{st(|t| t.queue.title)}</h1>
        </div>
    }
}
