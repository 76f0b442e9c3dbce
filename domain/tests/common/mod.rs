//! A small valid catalog that tests break one rule at a time.

#![allow(dead_code)]

use domain::catalog::{Catalog, SourceFile};
use domain::validate::Problem;

pub const CATALOG: &str = r#"
[queues.q]
name = { de = "Warteschlange", en = "Queue" }
[categories.cat]
name = { de = "Kategorie", en = "Category" }
"#;

/// Uses every node kind: ask → try → probe (online check) → fixed | other (jump to
/// `second`); ask → details (required number) → route (branch on it) → hand_off | fixed.
pub const BASE: &str = r#"
id = "base"
languages = ["de", "en"]
category = "cat"
title = { de = "Titel", en = "Title" }
description = { de = "Beschreibung", en = "Description" }
keywords = { de = ["wort"], en = ["word"] }
start = "ask"

[nodes.ask]
kind = "question"
text = { de = "Frage?", en = "Question?" }
answers = [
  { label = { de = "A", en = "A" }, next = "try" },
  { label = { de = "B", en = "B" }, next = "details" },
]

[nodes.try]
kind = "step"
text = { de = "Neu starten", en = "Restart" }
next = "probe"

[nodes.probe]
kind = "check"
check = "online"
text = { de = "Prüfe", en = "Checking" }
outcomes = { online = "fixed", offline = "other" }

[nodes.other]
kind = "jump"
tree = "second"

[nodes.details]
kind = "input"
text = { de = "Angaben", en = "Details" }
fields = [
  { name = "count", type = "number", required = true, min = 1, label = { de = "Anzahl", en = "Count" } },
  { name = "note", type = "text", label = { de = "Notiz", en = "Note" } },
]
next = "route"

[nodes.route]
kind = "branch"
rules = [ { fact = "count", above = 10, next = "hand_off" } ]
otherwise = "fixed"

[nodes.fixed]
kind = "resolved"
text = { de = "Gelöst", en = "Solved" }

[nodes.hand_off]
kind = "escalate"
text = { de = "Wir übernehmen", en = "We take over" }
queue = "q"
impact = "high"
urgency = "low"
contact = { email = "required" }
"#;

pub const SECOND: &str = r#"
id = "second"
languages = ["de", "en"]
category = "cat"
title = { de = "Zwei", en = "Two" }
description = { de = "Zweiter Baum", en = "Second tree" }
keywords = { de = ["zwei"], en = ["two"] }
start = "done"

[nodes.done]
kind = "resolved"
text = { de = "Fertig", en = "Done" }
"#;

pub fn file(path: &str, text: &str) -> SourceFile {
    SourceFile {
        path: path.to_owned(),
        text: text.to_owned(),
    }
}

/// Builds a catalog of `base.toml` and `second.toml`.
pub fn build(base: &str, second: &str) -> Result<Catalog, Vec<Problem>> {
    Catalog::build(
        &[
            file("trees/base.toml", base),
            file("trees/second.toml", second),
        ],
        Some(&file("trees/catalog.toml", CATALOG)),
    )
}

pub fn catalog() -> Catalog {
    build(BASE, SECOND).expect("the base catalog is valid")
}

/// The problems of the base tree after replacing `from` with `to` (which must occur).
pub fn problems_with(from: &str, to: &str) -> Vec<Problem> {
    assert!(BASE.contains(from), "fixture lacks {from:?}");
    match build(&BASE.replacen(from, to, 1), SECOND) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    }
}
