//! The list of the Queue's keys, as a modal dialog (`?` or the "Keyboard shortcuts"
//! button).
//!
//! A native `<dialog>` opened with `showModal()`: the rest of the page is inert, Esc
//! closes it, and screen readers know it as a dialog. Tab and Shift+Tab are kept
//! inside it, and the focus returns to where it was when it opened.

use super::QueueState;
use crate::staff::texts::{now, st};
use leptos::html;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::JsCast;

thread_local! {
    /// The element that had the focus when the dialog opened.
    static BEFORE: RefCell<Option<web_sys::HtmlElement>> = const { RefCell::new(None) };
}

#[component]
pub fn KeysHelp() -> impl IntoView {
    let state = expect_context::<QueueState>();
    let dialog = NodeRef::<html::Dialog>::new();
    let close_button = NodeRef::<html::Button>::new();
    let open = state.help_open.clone();
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else {
            return;
        };
        if open.get() {
            if dialog.open() {
                return;
            }
            let before = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            BEFORE.with(|b| *b.borrow_mut() = before);
            let _ = dialog.show_modal();
            if let Some(button) = close_button.get() {
                let _ = button.focus();
            }
        } else if dialog.open() {
            dialog.close();
        }
    });
    // Closed by Esc, by the button, or by the effect above: the focus goes back.
    let closed = state.help_open.clone();
    let on_close = move |_| {
        closed.set(false);
        if let Some(before) = BEFORE.with(|b| b.borrow_mut().take()) {
            let _ = before.focus();
        }
    };
    let close = state.help_open.clone();
    let keys = move || {
        let t = &now().queue;
        [
            ("j", t.key_next),
            ("k", t.key_previous),
            ("Enter", t.key_open),
            ("c", t.key_claim),
            ("/", t.key_search),
            ("?", t.key_help),
            ("Esc", t.key_close),
            ("Esc", t.key_leave_search),
        ]
        .into_iter()
        .map(|(key, what)| {
            view! {
                <div class="queue-key">
                    <dt><kbd>{key}</kbd></dt>
                    <dd>{what}</dd>
                </div>
            }
        })
        .collect_view()
    };
    view! {
        <dialog class="queue-help" node_ref=dialog aria-labelledby="queue-help-title"
            data-testid="keys-help" on:close=on_close on:keydown=trap_tab>
            <h2 id="queue-help-title">{st(|t| t.queue.keys_title)}</h2>
            <p>{st(|t| t.queue.keys_intro)}</p>
            <dl class="queue-keys">{keys}</dl>
            <button type="button" class="button" node_ref=close_button on:click=move |_| close.set(false)>
                {st(|t| t.common.close)}
            </button>
        </dialog>
    }
}

/// Keeps Tab and Shift+Tab inside the dialog: from the last control to the first and
/// back (the rest of the page is inert already; this keeps the focus off the browser's
/// own controls too).
fn trap_tab(event: web_sys::KeyboardEvent) {
    if event.key() != "Tab" {
        return;
    }
    let Some(dialog) = event
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(found) = dialog.query_selector_all(
        "button, a[href], input, select, textarea, [tabindex]:not([tabindex='-1'])",
    ) else {
        return;
    };
    let controls: Vec<web_sys::HtmlElement> = (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let at = |e: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == e.unchecked_ref::<web_sys::Element>())
    };
    if event.shift_key() && (at(first) || !controls.iter().any(at)) {
        event.prevent_default();
        let _ = last.focus();
    } else if !event.shift_key() && (at(last) || !controls.iter().any(at)) {
        event.prevent_default();
        let _ = first.focus();
    }
}
