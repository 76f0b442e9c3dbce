//! The walk as the app holds it: a `domain::Walk` in a signal, the catalog it runs on,
//! and the moves a person can make.
//!
//! Every move goes through `Walk::apply`, so the app can never stand somewhere the tree
//! does not lead. The walk is kept in the browser after every move ([`saved`]), so a
//! reload or a reopened tab continues where the person stood.
//!
//! The address bar follows the walk: `?step=` is the number of moves made. A move the
//! person makes adds a history entry; an automatic check's result rewrites the current
//! one, so the back button never lands on a check that would at once run again. Back
//! and forward move the walk through [`LiveWalk::go_to`]: going back keeps the moves
//! taken back, and going forward makes them again.

pub mod saved;

use crate::browser;
use crate::focus;
use crate::outcome;
use crate::router::{self, Entry};
use domain::walk::{End, Move, MoveError, Place, Step};
use domain::{Catalog, Node, Walk, replay};
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
    /// Every move made on this walk, of which the walk's transcript is the beginning:
    /// longer after going back, so that going forward can make the moves again.
    made: StoredValue<Vec<Step>>,
    /// Set when the engine refused a move; cleared by the next move that succeeds.
    refused: RwSignal<bool>,
}

impl LiveWalk {
    /// Starts `tree`, or continues the walk on it kept in the browser, at move `step`
    /// if that many moves were made (else as far as they go), and provides it to the
    /// components below. The address bar is corrected to the step the walk stands at.
    pub fn provide(
        catalog: Catalog,
        tree: &str,
        step: Option<usize>,
    ) -> Result<LiveWalk, MoveError> {
        let kept = match saved::restore(&catalog, tree) {
            Some(kept) => kept,
            None => {
                outcome::fresh(tree);
                saved::Kept::default()
            }
        };
        // Moves that no longer replay (a tree changed under the same version cannot,
        // but storage can be edited) are cut off where they stop being legal.
        let made = match replay(&catalog, tree, &kept.moves) {
            Ok(_) => kept.moves,
            Err(e) => kept.moves[..e.step].to_vec(),
        };
        let at = step.unwrap_or(kept.at).min(made.len());
        let walk = replay(&catalog, tree, &made[..at]).map_err(|e| e.error)?;
        let live = LiveWalk {
            catalog: StoredValue::new(catalog),
            walk: RwSignal::new(walk),
            made: StoredValue::new(made),
            refused: RwSignal::new(false),
        };
        if step != Some(at) {
            router::set_step(at, Entry::Replace);
        }
        Effect::new(move |_| {
            live.walk
                .with(|w| live.made.with_value(|m| saved::store(w, m)))
        });
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
        // The person's own moves get a history entry; a check's result does not.
        let entry = if matches!(step.made, Move::Checked { .. }) {
            Entry::Replace
        } else {
            Entry::Push
        };
        let mut result = Ok(());
        self.catalog.with_value(|catalog| {
            self.walk.update(|walk| {
                result = walk.apply(catalog, step);
                if result.is_ok() {
                    self.made
                        .update_value(|made| remember(made, &walk.transcript));
                }
            });
        });
        match &result {
            Ok(()) => {
                self.refused.set(false);
                self.moved(entry);
            }
            Err(MoveError::NotHere { .. }) => {}
            Err(_) => self.refused.set(true),
        }
        result
    }

    /// Puts the number of moves into the address bar.
    fn moved(&self, entry: Entry) {
        router::set_step(self.walk.with_untracked(|w| w.transcript.len()), entry);
    }

    /// Brings the walk to `moves` moves: back by taking moves back, forward by making
    /// the moves made before again, as far as there are any. Used for the browser's
    /// back and forward buttons; an address asking for more than was made is corrected
    /// to the furthest step.
    pub fn go_to(&self, moves: usize) {
        let now = self.walk.with_untracked(|w| w.transcript.len());
        if moves != now {
            self.catalog.with_value(|catalog| {
                self.walk.update(|walk| {
                    if moves < now {
                        let _ = walk.back_to(catalog, moves);
                    } else {
                        self.made.with_value(|made| {
                            for step in made.iter().take(moves).skip(now) {
                                if walk.apply(catalog, step.clone()).is_err() {
                                    break;
                                }
                            }
                        });
                    }
                });
            });
            self.refused.set(false);
        }
        let reached = self.walk.with_untracked(|w| w.transcript.len());
        if reached != moves {
            router::set_step(reached, Entry::Replace);
        }
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

    /// Replaces the moves with `transcript`, the walk as a handover session has it
    /// now (the agent moved it). The address bar gets the new step as a history entry
    /// of its own, so the back button returns to where the person stood. Returns
    /// whether the walk changed; moves that do not replay here change nothing.
    pub fn follow(&self, transcript: &[Step]) -> bool {
        if self.walk.with_untracked(|w| w.transcript == transcript) {
            return false;
        }
        let tree = self.walk.with_untracked(|w| w.tree.clone());
        let Ok(walk) = self
            .catalog
            .with_value(|catalog| replay(catalog, &tree, transcript))
        else {
            return false;
        };
        self.made.set_value(transcript.to_vec());
        self.walk.set(walk);
        self.refused.set(false);
        self.moved(Entry::Push);
        true
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
        if let Some(keep) = self.walk.with_untracked(LiveWalk::back_target) {
            self.back_to(keep);
        }
    }

    /// Returns to the screen where the move at `moves` was made, keeping the moves
    /// before it.
    /// Going back is a step of its own in the browser's history: its back button
    /// returns to where the person stood before.
    pub fn back_to(&self, moves: usize) {
        focus::person_moved();
        self.go_to(moves);
        self.moved(Entry::Push);
    }

    pub fn start_over(&self) {
        // Starting over is a fresh walk for the outcome count: it has reported nothing.
        self.walk.with_untracked(|w| outcome::fresh(&w.tree));
        self.back_to(0);
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

/// Keeps `made` the moves of which `transcript` is the beginning: unchanged if the
/// transcript only repeats moves made before (timestamps aside), else the transcript.
fn remember(made: &mut Vec<Step>, transcript: &[Step]) {
    let same = |a: &Step, b: &Step| a.tree == b.tree && a.node == b.node && a.made == b.made;
    let repeats = made.len() >= transcript.len()
        && transcript.iter().zip(made.iter()).all(|(t, m)| same(t, m));
    if !repeats {
        *made = transcript.to_vec();
    }
}

/// The [`LiveWalk`] of the walk page.
pub fn use_walk() -> LiveWalk {
    expect_context::<LiveWalk>()
}
