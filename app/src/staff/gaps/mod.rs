//! Tree gaps (`/staff/gaps`): resolutions that named a node where the tree should have
//! helped, grouped by node with their resolution texts, so an author sees which branch
//! is missing.

use crate::focus;
use crate::staff::texts::{now, st};
use leptos::prelude::*;

#[component]
pub fn GapsScreen() -> impl IntoView {
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    Effect::new(move |_| crate::browser::set_title(now().gaps.title));
    view! {
        <div class="staff-screen gaps-screen">
            <h1 tabindex="-1" node_ref=heading>{st(|t| t.gaps.title)}</h1>
        </div>
    }
}
