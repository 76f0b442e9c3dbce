//! The ticket screen of the staff workspace.

use crate::staff::texts::st;
use leptos::prelude::*;

#[component]
pub fn TicketScreen(id: i64) -> impl IntoView {
    view! {
        <div class="staff-screen">
            <h1>{st(|t| t.ticket.title)}" "{id}</h1>
        </div>
    }
}
