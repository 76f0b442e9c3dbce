//! Lotse's browser app: Leptos 0.8, client-side rendered, compiled to WebAssembly.
//!
//! # Layout
//! - [`api`]: typed client of the HTTP API (trees, tree bundles).
//! - [`pages`]: one component per page (landing, walk, check my ticket, ticket status,
//!   not found) and the [`pages::Page`] addresses.
//! - [`router`]: the address bar, back and forward, and clicks on the app's links.
//! - [`components`]: what pages are built from: node screens, fields, Markdown, the
//!   language switch, the error panel.
//! - [`walk`]: the `domain::Walk` held in a signal, with the moves a person can make.
//! - [`checks`]: the automatic browser diagnostics of `check` nodes.
//! - [`i18n`]: the app's texts in German and English, and the user's language.
//! - [`search`]: which topics match what a person types in the landing page's search.
//! - [`status`], [`tickets`]: a handed-off ticket on its status page; the tickets this
//!   browser remembers.
//! - [`outcome`]: anonymous walk outcomes (`resolved`, `abandoned`) for the deflection
//!   rate.
//! - [`handoff`]: hand-offs to support: the outbox that sends each exactly once, also
//!   after a reload or a lost connection.
//! - [`browser`], [`deadline`], [`focus`]: storage and document access that never
//!   fails, request time limits, focus after each step.
//!
//! # Entry bundles
//! The crate is a library; each binary in `src/bin/` is one entry bundle that calls
//! [`start`] with the pages it serves: `home` (the landing page `/`, the first load, kept
//! small) and `portal` (walk, check my ticket, ticket status, not found). The router
//! only moves between pages of its own bundle; a link to another bundle's page loads
//! that page. ARCHITECTURE.md says how to add an entry.
//!
//! The engine is `domain`: this crate decides nothing about trees. It shows the node
//! the walk stands at and turns clicks into `domain::walk::Move`s, which the engine
//! checks. No user-visible text is written in a component: it comes from [`i18n`] or
//! from the tree.

pub mod api;
pub mod browser;
pub mod checks;
pub mod components;
pub mod deadline;
pub mod focus;
pub mod handoff;
pub mod handover;
pub mod i18n;
pub mod outcome;
pub mod pages;
pub mod router;
pub mod search;
pub mod staff;
pub mod status;
pub mod tickets;
pub mod walk;

use components::lang_switch::LangSwitch;
use i18n::{I18n, tr};
use leptos::prelude::*;
use pages::Page;

/// One entry bundle of the app: a page load of its own (`index.html`, `portal.html`),
/// built from one binary in `src/bin/`. Each binary names only its own pages here, so
/// link-time optimisation leaves every other page out of its module.
#[derive(Clone, Copy)]
pub struct Entry {
    /// Whether this bundle shows `page`. A link to a page it does not serve is an
    /// ordinary page load (the server answers it with the bundle that does).
    pub serves: fn(&Page) -> bool,
    /// The view of a page it serves, or of `None` (an address the app does not know).
    pub show: fn(Option<Page>) -> AnyView,
}

/// Starts the bundle `entry`: the frame, and in it the page the address names.
pub fn start(entry: Entry) {
    leptos::mount::mount_to_body(move || {
        browser::remove_boot_notice();
        domain::tree::field::use_pattern_matcher(browser::pattern_matches);
        // Walks kept past their time go now, whichever topic they were on and whichever
        // entry the person opens first.
        walk::saved::forget_expired();
        I18n::provide();
        focus::arrived();
        // Before any page, in every entry (the landing page too): hand-offs saved by an
        // earlier visit go out now.
        handoff::sender::start();
        router::start(entry.serves);
        view! { <Frame show=entry.show /> }
    });
}

/// Skip link, header with the language switch, and the page in `<main>`.
#[component]
fn Frame(show: fn(Option<Page>) -> AnyView) -> impl IntoView {
    // Only a change of page rebuilds the page: a new `?step=` is the walk's business.
    let page = Memo::new(move |_| router::page());
    // Every page change after the first page is the person's doing: new pages take
    // the focus from then on.
    Effect::new(move |previous: Option<()>| {
        page.track();
        if previous.is_some() {
            focus::person_moved();
        }
    });
    let shown = move || show(page.get());
    view! {
        // `rel="external"` keeps the router out: the browser's own jump to `#main` also
        // moves the focus there (the router leaves links within the page alone anyway).
        <a class="skip-link" href="#main" rel="external">{tr(|t| t.common.skip_link)}</a>
        <header class="masthead">
            <div class="masthead-inner">
                <a class="brand" href=Page::Landing.path()>
                    <span class="brand-mark" aria-hidden="true"></span>
                    <span class="brand-name">"Lotse"</span>
                    <span class="brand-tagline">{tr(|t| t.common.tagline)}</span>
                </a>
                <LangSwitch />
            </div>
        </header>
        <main id="main" tabindex="-1">
            {shown}
        </main>
    }
}
