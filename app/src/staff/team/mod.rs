//! The team view (2nd level and admins): open tickets by priority and by queue, the
//! tickets waiting longest to be claimed, the load per person, and the median time to
//! claim and to resolve over the last 7 and 30 days, drawn as bar charts.
//!
//! It reads `GET /api/v1/team` when opened, again a moment after live events (several
//! events in a burst make one read), and every minute for the ages.

mod chart;
mod speed;

use super::api;
use super::live;
use super::screen::Screen;
use super::texts::{now, st};
use super::widgets::{PriorityBadge, duration, failure_words, local_time};
use crate::focus;
use crate::i18n::{fill, use_i18n};
use chart::{Bar, BarChart, summary};
use domain::api::{QueueInfo, TeamStats};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// How long after a live event the figures are read again (a burst makes one read).
const SETTLE: Duration = Duration::from_secs(2);
/// How often the figures are read without events (ages move on).
const EVERY: Duration = Duration::from_secs(60);

#[component]
pub fn TeamScreen() -> impl IntoView {
    let stats = RwSignal::new(None::<TeamStats>);
    let queues = RwSignal::new(Vec::<QueueInfo>::new());
    let failed = RwSignal::new(None::<String>);
    let reading = StoredValue::new(false);
    let read = move || {
        if reading.get_value() {
            return;
        }
        reading.set_value(true);
        spawn_local(async move {
            let answer = api::get::<TeamStats>("/team").await;
            reading.set_value(false);
            match answer {
                Ok(figures) => {
                    stats.set(Some(figures));
                    failed.set(None);
                }
                Err(failure) => failed.set(Some(failure_words(&failure))),
            }
        });
    };
    read();
    spawn_local(async move {
        if let Ok(list) = api::get::<Vec<QueueInfo>>("/queues").await {
            queues.set(list);
        }
    });
    // Live events and reconnects: read again once things settle.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |seen: Option<(i64, u32)>| {
        let newest = live::events().last().map_or(0, |e| e.id);
        let reconnects = live::reconnects();
        if seen.is_some_and(|s| s != (newest, reconnects)) {
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            pending.set_value(set_timeout_with_handle(read, SETTLE).ok());
        }
        (newest, reconnects)
    });
    if let Ok(timer) = set_interval_with_handle(read, EVERY) {
        on_cleanup(move || timer.clear());
    }
    on_cleanup(move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
    });

    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    Effect::new(move |_| crate::browser::set_title(now().team.title));

    let body = move || {
        // The charts are drawn in the language: a switch draws them again.
        super::texts::lang_code();
        let figures = stats.get()?;
        Some(view! { <Figures figures queues=queues.get() /> })
    };
    view! {
        <div class="staff-screen team">
            <h1 tabindex="-1" node_ref=heading>{st(|t| t.team.title)}</h1>
            <p class="status">{st(|t| t.team.intro)}</p>
            {move || failed.get().map(|message| view! {
                <div class="notice notice-error" role="alert">
                    <p>{message}</p>
                    <button type="button" class="button button-small" on:click=move |_| read()>{st(|t| t.common.retry)}</button>
                </div>
            })}
            {move || stats.with(Option::is_none).then(|| view! { <p role="status">{st(|t| t.common.loading)}</p> })}
            {body}
        </div>
    }
}

/// Every chart and list of one reading.
#[component]
fn Figures(figures: TeamStats, queues: Vec<QueueInfo>) -> impl IntoView {
    let i18n = use_i18n();
    let t = now();
    let lang = i18n.lang().code();
    let queue_name = |id: &str| {
        queues
            .iter()
            .find(|q| q.id == id)
            .map_or(id.to_owned(), |q| q.name.get(lang).to_owned())
    };
    let priority_names = [
        t.queue.priority_1,
        t.queue.priority_2,
        t.queue.priority_3,
        t.queue.priority_4,
        t.queue.priority_5,
    ];
    let classes = ["seg-p1", "seg-p2", "seg-p3", "seg-p4", "seg-p5"];

    let by_priority: Vec<Bar> = (1..=5u8)
        .map(|p| {
            let count: i64 = figures
                .open
                .iter()
                .filter(|o| o.priority == p)
                .map(|o| o.count)
                .sum();
            Bar {
                label: format!("P{p} {}", priority_names[usize::from(p - 1)]),
                segments: vec![(count as f64, classes[usize::from(p - 1)])],
                figure: count.to_string(),
            }
        })
        .collect();

    let mut queue_ids: Vec<String> = figures.open.iter().map(|o| o.queue.clone()).collect();
    queue_ids.sort();
    queue_ids.dedup();
    let by_queue: Vec<Bar> = queue_ids
        .iter()
        .map(|queue| {
            let segments = (1..=5u8)
                .map(|p| {
                    let count: i64 = figures
                        .open
                        .iter()
                        .filter(|o| &o.queue == queue && o.priority == p)
                        .map(|o| o.count)
                        .sum();
                    (count as f64, classes[usize::from(p - 1)])
                })
                .collect::<Vec<_>>();
            let total: f64 = segments.iter().map(|s| s.0).sum();
            Bar {
                label: queue_name(queue),
                segments,
                figure: (total as i64).to_string(),
            }
        })
        .collect();

    let per_holder: Vec<Bar> = figures
        .per_holder
        .iter()
        .map(|load| Bar {
            label: load.holder.name.clone(),
            segments: vec![(load.open as f64, "seg-holder")],
            figure: load.open.to_string(),
        })
        .collect();

    let legend = (1..=5usize)
        .map(|p| {
            view! {
                <li><span class=format!("swatch seg-p{p}") aria-hidden="true"></span>{format!("P{p} {}", priority_names[p - 1])}</li>
            }
        })
        .collect_view();

    let at = figures.at;
    let oldest = if figures.oldest_waiting.is_empty() {
        view! { <p>{t.team.none_waiting}</p> }.into_any()
    } else {
        let rows = figures
            .oldest_waiting
            .iter()
            .map(|item| {
                view! {
                    <tr>
                        <th scope="row"><a href=Screen::Ticket { id: item.id }.path() class="reference">{item.reference.clone()}</a></th>
                        <td><PriorityBadge priority=item.priority /></td>
                        <td>{queue_name(&item.queue)}</td>
                        <td>{duration(at - item.created_at)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="staff-table" data-testid="oldest-waiting">
                <thead>
                    <tr>
                        <th scope="col">{t.team.col_reference}</th>
                        <th scope="col">{t.team.col_priority}</th>
                        <th scope="col">{t.team.col_queue}</th>
                        <th scope="col">{t.team.col_waiting}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    let any_open = !figures.open.is_empty();
    let priority_summary = summary(t.team.open_by_priority, &by_priority);
    let queue_summary = summary(t.team.open_by_queue, &by_queue);
    let holder_summary = summary(t.team.per_holder, &per_holder);
    let holders_empty = per_holder.is_empty();
    view! {
        <p class="status" data-testid="as-of">{fill(t.team.as_of, &[("time", &local_time(at))])}</p>
        <div class="team-grid">
            <figure class="team-card" data-testid="open-by-priority">
                <figcaption>{t.team.open_by_priority}</figcaption>
                <BarChart bars=by_priority summary=priority_summary />
            </figure>
            <figure class="team-card" data-testid="open-by-queue">
                <figcaption>{t.team.open_by_queue}</figcaption>
                {if any_open {
                    view! {
                        <BarChart bars=by_queue summary=queue_summary />
                        <ul class="legend" aria-label=t.team.legend>{legend}</ul>
                    }.into_any()
                } else {
                    view! { <p>{t.team.no_open}</p> }.into_any()
                }}
            </figure>
            <figure class="team-card" data-testid="per-holder">
                <figcaption>{t.team.per_holder}</figcaption>
                {if holders_empty {
                    view! { <p>{t.team.nobody_holds}</p> }.into_any()
                } else {
                    view! { <BarChart bars=per_holder summary=holder_summary /> }.into_any()
                }}
            </figure>
            <speed::Speed periods=figures.periods.clone() />
            <section class="team-card team-wide" aria-labelledby="oldest-title">
                <h2 id="oldest-title">{t.team.oldest_waiting}</h2>
                {oldest}
            </section>
        </div>
    }
}
