//! Draft scenarios: the shortest walk to each end of a tree, written as a scenario file
//! for the author to read, rename and keep (`lotse draft-scenarios`).
//!
//! A draft records what the tree does today, so it is a starting point, not a test of
//! intent: the author checks that each walk is the one a person with that problem
//! would take before committing it.

use super::ends;
use crate::catalog::Catalog;
use crate::tree::{Node, Test};
use crate::walk::explore::moves;
use crate::walk::{Move, Place, Step, Walk};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Most walk states looked at per tree, so a tree with many branches cannot hang.
const MAX_STATES: usize = 100_000;

/// A scenario file (TOML) with one scenario per end of `tree` in the language `lang`,
/// each the shortest walk there; ends no walk reaches are listed as comments.
pub fn draft(catalog: &Catalog, tree: &str, lang: &str) -> String {
    let shortest = shortest_walks(catalog, tree);
    let mut out = format!(
        "# Scenarios of the tree `{tree}`: each walk must end at `ends`.\n\
         # Drafted by `lotse draft-scenarios {tree}`: read each walk, rename it after the\n\
         # problem it stands for, and keep it only if a person would walk it that way.\n"
    );
    for end in ends(catalog, tree) {
        let Some(walk) = shortest.get(&end) else {
            out.push_str(&format!("\n# No walk reaches `{end}`.\n"));
            continue;
        };
        out.push_str(&format!(
            "\n[[scenario]]\nname = {}\nends = {}\nsteps = [\n",
            quoted(&name(catalog, &end, walk, lang)),
            quoted(&end)
        ));
        for step in &walk.transcript {
            out.push_str(&format!("  {},\n", step_line(catalog, tree, step, lang)));
        }
        out.push_str("]\n");
    }
    out
}

/// The end and the answers that lead there: "wrong_printer: Nothing comes out › …".
fn name(catalog: &Catalog, end: &str, walk: &Walk, lang: &str) -> String {
    let answers: Vec<&str> = walk
        .transcript
        .iter()
        .filter_map(
            |step| match (&step.made, catalog.tree(&step.tree)?.node(&step.node)?) {
                (Move::Answer { index }, Node::Question { answers, .. }) => {
                    answers.get(*index).map(|a| a.label.get(lang))
                }
                _ => None,
            },
        )
        .collect();
    if answers.is_empty() {
        end.to_owned()
    } else {
        format!("{end}: {}", answers.join(" › "))
    }
}

/// Breadth first from the start: the first walk to reach each end node is a shortest.
fn shortest_walks(catalog: &Catalog, tree: &str) -> BTreeMap<String, Walk> {
    let mut found = BTreeMap::new();
    let Ok(start) = Walk::start(catalog, tree) else {
        return found;
    };
    let wanted = compared_values(catalog);
    let mut queue = VecDeque::from([start]);
    let mut seen = BTreeSet::new();
    while let Some(walk) = queue.pop_front() {
        if seen.len() >= MAX_STATES {
            break;
        }
        let place = walk.place().clone();
        // The end is part of the state: a step that helped ends where it waited.
        let state = (
            place.tree.clone(),
            place.node.clone(),
            walk.is_over(),
            walk.facts.clone(),
        );
        if !seen.insert(state) {
            continue;
        }
        if walk.is_over() {
            if place.tree == tree && !found.contains_key(&place.node) {
                found.insert(place.node.clone(), walk);
            }
            continue;
        }
        for made in draft_moves(&walk, catalog, &wanted) {
            let mut next = walk.clone();
            let step = Step {
                tree: place.tree.clone(),
                node: place.node.clone(),
                at: 1_760_000_000_000 + walk.transcript.len() as u64,
                made,
            };
            if next.apply(catalog, step).is_ok() {
                queue.push_back(next);
            }
        }
    }
    found
}

/// The engine's candidate moves, plus, for fields and checks whose fact a branch
/// compares, one move per value that makes a comparison come out another way: without
/// them a branch on "how many people are affected" would only ever see one answer.
fn draft_moves(
    walk: &Walk,
    catalog: &Catalog,
    wanted: &BTreeMap<String, Vec<String>>,
) -> Vec<Move> {
    let mut all = moves(walk, catalog);
    let node = walk.node(catalog);
    let mut more = Vec::new();
    for made in &all {
        match (made, node) {
            (Move::Values { values }, Some(Node::Input { fields, .. })) => {
                for field in fields.iter().filter(|f| wanted.contains_key(&f.name)) {
                    let options = field.options.iter().map(|o| &o.value);
                    for value in wanted[&field.name].iter().chain(options) {
                        if field.check(value).is_ok() && values.get(&field.name) != Some(value) {
                            let mut changed = values.clone();
                            changed.insert(field.name.clone(), value.clone());
                            more.push(Move::Values { values: changed });
                        }
                    }
                }
            }
            (Move::Checked { outcome, .. }, Some(Node::Check { check, fact, .. })) => {
                let fact = fact.as_deref().unwrap_or(check.name());
                for value in wanted.get(fact).into_iter().flatten() {
                    more.push(Move::Checked {
                        outcome: outcome.clone(),
                        value: value.clone(),
                    });
                }
            }
            _ => {}
        }
    }
    all.extend(more);
    all
}

/// For each fact a branch compares, values on both sides of each comparison.
fn compared_values(catalog: &Catalog) -> BTreeMap<String, Vec<String>> {
    let mut wanted: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for entry in catalog.entries() {
        for node in entry.tree.nodes.values() {
            let Node::Branch { rules, .. } = node else {
                continue;
            };
            for rule in rules {
                let values = wanted.entry(rule.when.fact.clone()).or_default();
                match &rule.when.test {
                    Test::Equals(v) | Test::NotEquals(v) => values.push(v.clone()),
                    Test::OneOf(vs) => values.extend(vs.iter().cloned()),
                    Test::Below(n) | Test::Above(n) => {
                        values.extend([n - 1.0, *n, n + 1.0].map(|x| x.to_string()));
                    }
                }
            }
        }
    }
    for values in wanted.values_mut() {
        values.sort();
        values.dedup();
    }
    wanted
}

/// One step as an inline TOML table.
fn step_line(catalog: &Catalog, tree: &str, step: &Step, lang: &str) -> String {
    let place = Place {
        tree: step.tree.clone(),
        node: step.node.clone(),
    };
    let at = quoted(&super::shown(&place, tree));
    match &step.made {
        Move::Answer { index } => {
            let label = catalog
                .tree(&step.tree)
                .and_then(|t| t.node(&step.node))
                .and_then(|node| match node {
                    Node::Question { answers, .. } => answers.get(*index),
                    _ => None,
                })
                .map(|a| a.label.get(lang).to_owned());
            match label {
                Some(label) => format!("{{ at = {at}, answer = {} }}", quoted(&label)),
                None => format!("{{ at = {at}, answer = {} }}", index + 1),
            }
        }
        Move::Helped { helped } => format!("{{ at = {at}, helped = {helped} }}"),
        Move::Values { values } => {
            let pairs: Vec<String> = values
                .iter()
                .map(|(k, v)| format!("{} = {}", quoted(k), quoted(v)))
                .collect();
            format!("{{ at = {at}, values = {{ {} }} }}", pairs.join(", "))
        }
        Move::Checked { outcome, .. } => format!("{{ at = {at}, outcome = {} }}", quoted(outcome)),
    }
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
