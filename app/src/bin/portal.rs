//! The `portal` entry bundle: the walk, "check my ticket", the ticket status page and
//! the not-found page: everything a person reaches after the landing page.

use app::pages::Page;
use app::pages::check::CheckPage;
use app::pages::not_found::NotFound;
use app::pages::status::StatusPage;
use app::pages::walk::WalkPage;
use leptos::prelude::*;

fn main() {
    app::start(app::Entry {
        serves: |page| matches!(page, Page::Walk { .. } | Page::Check | Page::Status { .. }),
        show: |page| match page {
            Some(Page::Walk { tree }) => view! { <WalkPage tree /> }.into_any(),
            Some(Page::Check) => view! { <CheckPage /> }.into_any(),
            Some(Page::Status { reference }) => view! { <StatusPage reference /> }.into_any(),
            Some(Page::Landing | Page::Staff(_)) | None => view! { <NotFound /> }.into_any(),
        },
    });
}
