//! The `home` entry bundle: the landing page `/` alone (topics, search, tiles, the link
//! to "check my ticket"). It is the first load of every visit, so it carries nothing
//! else; every other page is an ordinary page load of the `portal` bundle.

use app::pages::Page;
use app::pages::landing::Landing;
use app::pages::not_found::NotFound;
use leptos::prelude::*;

fn main() {
    app::start(app::Entry {
        serves: |page| matches!(page, Page::Landing),
        show: |page| match page {
            Some(Page::Landing) => view! { <Landing /> }.into_any(),
            // Only reached if the server sent this bundle for another address.
            _ => view! { <NotFound /> }.into_any(),
        },
    });
}
