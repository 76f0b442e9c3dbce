//! The Queue as a table: one row per ticket, the reference as the row's header and
//! link, every column with a header, a caption saying the order.
//!
//! Rows are keyed by ticket id and read their ticket from their own signal, so a live
//! change redraws a cell, not the table. The selected row carries a marker and a bar
//! (not colour alone), and its link is the one with the focus and `aria-current`; the
//! link is described by the row's priority, topic, status and holder, so a screen
//! reader moving with j/k hears the whole row.

use super::QueueState;
use super::claim;
use super::clock::sla_words;
use super::filters::Order;
use super::keys::link_id;
use super::listing::Row;
use super::names;
use crate::i18n::{fill, use_i18n};
use crate::staff::Screen;
use crate::staff::texts::{now, st};
use crate::staff::widgets::{PriorityBadge, SlaState, duration, status_name};
use domain::api::{QueueItem, Role};
use domain::ticket::{Action, Status, transition};
use leptos::prelude::*;

#[component]
pub fn QueueTable() -> impl IntoView {
    let state = expect_context::<QueueState>();
    let caption = {
        let filters = state.listing.filters.clone();
        move || {
            let t = &now().queue;
            match filters.with(|f| f.order) {
                Order::Priority => t.caption_priority,
                Order::Age => t.caption_age,
            }
        }
    };
    let rows = state.listing.rows.clone();
    let busy = state.listing.loading.clone();
    let selected = state.listing.selected.clone();
    // Tabbing onto a row's link selects it, so j/k go on from there.
    let on_focus = move |event: leptos::ev::FocusEvent| {
        let id = event
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .and_then(|e| {
                e.id()
                    .strip_prefix("queue-ticket-")
                    .and_then(|id| id.parse().ok())
            });
        if let Some(id) = id
            && selected.get_untracked() != Some(id)
        {
            selected.set(Some(id));
        }
    };
    view! {
        <div class="queue-table-wrap">
            <table class="queue-table" data-testid="queue" aria-busy=move || busy.get().to_string()>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{st(|t| t.queue.column_reference)}</th>
                        <th scope="col">{st(|t| t.queue.column_priority)}</th>
                        <th scope="col">{st(|t| t.queue.column_topic)}</th>
                        <th scope="col">{st(|t| t.queue.column_queue)}</th>
                        <th scope="col">{st(|t| t.queue.column_waiting)}</th>
                        <th scope="col">{st(|t| t.queue.column_sla)}</th>
                        <th scope="col">{st(|t| t.queue.column_status)}</th>
                        <th scope="col">{st(|t| t.queue.column_holder)}</th>
                    </tr>
                </thead>
                <tbody on:focusin=on_focus>
                    <For each=move || rows.get() key=|row| row.id let:row>
                        <TicketRow row />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn TicketRow(row: Row) -> impl IntoView {
    let state = expect_context::<QueueState>();
    let i18n = use_i18n();
    let id = row.id;
    let item = row.item;
    let is_selected = {
        let selected = state.listing.selected.clone();
        Memo::new(move |_| selected.get() == Some(id))
    };
    let cell = |name: &str| format!("q{id}-{name}");
    let described = format!(
        "{} {} {} {}",
        cell("priority"),
        cell("topic"),
        cell("status"),
        cell("holder")
    );
    let read = |f: fn(&QueueItem) -> String| {
        let item = item.clone();
        move || item.with(f)
    };

    let priority = {
        let item = item.clone();
        move || {
            let priority = item.with(|i| i.priority);
            view! { <PriorityBadge priority /> }
        }
    };
    let topic = {
        let item = item.clone();
        move || {
            let lang = i18n.lang().code();
            let (tree, place) = item.with(|i| (i.tree.clone(), i.escalated_at_node.clone()));
            let title = names::tree_title(&tree, lang).unwrap_or(tree);
            let node = names::node_title(&place, lang)
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| place.rsplit('/').next().unwrap_or_default().to_owned());
            view! {
                <span class="queue-tree">{title}</span>
                <span class="queue-node">{fill(now().queue.escalated_at, &[("node", &node)])}</span>
            }
        }
    };
    let queue = {
        let item = item.clone();
        move || {
            let lang = i18n.lang().code();
            item.with(|i| names::queue_name(&i.queue, lang))
        }
    };
    let clock = state.now.clone();
    let waiting = {
        let item = item.clone();
        let clock = clock.clone();
        move || duration(clock.get() - item.with(|i| i.created_at))
    };
    let sla = {
        let item = item.clone();
        move || {
            let (status, created, due) = item.with(|i| (i.status, i.created_at, i.due_at));
            let (sla, words) = sla_words(&now().queue, status, created, due, clock.get());
            let class = match sla {
                Some(SlaState::Breached) => "queue-sla queue-sla-breached",
                Some(SlaState::DueSoon) => "queue-sla queue-sla-soon",
                Some(SlaState::Ok) => "queue-sla",
                None => "queue-sla queue-sla-stopped",
            };
            view! { <span class=class>{words}</span> }
        }
    };
    let holder = {
        let item = item.clone();
        let state = state.clone();
        move || {
            let t = &now().queue;
            let (holder, status, reference) =
                item.with(|i| (i.holder.clone(), i.status, i.reference.clone()));
            match holder {
                Some(holder) if holder.id == state.me.id => {
                    view! { <span class="queue-holder queue-holder-me">{t.in_work_by_me}</span> }
                        .into_any()
                }
                Some(holder) => view! {
                    <span class="queue-holder">{fill(t.in_work_by, &[("name", &holder.name)])}</span>
                }
                .into_any(),
                None if claimable(status, state.me.role) => {
                    let state = state.clone();
                    let label = fill(t.claim, &[("reference", &reference)]);
                    view! {
                        <span class="queue-nobody">{t.holder_nobody}</span>
                        " "
                        <button type="button" class="button button-small queue-claim" aria-label=label
                            on:click=move |_| claim::claim(&state, id, reference.clone())>
                            {st(|t| t.queue.claim_short)}
                        </button>
                    }
                    .into_any()
                }
                None => view! { <span class="queue-nobody">{t.holder_nobody}</span> }.into_any(),
            }
        }
    };
    let row_class = move || {
        if is_selected.get() {
            "queue-row queue-row-selected"
        } else {
            "queue-row"
        }
    };
    view! {
        <tr class=row_class data-id=id>
            <th scope="row">
                <span class="queue-marker" aria-hidden="true"></span>
                <a id=link_id(id) href=Screen::Ticket { id }.path() aria-describedby=described
                    aria-current=move || is_selected.get().then_some("true")>
                    {read(|i| i.reference.clone())}
                </a>
            </th>
            <td id=cell("priority")>{priority}</td>
            <td id=cell("topic")>{topic}</td>
            <td>{queue}</td>
            <td>{waiting}</td>
            <td>{sla}</td>
            <td id=cell("status")>{read(|i| status_name(i.status).to_owned())}</td>
            <td id=cell("holder")>{holder}</td>
        </tr>
    }
}

/// Whether the row offers "Claim": unheld, in a status that can be claimed, and (for
/// new tickets) by 2nd level. The server decides in the end; this only hides a button
/// that could not work.
fn claimable(status: Status, role: Role) -> bool {
    transition(status, Action::Claim).is_some()
        && (status != Status::New || role >= Role::Specialist)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_is_offered_where_the_workflow_allows_it() {
        assert!(claimable(Status::New, Role::Specialist));
        assert!(!claimable(Status::New, Role::Agent));
        assert!(claimable(Status::Returned, Role::Agent));
        assert!(!claimable(Status::Claimed, Role::Admin));
        assert!(!claimable(Status::Resolved, Role::Specialist));
    }
}
