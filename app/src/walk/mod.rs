//! The walk as the app holds it: a `domain::Walk` in a signal, the catalog it runs on,
//! and the moves a person can make.
//!
//! Every move goes through `Walk::apply`, so the app can never stand somewhere the tree
//! does not lead. The walk is kept in the tab's session storage after every move
//! ([`saved`]), so a reload on a bad connection continues where the person stood.

mod saved;

use crate::browser;
use crate::focus;
use crate::outcome;
use domain::walk::{End, Move, MoveError, Place, Step};
use domain::{Catalog, Node, Walk};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// What the screen shows: it changes with every move, and only then. Node views are
/// rebuilt when it changes, never on other updates (such as a language switch), so the
/// values typed into a form survive those.
#[derive(Debug, Clone, PartialEq)]
pub struct Screen {
    pub place: Place,
    /// Moves made so far: the same node can be shown again after going back.
    pub moves: usize,
    pub end: Option<End>,
}

/// A walk in progress, shared by the walk page's components through the context.
#[derive(Debug, Clone, Copy)]
pub struct LiveWalk {
    catalog: StoredValue<Catalog>,
    walk: RwSignal<Walk>,
    /// Set when the engine refused a move; cleared by the next move that succeeds.
    refused: RwSignal<bool>,
}

impl LiveWalk {
    /// Starts `tree`, or continues the walk on it saved in this tab, and provides it to
    /// the components below.
    pub fn provide(catalog: Catalog, tree: &str) -> Result<LiveWalk, MoveError> {
        let walk = match saved::restore(&catalog, tree) {
            Some(walk) => walk,
            None => {
                outcome::fresh(tree);
                Walk::start(&catalog, tree)?
            }
        };
        let live = LiveWalk {
            catalog: StoredValue::new(catalog),
            walk: RwSignal::new(walk),
            refused: RwSignal::new(false),
        };
        Effect::new(move |_| live.walk.with(saved::store));
        Effect::new(move |_| live.with(outcome::on_change));
        // Closing the tab or going to another site leaves the walk too.
        let left = leptos::prelude::window_event_listener_untyped("pagehide", move |_| {
            live.with_untracked(outcome::on_leave);
        });
        on_cleanup(move || left.remove());
        provide_context(live);
        Ok(live)
    }

    /// Reads the walk and the catalog (reactive on the walk).
    pub fn with<R>(&self, f: impl FnOnce(&Walk, &Catalog) -> R) -> R {
        self.walk
            .with(|walk| self.catalog.with_value(|catalog| f(walk, catalog)))
    }

    /// As [`LiveWalk::with`], without subscribing to changes.
    pub fn with_untracked<R>(&self, f: impl FnOnce(&Walk, &Catalog) -> R) -> R {
        self.walk
            .with_untracked(|walk| self.catalog.with_value(|catalog| f(walk, catalog)))
    }

    /// The current screen, changing with each move.
    pub fn screen(&self) -> Memo<Screen> {
        let walk = self.walk;
        Memo::new(move |_| {
            walk.with(|w| Screen {
                place: w.place().clone(),
                moves: w.transcript.len(),
                end: w.end,
            })
        })
    }

    /// Whether the last move was refused.
    pub fn refused(&self) -> bool {
        self.refused.get()
    }

    /// Makes a move at the node the walk stands at now.
    pub fn make(&self, made: Move) -> Result<(), MoveError> {
        let here = self.walk.with_untracked(|w| w.place().clone());
        self.make_at(&here, made)
    }

    /// Makes a move at `place`. A move decided before the walk moved on (a check that
    /// finished after the user went back) is refused by the engine with `NotHere`.
    pub fn make_at(&self, place: &Place, made: Move) -> Result<(), MoveError> {
        let step = Step {
            tree: place.tree.clone(),
            node: place.node.clone(),
            at: browser::now(),
            made,
        };
        let mut result = Ok(());
        self.catalog.with_value(|catalog| {
            self.walk.update(|walk| result = walk.apply(catalog, step));
        });
        match &result {
            Ok(()) => self.refused.set(false),
            Err(MoveError::NotHere { .. }) => {}
            Err(_) => self.refused.set(true),
        }
        result
    }

    pub fn answer(&self, index: usize) {
        focus::person_moved();
        let _ = self.make(Move::Answer { index });
    }

    pub fn helped(&self, helped: bool) {
        focus::person_moved();
        let _ = self.make(Move::Helped { helped });
    }

    pub fn submit(&self, values: BTreeMap<String, String>) -> Result<(), MoveError> {
        focus::person_moved();
        self.make(Move::Values { values })
    }

    /// How many moves to keep to go back one screen: the moves up to the last one a
    /// person made. Check results after it go too, or the check would run again at
    /// once and carry the walk straight back to where it was.
    fn back_target(walk: &Walk) -> Option<usize> {
        walk.transcript
            .iter()
            .rposition(|step| !matches!(step.made, Move::Checked { .. }))
    }

    /// Whether there is a screen to go back to (reactive).
    pub fn can_go_back(&self) -> bool {
        self.walk.with(|w| LiveWalk::back_target(w).is_some())
    }

    pub fn back(&self) {
        focus::person_moved();
        let Some(keep) = self.walk.with_untracked(LiveWalk::back_target) else {
            return;
        };
        self.catalog.with_value(|catalog| {
            self.walk.update(|walk| {
                let _ = walk.back_to(catalog, keep);
            });
        });
        self.refused.set(false);
    }

    /// Returns to the screen where the move at `moves` was made, keeping the moves
    /// before it.
    pub fn back_to(&self, moves: usize) {
        focus::person_moved();
        self.catalog.with_value(|catalog| {
            self.walk.update(|walk| {
                let _ = walk.back_to(catalog, moves);
            });
        });
        self.refused.set(false);
    }

    pub fn start_over(&self) {
        focus::person_moved();
        let tree = self.walk.with_untracked(|w| w.tree.clone());
        let fresh = self
            .catalog
            .with_value(|catalog| Walk::start(catalog, &tree));
        if let Ok(fresh) = fresh {
            outcome::fresh(&tree);
            self.walk.set(fresh);
        }
        self.refused.set(false);
    }

    /// Called when the person leaves the walk page inside the app: a finished walk is
    /// forgotten, so choosing the topic again starts afresh (a reload does not run
    /// this, so it shows the end again); an unfinished one reports `abandoned`.
    pub fn leave(&self) {
        self.with_untracked(outcome::on_leave);
        self.walk.with_untracked(|w| {
            if w.is_over() {
                saved::forget(&w.tree);
            }
        });
    }

    /// The node the walk stands at.
    pub fn node(&self) -> Option<Node> {
        self.with_untracked(|walk, catalog| walk.node(catalog).cloned())
    }
}

/// The [`LiveWalk`] of the walk page.
pub fn use_walk() -> LiveWalk {
    expect_context::<LiveWalk>()
}
