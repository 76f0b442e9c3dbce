//! The two ends of a walk: solved, or handed to support.

use crate::components::prompt::{NodeText, Prompt};
use crate::components::transcript::Transcript;
use crate::i18n::tr;
use leptos::prelude::*;

/// Solved: the solution, and a word of relief.
#[component]
pub fn ResolvedScreen(text: NodeText) -> impl IntoView {
    view! {
        <Prompt text fallback=|t| t.walk.heading_resolved />
        <div class="panel panel-success" data-testid="walk-end" data-end="resolved">
            <h3>{tr(|t| t.walk.glad_title)}</h3>
            <p>{tr(|t| t.walk.glad_text)}</p>
        </div>
    }
}

/// Handed to 2nd-level support: what happens next, and what they will receive.
///
/// A placeholder for the hand-off itself: the form for contact details, impact and
/// urgency, and sending the case (kept in the browser until the server confirms it)
/// come with the hand-off issue. Until then this panel shows what would be passed on.
#[component]
pub fn EscalatedScreen(text: NodeText) -> impl IntoView {
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
    }
}
