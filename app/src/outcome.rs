//! Anonymous walk outcomes for the deflection rate and the tree figures
//! (`POST /api/v1/outcomes`): a fresh walk showing its first node reports `started`; a
//! walk that ends solved reports `resolved`; a walk left unfinished reports `abandoned`.
//!
//! # What is sent
//! Tree, tree version, the node the walk stood at, the outcome, and the path: the node
//! ids the walk passed in that tree, each once, ending at the node
//! (`domain::api::path_in_end_tree`). No answers, no facts, no id of the person or the
//! walk.
//!
//! # Once per walk
//! Which outcomes a walk has reported is kept next to the walk in the browser's local
//! storage, so a reload at the end does not report it again. A fresh walk (a new start,
//! "start over", choosing the topic again after finishing) starts with nothing
//! reported. A walk reports each outcome at most once: a person who closes the tab or
//! goes elsewhere reports `abandoned`; coming back (the walk resumes) and solving it
//! then still reports `resolved`, since that is how it ended.
//!
//! # When a walk counts as left
//! On `pagehide` (the tab closes, a reload, an address typed or a link to another site)
//! and when the person leaves the walk page inside the app. Not on `visibilitychange`
//! to hidden: switching to another app or tab is part of a walk ("restart the router",
//! "open the settings"), and counting it would mark most real walks as abandoned.
//!
//! # How
//! `navigator.sendBeacon` with a JSON `Blob` (`application/json`, which the server's
//! JSON extractor requires): the browser delivers it even while the page goes away.
//! Where the browser refuses the beacon, an ordinary request is tried.

use crate::browser;
use domain::api::{API, Outcome, OutcomeEvent};
use domain::{Catalog, Walk};
use wasm_bindgen::JsValue;

fn key(tree: &str) -> String {
    format!("lotse.outcomes.{tree}")
}

fn name(outcome: Outcome) -> &'static str {
    outcome.name()
}

/// The outcomes the walk on `tree` has reported, as stored (`"abandoned resolved"`).
fn reported(tree: &str) -> String {
    browser::local_get(&key(tree)).unwrap_or_default()
}

/// Whether `outcome` is among `stored` (pure, for the tests).
fn has(stored: &str, outcome: Outcome) -> bool {
    stored.split(' ').any(|o| o == name(outcome))
}

/// A fresh walk on `tree` begins: it has reported nothing.
pub fn fresh(tree: &str) {
    browser::local_remove(&key(tree));
}

/// The event for where `walk` stands now.
fn event(walk: &Walk, catalog: &Catalog, outcome: Outcome) -> Option<OutcomeEvent> {
    let place = walk.place();
    let version = walk
        .versions
        .get(&place.tree)
        .cloned()
        .or_else(|| catalog.version(&place.tree).map(str::to_owned))?;
    Some(OutcomeEvent {
        tree: place.tree.clone(),
        version,
        node: place.node.clone(),
        outcome,
        path: domain::api::path_in_end_tree(walk),
    })
}

/// Reports `outcome` for `walk`, unless this walk has reported it before.
pub fn report(walk: &Walk, catalog: &Catalog, outcome: Outcome) {
    let stored = reported(&walk.tree);
    if has(&stored, outcome) {
        return;
    }
    let Some(event) = event(walk, catalog, outcome) else {
        return;
    };
    let Ok(body) = serde_json::to_string(&event) else {
        return;
    };
    // Marked before sending: a second `pagehide` must not send twice, and an outcome
    // the network lost is not worth a retry loop in a page that is going away.
    let now = if stored.is_empty() {
        name(outcome).to_owned()
    } else {
        format!("{stored} {}", name(outcome))
    };
    browser::local_set(&key(&walk.tree), &now);
    send(body);
}

/// What the walk page does when the walk changes: the first time it shows a node it
/// has started; when it ends solved, it reports so.
pub fn on_change(walk: &Walk, catalog: &Catalog) {
    if !walk.path.is_empty() {
        report(walk, catalog, Outcome::Started);
    }
    if walk.end == Some(domain::walk::End::Resolved) {
        report(walk, catalog, Outcome::Resolved);
    }
}

/// The person leaves the walk: an unfinished walk reports `abandoned`.
pub fn on_leave(walk: &Walk, catalog: &Catalog) {
    if !walk.is_over() {
        report(walk, catalog, Outcome::Abandoned);
    }
}

fn send(body: String) {
    let url = format!("{API}/outcomes");
    if beacon(&url, &body) {
        return;
    }
    leptos::task::spawn_local(async move {
        if let Ok(request) = gloo_net::http::Request::post(&url)
            .header("Content-Type", "application/json")
            .body(body)
        {
            let _ = request.send().await;
        }
    });
}

/// `navigator.sendBeacon(url, new Blob([body], {type: "application/json"}))`; false
/// where the browser has no beacons or refuses this one.
fn beacon(url: &str, body: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(body));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    window
        .navigator()
        .send_beacon_with_opt_blob(url, Some(&blob))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_outcome_is_found_by_its_whole_name() {
        assert!(!has("", Outcome::Resolved));
        assert!(has("abandoned", Outcome::Abandoned));
        assert!(!has("abandoned", Outcome::Resolved));
        assert!(has("abandoned resolved", Outcome::Resolved));
    }

    #[test]
    fn the_event_names_the_node_the_walk_stands_at_and_nothing_else() {
        let event = OutcomeEvent {
            tree: "printer".into(),
            version: "v1".into(),
            node: "start".into(),
            outcome: Outcome::Abandoned,
            path: Vec::new(),
        };
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"tree": "printer", "version": "v1", "node": "start", "outcome": "abandoned"})
        );
        let started = OutcomeEvent {
            outcome: Outcome::Started,
            path: vec!["start".into()],
            ..event
        };
        assert_eq!(
            serde_json::to_value(&started).unwrap(),
            serde_json::json!({"tree": "printer", "version": "v1", "node": "start",
                "outcome": "started", "path": ["start"]})
        );
        assert!(has("started abandoned", Outcome::Started));
    }
}
