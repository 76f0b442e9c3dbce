//! The call's screen: who calls, the timer, the node's agent script with its answers
//! (number keys pick them), a note per step, back one step, and the ways to end the
//! call (escalate at an escalate node, "solved on the call" anywhere).
//!
//! The node panel is drawn again only when the walk moves, so typing a note redraws
//! nothing but the running transcript beside it.

use super::node::NodePanel;
use super::store::{self, Trees};
use super::timer::CallTimer;
use super::{escalate, handover, said, solved};
use crate::focus;
use crate::i18n::fill;
use crate::staff::queue::names::tree_title;
use crate::staff::texts::{now, st};
use domain::walk::End;
use leptos::prelude::*;

/// Where the walk stands, as far as the node panel cares.
#[derive(Debug, Clone, PartialEq)]
struct Position {
    transcript: Vec<domain::walk::Step>,
    open: bool,
    loaded: bool,
}

#[component]
pub fn CallView() -> impl IntoView {
    let started_at = store::with_untracked(|c| c.map_or(0, |c| c.started_at));
    handover::follow();
    on_cleanup(handover::stop);
    let escalate_open = RwSignal::new(false);
    let solved_open = RwSignal::new(false);
    let heading = NodeRef::<leptos::html::H2>::new();
    focus::on_mount(heading);

    let title = move || {
        let t = &now().calls;
        store::with(|c| {
            let c = c?;
            let topic = tree_title(&c.tree, t.lang).unwrap_or_else(|| c.tree.clone());
            let who = if c.caller.name.trim().is_empty() {
                t.caller_unnamed.to_owned()
            } else {
                c.caller.name.trim().to_owned()
            };
            Some(fill(t.call_with, &[("name", &who), ("topic", &topic)]))
        })
    };
    let reach = move || {
        store::with(|c| {
            let c = c?;
            let parts: Vec<String> = [c.caller.phone.trim(), c.caller.email.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            (!parts.is_empty())
                .then(|| view! { <p class="call-reach muted">{parts.join(" · ")}</p> })
        })
    };
    let banner = move || {
        let t = &now().calls;
        store::with(|c| {
            let h = c?.handover.as_ref()?;
            let (class, words) = if h.status.is_live() {
                ("call-banner call-banner-live", t.connected_banner)
            } else if h.ended_by_caller {
                ("call-banner call-banner-over", t.caller_ended)
            } else {
                ("call-banner call-banner-over", t.session_ended)
            };
            Some(view! { <p class=class data-testid="handover-banner">{words}</p> })
        })
    };
    let position = Memo::new(move |_| {
        let loaded = matches!(store::trees(), Trees::Loaded(_));
        store::with(|c| {
            c.map(|c| Position {
                transcript: c.transcript.clone(),
                open: c.is_open(),
                loaded,
            })
        })
    });
    let outcome = Memo::new(move |_| store::with(|c| c.and_then(|c| c.outcome.clone())));
    let panel = move || {
        if let Some(outcome) = outcome.get() {
            return view! { <super::done::Done outcome /> }.into_any();
        }
        match store::trees() {
            Trees::Loading => view! { <p class="staff-checking" role="status">{st(|t| t.calls.loading_topic)}</p> }.into_any(),
            Trees::Failed => view! {
                <p class="notice notice-error" role="alert">{st(|t| t.calls.topic_failed)}</p>
                <button type="button" class="button" on:click=|_| store::retry_trees()>{st(|t| t.common.retry)}</button>
            }
            .into_any(),
            Trees::Loaded(catalog) => {
                let Some(position) = position.get() else {
                    return ().into_any();
                };
                let tree = store::with_untracked(|c| c.map(|c| c.tree.clone())).unwrap_or_default();
                match domain::walk::replay(&catalog, &tree, &position.transcript) {
                    Ok(walk) => view! {
                        <NodePanel walk catalog open=position.open escalate_open solved_open />
                    }
                    .into_any(),
                    Err(_) => view! { <p class="notice notice-error" role="alert">{st(|t| t.calls.walk_broken)}</p> }.into_any(),
                }
            }
        }
    };
    let can_end_session = move || {
        store::with(|c| {
            c.and_then(|c| c.handover.as_ref())
                .is_some_and(|h| h.status.is_live())
        })
    };
    view! {
        <section class="call" aria-labelledby="call-title" data-testid="call">
            <div class="call-head">
                <h2 id="call-title" tabindex="-1" node_ref=heading>{title}</h2>
                <CallTimer started_at />
            </div>
            {reach}
            {banner}
            <div class="call-news" role="status" data-testid="call-news">
                {move || Some(handover::news()).filter(|n| !n.is_empty()).map(|n| view! { <p class="notice notice-info">{n}</p> })}
            </div>
            {panel}
            {move || can_end_session().then(|| view! {
                <p class="call-end">
                    <button type="button" class="button button-quiet" data-testid="end-session" on:click=|_| handover::end()>
                        {st(|t| t.calls.end_session)}
                    </button>
                </p>
            })}
            <div class="call-columns">
                <said::Said />
                <said::Facts />
            </div>
        </section>
        <escalate::EscalateDialog open=escalate_open />
        <solved::SolvedDialog open=solved_open />
    }
}

/// Whether the walk's end asks for a hand-off.
pub fn escalates(walk: &domain::walk::Walk) -> bool {
    walk.end == Some(End::Escalated)
}
