//! The agent's moves on the call's walk: checked by the engine first (a refused move
//! changes nothing), then kept; on a taken-over walk also sent to the caller's page
//! ([`super::handover::push`]).

use super::handover;
use super::store;
use domain::walk::{Move, Step};

/// Why a move was not made.
#[derive(Debug, Clone, PartialEq)]
pub enum Refused {
    /// The call is over, or its trees are not loaded.
    NotNow,
    /// The engine refused it (a value the field does not take, ...).
    Engine(domain::walk::MoveError),
}

/// Makes `made` at the node where the walk stands.
pub fn make(made: Move) -> Result<(), Refused> {
    let catalog = store::catalog_untracked().ok_or(Refused::NotNow)?;
    let call = store::with_untracked(|c| c.cloned()).ok_or(Refused::NotNow)?;
    if !call.is_open() {
        return Err(Refused::NotNow);
    }
    let mut walk = store::walk_of(&call, &catalog).map_err(|e| Refused::Engine(e.error))?;
    let place = walk.place().clone();
    let step = Step {
        tree: place.tree,
        node: place.node,
        at: js_sys::Date::now() as u64,
        made,
    };
    walk.apply(&catalog, step.clone())
        .map_err(Refused::Engine)?;
    crate::focus::person_moved();
    store::update(|c| c.transcript.push(step));
    handover::push();
    Ok(())
}

/// Takes back the last move.
pub fn back() {
    let open =
        store::with_untracked(|c| c.is_some_and(|c| c.is_open() && !c.transcript.is_empty()));
    if !open {
        return;
    }
    crate::focus::person_moved();
    store::update(|c| {
        c.transcript.pop();
    });
    handover::push();
}
