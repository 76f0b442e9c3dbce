//! The trees screens: every tree with its figures (`/staff/trees`), and one tree drawn
//! as a graph with the figures on its nodes (`/staff/trees/{id}`).

use crate::focus;
use crate::staff::texts::{now, st};
use leptos::prelude::*;

#[component]
pub fn TreesScreen() -> impl IntoView {
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    Effect::new(move |_| crate::browser::set_title(now().trees.title));
    view! {
        <div class="staff-screen trees-screen">
            <h1 tabindex="-1" node_ref=heading>{st(|t| t.trees.title)}</h1>
        </div>
    }
}

#[component]
pub fn TreeScreen(id: String) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    Effect::new(move |_| crate::browser::set_title(now().trees.title));
    view! {
        <div class="staff-screen tree-screen">
            <h1 tabindex="-1" node_ref=heading>{id}</h1>
        </div>
    }
}
