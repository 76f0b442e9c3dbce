//! A modal dialog for the ticket's actions (assign, resolve, return, close).
//!
//! The browser's own `<dialog>` opened with `showModal()`: the page behind it is inert
//! (focus stays inside, screen readers read only the dialog) and Escape cancels. The
//! content is built each time it opens, so every opening starts empty; on closing,
//! the focus goes back to the button that opened it, or, when an action removed that
//! button, to the ticket's heading.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The `id` of the ticket's heading: where the focus goes when nothing better is left.
pub const HEADING_ID: &str = "ticket-heading";

#[component]
pub fn Dialog(
    /// Whether the dialog is open; set it to open or close.
    open: RwSignal<bool>,
    /// `id` of the dialog's heading.
    id: &'static str,
    title: fn() -> &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    // Who had the focus when it opened; `Some` while it is open.
    let opener = StoredValue::new_local(None::<Option<web_sys::HtmlElement>>);
    Effect::new(move |_| {
        let want = open.get();
        let Some(element) = dialog.get() else {
            return;
        };
        if want && !element.open() {
            opener.set_value(Some(active_element()));
            if element.show_modal().is_ok() {
                focus_first(&element);
            }
        } else if !want {
            if element.open() {
                element.close();
            }
            if let Some(before) = opener.try_update_value(Option::take).flatten() {
                return_focus(before);
            }
        }
    });
    let heading_id = format!("{id}-title");
    let labelled_by = heading_id.clone();
    view! {
        <dialog
            node_ref=dialog
            class="staff-dialog"
            aria-labelledby=labelled_by
            data-testid=id
            // Escape: the browser would close it; closing goes through `open` instead,
            // so the focus returns the same way as after "Cancel".
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                open.set(false);
            }
            // Browsers may close it without a cancelable `cancel` (a second Escape).
            on:close=move |_| open.set(false)
        >
            <h2 id=heading_id>{title}</h2>
            {move || open.get().then(|| children())}
        </dialog>
    }
}

/// Focuses the element marked `autofocus` in the dialog, else its first field or
/// button: the browser's own choice varies between versions.
fn focus_first(dialog: &web_sys::HtmlDialogElement) {
    let found = dialog
        .query_selector("[autofocus]")
        .ok()
        .flatten()
        .or_else(|| {
            dialog
                .query_selector("textarea, select, input, button")
                .ok()
                .flatten()
        });
    if let Some(element) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

fn active_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// Focuses `opener` if it is still in the page, else the ticket's heading.
pub fn return_focus(opener: Option<web_sys::HtmlElement>) {
    let target = opener.filter(|o| o.is_connected()).or_else(|| {
        web_sys::window()?
            .document()?
            .get_element_by_id(HEADING_ID)?
            .dyn_into::<web_sys::HtmlElement>()
            .ok()
    });
    if let Some(target) = target {
        let _ = target.focus();
    }
}
