//! Lotse's browser app: Leptos 0.8, client-side rendered, compiled to WebAssembly.
//!
//! # Layout
//! - [`api`]: typed client of the HTTP API (trees, tree bundles).
//! - [`pages`]: one component per page (landing, walk, case status, not found) and the
//!   [`pages::Page`] addresses.
//! - [`router`]: the address bar, back and forward, and clicks on the app's links.
//! - [`components`]: what pages are built from: node screens, fields, Markdown, the
//!   language switch, the error panel.
//! - [`walk`]: the `domain::Walk` held in a signal, with the moves a person can make.
//! - [`checks`]: the automatic browser diagnostics of `check` nodes.
//! - [`i18n`]: the app's texts in German and English, and the user's language.
//! - [`search`]: which topics match what a person types in the landing page's search.
//! - [`browser`], [`deadline`], [`focus`]: storage and document access that never
//!   fails, request time limits, focus after each step.
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
pub mod i18n;
pub mod pages;
pub mod router;
pub mod search;
pub mod walk;

use components::lang_switch::LangSwitch;
use i18n::{I18n, tr};
use leptos::prelude::*;
use pages::Page;
use pages::landing::Landing;
use pages::not_found::NotFound;
use pages::status::StatusPage;
use pages::walk::WalkPage;

/// The whole app: the page frame and the page the address names.
#[component]
pub fn App() -> impl IntoView {
    browser::remove_boot_notice();
    domain::tree::field::use_pattern_matcher(browser::pattern_matches);
    I18n::provide();
    router::start();
    view! { <Frame /> }
}

/// Skip link, header with the language switch, and the page in `<main>`.
#[component]
fn Frame() -> impl IntoView {
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
    let shown = move || match page.get() {
        Some(Page::Landing) => view! { <Landing /> }.into_any(),
        Some(Page::Walk { tree }) => view! { <WalkPage tree /> }.into_any(),
        Some(Page::Status { reference }) => view! { <StatusPage reference /> }.into_any(),
        None => view! { <NotFound /> }.into_any(),
    };
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
