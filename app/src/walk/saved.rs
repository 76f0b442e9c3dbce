//! The walk in the tab's session storage: its tree, the tree versions and the moves.
//!
//! Session storage, not local storage: it lasts through reloads but ends with the tab,
//! so a shared computer does not keep someone's answers. Only the transcript is stored;
//! restoring replays it, and a walk whose trees changed since is dropped rather than
//! replayed on a different tree.
//!
//! Each move is stored as a flat list of strings (`[tree, node, at, kind, args…]`)
//! rather than through `Step`'s own serde form: deserializing that (an internally
//! tagged, flattened enum) costs several times the code in the WebAssembly bundle.

use crate::browser;
use domain::walk::{Move, Step};
use domain::{Catalog, Walk, replay};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Serialize, Deserialize)]
struct Saved {
    tree: String,
    versions: BTreeMap<String, String>,
    moves: Vec<Vec<String>>,
}

fn key(tree: &str) -> String {
    format!("lotse.walk.{tree}")
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

pub fn store(walk: &Walk) {
    let saved = Saved {
        tree: walk.tree.clone(),
        versions: walk.versions.clone(),
        moves: walk.transcript.iter().map(encode).collect(),
    };
    if let Ok(json) = serde_json::to_string(&saved) {
        browser::session_set(&key(&walk.tree), &json);
    }
}

pub fn restore(catalog: &Catalog, tree: &str) -> Option<Walk> {
    let json = browser::session_get(&key(tree))?;
    let saved: Saved = serde_json::from_str(&json).ok()?;
    let unchanged = saved.tree == tree
        && saved
            .versions
            .iter()
            .all(|(t, v)| catalog.version(t) == Some(v.as_str()));
    if !unchanged {
        return None;
    }
    let transcript: Vec<Step> = saved.moves.into_iter().map(decode).collect::<Option<_>>()?;
    replay(catalog, tree, &transcript).ok()
}

pub fn forget(tree: &str) {
    browser::session_remove(&key(tree));
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
