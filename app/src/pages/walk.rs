//! The walk page: loads a tree (with every tree it can jump to) and walks it, following
//! the address bar's `?step=` when the back and forward buttons change it.

use crate::api::{self, FetchError};
use crate::browser;
use crate::components::error_panel::ErrorPanel;
use crate::components::walk_view::WalkView;
use crate::focus;
use crate::handover::session::Session;
use crate::i18n::{tr, use_i18n};
use crate::pages::Page;
use crate::router;
use crate::walk::LiveWalk;
use leptos::prelude::*;

#[component]
pub fn WalkPage(tree: String) -> impl IntoView {
    let tree = StoredValue::new(tree);
    let bundle = LocalResource::new(move || {
        let id = tree.get_value();
        async move { api::tree_bundle(&id).await }
    });
    let retry = Callback::new(move |()| {
        bundle.set(None);
        bundle.refetch();
    });
    move || match bundle.get() {
        None => view! { <p class="status" role="status">{tr(|t| t.walk.loading)}</p> }.into_any(),
        Some(Err(FetchError::NotFound)) => view! { <UnknownTree /> }.into_any(),
        Some(Err(error)) => view! {
            <p class="crumbs">
                <a href=Page::Landing.path() class="crumb-link">{tr(|t| t.walk.all_topics)}</a>
            </p>
            <h1>{tr(|t| t.common.load_failed_title)}</h1>
            <ErrorPanel error retry />
        }
        .into_any(),
        Some(Ok(bundle)) => {
            let id = tree.get_value();
            let step = untrack(router::step);
            match LiveWalk::provide(api::catalog(bundle), &id, step) {
                Ok(live) => {
                    on_cleanup(move || live.leave());
                    // "Talk to a person": a session kept for this walk continues.
                    Session::provide(live, &id, use_i18n());
                    // Going to the landing page is a page load of another bundle,
                    // which cleans nothing up: leave the walk first.
                    router::before_leaving(move || live.leave());
                    // Back and forward change the step in the address bar.
                    Effect::new(move |_| {
                        if let Some(step) = router::step() {
                            live.go_to(step);
                        }
                    });
                    view! { <WalkView /> }.into_any()
                }
                // The server sent a bundle without the tree asked for.
                Err(_) => view! { <UnknownTree /> }.into_any(),
            }
        }
    }
}

/// No tree by this id.
#[component]
fn UnknownTree() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| browser::set_title(i18n.t().walk.unknown_tree_title));
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    view! {
        <div class="page-not-found" data-testid="unknown-tree">
            <h1 tabindex="-1" node_ref=heading>{tr(|t| t.walk.unknown_tree_title)}</h1>
            <p>{tr(|t| t.walk.unknown_tree_text)}</p>
            <p>
                <a href=Page::Landing.path() class="button">{tr(|t| t.walk.all_topics)}</a>
            </p>
        </div>
    }
}
