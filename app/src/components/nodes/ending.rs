//! The two ends of a walk: solved (with "was this guide helpful?"), or handed to
//! support.

use crate::components::handoff::Handoff;
use crate::components::prompt::{NodeText, Prompt};
use crate::components::talk::TalkAction;
use crate::components::transcript::Transcript;
use crate::handover::reading::Phase;
use crate::handover::session::use_session;
use crate::i18n::tr;
use crate::outcome;
use crate::walk::use_walk;
use domain::api::Outcome;
use leptos::prelude::*;

/// Solved: the solution, and a word of relief.
#[component]
pub fn ResolvedScreen(text: NodeText) -> impl IntoView {
    view! {
        <Prompt text fallback=|t| t.walk.heading_resolved />
        <div class="panel panel-success" data-testid="walk-end" data-end="resolved">
            <h3>{tr(|t| t.walk.glad_title)}</h3>
            <p>{tr(|t| t.walk.glad_text)}</p>
            <Rating />
        </div>
    }
}

/// "Was this guide helpful?": one answer per walk, sent as an anonymous outcome, then
/// a thank-you that takes the focus (the button just pressed is gone).
#[component]
fn Rating() -> impl IntoView {
    let live = use_walk();
    let answered = RwSignal::new(false);
    let thanks = NodeRef::<leptos::html::P>::new();
    let rate = move |rating: Outcome| {
        live.with_untracked(|walk, catalog| outcome::report(walk, catalog, rating));
        answered.set(true);
        // After the render that shows the thank-you.
        request_animation_frame(move || {
            if let Some(p) = thanks.get_untracked() {
                let _ = p.focus();
            }
        });
    };
    view! {
        <div class="rating" data-testid="rating">
            <Show
                when=move || answered.get()
                fallback=move || {
                    view! {
                        <p id="rate-question">{tr(|t| t.walk.rate_question)}</p>
                        <div class="button-row" role="group" aria-labelledby="rate-question">
                            <button type="button" class="button" on:click=move |_| rate(Outcome::Helpful)>
                                {tr(|t| t.walk.rate_yes)}
                            </button>
                            <button type="button" class="button" on:click=move |_| rate(Outcome::NotHelpful)>
                                {tr(|t| t.walk.rate_no)}
                            </button>
                        </div>
                    }
                }
            >
                <p tabindex="-1" node_ref=thanks role="status">{tr(|t| t.walk.rate_thanks)}</p>
            </Show>
        </div>
    }
}

/// Handed to 2nd-level support: what they will receive (the path so far), then the
/// hand-off itself (`components::handoff`): the form, and what became of it.
#[component]
pub fn EscalatedScreen(text: NodeText) -> impl IntoView {
    // An agent who took the walk by code opened the ticket already: no second one.
    let session = use_session();
    let agent_escalated = move || matches!(session.phase(), Some(Phase::Escalated { .. }));
    view! {
        <Prompt text fallback=|t| t.walk.heading_escalate />
        <section
            class="panel panel-handoff"
            data-testid="walk-end"
            data-end="escalated"
            aria-labelledby="handoff-title"
        >
            <h3 id="handoff-title">{tr(|t| t.walk.handoff_title)}</h3>
            <p>{tr(|t| t.walk.handoff_text)}</p>
            <h4>{tr(|t| t.walk.handoff_summary)}</h4>
            <Transcript />
        </section>
        <TalkAction alternative=true />
        {move || (!agent_escalated()).then(|| view! { <Handoff /> })}
    }
}
