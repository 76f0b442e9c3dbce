//! An automatic check: runs as soon as it is shown, then moves on by itself.
//!
//! Its result is not shown here but on the next screen (`components::findings`),
//! because this screen is gone the moment the walk moves on.

use crate::checks;
use crate::components::prompt::{NodeText, Prompt};
use crate::i18n::tr;
use crate::walk::use_walk;
use domain::Node;
use domain::walk::{Move, Place};
use leptos::prelude::*;

#[component]
pub fn CheckScreen(text: NodeText, node: Node, place: Place) -> impl IntoView {
    let live = use_walk();
    if let Node::Check {
        check, url, expect, ..
    } = node
    {
        leptos::task::spawn_local(async move {
            let found = checks::run(&check, url.as_deref(), &expect).await;
            // If the person went back meanwhile, the engine refuses this (`NotHere`)
            // and nothing changes.
            let _ = live.make_at(
                &place,
                Move::Checked {
                    outcome: found.outcome,
                    value: found.value,
                },
            );
        });
    }
    view! {
        <Prompt text fallback=|t| t.walk.heading_check />
        <p class="check-running">
            <span class="spinner" aria-hidden="true"></span>
            {tr(|t| t.check.running)}
        </p>
    }
}
