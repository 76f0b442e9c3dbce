//! Choosing the call's topic by search, with the portal's rule ([`crate::search`]):
//! every word typed must begin a word of the tree's title, description or keywords,
//! in any of its languages.
//!
//! Keyboard: type; Down (or Tab) goes to the results, Up/Down move between them,
//! Enter picks one; Enter in the search field picks the first result.

use super::node::{focus_by_id, focus_soon};
use crate::i18n::fill;
use crate::search::Query;
use crate::staff::api;
use crate::staff::texts::{now, st};
use domain::api::{TreeList, TreeSummary};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Most results listed at once.
const SHOWN: usize = 8;

thread_local! {
    static TREES: ArcRwSignal<Option<Vec<TreeSummary>>> = ArcRwSignal::new(None);
}

fn trees() -> Option<Vec<TreeSummary>> {
    TREES.with(Clone::clone).get()
}

fn load() {
    if TREES.with(Clone::clone).with_untracked(Option::is_some) {
        return;
    }
    spawn_local(async {
        if let Ok(list) = api::get::<TreeList>("/trees").await {
            TREES.with(Clone::clone).set(Some(list.trees));
        }
    });
}

fn result_id(i: usize) -> String {
    format!("topic-result-{i}")
}

/// The search field and its results; `chosen` is the tree picked.
#[component]
pub fn TopicPicker(
    chosen: RwSignal<Option<TreeSummary>>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    load();
    let typed = RwSignal::new(String::new());
    let found = Memo::new(move |_| {
        let query = Query::parse(&typed.get());
        if query.is_empty() {
            return Vec::new();
        }
        trees()
            .unwrap_or_default()
            .into_iter()
            .filter(|t| query.matches(t))
            .take(SHOWN)
            .collect::<Vec<_>>()
    });
    let choose = move |tree: TreeSummary| {
        chosen.set(Some(tree));
        error.set(None);
        typed.set(String::new());
        focus_soon("topic-chosen");
    };
    let on_search_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" if !found.with_untracked(Vec::is_empty) => {
            ev.prevent_default();
            focus_by_id(&result_id(0));
        }
        "Enter" => {
            ev.prevent_default();
            if let Some(first) = found.with_untracked(|f| f.first().cloned()) {
                choose(first);
            }
        }
        _ => {}
    };
    let on_result_key = move |i: usize, ev: leptos::ev::KeyboardEvent| {
        let n = found.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                focus_by_id(&result_id((i + 1).min(n.saturating_sub(1))));
            }
            "ArrowUp" => {
                ev.prevent_default();
                if i == 0 {
                    focus_by_id("topic-search");
                } else {
                    focus_by_id(&result_id(i - 1));
                }
            }
            _ => {}
        }
    };
    let lang = move || now().calls.lang;
    let results = move || {
        let list = found.get();
        list.into_iter()
            .enumerate()
            .map(|(i, tree)| {
                let title = tree.title.get(lang()).to_owned();
                let description = domain::markdown::plain_text(tree.description.get(lang()));
                let picked = tree.clone();
                view! {
                    <li>
                        <button type="button" id=result_id(i) class="topic-result" data-testid="topic-result"
                            on:click=move |_| choose(picked.clone())
                            on:keydown=move |ev| on_result_key(i, ev)>
                            <span class="topic-title">{title}</span>
                            <span class="topic-description">{description}</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let count = move || {
        if typed.with(|t| Query::parse(t).is_empty()) {
            return String::new();
        }
        let t = &now().calls;
        match found.with(Vec::len) {
            0 => t.topics_none.to_owned(),
            n => fill(t.topics_found, &[("n", &n.to_string())]),
        }
    };
    let chosen_view = move || {
        chosen.get().map(|tree| {
            view! {
                <p class="topic-chosen">
                    <span>{st(|t| t.calls.topic_chosen)}" "</span>
                    <strong>{tree.title.get(lang()).to_owned()}</strong>" "
                    <button type="button" id="topic-chosen" class="button button-quiet button-small"
                        on:click=move |_| { chosen.set(None); focus_soon("topic-search"); }>
                        {st(|t| t.calls.topic_change)}
                    </button>
                </p>
            }
        })
    };
    let invalid = move || error.with(Option::is_some).then_some("true");
    view! {
        <div class="field topic-picker" class:field-invalid=move || error.with(Option::is_some)>
            {chosen_view}
            <label class="field-label" for="topic-search">
                {st(|t| t.calls.topic_label)}<span class="required-mark" aria-hidden="true">" *"</span>
            </label>
            <p id="topic-help" class="field-help">{st(|t| t.calls.topic_help)}</p>
            <input id="topic-search" type="search" autocomplete="off" data-testid="topic-search"
                aria-describedby=move || if error.with(Option::is_some) { "topic-help topic-error topic-count" } else { "topic-help topic-count" }
                aria-invalid=invalid
                prop:value=move || typed.get()
                on:input:target=move |ev| typed.set(ev.target().value())
                on:keydown=on_search_key />
            <p id="topic-count" class="muted topic-count" role="status">{count}</p>
            <ul class="topic-results" aria-label=move || now().calls.topic_results>{results}</ul>
            {move || error.get().map(|e| view! { <p id="topic-error" class="field-error">{e}</p> })}
        </div>
    }
}
