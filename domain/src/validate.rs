//! The rules every tree folder must follow, each reported as one precise [`Problem`]:
//! which file, which node, which rule, and what to do about it.
//!
//! Rules (the `rule` names as printed):
//! `parse`, `catalog`, `duplicate-tree`, `file-name`, `id-format`, `languages`,
//! `unknown-category`, `unknown-queue`, `start`, `dangling-reference`, `unknown-tree`,
//! `unreachable`, `cycle`, `jump-cycle`, `dead-end`, `missing-translation`, `unset-fact`,
//! `unknown-check`, `unknown-outcome`, `check-parameter`, `unknown-field-type`, `field`,
//! `unknown-os`, `unsafe-link`.

use crate::catalog::{Catalog, Entry};
use crate::markdown;
use crate::tree::{CheckKind, FieldKind, Localized, Node, OS_FAMILIES, Tree};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, with `:line` when the parser knows it.
    pub file: String,
    pub node: Option<String>,
    pub rule: &'static str,
    /// What is wrong and what to do.
    pub message: String,
}

impl Problem {
    pub fn file(file: &str, rule: &'static str, message: &str) -> Problem {
        Problem {
            file: file.to_owned(),
            node: None,
            rule,
            message: message.to_owned(),
        }
    }

    pub fn parse(file: &str, line: Option<usize>, message: &str) -> Problem {
        Problem {
            file: match line {
                Some(line) => format!("{file}:{line}"),
                None => file.to_owned(),
            },
            node: None,
            rule: "parse",
            message: format!("{message}; see docs/tree-format.md"),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.node {
            Some(node) => write!(
                f,
                "{}: node `{}`: {}: {}",
                self.file, node, self.rule, self.message
            ),
            None => write!(f, "{}: {}: {}", self.file, self.rule, self.message),
        }
    }
}

/// Every rule over a parsed catalog. Problems come in file order, then node order.
pub fn catalog(catalog: &Catalog) -> Vec<Problem> {
    let mut problems = Vec::new();
    let declarations = catalog.declarations();
    let required = ["de".to_owned(), "en".to_owned()];
    for (kind, items) in [
        ("queue", &declarations.queues),
        ("category", &declarations.categories),
    ] {
        for (id, named) in items.iter() {
            let missing = named.name.missing(&required);
            if !missing.is_empty() {
                problems.push(Problem::file(
                    crate::catalog::CATALOG_FILE,
                    "missing-translation",
                    &format!(
                        "{kind} `{id}` has no name in {}; add it",
                        missing.join(", ")
                    ),
                ));
            }
        }
    }
    for entry in catalog.entries() {
        problems.extend(tree(entry, catalog));
    }
    problems.extend(jump_cycles(catalog));
    problems
}

/// The rules of one tree; references to other trees, queues and categories are looked
/// up in `catalog`.
fn tree(entry: &Entry, catalog: &Catalog) -> Vec<Problem> {
    let t = &entry.tree;
    let mut out = Report {
        file: &entry.file,
        problems: Vec::new(),
    };
    let stem = entry
        .file
        .rsplit('/')
        .next()
        .unwrap_or(&entry.file)
        .trim_end_matches(".toml");
    if stem != t.id {
        out.tree(
            "file-name",
            format!("the tree id `{}` differs from the file name; rename the file to `{}.toml` or change the id", t.id, t.id),
        );
    }
    if !valid_id(&t.id) {
        out.tree(
            "id-format",
            format!("tree id `{}` may only use a-z, 0-9, `-` and `_`", t.id),
        );
    }
    for lang in ["de", "en"] {
        if !t.languages.iter().any(|l| l == lang) {
            out.tree(
                "languages",
                format!("`languages` must include `{lang}`; add it and write every text in it"),
            );
        }
    }
    if !catalog.declarations().categories.contains_key(&t.category) {
        out.tree(
            "unknown-category",
            format!(
                "category `{}` is not declared in catalog.toml; declare it or use one of: {}",
                t.category,
                names(catalog.declarations().categories.keys())
            ),
        );
    }
    translations(t, &mut out);
    if t.node(&t.start).is_none() {
        out.tree(
            "start",
            format!(
                "start node `{}` does not exist; point `start` at a node of this tree",
                t.start
            ),
        );
    }
    for (id, node) in &t.nodes {
        if !valid_id(id) {
            out.node(
                id,
                "id-format",
                "node ids may only use a-z, 0-9, `-` and `_`".into(),
            );
        }
        references(t, id, node, catalog, &mut out);
        node_rules(id, node, &mut out);
    }
    let acyclic = cycles(t, &mut out);
    unreachable(t, &mut out);
    if acyclic && t.node(&t.start).is_some() {
        facts(t, &mut out);
    }
    out.problems
}

/// Collects problems for one file.
struct Report<'a> {
    file: &'a str,
    problems: Vec<Problem>,
}

impl Report<'_> {
    fn tree(&mut self, rule: &'static str, message: String) {
        self.problems.push(Problem {
            file: self.file.to_owned(),
            node: None,
            rule,
            message,
        });
    }

    fn node(&mut self, node: &str, rule: &'static str, message: String) {
        self.problems.push(Problem {
            file: self.file.to_owned(),
            node: Some(node.to_owned()),
            rule,
            message,
        });
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn names<'a>(items: impl Iterator<Item = &'a String>) -> String {
    let all: Vec<&str> = items.map(String::as_str).collect();
    if all.is_empty() {
        "(none declared)".to_owned()
    } else {
        all.join(", ")
    }
}

/// Every text in every declared language, and only safe links.
fn translations(t: &Tree, out: &mut Report<'_>) {
    let langs = &t.languages;
    let mut check = |node: Option<&str>, what: &str, text: &Localized| {
        let missing = text.missing(langs);
        if !missing.is_empty() {
            let m = format!("{what} has no text in {}; add it", missing.join(", "));
            match node {
                Some(n) => out.node(n, "missing-translation", m),
                None => out.tree("missing-translation", m),
            }
        }
        for text in text.0.values() {
            for href in markdown::unsafe_links(text) {
                let m = format!(
                    "{what} links to `{href}`; only https:, http: and mailto: links are shown"
                );
                match node {
                    Some(n) => out.node(n, "unsafe-link", m),
                    None => out.tree("unsafe-link", m),
                }
            }
        }
    };
    check(None, "`title`", &t.title);
    check(None, "`description`", &t.description);
    for (id, node) in &t.nodes {
        if let Some(p) = node.prompt() {
            check(Some(id), "`text`", p.text);
            if let Some(script) = p.script {
                check(Some(id), "`script`", script);
            }
            for (os, text) in p.variants {
                check(Some(id), &format!("variant `{os}`"), text);
            }
        }
        match node {
            Node::Question { answers, .. } => {
                for (i, a) in answers.iter().enumerate() {
                    check(Some(id), &format!("answer {}", i + 1), &a.label);
                }
            }
            Node::Input { fields, .. } => {
                for f in fields {
                    check(Some(id), &format!("field `{}` label", f.name), &f.label);
                    if let Some(help) = &f.help {
                        check(Some(id), &format!("field `{}` help", f.name), help);
                    }
                    for o in &f.options {
                        check(
                            Some(id),
                            &format!("option `{}` of field `{}`", o.value, f.name),
                            &o.label,
                        );
                    }
                }
            }
            _ => {}
        }
    }
    for lang in langs {
        if t.keywords.get(lang).is_none_or(Vec::is_empty) {
            out.tree(
                "missing-translation",
                format!("`keywords` has no words in {lang}; add some so search finds the tree"),
            );
        }
    }
}

/// Node, tree and queue references resolve.
fn references(t: &Tree, id: &str, node: &Node, catalog: &Catalog, out: &mut Report<'_>) {
    for next in node.successors() {
        if t.node(next).is_none() {
            out.node(
                id,
                "dangling-reference",
                format!(
                    "leads to `{next}`, which is not a node of this tree; add it or fix the id"
                ),
            );
        }
    }
    match node {
        Node::Jump { tree } if catalog.tree(tree).is_none() => {
            out.node(
                id,
                "unknown-tree",
                format!("jumps to tree `{tree}`, which is not in the tree folder"),
            );
        }
        Node::Escalate { queue, .. } if !catalog.declarations().queues.contains_key(queue) => {
            out.node(
                id,
                "unknown-queue",
                format!("escalates to queue `{queue}`, which catalog.toml does not declare; use one of: {}", names(catalog.declarations().queues.keys())),
            );
        }
        _ => {}
    }
}

/// Rules about a single node: dead ends, check kinds and outcomes, fields, variants.
fn node_rules(id: &str, node: &Node, out: &mut Report<'_>) {
    if let Some(p) = node.prompt() {
        for os in p.variants.keys() {
            if !OS_FAMILIES.contains(&os.as_str()) {
                out.node(
                    id,
                    "unknown-os",
                    format!(
                        "variant `{os}` is not an OS family; use one of: {}",
                        OS_FAMILIES.join(", ")
                    ),
                );
            }
        }
    }
    match node {
        Node::Question { answers, .. } if answers.is_empty() => {
            out.node(
                id,
                "dead-end",
                "a question needs at least one answer".into(),
            );
        }
        Node::Input { fields, .. } => {
            if fields.is_empty() {
                out.node(id, "field", "an input node needs at least one field".into());
            }
            let mut seen = BTreeSet::new();
            for f in fields {
                if !seen.insert(&f.name) {
                    out.node(
                        id,
                        "field",
                        format!(
                            "field name `{}` is used twice; each field sets its own fact",
                            f.name
                        ),
                    );
                }
                if !valid_id(&f.name) {
                    out.node(
                        id,
                        "field",
                        format!("field name `{}` may only use a-z, 0-9, `-` and `_`", f.name),
                    );
                }
                if let FieldKind::Unknown(kind) = &f.kind {
                    let known: Vec<&str> = FieldKind::ALL.iter().map(FieldKind::name).collect();
                    out.node(
                        id,
                        "unknown-field-type",
                        format!(
                            "field `{}` has type `{kind}`; use one of: {}",
                            f.name,
                            known.join(", ")
                        ),
                    );
                }
                if f.kind == FieldKind::Choice && f.options.is_empty() {
                    out.node(
                        id,
                        "field",
                        format!("choice field `{}` needs `options`", f.name),
                    );
                }
                if f.kind != FieldKind::Choice && !f.options.is_empty() {
                    out.node(
                        id,
                        "field",
                        format!("field `{}` has `options` but is not a choice", f.name),
                    );
                }
                if let (Some(min), Some(max)) = (f.min, f.max)
                    && min > max
                {
                    out.node(
                        id,
                        "field",
                        format!("field `{}` has min {min} above max {max}", f.name),
                    );
                }
                if let Some(pattern) = &f.pattern {
                    if f.kind != FieldKind::Text {
                        out.node(
                            id,
                            "field",
                            format!("field `{}`: `pattern` applies to text fields only", f.name),
                        );
                    } else if let Some(e) = invalid_pattern(pattern) {
                        out.node(
                            id,
                            "field",
                            format!("field `{}` has an invalid pattern: {e}", f.name),
                        );
                    }
                }
            }
        }
        Node::Check {
            check,
            url,
            expect,
            outcomes,
            otherwise,
            ..
        } => {
            if let CheckKind::Unknown(name) = check {
                let known: Vec<&str> = CheckKind::ALL.iter().map(CheckKind::name).collect();
                out.node(
                    id,
                    "unknown-check",
                    format!(
                        "check `{name}` does not exist; use one of: {}",
                        known.join(", ")
                    ),
                );
                return;
            }
            for outcome in outcomes.keys() {
                if !check.outcomes().contains(&outcome.as_str()) {
                    out.node(
                        id,
                        "unknown-outcome",
                        format!(
                            "check `{}` never reports `{outcome}`; its outcomes are: {}",
                            check.name(),
                            check.outcomes().join(", ")
                        ),
                    );
                }
            }
            let uncovered: Vec<&str> = check
                .outcomes()
                .iter()
                .filter(|o| !outcomes.contains_key(**o))
                .copied()
                .collect();
            if otherwise.is_none() && !uncovered.is_empty() {
                out.node(
                    id,
                    "dead-end",
                    format!(
                        "outcome {} leads nowhere; add it to `outcomes` or set `otherwise`",
                        uncovered.join(", ")
                    ),
                );
            }
            match check {
                CheckKind::Reach => match url {
                    None => out.node(id, "check-parameter", "a `reach` check needs `url`".into()),
                    Some(u) if !(u.starts_with("https://") || u.starts_with("http://")) => {
                        out.node(
                            id,
                            "check-parameter",
                            format!("`url` `{u}` must start with https:// or http://"),
                        );
                    }
                    _ => {}
                },
                CheckKind::Timezone | CheckKind::Language if expect.is_empty() => {
                    out.node(
                        id,
                        "check-parameter",
                        format!(
                            "a `{}` check needs `expect`, the values counted as expected",
                            check.name()
                        ),
                    );
                }
                _ => {}
            }
        }
        _ => {}
    }
}

/// Reports every cycle once, as the chain of ids that closes it. Returns whether the
/// tree is free of cycles.
fn cycles(t: &Tree, out: &mut Report<'_>) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    let mut marks: BTreeMap<&str, Mark> = BTreeMap::new();
    let mut found = false;
    for root in t.nodes.keys() {
        if marks.contains_key(root.as_str()) {
            continue;
        }
        // Iterative depth-first search: (node, index of the next successor to visit).
        let mut stack: Vec<(&str, usize)> = vec![(root, 0)];
        marks.insert(root, Mark::Open);
        while let Some((id, i)) = stack.last().copied() {
            let succ = t.node(id).map(Node::successors).unwrap_or_default();
            match succ.get(i) {
                None => {
                    marks.insert(id, Mark::Done);
                    stack.pop();
                }
                Some(next) => {
                    if let Some(top) = stack.last_mut() {
                        top.1 += 1;
                    }
                    if t.node(next).is_none() {
                        continue;
                    }
                    match marks.get(next) {
                        Some(Mark::Open) => {
                            found = true;
                            let from = stack.iter().position(|(n, _)| *n == *next).unwrap_or(0);
                            let chain: Vec<&str> = stack[from..]
                                .iter()
                                .map(|(n, _)| *n)
                                .chain([*next])
                                .collect();
                            out.node(
                                next,
                                "cycle",
                                format!(
                                    "the path {} loops; a walk must always move towards an end",
                                    chain.join(" → ")
                                ),
                            );
                        }
                        Some(Mark::Done) => {}
                        None => {
                            marks.insert(next, Mark::Open);
                            stack.push((next, 0));
                        }
                    }
                }
            }
        }
    }
    !found
}

/// Nodes no walk can reach from `start`.
fn unreachable(t: &Tree, out: &mut Report<'_>) {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut todo = vec![t.start.as_str()];
    while let Some(id) = todo.pop() {
        if !seen.insert(id) {
            continue;
        }
        if let Some(node) = t.node(id) {
            todo.extend(node.successors());
        }
    }
    for id in t.nodes.keys() {
        if !seen.contains(id.as_str()) {
            out.node(
                id,
                "unreachable",
                "no walk from `start` reaches this node; link it from another node or delete it"
                    .into(),
            );
        }
    }
}

/// Every fact a branch tests is set on every path that reaches the branch. Needs an
/// acyclic tree: facts set for sure at a node are those set on all paths into it.
fn facts(t: &Tree, out: &mut Report<'_>) {
    // Reverse post-order from `start` is a topological order of the reachable nodes.
    let mut order: Vec<&str> = Vec::new();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut stack: Vec<(&str, usize)> = vec![(t.start.as_str(), 0)];
    seen.insert(&t.start);
    while let Some((id, i)) = stack.last().copied() {
        let succ = t.node(id).map(Node::successors).unwrap_or_default();
        match succ.get(i) {
            None => {
                order.push(id);
                stack.pop();
            }
            Some(next) => {
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }
                if t.node(next).is_some() && seen.insert(next) {
                    stack.push((next, 0));
                }
            }
        }
    }
    order.reverse();
    let mut known: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    known.insert(&t.start, BTreeSet::new());
    for id in order {
        let Some(node) = t.node(id) else { continue };
        let here = known.get(id).cloned().unwrap_or_default();
        if let Node::Branch { rules, .. } = node {
            for rule in rules {
                if !here.contains(&rule.when.fact) {
                    out.node(
                        id,
                        "unset-fact",
                        format!("tests fact `{}`, which is not set on every path to this node; set it with a required input field or a check before", rule.when.fact),
                    );
                }
            }
        }
        let mut after = here;
        after.extend(node.sets_facts());
        for next in node.successors() {
            known
                .entry(next)
                .and_modify(|set| set.retain(|f| after.contains(f)))
                .or_insert_with(|| after.clone());
        }
    }
}

/// Trees that jump into each other in a circle would make a walk endless.
fn jump_cycles(catalog: &Catalog) -> Vec<Problem> {
    let jumps = |id: &str| -> Vec<String> {
        catalog
            .tree(id)
            .map(|t| {
                t.nodes
                    .values()
                    .filter_map(|n| match n {
                        Node::Jump { tree } => Some(tree.clone()),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut problems = Vec::new();
    let mut reported: BTreeSet<String> = BTreeSet::new();
    for entry in catalog.entries() {
        // Depth-first over trees reachable by jumps; a path back to the start is a cycle.
        let start = entry.tree.id.clone();
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((id, path)) = stack.pop() {
            for next in jumps(&id) {
                if next == start {
                    let mut key: Vec<String> = path.clone();
                    key.sort();
                    if reported.insert(key.join(",")) {
                        problems.push(Problem {
                            file: entry.file.clone(),
                            node: None,
                            rule: "jump-cycle",
                            message: format!(
                                "trees jump in a circle: {} → {next}; one of them must end instead",
                                path.join(" → ")
                            ),
                        });
                    }
                } else if seen.insert(next.clone()) {
                    let mut p = path.clone();
                    p.push(next.clone());
                    stack.push((next, p));
                }
            }
        }
    }
    problems
}

/// Why a pattern does not compile. Without the `regex` feature (the browser app, which
/// trusts the server's validated trees) nothing is checked here.
fn invalid_pattern(pattern: &str) -> Option<String> {
    #[cfg(feature = "regex")]
    {
        regex_lite::Regex::new(pattern).err().map(|e| e.to_string())
    }
    #[cfg(not(feature = "regex"))]
    {
        let _ = pattern;
        None
    }
}
