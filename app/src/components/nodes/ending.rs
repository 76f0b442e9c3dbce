//! The two ends of a walk: solved, or handed to support.

use crate::components::handoff::Handoff;
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

/// Handed to 2nd-level support: what they will receive (the path so far), then the
/// hand-off itself (`components::handoff`): the form, and what became of it.
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
        <Handoff />
    }
}
