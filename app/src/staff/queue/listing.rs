//! The rows the Queue shows, and how they are read: the first page when the filters
//! change, the next page on "Show more", and every row shown again after live events.
//!
//! Each row keeps its own signal, and the table is keyed by ticket id: a read that
//! brings a row back changes only what changed in it, so the row's element (and the
//! keyboard focus on its link) stays where it is. The selection is a ticket id, not a
//! position, and moves to a neighbour only when its ticket leaves the list.
//!
//! Every signal here is an `ArcRwSignal`: reads finish in `spawn_local` continuations,
//! possibly after the screen is gone, and must then write into nothing harmful.

use super::coalesce::Coalescer;
use super::filters::Filters;
use crate::staff::api::{self, Failure};
use domain::api::{Holder, QueueItem, QueuePage};
use domain::ticket::Status;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Rows per page: a screenful and a half, quick to read and to render.
pub const PAGE: usize = 50;
/// The most rows the server gives in one page.
const MOST_PER_READ: usize = 200;

/// One row: its ticket id and the ticket as last read or patched.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: i64,
    pub item: ArcRwSignal<QueueItem>,
}

#[derive(Clone)]
pub struct Listing {
    pub filters: ArcRwSignal<Filters>,
    pub rows: ArcRwSignal<Vec<Row>>,
    /// The cursor of the page after the rows shown, if there is one.
    pub next: ArcRwSignal<Option<String>>,
    /// The first page for the current filters is being read.
    pub loading: ArcRwSignal<bool>,
    /// "Show more" is being read.
    pub loading_more: ArcRwSignal<bool>,
    /// Why the last read failed; cleared by the next one that works.
    pub problem: ArcRwSignal<Option<Failure>>,
    /// The selected ticket (keyboard: j/k, Enter, c).
    pub selected: ArcRwSignal<Option<i64>>,
    /// What the polite live region says (new arrivals).
    pub announcement: ArcRwSignal<String>,
    /// Tickets announced by a live event but not yet seen in a read.
    pub arriving: Arc<Mutex<Vec<i64>>>,
    /// Bumped by every new first read: answers of older reads are dropped.
    generation: Arc<AtomicU64>,
    pub coalescer: Arc<Mutex<Coalescer>>,
}

impl Listing {
    pub fn new(filters: Filters) -> Listing {
        Listing {
            filters: ArcRwSignal::new(filters),
            rows: ArcRwSignal::new(Vec::new()),
            next: ArcRwSignal::new(None),
            loading: ArcRwSignal::new(true),
            loading_more: ArcRwSignal::new(false),
            problem: ArcRwSignal::new(None),
            selected: ArcRwSignal::new(None),
            announcement: ArcRwSignal::new(String::new()),
            arriving: Arc::default(),
            generation: Arc::default(),
            coalescer: Arc::default(),
        }
    }

    /// The ids shown, in order (not reactive).
    pub fn ids(&self) -> Vec<i64> {
        self.rows
            .with_untracked(|rows| rows.iter().map(|r| r.id).collect())
    }

    /// The ticket shown with `id` (not reactive).
    pub fn item(&self, id: i64) -> Option<QueueItem> {
        self.rows.with_untracked(|rows| {
            rows.iter()
                .find(|r| r.id == id)
                .map(|r| r.item.get_untracked())
        })
    }

    /// Reads the first page for the current filters.
    pub fn load(&self) {
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        self.loading.set(true);
        self.loading_more.set(false);
        let path = self.filters.with_untracked(|f| f.api_path(PAGE, None));
        let this = self.clone();
        spawn_local(async move {
            let answer = api::get::<QueuePage>(&path).await;
            if this.generation.load(Ordering::SeqCst) != generation {
                return;
            }
            this.loading.set(false);
            match answer {
                Ok(page) => {
                    // New filters: the selection stays only on a ticket they still show.
                    let selected = this.selected.get_untracked();
                    if selected.is_some_and(|s| page.items.iter().all(|i| i.id != s)) {
                        this.selected.set(None);
                    }
                    this.show(page.items, page.next);
                    this.problem.set(None);
                }
                Err(failure) => {
                    this.rows.set(Vec::new());
                    this.next.set(None);
                    this.problem.set(Some(failure));
                }
            }
        });
    }

    /// Reads again as many rows as are shown (at least a page), keeping the selection;
    /// `finished` runs when the read ends, whatever its outcome.
    pub fn refresh(&self, finished: impl FnOnce() + 'static) {
        let generation = self.generation.load(Ordering::SeqCst);
        let wanted = self.rows.with_untracked(Vec::len).max(PAGE);
        let filters = self.filters.get_untracked();
        let this = self.clone();
        spawn_local(async move {
            let mut items: Vec<QueueItem> = Vec::new();
            let mut cursor: Option<String> = None;
            let outcome = loop {
                let limit = (wanted - items.len()).min(MOST_PER_READ);
                match api::get::<QueuePage>(&filters.api_path(limit, cursor.as_deref())).await {
                    Ok(page) => {
                        items.extend(page.items);
                        cursor = page.next;
                        if cursor.is_none() || items.len() >= wanted {
                            break Ok(());
                        }
                    }
                    Err(failure) => break Err(failure),
                }
            };
            if this.generation.load(Ordering::SeqCst) == generation {
                match outcome {
                    Ok(()) => {
                        this.show(items, cursor);
                        this.problem.set(None);
                    }
                    // The rows shown stay; the notice says they may be out of date.
                    Err(failure) => this.problem.set(Some(failure)),
                }
            }
            finished();
        });
    }

    /// Reads the page after the rows shown and adds it below them.
    pub fn more(&self) {
        let Some(cursor) = self.next.get_untracked() else {
            return;
        };
        if self.loading_more.get_untracked() {
            return;
        }
        self.loading_more.set(true);
        let generation = self.generation.load(Ordering::SeqCst);
        let path = self
            .filters
            .with_untracked(|f| f.api_path(PAGE, Some(&cursor)));
        let this = self.clone();
        spawn_local(async move {
            let answer = api::get::<QueuePage>(&path).await;
            if this.generation.load(Ordering::SeqCst) != generation {
                return;
            }
            this.loading_more.set(false);
            match answer {
                Ok(page) => {
                    let mut items: Vec<QueueItem> = this.rows.with_untracked(|rows| {
                        rows.iter().map(|r| r.item.get_untracked()).collect()
                    });
                    // A ticket that moved down meanwhile may be on both pages: once.
                    items.retain(|i| page.items.iter().all(|p| p.id != i.id));
                    items.extend(page.items);
                    this.show(items, page.next);
                    this.problem.set(None);
                }
                Err(failure) => this.problem.set(Some(failure)),
            }
        });
    }

    /// Shows `items`, reusing the signal of every row shown before, and moves the
    /// selection to a neighbour if its ticket left.
    fn show(&self, items: Vec<QueueItem>, next: Option<String>) {
        let old = self.rows.get_untracked();
        let old_ids: Vec<i64> = old.iter().map(|r| r.id).collect();
        let rows: Vec<Row> = items
            .into_iter()
            .map(|item| match old.iter().find(|r| r.id == item.id) {
                Some(row) => {
                    if row.item.with_untracked(|shown| *shown != item) {
                        row.item.set(item);
                    }
                    row.clone()
                }
                None => Row {
                    id: item.id,
                    item: ArcRwSignal::new(item),
                },
            })
            .collect();
        let new_ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let selected = reselect(&old_ids, &new_ids, self.selected.get_untracked());
        if selected != self.selected.get_untracked() {
            self.selected.set(selected);
        }
        if old_ids != new_ids {
            // A row that had the focus may leave: the focus goes to the new selection
            // instead of falling back to the page's start.
            let had_focus = super::keys::focus_in_rows();
            self.rows.set(rows);
            if had_focus && let Some(id) = selected {
                request_animation_frame(move || {
                    if !super::keys::focus_in_rows() {
                        super::keys::focus_row(id);
                    }
                });
            }
        }
        self.next.set(next);
        self.announce_arrivals();
    }

    /// Says which announced hand-offs are in the list now (once each).
    fn announce_arrivals(&self) {
        let arrived: Vec<QueueItem> = {
            let mut arriving = self.arriving.lock().unwrap_or_else(|e| e.into_inner());
            let shown: Vec<QueueItem> = arriving.iter().filter_map(|id| self.item(*id)).collect();
            arriving.retain(|id| shown.iter().all(|s| s.id != *id));
            shown
        };
        if !arrived.is_empty() {
            self.announcement
                .set(super::updates::arrival_words(&arrived));
        }
    }

    /// Changes a shown row as a live event says, before the next read confirms it.
    pub fn patch(&self, id: i64, status: Status, holder: Option<Holder>, revision: i64) {
        let row = self
            .rows
            .with_untracked(|rows| rows.iter().find(|r| r.id == id).cloned());
        if let Some(row) = row
            && row.item.with_untracked(|i| i.revision < revision)
        {
            row.item.update(|i| {
                i.status = status;
                i.holder = holder;
                i.revision = revision;
            });
        }
    }

    /// Replaces a shown row with the server's answer about it (after a claim).
    pub fn replace(&self, item: QueueItem) {
        let row = self
            .rows
            .with_untracked(|rows| rows.iter().find(|r| r.id == item.id).cloned());
        if let Some(row) = row {
            row.item.set(item);
        }
    }
}

/// The selection after the rows changed from `old` to `new`: the same ticket if it is
/// still shown, else the next one below it that is, else the nearest above it.
pub fn reselect(old: &[i64], new: &[i64], selected: Option<i64>) -> Option<i64> {
    let selected = selected?;
    if new.contains(&selected) {
        return Some(selected);
    }
    let index = old.iter().position(|id| *id == selected)?;
    old[index + 1..]
        .iter()
        .chain(old[..index].iter().rev())
        .find(|id| new.contains(id))
        .copied()
        .or_else(|| new.get(index.min(new.len().saturating_sub(1))).copied())
}

/// The selection one row down (`forward`) or up from `selected`; the first row when
/// nothing is selected, and it stays at the ends.
pub fn step(ids: &[i64], selected: Option<i64>, forward: bool) -> Option<i64> {
    let first = *ids.first()?;
    let Some(index) = selected.and_then(|s| ids.iter().position(|id| *id == s)) else {
        return Some(first);
    };
    let to = if forward {
        (index + 1).min(ids.len() - 1)
    } else {
        index.saturating_sub(1)
    };
    Some(ids[to])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_stays_on_its_ticket_wherever_it_moves() {
        assert_eq!(reselect(&[1, 2, 3], &[9, 3, 1, 2], Some(2)), Some(2));
        assert_eq!(reselect(&[1, 2, 3], &[1, 2, 3], None), None);
    }

    #[test]
    fn a_selected_ticket_that_leaves_hands_over_to_its_neighbour() {
        // Claimed away by a colleague: the next row below takes over.
        assert_eq!(reselect(&[1, 2, 3, 4], &[1, 3, 4], Some(2)), Some(3));
        // The rows below left too: the nearest above.
        assert_eq!(reselect(&[1, 2, 3, 4], &[1, 2], Some(3)), Some(2));
        // Nothing of the old rows is left: the row at the same place.
        assert_eq!(reselect(&[1, 2, 3], &[7, 8, 9], Some(2)), Some(8));
        assert_eq!(reselect(&[1, 2, 3], &[7], Some(3)), Some(7));
        assert_eq!(reselect(&[1, 2, 3], &[], Some(2)), None);
    }

    #[test]
    fn j_and_k_move_one_row_and_stop_at_the_ends() {
        let ids = [10, 20, 30];
        assert_eq!(step(&ids, None, true), Some(10));
        assert_eq!(step(&ids, None, false), Some(10));
        assert_eq!(step(&ids, Some(10), true), Some(20));
        assert_eq!(step(&ids, Some(30), true), Some(30));
        assert_eq!(step(&ids, Some(20), false), Some(10));
        assert_eq!(step(&ids, Some(10), false), Some(10));
        assert_eq!(step(&ids, Some(99), true), Some(10));
        assert_eq!(step(&[], Some(1), true), None);
    }
}
