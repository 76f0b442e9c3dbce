//! The names a Queue row shows instead of ids: tree titles (`GET /api/v1/trees`), the
//! node where a walk escalated (`GET /api/v1/trees/{id}`, read once per tree) and
//! queue names (`GET /api/v1/queues`).
//!
//! Read once per page load and kept for every later visit of the screen; a name not
//! known yet (or a tree no longer shipped) shows its id, and the row fills in by itself
//! when the name arrives ([`version`] is the signal that says so).

use crate::staff::api;
use domain::api::{QueueInfo, TreeBundle, TreeList};
use domain::tree::Localized;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

/// Longest node title, in characters, before it is cut with `…`.
const NODE_TITLE_CHARS: usize = 70;

#[derive(Default)]
struct Known {
    /// Tree titles, once `/trees` answered.
    trees: Option<BTreeMap<String, Localized>>,
    asked_trees: bool,
    /// Per tree read: node id → its title in each language.
    nodes: BTreeMap<String, BTreeMap<String, Localized>>,
    asked_nodes: BTreeSet<String>,
    queues: Option<Vec<QueueInfo>>,
    asked_queues: bool,
}

thread_local! {
    static KNOWN: RefCell<Known> = RefCell::new(Known::default());
    /// Bumped whenever names arrive.
    static VERSION: ArcRwSignal<u32> = ArcRwSignal::new(0);
}

/// Subscribes the caller to arriving names (reactive).
pub fn version() {
    VERSION.with(|v| v.track());
}

fn arrived() {
    VERSION.with(|v| v.update(|n| *n = n.wrapping_add(1)));
}

/// The tree's title in `lang`, if known; asks for the titles the first time.
pub fn tree_title(tree: &str, lang: &str) -> Option<String> {
    version();
    let title = KNOWN.with(|k| {
        let k = k.borrow();
        k.trees
            .as_ref()
            .map(|trees| trees.get(tree).map(|t| t.get(lang).to_owned()))
    });
    match title {
        Some(found) => found,
        None => {
            ask_trees();
            None
        }
    }
}

/// The title of the node `place` (`tree/node`) in `lang`, if known; asks for the tree
/// the first time.
pub fn node_title(place: &str, lang: &str) -> Option<String> {
    version();
    let (tree, node) = place.split_once('/')?;
    let title = KNOWN.with(|k| {
        let k = k.borrow();
        k.nodes
            .get(tree)
            .map(|nodes| nodes.get(node).map(|t| t.get(lang).to_owned()))
    });
    match title {
        Some(found) => found,
        None => {
            ask_nodes(tree);
            None
        }
    }
}

/// The declared queues (reactive); empty until they arrive.
pub fn queues() -> Vec<QueueInfo> {
    version();
    let known = KNOWN.with(|k| k.borrow().queues.clone());
    known.unwrap_or_else(|| {
        ask_queues();
        Vec::new()
    })
}

/// A queue's name in `lang`, or its id.
pub fn queue_name(id: &str, lang: &str) -> String {
    queues()
        .iter()
        .find(|q| q.id == id)
        .map_or_else(|| id.to_owned(), |q| q.name.get(lang).to_owned())
}

fn ask_trees() {
    if KNOWN.with(|k| std::mem::replace(&mut k.borrow_mut().asked_trees, true)) {
        return;
    }
    spawn_local(async {
        let list = api::get::<TreeList>("/trees").await;
        KNOWN.with(|k| {
            let mut k = k.borrow_mut();
            match list {
                Ok(list) => {
                    k.trees = Some(list.trees.into_iter().map(|t| (t.id, t.title)).collect());
                }
                // Ask again when a row next needs a title.
                Err(_) => k.asked_trees = false,
            }
        });
        arrived();
    });
}

fn ask_nodes(tree: &str) {
    let tree = tree.to_owned();
    if !KNOWN.with(|k| k.borrow_mut().asked_nodes.insert(tree.clone())) {
        return;
    }
    spawn_local(async move {
        let bundle =
            api::get::<TreeBundle>(&format!("/trees/{}", super::filters::encode(&tree))).await;
        KNOWN.with(|k| {
            let mut k = k.borrow_mut();
            match bundle {
                // The bundle holds the trees this one jumps to: keep them all.
                Ok(bundle) => {
                    for versioned in bundle.trees {
                        let titles = versioned
                            .tree
                            .nodes
                            .iter()
                            .filter_map(|(id, node)| {
                                node.prompt().map(|p| (id.clone(), short(p.text)))
                            })
                            .collect();
                        k.nodes.insert(versioned.tree.id, titles);
                    }
                    // A tree no longer shipped: its ids stay.
                    k.nodes.entry(tree).or_default();
                }
                Err(_) => {
                    k.asked_nodes.remove(&tree);
                }
            }
        });
        arrived();
    });
}

fn ask_queues() {
    if KNOWN.with(|k| std::mem::replace(&mut k.borrow_mut().asked_queues, true)) {
        return;
    }
    spawn_local(async {
        let queues = api::get::<Vec<QueueInfo>>("/queues").await;
        KNOWN.with(|k| {
            let mut k = k.borrow_mut();
            match queues {
                Ok(queues) => k.queues = Some(queues),
                Err(_) => k.asked_queues = false,
            }
        });
        arrived();
    });
}

/// A node's text as a title: its first sentence without markup, cut at
/// [`NODE_TITLE_CHARS`].
fn short(text: &Localized) -> Localized {
    Localized(
        text.0
            .iter()
            .map(|(lang, text)| {
                (
                    lang.clone(),
                    first_sentence(&domain::markdown::plain_text(text)),
                )
            })
            .collect(),
    )
}

/// The first sentence of `text` (up to `.`, `?` or `!` before a space), at most
/// [`NODE_TITLE_CHARS`] characters.
pub fn first_sentence(text: &str) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut end = chars.len();
    for (i, c) in chars.iter().enumerate() {
        if matches!(c, '.' | '?' | '!') && chars.get(i + 1).is_none_or(|n| n.is_whitespace()) {
            end = i + 1;
            break;
        }
    }
    if end > NODE_TITLE_CHARS {
        let cut: String = chars[..NODE_TITLE_CHARS - 1].iter().collect();
        return format!("{}…", cut.trim_end());
    }
    chars[..end].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_node_title_is_its_first_sentence() {
        assert_eq!(
            first_sentence("We’ll take care of it. Until then you can print elsewhere."),
            "We’ll take care of it."
        );
        assert_eq!(
            first_sentence("Is the cable plugged in? Check both ends."),
            "Is the cable plugged in?"
        );
        assert_eq!(first_sentence("Version 2.1 is out"), "Version 2.1 is out");
        assert_eq!(first_sentence("Note: restart first"), "Note: restart first");
        assert_eq!(first_sentence(""), "");
    }

    #[test]
    fn long_sentences_are_cut_with_an_ellipsis() {
        let long = "word ".repeat(30);
        let title = first_sentence(&long);
        assert_eq!(title.chars().count(), NODE_TITLE_CHARS);
        assert!(title.ends_with("word…"), "{title}");
    }
}
