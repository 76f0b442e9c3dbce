//! The app's own router on the browser's History API: which [`Page`] the address bar
//! shows, and how far into a walk (`?step=`).
//!
//! A general router (leptos_router) cost about a tenth of the first load for what the
//! app needs: three kinds of page and one query parameter. This one keeps the current
//! [`Address`] in a signal, follows the back and forward buttons (`popstate`), and
//! turns clicks on the app's own links into history entries instead of page loads.
//! Links stay ordinary `<a href>`: they work without the app, open in a new tab with a
//! modifier key, and read as links to screen readers.
//!
//! # Entry bundles
//! The app is split into entry bundles (see the crate docs), and each runs this router
//! for its own pages only. A link to a page of another bundle is left to the browser (a
//! page load, which the server answers with that bundle); going back or forward to such
//! a page reloads it, since this bundle cannot show it. Before such a page load, what
//! the pages registered with [`before_leaving`] runs, as it would when the page goes
//! away inside the bundle.

use crate::pages::Page;
use leptos::ev;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, JsValue};

/// Where the person is: the page (`None` for an address the app does not know) and,
/// on a walk, how many moves into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub page: Option<Page>,
    pub step: Option<usize>,
}

impl Address {
    /// The address of a path and its query (`?step=3`, with or without the `?`).
    pub fn parse(path: &str, query: &str) -> Address {
        let step = query
            .trim_start_matches('?')
            .split('&')
            .find_map(|pair| pair.strip_prefix("step="))
            .and_then(|n| n.parse().ok());
        Address {
            page: Page::parse(path),
            step,
        }
    }

    /// What goes into the address bar; `None` for an unknown page (the app never
    /// leads there itself).
    pub fn href(&self) -> Option<String> {
        let path = self.page.as_ref()?.path();
        Some(match self.step {
            Some(step) => path + "?step=" + &step.to_string(),
            None => path,
        })
    }
}

/// Whether a change of address adds a history entry or rewrites the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A new entry: the back button returns to the one before.
    Push,
    /// The current entry changes: for corrections and for moves the person did not
    /// make (an automatic check's result).
    Replace,
}

/// What runs before a page load of another bundle.
type Hook = Box<dyn Fn()>;

thread_local! {
    static ADDRESS: Cell<Option<RwSignal<Address>>> = const { Cell::new(None) };
    /// The pages this bundle shows; set by [`start`].
    static SERVES: Cell<fn(&Page) -> bool> = const { Cell::new(|_| true) };
    static LEAVING: RefCell<Vec<(u64, Hook)>> = const { RefCell::new(Vec::new()) };
    static NEXT_HOOK: Cell<u64> = const { Cell::new(0) };
}

/// Whether this bundle shows the page at `address`; an unknown address counts as its
/// own when the bundle shows pages other than the landing page (the not-found page
/// lives there).
fn served(address: &Address) -> bool {
    let serves = SERVES.with(Cell::get);
    match &address.page {
        Some(page) => serves(page),
        None => !serves(&Page::Landing),
    }
}

/// Runs `f` when the person leaves this bundle for a page of another one (a page load
/// the router starts or lets happen), until the calling component is cleaned up.
pub fn before_leaving(f: impl Fn() + 'static) {
    let id = NEXT_HOOK.with(|n| n.replace(n.get() + 1));
    LEAVING.with(|l| l.borrow_mut().push((id, Box::new(f))));
    on_cleanup(move || LEAVING.with(|l| l.borrow_mut().retain(|(hook, _)| *hook != id)));
}

fn leave_bundle() {
    crate::focus::leaving_bundle();
    // Taken out first: a hook may register or clean up others.
    let hooks = LEAVING.with(|l| std::mem::take(&mut *l.borrow_mut()));
    for (_, hook) in hooks {
        hook();
    }
}

fn address() -> RwSignal<Address> {
    ADDRESS.with(|a| match a.get() {
        Some(signal) => signal,
        None => {
            let signal = RwSignal::new(from_location());
            a.set(Some(signal));
            signal
        }
    })
}

fn from_location() -> Address {
    let location = window().location();
    Address::parse(
        &location.pathname().unwrap_or_default(),
        &location.search().unwrap_or_default(),
    )
}

/// Reads the address bar and starts following the back and forward buttons and the
/// clicks on links to the pages this bundle `serves`. Called once, when the app starts.
pub fn start(serves: fn(&Page) -> bool) {
    SERVES.with(|s| s.set(serves));
    let _ = address();
    // The app lives as long as the page: the listeners are never removed.
    let _ = window_event_listener(ev::popstate, |_| {
        let to = from_location();
        if !served(&to) {
            // Back or forward to a page of another bundle: load it.
            leave_bundle();
            let _ = window().location().reload();
            return;
        }
        // Back and forward are the person's doing: the new page or step takes the focus.
        crate::focus::person_moved();
        address().set(to);
    });
    let _ = window_event_listener(ev::click, follow_link);
}

/// The current page (reactive); `None` for an address the app does not know.
pub fn page() -> Option<Page> {
    address().with(|a| a.page.clone())
}

/// The `?step=` of the current address (reactive).
pub fn step() -> Option<usize> {
    address().with(|a| a.step)
}

/// Goes to `page` with a new history entry.
pub fn navigate(page: Page) {
    go(
        Address {
            page: Some(page),
            step: None,
        },
        Entry::Push,
    );
}

/// Shows `page` in place of the current history entry.
pub fn replace(page: Page) {
    go(
        Address {
            page: Some(page),
            step: None,
        },
        Entry::Replace,
    );
}

/// Sets the `?step=` of the current page.
pub fn set_step(step: usize, entry: Entry) {
    let page = address().with_untracked(|a| a.page.clone());
    go(
        Address {
            page,
            step: Some(step),
        },
        entry,
    );
}

fn go(to: Address, entry: Entry) {
    let signal = address();
    let Some(href) = to.href() else {
        return;
    };
    if !served(&to) {
        // Another bundle's page: a page load (a replaced entry stays replaced).
        leave_bundle();
        let location = window().location();
        let _ = match entry {
            Entry::Push => location.assign(&href),
            Entry::Replace => location.replace(&href),
        };
        return;
    }
    let current = signal.with_untracked(|a| a.href());
    let history = window().history();
    if let Ok(history) = history {
        let _ = if entry == Entry::Push && current.as_deref() != Some(href.as_str()) {
            history.push_state_with_url(&JsValue::NULL, "", Some(&href))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&href))
        };
    }
    let new_page = signal.with_untracked(|a| a.page != to.page);
    signal.set(to);
    if new_page {
        // A new page starts at its top, as after a page load.
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Follows a click on a link to a page of the app without loading the page again.
/// Left to the browser: clicks with a modifier key or another button (new tab or
/// window), links with a `target`, `download` or `rel="external"`, links elsewhere,
/// and links to a place on the same page (the skip link).
fn follow_link(event: web_sys::MouseEvent) {
    if event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.ctrl_key()
        || event.shift_key()
        || event.alt_key()
    {
        return;
    }
    let Some(link) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    let external = link
        .rel()
        .split_ascii_whitespace()
        .any(|r| r.eq_ignore_ascii_case("external"));
    let target = link.target();
    if external || link.has_attribute("download") || !(target.is_empty() || target == "_self") {
        return;
    }
    let location = window().location();
    if location.origin().ok() != Some(link.origin()) {
        return;
    }
    let (path, query) = (link.pathname(), link.search());
    let same_document = location.pathname().ok().as_ref() == Some(&path)
        && location.search().ok().as_ref() == Some(&query);
    if same_document && !link.hash().is_empty() {
        return;
    }
    let to = Address::parse(&path, &query);
    if to.page.is_none() {
        // An address the app does not know may be the server's (a download, the API
        // documentation): let the browser load it.
        return;
    }
    if !served(&to) || !link.hash().is_empty() {
        // Another bundle's page is a page load; so is a link with a fragment (a status
        // link carries its token there, which a history entry of ours would drop).
        leave_bundle();
        return;
    }
    event.prevent_default();
    crate::focus::person_moved();
    go(to, Entry::Push);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(step: Option<usize>) -> Address {
        Address {
            page: Some(Page::Walk {
                tree: "printer".into(),
            }),
            step,
        }
    }

    #[test]
    fn a_walk_address_carries_its_step() {
        assert_eq!(Address::parse("/walk/printer", "?step=3"), walk(Some(3)));
        assert_eq!(
            walk(Some(3)).href().as_deref(),
            Some("/walk/printer?step=3")
        );
        assert_eq!(Address::parse("/walk/printer", ""), walk(None));
        assert_eq!(walk(None).href().as_deref(), Some("/walk/printer"));
    }

    #[test]
    fn other_query_parameters_are_ignored() {
        assert_eq!(
            Address::parse("/walk/printer", "utm=x&step=2&y"),
            walk(Some(2))
        );
    }

    #[test]
    fn a_step_that_is_no_number_is_no_step() {
        for query in ["?step=", "?step=-1", "?step=two", "?step=1.5", "?steps=2"] {
            assert_eq!(
                Address::parse("/walk/printer", query),
                walk(None),
                "{query}"
            );
        }
    }

    #[test]
    fn an_unknown_address_prints_nothing() {
        let unknown = Address::parse("/nowhere", "");
        assert_eq!(unknown.page, None);
        assert_eq!(unknown.href(), None);
    }
}
