//! The filters in the address bar (`/staff?status=new&order=age`), and in the tab's
//! session storage.
//!
//! The address makes a reload, the back button and a shared link show the same list.
//! The app's router knows only pages and `?step=`, and a filter change is no move
//! through the app: this module writes the query itself with `history.replaceState`
//! (no new history entry per filter, so Back leaves the Queue instead of undoing
//! filters one by one) and leaves the router as it is. The router keeps the query of
//! an entry it does not touch, so Back from a ticket finds it; where the router
//! rewrites the address to plain `/staff` (the "Queue" link in the header), the copy
//! in session storage brings the filters back, as it does for any link to `/staff`.
//! "Reset filters" is the way to the defaults.

use super::filters::Filters;
use crate::browser;
use crate::pages::Page;
use crate::router;
use crate::staff::Screen;
use leptos::prelude::*;

/// Where the tab keeps the last filters.
const KEY: &str = "lotse.staff.queue";

/// The filters the address names; for an address without any, the tab's last ones.
pub fn read() -> Filters {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    if search.trim_start_matches('?').is_empty() {
        browser::session_get(KEY).map_or_else(Filters::default, |q| Filters::from_query(&q))
    } else {
        Filters::from_query(&search)
    }
}

/// Puts `filters` into the address (if the Queue is what it shows) and the tab's
/// storage.
pub fn write(filters: &Filters) {
    let query = filters.to_query();
    browser::session_set(KEY, &query);
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    // Never over another screen's address (the Queue may be on its way out).
    if path.trim_end_matches('/') != Screen::Queue.path() {
        return;
    }
    let href = if query.is_empty() {
        Screen::Queue.path()
    } else {
        format!("{}?{query}", Screen::Queue.path())
    };
    let current = format!("{path}{}", location.search().unwrap_or_default());
    if current != href
        && let Ok(history) = window.history()
    {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
    }
}

/// Keeps the filters and the address in step while the screen is open: a change of
/// the filters is written, and an address set by the router (a link to the Queue) is
/// read.
pub fn follow(filters: ArcRwSignal<Filters>) {
    let written = filters.clone();
    Effect::new(move |_| written.with(write));
    Effect::new(move |_| {
        // Tracks every address the router sets, also the same page again.
        if router::page() != Some(Page::Staff(Screen::Queue)) {
            return;
        }
        let shown = read();
        if filters.with_untracked(|f| *f != shown) {
            filters.set(shown);
        } else {
            filters.with_untracked(write);
        }
    });
}
