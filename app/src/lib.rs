//! Lotse's browser app: Leptos 0.8, client-side rendered, compiled to WebAssembly.
//!
//! # Layout
//! - [`api`]: typed client of the HTTP API (trees, tree bundles).
//! - [`pages`]: one component per route (landing, walk, ticket status, not found) and
//!   the [`pages::Page`] addresses.
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
pub mod i18n;
pub mod outcome;
pub mod pages;
pub mod search;
pub mod status;
pub mod tickets;
pub mod walk;

use components::lang_switch::LangSwitch;
use i18n::{I18n, tr};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;
use pages::Page;
use pages::check::CheckPage;
use pages::landing::Landing;
use pages::not_found::NotFound;
use pages::status::StatusPage;
use pages::walk::WalkPage;

/// The whole app: the page frame and the routes.
#[component]
pub fn App() -> impl IntoView {
    browser::remove_boot_notice();
    I18n::provide();
    // Before any page: hand-offs saved by an earlier visit go out now.
    handoff::sender::start();
    view! {
        <Router>
            <Frame />
        </Router>
    }
}

/// Skip link, header with the language switch, and the page in `<main>`.
#[component]
fn Frame() -> impl IntoView {
    // Every route change after the first page is the person's doing: new pages take
    // the focus from then on.
    let path = use_location().pathname;
    Effect::new(move |previous: Option<String>| {
        let now = path.get();
        if previous.is_some_and(|p| p != now) {
            focus::person_moved();
        }
        now
    });
    view! {
        // `rel="external"` keeps the router out: the browser's own jump to `#main` also
        // moves the focus there.
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
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Landing />
                <Route path=path!("/walk/:tree") view=WalkPage />
                <Route path=path!("/status") view=CheckPage />
                <Route path=path!("/status/:reference") view=StatusRoute />
            </Routes>
        </main>
    }
}

/// `/status/:reference`: the status page of the reference in the address (the token is
/// in the fragment, which the page reads itself).
#[component]
fn StatusRoute() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    move || {
        let reference = params.with(|p| p.get("reference").unwrap_or_default());
        view! { <StatusPage reference /> }
    }
}
