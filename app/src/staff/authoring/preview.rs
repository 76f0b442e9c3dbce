//! A preview walk of a draft, step by step with the domain's walk engine: the draft's
//! bundle (the draft plus the served trees it jumps to) becomes a trusted catalog;
//! answers, "did it help?", field values and check results are chosen by hand. Nothing
//! is recorded. Simpler than the portal's walk on purpose: it keeps the portal's
//! components (checks, forms, storage) out of the staff bundle.

use crate::components::markdown::Markdown;
use crate::i18n::fill;
use crate::staff::api;
use crate::staff::texts::{lang_code, now, st};
use crate::staff::widgets::failure_words;
use domain::api::TreeBundle;
use domain::walk::{End, Move, Step, Walk};
use domain::{Catalog, Node};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;

#[component]
pub(super) fn Preview(draft: i64) -> impl IntoView {
    let catalog = StoredValue::new(None::<Catalog>);
    let walk = RwSignal::new(None::<Walk>);
    let refused = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<String>);
    let values = RwSignal::new(BTreeMap::<String, String>::new());
    let tree_id = StoredValue::new(String::new());
    let restart = move || {
        catalog.with_value(|c| {
            if let Some(c) = c {
                walk.set(Walk::start(c, &tree_id.get_value()).ok());
            }
        });
        refused.set(None);
        values.set(BTreeMap::new());
    };
    spawn_local(async move {
        match api::get::<TreeBundle>(&format!("/tree-drafts/{draft}/bundle")).await {
            Ok(bundle) => {
                let Some(first) = bundle.trees.first() else {
                    return;
                };
                tree_id.try_set_value(first.tree.id.clone());
                let c = Catalog::trusted(bundle.trees.into_iter().map(|v| (v.tree, v.version)));
                let started = Walk::start(&c, &tree_id.try_get_value().unwrap_or_default()).ok();
                catalog.try_set_value(Some(c));
                walk.try_set(started);
            }
            Err(e) => {
                failed.try_set(Some(failure_words(&e)));
            }
        }
    });
    let make = move |made: Move| {
        let Some(mut w) = walk.get_untracked() else {
            return;
        };
        let place = w.place().clone();
        let step = Step {
            tree: place.tree,
            node: place.node,
            at: crate::browser::now(),
            made,
        };
        let result = catalog.with_value(|c| match c {
            Some(c) => w.apply(c, step).map_err(|e| e.to_string()),
            None => Ok(()),
        });
        match result {
            Ok(()) => {
                walk.set(Some(w));
                refused.set(None);
                values.set(BTreeMap::new());
            }
            Err(reason) => refused.set(Some(fill(
                now().authoring.move_refused,
                &[("reason", &reason)],
            ))),
        }
    };
    let back = move |_| {
        let Some(mut w) = walk.get_untracked() else {
            return;
        };
        let ok = catalog.with_value(|c| c.as_ref().is_some_and(|c| w.back(c).is_ok()));
        if ok {
            walk.set(Some(w));
            refused.set(None);
        }
    };
    let controls = move |node: &Node, w: &Walk| -> AnyView {
        let lang = lang_code();
        if let Some(end) = w.end {
            let words = match (end, node) {
                (End::Escalated, Node::Escalate { queue, .. }) => {
                    fill(now().authoring.end_escalated, &[("queue", queue)])
                }
                (End::Escalated, _) => fill(now().authoring.end_escalated, &[("queue", "")]),
                (End::Resolved, _) => now().authoring.end_resolved.to_owned(),
            };
            return view! {
                <p class="preview-end" data-testid="preview-end">{words}</p>
                <button type="button" class="button" on:click=move |_| restart()>{st(|t| t.authoring.restart)}</button>
            }
            .into_any();
        }
        match node {
            Node::Question { answers, .. } => answers
                .iter()
                .enumerate()
                .map(|(index, a)| {
                    let label = a.label.get(lang).to_owned();
                    view! {
                        <button type="button" class="button" on:click=move |_| make(Move::Answer { index })>{label}</button>
                    }
                })
                .collect_view()
                .into_any(),
            Node::Step { .. } => view! {
                <button type="button" class="button" on:click=move |_| make(Move::Helped { helped: true })>{st(|t| t.authoring.helped)}</button>
                <button type="button" class="button" on:click=move |_| make(Move::Helped { helped: false })>{st(|t| t.authoring.not_helped)}</button>
            }
            .into_any(),
            Node::Input { fields, .. } => {
                let inputs = fields
                    .iter()
                    .map(|f| {
                        let name = f.name.clone();
                        let id = format!("preview-field-{}", f.name);
                        let label = f.label.get(lang).to_owned();
                        view! {
                            <div class="field">
                                <label class="field-label" for=id.clone()>{label}</label>
                                <input id=id type="text" on:input=move |ev| {
                                    let value = event_target_value(&ev);
                                    values.update(|v| { v.insert(name.clone(), value); });
                                } />
                            </div>
                        }
                    })
                    .collect_view();
                view! {
                    {inputs}
                    <button type="button" class="button" on:click=move |_| make(Move::Values { values: values.get_untracked() })>
                        {st(|t| t.authoring.continue_)}
                    </button>
                }
                .into_any()
            }
            Node::Check { check, .. } => check
                .outcomes()
                .iter()
                .map(|o| {
                    let outcome = (*o).to_owned();
                    let label = fill(now().authoring.outcome, &[("outcome", o)]);
                    view! {
                        <button type="button" class="button" on:click=move |_| make(Move::Checked { outcome: outcome.clone(), value: outcome.clone() })>{label}</button>
                    }
                })
                .collect_view()
                .into_any(),
            _ => ().into_any(),
        }
    };
    let body = move || {
        let w = walk.get()?;
        let node = catalog.with_value(|c| c.as_ref().and_then(|c| w.node(c).cloned()))?;
        let place = w.place().clone();
        let at = fill(
            now().authoring.preview_at,
            &[("node", &place.node), ("tree", &place.tree)],
        );
        let text = node
            .prompt()
            .map(|p| domain::markdown::parse(p.text.get(lang_code())))
            .unwrap_or_default();
        let can_back = !w.transcript.is_empty();
        Some(view! {
            <p class="preview-at" data-testid="preview-at">{at}</p>
            <div class="preview-text" data-testid="preview-text"><Markdown blocks=text /></div>
            <div class="button-row preview-moves">
                {controls(&node, &w)}
                <Show when=move || can_back>
                    <button type="button" class="button button-quiet" on:click=back>{st(|t| t.authoring.back)}</button>
                </Show>
            </div>
        })
    };
    view! {
        <section class="versions-preview" aria-labelledby="versions-preview" data-testid="preview">
            <h3 id="versions-preview">{st(|t| t.authoring.preview)}</h3>
            <p>{st(|t| t.authoring.preview_intro)}</p>
            {move || failed.get().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
            <div aria-live="polite">{body}</div>
            {move || refused.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </section>
    }
}
