//! The tree's publications (newest first; who, or "from the tree folder"; which one is
//! served) and its open drafts.

use super::Versions;
use crate::i18n::fill;
use crate::staff::texts::{now, st};
use crate::staff::widgets::local_time;
use leptos::prelude::*;

#[component]
pub(super) fn History(data: Versions) -> impl IntoView {
    let rows = move || {
        data.history
            .get()
            .map(|h| h.versions)
            .unwrap_or_default()
            .into_iter()
            .map(|v| {
                let by = v
                    .published_by
                    .clone()
                    .unwrap_or_else(|| now().authoring.from_folder.to_owned());
                let served = if v.served {
                    now().authoring.served_yes
                } else {
                    now().authoring.served_no
                };
                view! {
                    <tr class:served=v.served>
                        <td><code>{v.version.clone()}</code></td>
                        <td>{local_time(v.published_at)}</td>
                        <td>{by}</td>
                        <td>{served}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let drafts = move || {
        data.history.get().map(|h| h.drafts).unwrap_or_default().into_iter().map(|d| {
            let line = fill(now().authoring.draft_line, &[
                ("version", &d.version),
                ("name", &d.created_by),
                ("when", &local_time(d.created_at)),
            ]);
            let label = fill(now().authoring.open_draft, &[("version", &d.version)]);
            let id = d.id;
            view! {
                <li>
                    <span>{line}</span>" "
                    <button type="button" class="button button-small" on:click=move |_| data.open_draft(id)>{label}</button>
                </li>
            }
        }).collect_view()
    };
    let published = move || data.history.get().is_some_and(|h| !h.versions.is_empty());
    let has_drafts = move || data.history.get().is_some_and(|h| !h.drafts.is_empty());
    view! {
        <section class="versions-history" aria-labelledby="versions-history">
            <h2 id="versions-history">{st(|t| t.authoring.history)}</h2>
            <Show when=published fallback=|| view! { <p data-testid="none-published">{st(|t| t.authoring.none_published)}</p> }>
                <table class="staff-table" data-testid="versions">
                    <caption class="visually-hidden">{st(|t| t.authoring.history_caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{st(|t| t.authoring.col_version)}</th>
                            <th scope="col">{st(|t| t.authoring.col_published)}</th>
                            <th scope="col">{st(|t| t.authoring.col_by)}</th>
                            <th scope="col">{st(|t| t.authoring.col_served)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </Show>
            <Show when=has_drafts>
                <h3>{st(|t| t.authoring.drafts)}</h3>
                <ul class="versions-drafts" data-testid="drafts">{drafts}</ul>
            </Show>
        </section>
    }
}
