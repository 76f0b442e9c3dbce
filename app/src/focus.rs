//! Where keyboard and screen-reader focus goes when the page changes.
//!
//! A single-page app replaces content without a page load, so assistive technology
//! is not told that anything happened. After every route change and every step the
//! new page's or step's heading takes the focus, which makes screen readers read it
//! out and puts keyboard users at the start of the new content. On the first page of a
//! visit nothing is focused: the browser starts at the top, as on any page.
//!
//! The app is split into entry bundles, and a link to another bundle's page is a page
//! load. To the person it is the same app, so the mark that they moved is carried over
//! that load in the tab's session storage ([`leaving_bundle`], [`arrived`]): the walk's
//! first step takes the focus after a click on a topic, as every later step does.

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

const CARRIED: &str = "lotse.moved";

/// The person follows a link (or goes back) to another bundle's page: the next page
/// load continues as a move of theirs.
pub fn leaving_bundle() {
    crate::browser::session_set(CARRIED, "1");
}

/// At the start of a bundle: whether this page load was the person's move from another
/// bundle; if so, new headings take the focus from the first one on.
pub fn arrived() {
    if crate::browser::session_get(CARRIED).is_some() {
        crate::browser::session_remove(CARRIED);
        person_moved();
    }
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
