//! The running transcript of the call ("what the caller said"): each step with what
//! was answered there and the agent's note under it, then where the walk stands now;
//! beside it, on a taken-over walk, the facts and the caller's browser details.

use super::store::{self, Trees};
use crate::i18n::fill;
use crate::staff::texts::{now, st};
use crate::staff::ticket::transcript::{done_view, kind_label, title, walk_entries};
use leptos::prelude::*;

/// `(title, note)` of every step up to where the walk stands, for the summary.
pub fn titled_notes() -> Vec<(String, String)> {
    let Some(catalog) = store::catalog_untracked() else {
        return Vec::new();
    };
    let lang = now().calls.lang;
    store::with_untracked(|c| {
        let Some(c) = c else {
            return Vec::new();
        };
        let Ok(walk) = store::walk_of(c, &catalog) else {
            return Vec::new();
        };
        let mut titles: Vec<String> = walk_entries(&now().ticket, &walk, Some(&catalog), lang)
            .into_iter()
            .map(|e| e.title)
            .collect();
        titles.push(title(walk.node(&catalog), lang).unwrap_or_default());
        titles
            .into_iter()
            .enumerate()
            .filter_map(|(step, title)| c.notes.get(&step).map(|n| (title, n.clone())))
            .collect()
    })
}

#[component]
pub fn Said() -> impl IntoView {
    let steps = move || {
        let Trees::Loaded(catalog) = store::trees() else {
            return None;
        };
        let t = &now().ticket;
        let lang = now().calls.lang;
        store::with(|c| {
            let c = c?;
            let walk = store::walk_of(c, &catalog).ok()?;
            let note = |step: usize| {
                c.notes.get(&step).filter(|n| !n.trim().is_empty()).map(|n| {
                    view! { <p class="call-said-note"><span class="visually-hidden">{now().calls.note_prefix}" "</span>{n.clone()}</p> }
                })
            };
            let entries = walk_entries(t, &walk, Some(&catalog), lang);
            let here = entries.len();
            let list = entries
                .into_iter()
                .enumerate()
                .map(|(i, entry)| {
                    let done = entry.done.into_iter().map(|d| done_view(t, d)).collect_view();
                    view! {
                        <li class="transcript-step">
                            <p class="step-meta"><span class="step-kind">{kind_label(t, entry.kind)}</span></p>
                            <p class="step-title">{entry.title}</p>
                            <ul class="step-done">{done}</ul>
                            {note(i)}
                        </li>
                    }
                })
                .collect_view();
            let now_title =
                title(walk.node(&catalog), lang).unwrap_or_else(|| walk.place().node.clone());
            Some(view! {
                <ol class="transcript call-said-list" data-testid="call-said">
                    {list}
                    <li class="transcript-step call-said-here">
                        <p class="step-meta"><strong>{now().calls.here}</strong></p>
                        <p class="step-title">{now_title}</p>
                        {note(here)}
                    </li>
                </ol>
            })
        })
    };
    view! {
        <section class="call-said" aria-labelledby="call-said-title">
            <h3 id="call-said-title">{st(|t| t.calls.said_title)}</h3>
            {steps}
        </section>
    }
}

/// What the walk found (facts) and the caller's browser details, for a taken-over walk.
#[component]
pub fn Facts() -> impl IntoView {
    move || {
        let Trees::Loaded(catalog) = store::trees() else {
            return None;
        };
        store::with(|c| {
            let c = c?;
            let linked = c.handover.as_ref()?;
            let walk = store::walk_of(c, &catalog).ok()?;
            let t = &now().calls;
            let row = |(k, v): (&String, &String)| view! { <div><dt>{k.clone()}</dt><dd>{v.clone()}</dd></div> };
            let facts = walk.facts.iter().map(row).collect_view();
            let details = linked.diagnostics.iter().map(row).collect_view();
            Some(view! {
                <section class="call-facts" aria-labelledby="call-facts-title" data-testid="call-facts">
                    <h3 id="call-facts-title">{t.facts_title}</h3>
                    {if walk.facts.is_empty() { Some(view! { <p class="muted">{t.no_facts}</p> }) } else { None }}
                    <dl class="call-dl">{facts}</dl>
                    <h3>{t.diagnostics_title}</h3>
                    {if linked.diagnostics.is_empty() { Some(view! { <p class="muted">{t.no_diagnostics}</p> }) } else { None }}
                    <dl class="call-dl" data-testid="call-diagnostics">{details}</dl>
                    <p class="muted">{fill(t.revision, &[("n", &linked.revision.to_string())])}</p>
                </section>
            })
        })
    }
}
