//! The ticket screen's link to the ticket's path on the tree it was walked on (for
//! specialists and admins, who may read the tree figures).

use crate::staff::screen::Screen;
use crate::staff::session;
use crate::staff::texts::st;
use domain::api::{Role, TicketDetail};
use leptos::prelude::*;

/// The address of `detail`'s path: `/staff/trees/{tree}?ticket={id}`, on the tree the
/// walk ended in (where it was handed off).
pub fn path_href(detail: &TicketDetail) -> String {
    let tree = detail
        .walk
        .path
        .last()
        .map_or(detail.walk.tree.clone(), |p| p.tree.clone());
    format!(
        "{}?ticket={}",
        Screen::Tree { id: tree }.path(),
        detail.item.id
    )
}

/// "Show the path on the tree". The app's router keeps no query of staff addresses,
/// so a click goes to the screen and then writes the query into the address, where
/// the tree screen reads it when it is drawn (effects run after this handler).
#[component]
pub fn PathLink(detail: TicketDetail) -> impl IntoView {
    let href = path_href(&detail);
    let tree = detail
        .walk
        .path
        .last()
        .map_or(detail.walk.tree.clone(), |p| p.tree.clone());
    move || {
        (session::role() >= Some(Role::Specialist)).then(|| {
            let (href, tree) = (href.clone(), tree.clone());
            let target = href.clone();
            view! {
                <p class="tree-path-link">
                    <a href=href data-testid="show-path" on:click=move |ev: web_sys::MouseEvent| {
                        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
                            return;
                        }
                        ev.prevent_default();
                        crate::router::navigate(crate::pages::Page::Staff(Screen::Tree { id: tree.clone() }));
                        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target));
                        }
                    }>{st(|t| t.trees.show_path)}</a>
                </p>
            }
        })
    }
}
