//! The landing page: every topic (tree), grouped by category, in the user's language,
//! with the categories as large tiles above that jump to their topics; a search box that
//! narrows them to a flat list as the person types ([`crate::search`] decides what
//! matches); and the way to "check my ticket".

use crate::api;
use crate::browser;
use crate::components::error_panel::ErrorPanel;
use crate::focus;
use crate::i18n::{Lang, fill, tr, use_i18n};
use crate::pages::Page;
use crate::search::Query;
use domain::api::{TreeList, TreeSummary};
use domain::markdown::plain_text;
use leptos::prelude::*;

#[component]
pub fn Landing() -> impl IntoView {
    let i18n = use_i18n();
    let trees = LocalResource::new(api::trees);
    // Showing "loading" again makes a retry visible even when it fails the same way.
    let retry = Callback::new(move |()| {
        trees.set(None);
        trees.refetch();
    });
    Effect::new(move |_| browser::set_title(""));
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    let typed = RwSignal::new(String::new());
    let query = Memo::new(move |_| Query::parse(&typed.read()));
    // The live region stays in the page, so assistive technology announces each change
    // of its text; it is empty while there is no search.
    let status = move || {
        let query = query.get();
        if query.is_empty() {
            return String::new();
        }
        let t = i18n.t();
        match trees.get() {
            Some(Ok(list)) => match list.trees.iter().filter(|t| query.matches(t)).count() {
                0 => t.landing.no_match.to_owned(),
                1 => t.landing.found_one.to_owned(),
                n => fill(t.landing.found_many, &[("n", &n.to_string())]),
            },
            _ => String::new(),
        }
    };
    view! {
        <div class="landing">
            <h1 tabindex="-1" node_ref=heading>{tr(|t| t.landing.title)}</h1>
            <p class="lede">{tr(|t| t.landing.intro)}</p>
            <p class="check-link">
                <a href=Page::Check.path() class="button">{tr(|t| t.status.check_link)}</a>
            </p>
            <div class="search" role="search">
                <label for="topic-search">{tr(|t| t.landing.search_label)}</label>
                <input
                    id="topic-search"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
            </div>
            <p class="status search-status" role="status" aria-live="polite" data-testid="search-status">
                {status}
            </p>
            {move || match trees.get() {
                None => view! { <p class="status" role="status">{i18n.t().landing.loading}</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorPanel error retry /> }.into_any(),
                Some(Ok(list)) => {
                    let query = query.get();
                    if query.is_empty() {
                        view! {
                            {tiles(&list, i18n.lang())}
                            {topics(list, i18n.lang())}
                        }
                        .into_any()
                    } else {
                        found(list, &query, i18n.lang()).into_any()
                    }
                }
            }}
        </div>
    }
}

/// The trees a search found, as one list by title; or why there are none and what to
/// try instead.
fn found(list: TreeList, query: &Query, lang: Lang) -> impl IntoView {
    let code = lang.code();
    let t = lang.texts();
    let mut trees: Vec<TreeSummary> = list
        .trees
        .into_iter()
        .filter(|t| query.matches(t))
        .collect();
    if trees.is_empty() {
        return view! {
            <div class="no-match" data-testid="no-match">
                <p class="no-match-title">{t.landing.no_match}</p>
                <p>{t.landing.no_match_hint}</p>
            </div>
        }
        .into_any();
    }
    trees.sort_by_cached_key(|t| t.title.get(code).to_lowercase());
    view! {
        <ul class="topics search-results" role="list" data-testid="topics">
            {trees.into_iter().map(|tree| topic(tree, code)).collect_view()}
        </ul>
    }
    .into_any()
}

/// The trees under their category headings, categories in the catalog's order and
/// trees by title.
fn topics(list: TreeList, lang: Lang) -> impl IntoView {
    let code = lang.code();
    let t = lang.texts();
    if list.trees.is_empty() {
        return view! { <p class="status">{t.landing.empty}</p> }.into_any();
    }
    let mut groups: Vec<(String, String, Vec<TreeSummary>)> = list
        .categories
        .iter()
        .map(|c| (c.id.clone(), c.name.get(code).to_owned(), Vec::new()))
        .collect();
    let mut others = Vec::new();
    for tree in list.trees {
        match groups.iter_mut().find(|(id, _, _)| *id == tree.category) {
            Some((_, _, trees)) => trees.push(tree),
            None => others.push(tree),
        }
    }
    groups.push(("other".into(), t.landing.other_topics.into(), others));
    let sections = groups
        .into_iter()
        .filter(|(_, _, trees)| !trees.is_empty())
        .map(|(id, name, mut trees)| {
            trees.sort_by_cached_key(|t| t.title.get(code).to_lowercase());
            let heading_id = format!("category-{id}");
            let labelled_by = heading_id.clone();
            view! {
                <section class="category" aria-labelledby=labelled_by>
                    // Focusable, so a category tile's jump brings the focus here.
                    <h2 id=heading_id tabindex="-1">{name}</h2>
                    <ul class="topics" role="list">
                        {trees.into_iter().map(|tree| topic(tree, code)).collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view();
    view! { <div class="categories" data-testid="topics">{sections}</div> }.into_any()
}

/// The categories as large tiles, each a jump to its topics below (in the catalog's
/// order, only those with topics).
fn tiles(list: &TreeList, lang: Lang) -> impl IntoView + use<> {
    let code = lang.code();
    let t = lang.texts();
    let tiles = list
        .categories
        .iter()
        .filter_map(|c| {
            let n = list.trees.iter().filter(|t| t.category == c.id).count();
            (n > 0).then(|| {
                let count = match n {
                    1 => t.status.topic_count_one.to_owned(),
                    n => fill(t.status.topic_count_many, &[("n", &n.to_string())]),
                };
                let href = format!("#category-{}", c.id);
                view! {
                    <li>
                        // `rel="external"`: a jump within the page is the browser's own.
                        <a class="tile" href=href rel="external" data-category=c.id.clone()>
                            <span class="tile-name">{c.name.get(code).to_owned()}</span>
                            <span class="tile-count">{count}</span>
                        </a>
                    </li>
                }
            })
        })
        .collect_view();
    view! {
        <nav class="tiles" aria-labelledby="tiles-title">
            <h2 id="tiles-title" class="visually-hidden">{t.status.categories_title}</h2>
            <ul class="tile-list" role="list" data-testid="tiles">{tiles}</ul>
        </nav>
    }
}

fn topic(tree: TreeSummary, lang: &str) -> impl IntoView {
    let href = Page::Walk {
        tree: tree.id.clone(),
    }
    .path();
    view! {
        <li>
            <a class="topic" href=href data-tree=tree.id>
                <span class="topic-title">{tree.title.get(lang).to_owned()}</span>
                <span class="topic-description">{plain_text(tree.description.get(lang))}</span>
            </a>
        </li>
    }
}
