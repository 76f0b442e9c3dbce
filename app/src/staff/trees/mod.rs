//! The trees screens: every tree with its figures (`/staff/trees`), and one tree drawn
//! as a graph with the figures on its nodes (`/staff/trees/{id}`; with `?ticket=N`, the
//! version that ticket was walked on and its path highlighted).
//!
//! Figures come from `GET /api/v1/analytics` and `GET /api/v1/trees/{id}/analytics`
//! (what they mean: `domain::api::analytics`); the graph is drawn by [`graph`] from a
//! layout computed in [`layout`].

mod graph;
mod layout;
mod link;

pub use link::PathLink;

use super::api;
use super::texts::{lang_code, now, st};
use super::widgets::failure_words;
use crate::focus;
use crate::i18n::fill;
use domain::api::{AnalyticsList, TicketDetail, TreeAnalytics, TreeBundle, VersionedTree};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The periods a screen offers, in days.
const PERIODS: [u32; 3] = [7, 30, 90];

/// A deflection rate as a percentage in the language ("43%", "43 %"), or "–".
pub fn percent(rate: Option<f64>, lang: &str) -> String {
    match rate {
        None => now().trees.none.to_owned(),
        // `round`, not `{:.0}`: formatting rounds a half to even (12.5 → "12"), people
        // round it up.
        Some(r) if lang == "de" => format!("{} %", (r * 100.0).round()),
        Some(r) => format!("{}%", (r * 100.0).round()),
    }
}

/// Buttons choosing the period; the chosen one is pressed.
#[component]
fn Period(days: RwSignal<u32>) -> impl IntoView {
    let label = move |d: u32| match d {
        7 => now().trees.days_7,
        30 => now().trees.days_30,
        _ => now().trees.days_90,
    };
    view! {
        <div class="tree-period" role="group" aria-label=st(|t| t.trees.period)>
            <span class="tree-period-label" aria-hidden="true">{st(|t| t.trees.period)}": "</span>
            {PERIODS.into_iter().map(|d| view! {
                <button type="button" class="button button-small"
                    aria-pressed=move || (days.get() == d).to_string()
                    data-days=d
                    on:click=move |_| days.set(d)>
                    {move || { lang_code(); label(d) }}
                </button>
            }).collect_view()}
        </div>
    }
}

#[component]
pub fn TreesScreen() -> impl IntoView {
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    Effect::new(move |_| crate::browser::set_title(now().trees.title));
    let days = RwSignal::new(30u32);
    let list = ArcRwSignal::new(None::<AnalyticsList>);
    let failed = ArcRwSignal::new(None::<String>);
    {
        let (list, failed) = (list.clone(), failed.clone());
        Effect::new(move |_| {
            let d = days.get();
            let (list, failed) = (list.clone(), failed.clone());
            spawn_local(async move {
                match api::get::<AnalyticsList>(&format!("/analytics?days={d}")).await {
                    Ok(answer) => {
                        list.set(Some(answer));
                        failed.set(None);
                    }
                    Err(f) => failed.set(Some(failure_words(&f))),
                }
            });
        });
    }
    let rows = {
        let list = list.clone();
        move || {
            let lang = lang_code();
            list.get().map(|l| {
                l.trees
                    .into_iter()
                    .map(|t| {
                        let graph = format!("/staff/trees/{}", t.tree);
                        let versions = format!("/staff/trees/{}/versions", t.tree);
                        let f = t.totals;
                        view! {
                            <tr data-tree=t.tree.clone()>
                                <th scope="row">
                                    <a href=graph>{t.title.get(lang).to_owned()}</a>
                                    " "<code class="muted">{t.tree.clone()}</code>
                                </th>
                                <td data-figure="started">{f.started}</td>
                                <td data-figure="finished">{f.finished}</td>
                                <td data-figure="deflection">{percent(f.deflection, lang)}</td>
                                <td data-figure="resolved">{f.resolved}</td>
                                <td data-figure="escalated">{f.escalated}</td>
                                <td data-figure="abandoned">{f.abandoned}</td>
                                <td><a href=versions>{st(|t| t.trees.versions_link)}</a></td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        }
    };
    let loading = list.clone();
    view! {
        <div class="staff-screen trees-screen">
            <h1 tabindex="-1" node_ref=heading>{st(|t| t.trees.title)}</h1>
            <p class="status">{st(|t| t.trees.intro)}</p>
            <Period days />
            {move || failed.get().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
            {move || loading.with(Option::is_none).then(|| view! { <p role="status">{st(|t| t.common.loading)}</p> })}
            <div class="tree-table-wrap">
                <table class="tree-table" data-testid="trees-figures">
                    <caption class="visually-hidden">{st(|t| t.trees.title)}</caption>
                    <thead><tr>
                        <th scope="col">{st(|t| t.trees.tree)}</th>
                        <th scope="col">{st(|t| t.trees.started)}</th>
                        <th scope="col">{st(|t| t.trees.finished)}</th>
                        <th scope="col">{st(|t| t.trees.deflection)}</th>
                        <th scope="col">{st(|t| t.trees.resolved)}</th>
                        <th scope="col">{st(|t| t.trees.escalated)}</th>
                        <th scope="col">{st(|t| t.trees.abandoned)}</th>
                        <th scope="col"><span class="visually-hidden">{st(|t| t.trees.versions_link)}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </div>
    }
}

/// `?ticket=N` of the address, if any.
fn ticket_param() -> Option<i64> {
    let search = web_sys::window()?.location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "ticket")
        .and_then(|(_, v)| v.parse().ok())
        .filter(|id| *id > 0)
}

/// A ticket's walk in tree `id`: the node ids in the order passed (repeats kept).
fn path_in(detail: &TicketDetail, id: &str) -> Vec<String> {
    detail
        .walk
        .path
        .iter()
        .filter(|p| p.tree == id)
        .map(|p| p.node.clone())
        .collect()
}

#[component]
pub fn TreeScreen(id: String) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    Effect::new(move |_| crate::browser::set_title(now().trees.title));
    let days = RwSignal::new(30u32);
    let figures = ArcRwSignal::new(None::<TreeAnalytics>);
    let drawn = ArcRwSignal::new(None::<VersionedTree>);
    let ticket = ArcRwSignal::new(None::<TicketDetail>);
    let failed = ArcRwSignal::new(None::<String>);
    {
        let (figures, failed, id) = (figures.clone(), failed.clone(), id.clone());
        Effect::new(move |_| {
            let d = days.get();
            let (figures, failed, id) = (figures.clone(), failed.clone(), id.clone());
            spawn_local(async move {
                match api::get::<TreeAnalytics>(&format!("/trees/{id}/analytics?days={d}")).await {
                    Ok(answer) => {
                        figures.set(Some(answer));
                        failed.set(None);
                    }
                    Err(f) => failed.set(Some(failure_words(&f))),
                }
            });
        });
    }
    {
        let (drawn, ticket, failed, id) =
            (drawn.clone(), ticket.clone(), failed.clone(), id.clone());
        let asked = ticket_param();
        spawn_local(async move {
            let answer = match asked {
                Some(n) => match api::get::<TicketDetail>(&format!("/tickets/{n}")).await {
                    Ok(detail) => {
                        let version = detail
                            .walk
                            .versions
                            .get(&id)
                            .cloned()
                            .unwrap_or_else(|| detail.tree_version.clone());
                        ticket.set(Some(detail));
                        api::get::<VersionedTree>(&format!("/trees/{id}/versions/{version}")).await
                    }
                    Err(f) => Err(f),
                },
                None => api::get::<TreeBundle>(&format!("/trees/{id}"))
                    .await
                    .map(|mut b| b.trees.swap_remove(0)),
            };
            match answer {
                Ok(tree) => drawn.set(Some(tree)),
                Err(f) => failed.set(Some(failure_words(&f))),
            }
        });
    }
    let title = {
        let (drawn, id) = (drawn.clone(), id.clone());
        move || {
            let lang = lang_code();
            let name = drawn
                .with(|d| d.as_ref().map(|d| d.tree.title.get(lang).to_owned()))
                .unwrap_or_else(|| id.clone());
            fill(now().trees.graph_title, &[("tree", &name)])
        }
    };
    let version_line = {
        let (drawn, ticket) = (drawn.clone(), ticket.clone());
        move || {
            lang_code();
            let version = drawn.with(|d| d.as_ref().map(|d| d.version.clone()))?;
            let short: String = version.chars().take(12).collect();
            Some(
                match ticket.with(|t| t.as_ref().map(|t| t.item.reference.clone())) {
                    Some(reference) => fill(
                        now().trees.version_walked,
                        &[("version", &short), ("reference", &reference)],
                    ),
                    None => fill(now().trees.version_served, &[("version", &short)]),
                },
            )
        }
    };
    let body = {
        let (drawn, figures, ticket, id) =
            (drawn.clone(), figures.clone(), ticket.clone(), id.clone());
        move || {
            lang_code();
            let tree = drawn.get()?.tree;
            let figures = figures.get();
            let path = ticket.with(|t| t.as_ref().map(|t| path_in(t, &id)));
            let reference = ticket.with(|t| t.as_ref().map(|t| t.item.reference.clone()));
            Some(view! { <graph::TreeFigures tree figures path reference /> })
        }
    };
    let loading = drawn.clone();
    view! {
        <div class="staff-screen tree-screen">
            <h1 tabindex="-1" node_ref=heading>{title}</h1>
            <p class="status" data-testid="tree-version">{version_line}</p>
            <p class="status">{st(|t| t.trees.figures_note)}</p>
            <Period days />
            {move || failed.get().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
            {move || loading.with(Option::is_none).then(|| view! { <p role="status">{st(|t| t.common.loading)}</p> })}
            {body}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn rates_round_halves_up_in_both_languages() {
        assert_eq!(percent(Some(0.125), "en"), "13%");
        assert_eq!(percent(Some(0.125), "de"), "13 %");
        assert_eq!(percent(Some(3.0 / 7.0), "en"), "43%");
        assert_eq!(percent(Some(0.0), "en"), "0%");
        assert_eq!(percent(Some(1.0), "de"), "100 %");
    }
}
