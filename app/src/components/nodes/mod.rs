//! One screen per node: the view for the node the walk stands at.
//!
//! The screen is rebuilt on every move and only then (see `walk::Screen`); each view
//! reads what it needs from the node once and keeps its own state (typed values, a
//! running check) until the walk moves on. Two screens of the same kind in a row keep
//! their elements (leptos patches them), but every component runs afresh, so no state
//! carries over.

mod check;
mod ending;
mod input;
mod question;
mod step;

use super::prompt::NodeText;
use crate::walk::use_walk;
use check::CheckScreen;
use domain::Node;
use domain::walk::End;
use ending::{EscalatedScreen, ResolvedScreen};
use input::InputScreen;
use leptos::prelude::*;
use question::QuestionScreen;
use step::StepScreen;

/// The screen of the node the walk stands at.
#[component]
pub fn CurrentNode() -> impl IntoView {
    let live = use_walk();
    let screen = live.screen();
    move || {
        let end = screen.with(|s| s.end);
        untrack(move || {
            let node = live.node()?;
            let text = NodeText::of(&node)?;
            Some(match (end, node) {
                (Some(End::Resolved), _) => view! { <ResolvedScreen text /> }.into_any(),
                (Some(End::Escalated), _) => view! { <EscalatedScreen text /> }.into_any(),
                (None, Node::Question { answers, .. }) => {
                    view! { <QuestionScreen text answers /> }.into_any()
                }
                (None, Node::Step { .. }) => view! { <StepScreen text /> }.into_any(),
                (None, Node::Input { fields, .. }) => {
                    view! { <InputScreen text fields /> }.into_any()
                }
                (None, node @ Node::Check { .. }) => {
                    let place = live.with_untracked(|w, _| w.place().clone());
                    view! { <CheckScreen text node place /> }.into_any()
                }
                // Branch and jump nodes pass by themselves, and resolved and escalate
                // nodes end the walk: a walk in progress never stands on one.
                (None, _) => return None,
            })
        })
    }
}
