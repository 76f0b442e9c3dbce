//! Tree gaps (`/staff/gaps`): resolutions that named a node where the tree should have
//! helped, grouped by node with their resolution texts, so an author sees which branch
//! is missing.
//!
//! It reads `GET /api/v1/gaps` with the filters (a tree or all, a period), which live
//! in the address (`filters.rs`); each group is drawn by `group.rs`. A filter change
//! reads again; an answer to an older choice is dropped. The summary line is a live
//! region, so the result of a change is announced.

mod filters;
mod group;

use super::api;
use super::texts::{lang_code, now, st};
use super::widgets::failure_words;
use crate::focus;
use crate::i18n::fill;
use domain::api::{GAPS_MAX_GROUPS, TreeGaps, TreeList};
use filters::{GapFilters, PERIODS};
use group::GapView;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The reading shown: nothing yet, or the answer to `filters`.
#[derive(Clone)]
struct Shown {
    filters: GapFilters,
    gaps: TreeGaps,
}

#[component]
pub fn GapsScreen() -> impl IntoView {
    let filters = RwSignal::new(GapFilters::from_query(&address_query()));
    let shown = RwSignal::new(None::<Shown>);
    let failed = RwSignal::new(None::<String>);
    let loading = RwSignal::new(true);
    let trees = RwSignal::new(None::<TreeList>);
    // Each reading's number: only the newest one's answer is shown.
    let generation = StoredValue::new(0u64);

    let read = move || {
        let wanted = filters.get_untracked();
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        loading.set(true);
        spawn_local(async move {
            let answer = api::get::<TreeGaps>(&wanted.api_path()).await;
            if generation.try_get_value() != Some(mine) {
                return;
            }
            loading.set(false);
            match answer {
                Ok(gaps) => {
                    shown.set(Some(Shown {
                        filters: wanted,
                        gaps,
                    }));
                    failed.set(None);
                }
                Err(failure) => {
                    // The old reading answered other filters: not shown under these.
                    shown.set(None);
                    failed.set(Some(failure_words(&failure)));
                }
            }
        });
    };
    Effect::new(move |_| {
        let f = filters.get();
        write_address(&f);
        read();
    });
    spawn_local(async move {
        if let Ok(list) = api::get::<TreeList>("/trees").await {
            trees.set(Some(list));
        }
    });

    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    Effect::new(move |_| crate::browser::set_title(now().gaps.title));

    let tree_options = move || {
        let lang = lang_code();
        let chosen = filters.with(|f| f.tree.clone());
        let mut list: Vec<(String, String)> = trees.with(|t| {
            t.as_ref()
                .map(|t| {
                    t.trees
                        .iter()
                        .map(|s| (s.id.clone(), s.title.get(lang).to_owned()))
                        .collect()
                })
                .unwrap_or_default()
        });
        // A tree named in the address but not served now still shows as chosen.
        if let Some(id) = &chosen
            && !list.iter().any(|(i, _)| i == id)
        {
            list.push((id.clone(), id.clone()));
        }
        list.sort_by(|a, b| a.1.cmp(&b.1));
        list.into_iter()
            .map(|(id, title)| {
                let selected = chosen.as_deref() == Some(id.as_str());
                view! { <option value=id prop:selected=selected>{title}</option> }
            })
            .collect_view()
    };
    let period_options = move || {
        let days = filters.with(|f| f.days);
        PERIODS
            .into_iter()
            .map(|d| {
                let words = if d == 365 {
                    now().gaps.period_year.to_owned()
                } else {
                    fill(now().gaps.period_days, &[("days", &d.to_string())])
                };
                view! { <option value=d.to_string() prop:selected=d == days>{words}</option> }
            })
            .collect_view()
    };
    let on_tree = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        filters.update(|f| f.tree = Some(value).filter(|v| !v.is_empty()));
    };
    let on_days = move |ev: leptos::ev::Event| {
        if let Ok(days) = event_target_value(&ev).parse() {
            filters.update(|f| f.days = days);
        }
    };

    // The live region's words: loading, the result in figures, or none found.
    let summary = move || {
        if loading.get() {
            return now().gaps.loading.to_owned();
        }
        let Some(s) = shown.get() else {
            return String::new();
        };
        summary_words(&s, trees.get().as_ref(), lang_code())
    };
    let groups = move || {
        let s = shown.get()?;
        // Drawn again on a language switch.
        lang_code();
        let more = (s.gaps.total_groups > s.gaps.groups.len()).then(|| {
            view! {
                <p class="gap-more">{fill(now().gaps.more_groups, &[
                    ("shown", &GAPS_MAX_GROUPS.min(s.gaps.groups.len()).to_string()),
                    ("total", &s.gaps.total_groups.to_string()),
                ])}</p>
            }
        });
        Some(view! {
            {more}
            <div class="gap-list" aria-busy=move || loading.get().to_string()>
                {s.gaps.groups.into_iter().enumerate().map(|(index, group)| view! { <GapView group index /> }).collect_view()}
            </div>
        })
    };

    view! {
        <div class="staff-screen gaps-screen">
            <h1 tabindex="-1" node_ref=heading>{st(|t| t.gaps.title)}</h1>
            <p class="gaps-intro">{st(|t| t.gaps.intro)}</p>
            <form class="gaps-filters" role="search" aria-label=st(|t| t.gaps.filters)
                on:submit=|ev| ev.prevent_default()>
                <div class="gaps-field">
                    <label for="gaps-tree">{st(|t| t.gaps.tree_label)}</label>
                    <select id="gaps-tree" on:change=on_tree>
                        <option value="" prop:selected=move || filters.with(|f| f.tree.is_none())>{st(|t| t.gaps.tree_all)}</option>
                        {tree_options}
                    </select>
                </div>
                <div class="gaps-field">
                    <label for="gaps-days">{st(|t| t.gaps.period_label)}</label>
                    <select id="gaps-days" on:change=on_days>{period_options}</select>
                </div>
            </form>
            <p class="gaps-summary" role="status" data-testid="gaps-summary">{summary}</p>
            {move || failed.get().map(|message| view! {
                <div class="notice notice-error" role="alert">
                    <p>{message}</p>
                    <button type="button" class="button button-small" on:click=move |_| read()>{st(|t| t.common.retry)}</button>
                </div>
            })}
            {groups}
        </div>
    }
}

/// The summary of a reading in words.
fn summary_words(s: &Shown, trees: Option<&TreeList>, lang: &str) -> String {
    let t = &now().gaps;
    let days = s.filters.days.to_string();
    if s.gaps.groups.is_empty() {
        return match &s.filters.tree {
            Some(id) => {
                let title = trees
                    .and_then(|l| l.trees.iter().find(|t| &t.id == id))
                    .map_or(id.as_str(), |t| t.title.get(lang));
                fill(t.empty_tree, &[("tree", title), ("days", &days)])
            }
            None => fill(t.empty, &[("days", &days)]),
        };
    }
    let resolutions: i64 = s.gaps.groups.iter().map(|g| g.count).sum();
    fill(
        t.summary,
        &[
            ("groups", &s.gaps.total_groups.to_string()),
            ("resolutions", &resolutions.to_string()),
            ("days", &days),
        ],
    )
}

/// The address's query (`?tree=…`), read once when the screen opens.
fn address_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Puts the filters into the address with `replaceState` (a filter change is no move
/// through the app: Back leaves the screen), while the gaps screen is what it shows.
fn write_address(filters: &GapFilters) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    let own = super::screen::Screen::Gaps.path();
    if path.trim_end_matches('/') != own {
        return;
    }
    let query = filters.to_query();
    let href = if query.is_empty() {
        own
    } else {
        format!("{own}?{query}")
    };
    let current = format!("{path}{}", location.search().unwrap_or_default());
    if current != href
        && let Ok(history) = window.history()
    {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
    }
}
