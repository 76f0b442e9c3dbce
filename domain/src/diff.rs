//! What changed between two versions of a tree, in parts an author can read: nodes
//! added and removed; per changed node the texts that changed (old and new), the
//! options (answers, outcomes, rules, `next`) added, removed or pointed elsewhere, and
//! any other key that differs; and the tree's own title, description, category, start.
//!
//! Answers are matched by their label (so a retargeted answer shows as one change);
//! an answer whose label changed shows as removed and added. Check outcomes are matched
//! by outcome name, branch rules by position.

use crate::tree::{Localized, Node, Tree};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The difference of a new tree version to the one it replaces (`None`: a new tree).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TreeDiff {
    /// No version is published yet: every node is new.
    pub new_tree: bool,
    pub title: Option<TextChange>,
    pub description: Option<TextChange>,
    pub category: Option<ValueChange>,
    pub start: Option<ValueChange>,
    /// Other tree keys that differ (`languages`, `keywords`).
    pub other: Vec<String>,
    pub nodes_added: Vec<String>,
    pub nodes_removed: Vec<String>,
    pub nodes_changed: Vec<NodeChange>,
}

/// A text in every language, before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TextChange {
    pub old: Localized,
    pub new: Localized,
}

/// A plain value before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValueChange {
    pub old: String,
    pub new: String,
}

/// One changed text of a node: `text`, `script` or `variant <os>`; `None` when absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartChange {
    pub part: String,
    pub old: Option<Localized>,
    pub new: Option<Localized>,
}

/// Where a node can lead: an answer (with its label), an outcome, a rule, `next`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OptionRef {
    /// `answer`, `outcome <name>`, `otherwise`, `rule <n>`, `next` or `tree`.
    pub key: String,
    /// The answer's label, for answers.
    pub label: Option<Localized>,
    pub target: String,
}

/// An option that now leads elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Retarget {
    pub key: String,
    pub label: Option<Localized>,
    pub old: String,
    pub new: String,
}

/// Everything that changed in one node present in both versions.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NodeChange {
    pub node: String,
    pub kind: Option<ValueChange>,
    pub texts: Vec<PartChange>,
    pub options_added: Vec<OptionRef>,
    pub options_removed: Vec<OptionRef>,
    pub options_retargeted: Vec<Retarget>,
    /// Other keys that differ (`queue`, `fields`, `check`, `impact`, rule conditions...).
    pub other: Vec<String>,
}

impl TreeDiff {
    /// True when the two versions have the same content.
    pub fn is_empty(&self) -> bool {
        !self.new_tree
            && self.title.is_none()
            && self.description.is_none()
            && self.category.is_none()
            && self.start.is_none()
            && self.other.is_empty()
            && self.nodes_added.is_empty()
            && self.nodes_removed.is_empty()
            && self.nodes_changed.is_empty()
    }
}

/// The difference from `old` (the published version, if any) to `new`.
pub fn diff(old: Option<&Tree>, new: &Tree) -> TreeDiff {
    let Some(old) = old else {
        return TreeDiff {
            new_tree: true,
            nodes_added: new.nodes.keys().cloned().collect(),
            ..TreeDiff::default()
        };
    };
    let text = |a: &Localized, b: &Localized| {
        (a != b).then(|| TextChange {
            old: a.clone(),
            new: b.clone(),
        })
    };
    let value = |a: &str, b: &str| {
        (a != b).then(|| ValueChange {
            old: a.to_owned(),
            new: b.to_owned(),
        })
    };
    let mut other = Vec::new();
    if old.languages != new.languages {
        other.push("languages".to_owned());
    }
    if old.keywords != new.keywords {
        other.push("keywords".to_owned());
    }
    TreeDiff {
        new_tree: false,
        title: text(&old.title, &new.title),
        description: text(&old.description, &new.description),
        category: value(&old.category, &new.category),
        start: value(&old.start, &new.start),
        other,
        nodes_added: new
            .nodes
            .keys()
            .filter(|id| !old.nodes.contains_key(*id))
            .cloned()
            .collect(),
        nodes_removed: old
            .nodes
            .keys()
            .filter(|id| !new.nodes.contains_key(*id))
            .cloned()
            .collect(),
        nodes_changed: new
            .nodes
            .iter()
            .filter_map(|(id, node)| {
                let before = old.nodes.get(id)?;
                (before != node).then(|| node_change(id, before, node))
            })
            .collect(),
    }
}

/// Keys of a node's JSON form that [`node_change`] reports in their own parts.
const TEXT_KEYS: [&str; 3] = ["text", "script", "variants"];
const OPTION_KEYS: [&str; 6] = ["answers", "next", "outcomes", "otherwise", "rules", "tree"];

fn node_change(id: &str, old: &Node, new: &Node) -> NodeChange {
    let mut change = NodeChange {
        node: id.to_owned(),
        kind: (old.kind_name() != new.kind_name()).then(|| ValueChange {
            old: old.kind_name().to_owned(),
            new: new.kind_name().to_owned(),
        }),
        ..NodeChange::default()
    };
    change.texts = texts(old, new);
    let (before, after) = (options(old), options(new));
    let same = |a: &OptionRef, b: &OptionRef| a.key == b.key && a.label == b.label;
    for a in &after {
        match before.iter().find(|b| same(a, b)) {
            None => change.options_added.push(a.clone()),
            Some(b) if b.target != a.target => change.options_retargeted.push(Retarget {
                key: a.key.clone(),
                label: a.label.clone(),
                old: b.target.clone(),
                new: a.target.clone(),
            }),
            Some(_) => {}
        }
    }
    change.options_removed = before
        .iter()
        .filter(|b| !after.iter().any(|a| same(a, b)))
        .cloned()
        .collect();
    // Everything else, compared key by key on the JSON form (the derive is the truth
    // about which keys a kind has).
    let (a, b) = (object(old), object(new));
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    for key in keys {
        if key == "kind" || TEXT_KEYS.contains(&key.as_str()) {
            continue;
        }
        if key == "rules" {
            // Targets are options; what is left are the conditions.
            if conditions(old) != conditions(new) {
                change.other.push("conditions".to_owned());
            }
            continue;
        }
        if OPTION_KEYS.contains(&key.as_str()) {
            continue;
        }
        if a.get(key) != b.get(key) {
            change.other.push(key.clone());
        }
    }
    change
}

fn object(node: &Node) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::to_value(node) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    }
}

fn conditions(node: &Node) -> Vec<serde_json::Value> {
    match node {
        Node::Branch { rules, .. } => rules
            .iter()
            .map(|r| {
                let mut v = serde_json::to_value(r).unwrap_or_default();
                if let Some(map) = v.as_object_mut() {
                    map.remove("next");
                }
                v
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn texts(old: &Node, new: &Node) -> Vec<PartChange> {
    let (a, b) = (old.prompt(), new.prompt());
    let mut parts: Vec<(String, Option<&Localized>, Option<&Localized>)> = vec![
        ("text".to_owned(), a.map(|p| p.text), b.map(|p| p.text)),
        (
            "script".to_owned(),
            a.and_then(|p| p.script),
            b.and_then(|p| p.script),
        ),
    ];
    let empty = BTreeMap::new();
    let (va, vb) = (
        a.map_or(&empty, |p| p.variants),
        b.map_or(&empty, |p| p.variants),
    );
    let systems: BTreeSet<&String> = va.keys().chain(vb.keys()).collect();
    for os in systems {
        parts.push((format!("variant {os}"), va.get(os), vb.get(os)));
    }
    parts
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(part, a, b)| PartChange {
            part,
            old: a.cloned(),
            new: b.cloned(),
        })
        .collect()
}

fn options(node: &Node) -> Vec<OptionRef> {
    let plain = |key: String, target: &str| OptionRef {
        key,
        label: None,
        target: target.to_owned(),
    };
    match node {
        Node::Question { answers, .. } => answers
            .iter()
            .map(|a| OptionRef {
                key: "answer".to_owned(),
                label: Some(a.label.clone()),
                target: a.next.clone(),
            })
            .collect(),
        Node::Step { next, .. } | Node::Input { next, .. } => vec![plain("next".into(), next)],
        Node::Check {
            outcomes,
            otherwise,
            ..
        } => outcomes
            .iter()
            .map(|(o, t)| plain(format!("outcome {o}"), t))
            .chain(otherwise.iter().map(|t| plain("otherwise".into(), t)))
            .collect(),
        Node::Branch { rules, otherwise } => rules
            .iter()
            .enumerate()
            .map(|(i, r)| plain(format!("rule {}", i + 1), &r.next))
            .chain(std::iter::once(plain("otherwise".into(), otherwise)))
            .collect(),
        Node::Jump { tree } => vec![plain("tree".into(), tree)],
        Node::Resolved { .. } | Node::Escalate { .. } => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::parse;

    const OLD: &str = r#"
id = "demo"
languages = ["de", "en"]
category = "printing"
title = { de = "Demo", en = "Demo" }
description = { de = "Alt", en = "Old" }
start = "ask"

[nodes.ask]
kind = "question"
text = { de = "Frage?", en = "Question?" }
answers = [
  { label = { de = "Ja", en = "Yes" }, next = "done" },
  { label = { de = "Nein", en = "No" }, next = "help" },
]

[nodes.done]
kind = "resolved"
text = { de = "Gut", en = "Good" }

[nodes.help]
kind = "escalate"
text = { de = "Hilfe", en = "Help" }
queue = "workplace"
impact = "low"
urgency = "low"
"#;

    fn tree(text: &str) -> Tree {
        parse(text).unwrap()
    }

    #[test]
    fn same_tree_has_no_difference() {
        assert!(diff(Some(&tree(OLD)), &tree(OLD)).is_empty());
    }

    #[test]
    fn a_new_tree_adds_every_node() {
        let d = diff(None, &tree(OLD));
        assert!(d.new_tree);
        assert_eq!(d.nodes_added, ["ask", "done", "help"]);
        assert!(!d.is_empty());
    }

    #[test]
    fn reports_texts_options_nodes_and_tree_keys() {
        let new = OLD
            .replace(
                r#"description = { de = "Alt", en = "Old" }"#,
                r#"description = { de = "Neu", en = "New" }"#,
            )
            .replace(
                r#"text = { de = "Frage?", en = "Question?" }"#,
                r#"text = { de = "Frage 2?", en = "Question 2?" }"#,
            )
            .replace(
                r#"{ label = { de = "Nein", en = "No" }, next = "help" },"#,
                r#"{ label = { de = "Nein", en = "No" }, next = "retry" },
  { label = { de = "Weiß nicht", en = "Unsure" }, next = "help" },"#,
            )
            .replace(r#"queue = "workplace""#, r#"queue = "accounts""#)
            .replace(
                "[nodes.done]",
                "[nodes.retry]\nkind = \"step\"\ntext = { de = \"Neu starten\", en = \"Restart\" }\nnext = \"help\"\n\n[nodes.done]",
            );
        let d = diff(Some(&tree(OLD)), &tree(&new));
        assert!(!d.new_tree);
        assert_eq!(d.title, None);
        assert_eq!(d.description.as_ref().unwrap().new.get("en"), "New");
        assert_eq!(d.nodes_added, ["retry"]);
        assert!(d.nodes_removed.is_empty());
        assert_eq!(d.nodes_changed.len(), 2);
        let ask = &d.nodes_changed[0];
        assert_eq!(ask.node, "ask");
        assert_eq!(ask.texts.len(), 1);
        assert_eq!(ask.texts[0].part, "text");
        assert_eq!(ask.texts[0].old.as_ref().unwrap().get("en"), "Question?");
        assert_eq!(ask.texts[0].new.as_ref().unwrap().get("en"), "Question 2?");
        assert_eq!(ask.options_retargeted.len(), 1);
        assert_eq!(ask.options_retargeted[0].old, "help");
        assert_eq!(ask.options_retargeted[0].new, "retry");
        assert_eq!(ask.options_added.len(), 1);
        assert_eq!(
            ask.options_added[0].label.as_ref().unwrap().get("en"),
            "Unsure"
        );
        assert!(ask.options_removed.is_empty());
        let help = &d.nodes_changed[1];
        assert_eq!(help.node, "help");
        assert_eq!(help.other, ["queue"]);
        assert!(help.texts.is_empty());
    }

    #[test]
    fn removed_nodes_kinds_and_removed_answers() {
        let new = OLD
            .replace(
                r#"  { label = { de = "Ja", en = "Yes" }, next = "done" },
"#,
                "",
            )
            .replace(
                "[nodes.done]\nkind = \"resolved\"\ntext = { de = \"Gut\", en = \"Good\" }\n",
                "",
            )
            .replace(
                "kind = \"escalate\"\ntext = { de = \"Hilfe\", en = \"Help\" }\nqueue = \"workplace\"\nimpact = \"low\"\nurgency = \"low\"",
                "kind = \"resolved\"\ntext = { de = \"Hilfe\", en = \"Help\" }",
            )
            .replace(r#"start = "ask""#, r#"start = "help""#);
        let d = diff(Some(&tree(OLD)), &tree(&new));
        assert_eq!(d.nodes_removed, ["done"]);
        assert_eq!(d.start.as_ref().unwrap().new, "help");
        let ask = &d.nodes_changed[0];
        assert_eq!(ask.options_removed.len(), 1);
        assert_eq!(ask.options_removed[0].target, "done");
        let help = &d.nodes_changed[1];
        assert_eq!(help.kind.as_ref().unwrap().old, "escalate");
        assert_eq!(help.other, ["contact", "impact", "queue", "urgency"]);
    }
}
