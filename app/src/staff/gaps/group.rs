//! One gap: the step (its text, tree, id), how often resolutions named it, the newest
//! resolutions with links to their tickets, and links to the tree's graph and versions.

use crate::components::prompt::summary;
use crate::i18n::fill;
use crate::staff::screen::Screen;
use crate::staff::texts::{lang_code, now};
use crate::staff::widgets::{local_time, status_name};
use domain::api::{GapGroup, GapResolution};
use leptos::prelude::*;

/// The step's heading: the first line of its text, else its id.
pub fn heading(group: &GapGroup, lang: &str) -> String {
    group
        .node_text
        .as_ref()
        .map(|t| summary(t.get(lang)))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| group.node.clone())
}

/// The tree's title, else its id.
pub fn tree_name(group: &GapGroup, lang: &str) -> String {
    Some(group.tree_title.get(lang))
        .filter(|t| !t.is_empty())
        .map_or_else(|| group.tree.clone(), str::to_owned)
}

#[component]
pub fn GapView(group: GapGroup, index: usize) -> impl IntoView {
    let t = &now().gaps;
    let lang = lang_code();
    let heading_id = format!("gap-{index}");
    let labelled_by = heading_id.clone();
    let title = heading(&group, lang);
    let data_node = format!("{}/{}", group.tree, group.node);
    let tree = tree_name(&group, lang);
    let count = if group.count == 1 {
        t.count_one.to_owned()
    } else {
        fill(t.count_many, &[("count", &group.count.to_string())])
    };
    let shown = group.resolutions.len();
    let list_label = if (shown as i64) < group.count {
        fill(
            t.shown_of,
            &[
                ("shown", &shown.to_string()),
                ("count", &group.count.to_string()),
            ],
        )
    } else {
        t.resolutions.to_owned()
    };
    let not_served = (!group.served).then(|| {
        let version = group.version.clone().unwrap_or_else(|| "?".into());
        let short: String = version.chars().take(12).collect();
        view! { <p class="gap-note">{fill(t.not_served, &[("version", &short)])}</p> }
    });
    let no_text = (group.served && group.node_text.is_none())
        .then(|| view! { <p class="gap-note">{t.no_text}</p> });
    let graph = Screen::Tree {
        id: group.tree.clone(),
    }
    .path();
    let versions = Screen::TreeVersions {
        id: group.tree.clone(),
    }
    .path();
    view! {
        <section class="gap" aria-labelledby=labelled_by data-testid="gap" data-node=data_node>
            <div class="gap-head">
                <h2 id=heading_id>{title}</h2>
                <p class="gap-count" data-testid="gap-count"><strong>{count}</strong></p>
            </div>
            <p class="gap-where">
                <span>{tree.clone()}</span>
                " · "
                <span class="gap-id">{fill(t.node_id, &[("node", &group.node)])}</span>
            </p>
            {not_served}
            {no_text}
            <h3 class="gap-list-label">{list_label}</h3>
            <ul class="gap-resolutions">
                {group.resolutions.into_iter().map(|r| view! { <Resolution r /> }).collect_view()}
            </ul>
            <p class="gap-links">
                <a href=graph>{fill(t.graph_link, &[("tree", &tree)])}</a>
                <a href=versions>{fill(t.versions_link, &[("tree", &tree)])}</a>
            </p>
        </section>
    }
}

#[component]
fn Resolution(r: GapResolution) -> impl IntoView {
    let t = &now().gaps;
    let time = local_time(r.resolved_at);
    let when = match &r.resolved_by {
        Some(who) => fill(t.resolved_by, &[("time", &time), ("name", &who.name)]),
        None => fill(t.resolved_at, &[("time", &time)]),
    };
    let erased = r
        .erased_at
        .map(|_| view! { <span class="gap-erased">{t.erased}</span> });
    view! {
        <li class="gap-resolution">
            <blockquote class="gap-text">{r.resolution}</blockquote>
            <p class="gap-meta">
                <a href=Screen::Ticket { id: r.ticket }.path()>{fill(t.ticket_link, &[("reference", &r.reference)])}</a>
                " · "{when}" · "{status_name(r.status)}
                {erased.map(|e| view! { " · "{e} })}
            </p>
        </li>
    }
}
