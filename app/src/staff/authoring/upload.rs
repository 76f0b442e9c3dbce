//! Uploading a new version: a `.toml` file or pasted text; a refused upload lists each
//! problem in words, naming its node (or line) and rule.

use super::{Versions, problem_words};
use crate::i18n::fill;
use crate::staff::api::{self, Failure};
use crate::staff::texts::{now, st};
use crate::staff::widgets::failure_words;
use domain::api::{Draft, DraftProblems, DraftUpload, SourceProblem};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The problems of a refused upload or publication, if the answer carries them.
pub(super) fn problems_of(failure: &Failure) -> Option<Vec<SourceProblem>> {
    match failure {
        Failure::Api { status: 422, error } => error
            .details
            .clone()
            .and_then(|d| serde_json::from_value::<DraftProblems>(d).ok())
            .map(|p| p.problems),
        _ => None,
    }
}

/// The list of problems, announced when it appears.
#[component]
pub(super) fn Problems(problems: RwSignal<Vec<SourceProblem>>) -> impl IntoView {
    view! {
        <Show when=move || !problems.get().is_empty()>
            <div class="notice notice-error versions-problems" role="alert" data-testid="problems">
                <p>{move || fill(now().authoring.problems, &[("n", &problems.get().len().to_string())])}</p>
                <ul>
                    {move || problems.get().iter().map(|p| view! { <li>{problem_words(p)}</li> }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}

#[component]
pub(super) fn Upload(data: Versions) -> impl IntoView {
    let source = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<SourceProblem>::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let picked = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        spawn_local(async move {
            if let Ok(text) = JsFuture::from(file.text()).await
                && let Some(text) = text.as_string()
            {
                source.try_set(text);
            }
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let text = source.get_untracked();
        if text.trim().is_empty() {
            error.set(Some(now().authoring.empty_source.to_owned()));
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let answer = api::post::<_, Draft>("/tree-drafts", &DraftUpload { source: text }).await;
            busy.try_set(false);
            match answer {
                Ok(draft) => {
                    problems.try_set(Vec::new());
                    data.notice.try_set(Some(fill(
                        now().authoring.saved,
                        &[("version", &draft.version)],
                    )));
                    data.draft.try_set(Some(draft));
                    data.reload();
                }
                Err(e) => match problems_of(&e) {
                    Some(found) => {
                        problems.try_set(found);
                    }
                    None => {
                        problems.try_set(Vec::new());
                        error.try_set(Some(failure_words(&e)));
                    }
                },
            }
        });
    };
    view! {
        <section class="versions-upload" aria-labelledby="versions-upload">
            <h2 id="versions-upload">{st(|t| t.authoring.upload)}</h2>
            <p>{st(|t| t.authoring.upload_intro)}</p>
            <form on:submit=submit novalidate>
                <div class="field">
                    <label class="field-label" for="tree-file">{st(|t| t.authoring.file)}</label>
                    <input id="tree-file" type="file" accept=".toml,text/plain" on:change=picked data-testid="tree-file" />
                </div>
                <div class="field">
                    <label class="field-label" for="tree-source">{st(|t| t.authoring.source)}</label>
                    <textarea id="tree-source" rows="14" spellcheck="false" data-testid="tree-source"
                        prop:value=move || source.get()
                        on:input=move |ev| source.set(event_target_value(&ev))></textarea>
                </div>
                {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                <Problems problems />
                <div class="button-row">
                    <button type="submit" class="button button-primary" aria-disabled=move || busy.get().to_string() data-testid="check-upload">
                        {move || if busy.get() { now().authoring.checking } else { now().authoring.check }}
                    </button>
                </div>
            </form>
        </section>
    }
}
