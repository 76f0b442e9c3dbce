//! The walk kept in the browser's local storage: its tree, the tree versions, the moves
//! and how many of them the walk stands at, for a limited time.
//!
//! Local storage, not session storage: a walk often asks the person to restart the
//! computer or the browser, and a closed tab must not lose their answers. The price is
//! that answers outlive the tab on a shared computer, so a kept walk expires
//! [`KEPT_FOR_MS`] after its last change (expired walks are removed when the app
//! starts), and a finished walk is forgotten as soon as the person leaves it. Only the
//! moves are kept; restoring replays them, and a walk whose trees changed since is
//! dropped rather than replayed on a different tree.
//!
//! The moves kept may run further than the walk stands (after going back): the
//! forward button can then make them again.
//!
//! Each move is stored as a flat list of strings (`[tree, node, at, kind, args…]`)
//! rather than through `Step`'s own serde form: deserializing that (an internally
//! tagged, flattened enum) costs several times the code in the WebAssembly bundle.

use crate::browser;
use domain::walk::{Move, Step};
use domain::{Catalog, Walk};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How long a walk is kept after its last change: long enough for a restart of the
/// computer and a coffee, short enough that the next person at a shared computer
/// rarely finds it.
pub const KEPT_FOR_MS: u64 = 2 * 60 * 60 * 1000;

const PREFIX: &str = "lotse.walk.";

#[derive(Serialize, Deserialize)]
struct Saved {
    tree: String,
    versions: BTreeMap<String, String>,
    moves: Vec<Vec<String>>,
    /// How many of `moves` the walk stands at.
    at: usize,
    /// Milliseconds since the Unix epoch after which the walk is dropped.
    until: u64,
}

/// A walk as kept: every move made (some may be taken back) and how many of them
/// count. The moves are not checked against the tree yet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Kept {
    pub moves: Vec<Step>,
    pub at: usize,
}

fn key(tree: &str) -> String {
    PREFIX.to_owned() + tree
}

fn encode(step: &Step) -> Vec<String> {
    let mut out = vec![step.tree.clone(), step.node.clone(), step.at.to_string()];
    match &step.made {
        Move::Answer { index } => out.extend(["answer".into(), index.to_string()]),
        Move::Helped { helped } => out.extend(["helped".into(), helped.to_string()]),
        Move::Values { values } => {
            out.push("values".into());
            for (name, value) in values {
                out.extend([name.clone(), value.clone()]);
            }
        }
        Move::Checked { outcome, value } => {
            out.extend(["checked".into(), outcome.clone(), value.clone()])
        }
    }
    out
}

fn decode(parts: Vec<String>) -> Option<Step> {
    let mut parts = parts.into_iter();
    let tree = parts.next()?;
    let node = parts.next()?;
    let at = parts.next()?.parse().ok()?;
    let made = match parts.next()?.as_str() {
        "answer" => Move::Answer {
            index: parts.next()?.parse().ok()?,
        },
        "helped" => Move::Helped {
            helped: parts.next()? == "true",
        },
        "values" => {
            let mut values = BTreeMap::new();
            while let (Some(name), Some(value)) = (parts.next(), parts.next()) {
                values.insert(name, value);
            }
            Move::Values { values }
        }
        "checked" => Move::Checked {
            outcome: parts.next()?,
            value: parts.next()?,
        },
        _ => return None,
    };
    Some(Step {
        tree,
        node,
        at,
        made,
    })
}

/// Keeps `walk`, standing at its moves, with `moves` as every move made on it.
pub fn store(walk: &Walk, moves: &[Step]) {
    let saved = Saved {
        tree: walk.tree.clone(),
        versions: walk.versions.clone(),
        moves: moves.iter().map(encode).collect(),
        at: walk.transcript.len(),
        until: browser::now() + KEPT_FOR_MS,
    };
    if let Ok(json) = serde_json::to_string(&saved) {
        browser::local_set(&key(&walk.tree), &json);
    }
}

fn read(json: &str) -> Option<Saved> {
    serde_json::from_str(json).ok()
}

/// The walk kept for `tree`, if there is one, it has not expired and was made on the
/// trees the catalog has now.
pub fn restore(catalog: &Catalog, tree: &str) -> Option<Kept> {
    let saved = read(&browser::local_get(&key(tree))?)?;
    let unchanged = saved.tree == tree
        && saved.until > browser::now()
        && saved
            .versions
            .iter()
            .all(|(t, v)| catalog.version(t) == Some(v.as_str()));
    if !unchanged {
        forget(tree);
        return None;
    }
    let moves: Vec<Step> = saved.moves.into_iter().map(decode).collect::<Option<_>>()?;
    Some(Kept {
        at: saved.at.min(moves.len()),
        moves,
    })
}

pub fn forget(tree: &str) {
    browser::local_remove(&key(tree));
}

/// Removes every kept walk whose time is up (or that cannot be read), whichever tree.
pub fn forget_expired() {
    let now = browser::now();
    for key in browser::local_keys() {
        if key.starts_with(PREFIX)
            && browser::local_get(&key)
                .and_then(|json| read(&json))
                .is_none_or(|saved| saved.until <= now)
        {
            browser::local_remove(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_move_survives_the_round_trip() {
        let step = |made| Step {
            tree: "printer".into(),
            node: "start".into(),
            at: 1_700_000_000_000,
            made,
        };
        let moves = [
            Move::Answer { index: 2 },
            Move::Helped { helped: false },
            Move::Values {
                values: BTreeMap::from([("a".into(), "1".into()), ("b".into(), String::new())]),
            },
            Move::Checked {
                outcome: "fast".into(),
                value: "42".into(),
            },
        ];
        for made in moves {
            let original = step(made);
            assert_eq!(decode(encode(&original)), Some(original));
        }
    }
}
