//! Where keyboard and screen-reader focus goes when the page changes.
//!
//! A single-page app replaces content without a page load, so assistive technology
//! is not told that anything happened. After every route change and every step the
//! new page's or step's heading takes the focus, which makes screen readers read it
//! out and puts keyboard users at the start of the new content. On the first page of a
//! visit nothing is focused: the browser starts at the top, as on any page.

use leptos::html::ElementType;
use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::JsCast;

thread_local! {
    static ACTED: Cell<bool> = const { Cell::new(false) };
}

/// Marks that the person has moved (followed a link, made a move): from now on new
/// headings take the focus.
pub fn person_moved() {
    ACTED.with(|a| a.set(true));
}

/// Focuses the element once it is in the page, if the person has moved before.
pub fn on_mount<E>(target: NodeRef<E>)
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    Effect::new(move |_| {
        if let Some(element) = target.get()
            && ACTED.with(Cell::get)
        {
            let _ = element.unchecked_ref::<web_sys::HtmlElement>().focus();
        }
    });
}
