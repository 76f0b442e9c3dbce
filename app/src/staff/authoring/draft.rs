//! One draft: who uploaded it, its difference to the published version, the preview
//! walk, and for admins Publish (confirmed; a stale draft is explained and its
//! difference read again) and Discard.

use super::diff::DiffView;
use super::preview::Preview;
use super::upload::{Problems, problems_of};
use super::{Versions, is_admin};
use crate::i18n::fill;
use crate::staff::api;
use crate::staff::texts::{now, st};
use crate::staff::widgets::{failure_words, local_time};
use domain::api::{Draft, PublishRequest, Published, SourceProblem};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn DraftView(data: Versions, draft: Draft) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H2>::new();
    // Focus the new section so keyboard and screen-reader users land on it.
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let problems = RwSignal::new(Vec::<SourceProblem>::new());
    let id = draft.id;
    let version = draft.version.clone();
    let tree = draft.tree_id.clone();
    let title = fill(
        now().authoring.draft,
        &[("version", &version), ("tree", &tree)],
    );
    let by = fill(
        now().authoring.draft_by,
        &[
            ("name", &draft.created_by),
            ("when", &local_time(draft.created_at)),
        ],
    );
    let other_tree = (tree != data.tree.get_value())
        .then(|| fill(now().authoring.other_tree, &[("tree", &tree)]));
    let confirm_words = fill(
        now().authoring.confirm,
        &[("version", &version), ("tree", &tree)],
    );
    let replaces = draft.published.clone();
    let publish = {
        let (version, tree) = (version.clone(), tree.clone());
        move |_| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            let request = PublishRequest {
                replaces: replaces.clone(),
            };
            let (version, tree) = (version.clone(), tree.clone());
            spawn_local(async move {
                let answer =
                    api::post::<_, Published>(&format!("/tree-drafts/{id}/publish"), &request)
                        .await;
                busy.try_set(false);
                confirming.try_set(false);
                match answer {
                    Ok(_) => {
                        data.notice.try_set(Some(fill(
                            now().authoring.published,
                            &[("version", &version), ("tree", &tree)],
                        )));
                        data.draft.try_set(None);
                        data.reload();
                    }
                    Err(e) if e.code() == Some("stale") => {
                        data.notice.try_set(Some(now().authoring.stale.to_owned()));
                        data.open_draft(id);
                    }
                    Err(e) => match problems_of(&e) {
                        Some(found) => {
                            problems.try_set(found);
                        }
                        None => {
                            error.try_set(Some(failure_words(&e)));
                        }
                    },
                }
            });
        }
    };
    let discard = {
        let version = version.clone();
        move |_| {
            let version = version.clone();
            spawn_local(async move {
                match api::delete(&format!("/tree-drafts/{id}")).await {
                    Ok(()) => {
                        data.notice.try_set(Some(fill(
                            now().authoring.discarded,
                            &[("version", &version)],
                        )));
                        data.draft.try_set(None);
                        data.reload();
                    }
                    Err(e) => {
                        error.try_set(Some(failure_words(&e)));
                    }
                }
            });
        }
    };
    view! {
        <section class="versions-draft" aria-labelledby="versions-draft" data-testid="draft">
            <h2 id="versions-draft" tabindex="-1" node_ref=heading>{title}</h2>
            <p>{by}</p>
            {other_tree.map(|w| view! { <p class="notice notice-info">{w}</p> })}
            <h3>{st(|t| t.authoring.diff)}</h3>
            <DiffView diff=draft.diff.clone() />
            <Preview draft=id />
            <Problems problems />
            {move || error.get().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
            <div class="button-row">
                <Show when=is_admin>
                    <button type="button" class="button button-primary" data-testid="publish"
                        on:click=move |_| confirming.set(true)>{st(|t| t.authoring.publish)}</button>
                    <button type="button" class="button" data-testid="discard" on:click=discard.clone()>{st(|t| t.authoring.discard)}</button>
                </Show>
                <button type="button" class="button button-quiet" on:click=move |_| data.draft.set(None)>{st(|t| t.authoring.close_draft)}</button>
            </div>
            <Show when=move || confirming.get()>
                <div class="panel versions-confirm" role="alertdialog" aria-labelledby="versions-confirm" data-testid="confirm-publish">
                    <p id="versions-confirm">{confirm_words.clone()}</p>
                    <div class="button-row">
                        <button type="button" class="button button-primary" data-testid="confirm-yes"
                            aria-disabled=move || busy.get().to_string() on:click=publish.clone()>{st(|t| t.authoring.confirm_yes)}</button>
                        <button type="button" class="button" on:click=move |_| confirming.set(false)>{st(|t| t.common.cancel)}</button>
                    </div>
                </div>
            </Show>
        </section>
    }
}
