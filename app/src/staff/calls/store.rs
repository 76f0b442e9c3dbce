//! The call in progress, kept outside the screen so that opening a ticket and coming
//! back, or reloading the tab, finds it where it was.
//!
//! The call lives in a thread-local signal and is written to the tab's session storage
//! after every change (the tab's only: a second tab starts its own call). The trees it
//! is walked on are loaded again from the server after a reload.

use super::call::Call;
use crate::browser;
use domain::Catalog;
use domain::walk::{ReplayError, Walk, replay};
use leptos::prelude::*;
use std::cell::Cell;
use std::sync::Arc;

const STORAGE_KEY: &str = "lotse.staff.call";

/// The trees of the call's topic, or why they could not be loaded.
#[derive(Debug, Clone)]
pub enum Trees {
    Loading,
    Loaded(Arc<Catalog>),
    Failed,
}

thread_local! {
    static CALL: ArcRwSignal<Option<Call>> = ArcRwSignal::new(None);
    static TREES: ArcRwSignal<Trees> = ArcRwSignal::new(Trees::Loading);
    static RESTORED: Cell<bool> = const { Cell::new(false) };
}

fn call_signal() -> ArcRwSignal<Option<Call>> {
    CALL.with(Clone::clone)
}

fn trees_signal() -> ArcRwSignal<Trees> {
    TREES.with(Clone::clone)
}

/// Reads `f` of the call (reactive).
pub fn with<T>(f: impl FnOnce(Option<&Call>) -> T) -> T {
    call_signal().with(|c| f(c.as_ref()))
}

/// Reads `f` of the call without subscribing.
pub fn with_untracked<T>(f: impl FnOnce(Option<&Call>) -> T) -> T {
    call_signal().with_untracked(|c| f(c.as_ref()))
}

/// The trees (reactive).
pub fn trees() -> Trees {
    trees_signal().get()
}

/// The loaded trees, if they are (not reactive).
pub fn catalog_untracked() -> Option<Arc<Catalog>> {
    match trees_signal().get_untracked() {
        Trees::Loaded(catalog) => Some(catalog),
        _ => None,
    }
}

/// Changes the call (if there is one) and keeps it.
pub fn update(f: impl FnOnce(&mut Call)) {
    call_signal().update(|c| {
        if let Some(call) = c {
            f(call);
        }
    });
    save();
}

/// Starts `call` (or ends the call with `None`) and loads its trees.
pub fn set(call: Option<Call>) {
    let tree = call.as_ref().map(|c| c.tree.clone());
    call_signal().set(call);
    save();
    if let Some(tree) = tree {
        load_trees(tree);
    }
}

/// Brings back the tab's call after a reload (once per page load).
pub fn restore() {
    if RESTORED.with(|r| r.replace(true)) {
        return;
    }
    let Some(call) =
        browser::session_get(STORAGE_KEY).and_then(|text| serde_json::from_str::<Call>(&text).ok())
    else {
        return;
    };
    set(Some(call));
}

fn save() {
    match call_signal().with_untracked(|c| c.as_ref().map(serde_json::to_string)) {
        Some(Ok(text)) => browser::session_set(STORAGE_KEY, &text),
        _ => browser::session_remove(STORAGE_KEY),
    }
}

fn load_trees(tree: String) {
    let signal = trees_signal();
    signal.set(Trees::Loading);
    leptos::task::spawn_local(async move {
        let loaded = match crate::api::tree_bundle(&tree).await {
            Ok(bundle) => Trees::Loaded(Arc::new(crate::api::catalog(bundle))),
            Err(_) => Trees::Failed,
        };
        // A newer call may have started meanwhile.
        if with_untracked(|c| c.is_some_and(|c| c.tree == tree)) {
            trees_signal().set(loaded);
        }
    });
}

/// Loads the trees again after a failure.
pub fn retry_trees() {
    if let Some(tree) = with_untracked(|c| c.map(|c| c.tree.clone())) {
        load_trees(tree);
    }
}

/// The call's walk, replayed on `catalog`.
pub fn walk_of(call: &Call, catalog: &Catalog) -> Result<Walk, ReplayError> {
    replay(catalog, &call.tree, &call.transcript)
}
