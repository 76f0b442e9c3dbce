//! A tree as a Mermaid flowchart (`lotse graph-tree`), for documentation and review:
//! a pull request that changes a tree can show the picture beside the diff.
//!
//! Each kind has its own shape (questions and branches as diamonds, checks as
//! hexagons, ends as rounded boxes), edges carry the answer, outcome or condition that
//! takes them, and texts are cut to their first line, without Markdown marks, and
//! escaped so that no tree text can break out of its label.

use crate::tree::{Node, Tree};
use crate::tree::{Rule, Test};

/// Longest label shown, in characters; longer texts end in "…".
const LABEL_CHARS: usize = 60;

/// The tree as a Mermaid `flowchart TD`, with texts in `lang`.
pub fn mermaid(tree: &Tree, lang: &str) -> String {
    let mut out = String::from("flowchart TD\n");
    for (id, node) in &tree.nodes {
        let key = key(id);
        let line = match node {
            Node::Question { text, .. } => format!("{key}{{\"{}\"}}", label(text.get(lang))),
            Node::Step { text, .. } => format!("{key}[\"{}\"]", label(text.get(lang))),
            Node::Input { text, .. } => format!("{key}[/\"{}\"/]", label(text.get(lang))),
            Node::Check { check, .. } => format!("{key}{{{{\"check: {}\"}}}}", label(check.name())),
            Node::Branch { .. } => format!("{key}{{\"{}\"}}", label(id)),
            Node::Resolved { text, .. } => {
                format!("{key}([\"{}\"]):::resolved", label(text.get(lang)))
            }
            Node::Escalate { queue, .. } => {
                format!(
                    "{key}[[\"{} {}\"]]:::escalate",
                    label(escalate_word(lang)),
                    label(queue)
                )
            }
            Node::Jump { tree } => format!("{key}>\"→ {}\"]:::jump", label(tree)),
        };
        out.push_str(&format!("  {line}\n"));
    }
    if let Some(start) = tree.nodes.get(&tree.start).map(|_| key(&tree.start)) {
        out.push_str(&format!("  start_(( )) --> {start}\n"));
    }
    for (id, node) in &tree.nodes {
        let from = key(id);
        let mut edge = |to: &str, text: Option<String>| {
            let to = key(to);
            match text {
                Some(text) => out.push_str(&format!("  {from} -->|\"{}\"| {to}\n", label(&text))),
                None => out.push_str(&format!("  {from} --> {to}\n")),
            }
        };
        match node {
            Node::Question { answers, .. } => {
                for answer in answers {
                    edge(&answer.next, Some(answer.label.get(lang).to_owned()));
                }
            }
            Node::Step { next, .. } => edge(next, Some(no_word(lang).to_owned())),
            Node::Input { next, .. } => edge(next, None),
            Node::Check {
                outcomes,
                otherwise,
                ..
            } => {
                for (outcome, next) in outcomes {
                    edge(next, Some(outcome.clone()));
                }
                if let Some(next) = otherwise {
                    edge(next, Some(otherwise_word(lang).to_owned()));
                }
            }
            Node::Branch { rules, otherwise } => {
                for rule in rules {
                    edge(&rule.next, Some(condition(rule)));
                }
                edge(otherwise, Some(otherwise_word(lang).to_owned()));
            }
            Node::Resolved { .. } | Node::Escalate { .. } | Node::Jump { .. } => {}
        }
    }
    out.push_str(
        "  classDef resolved fill:#d8f3dc,stroke:#2d6a4f\n  \
         classDef escalate fill:#ffe5d0,stroke:#b35c00\n  \
         classDef jump fill:#e7ecf7,stroke:#3a5a98\n",
    );
    out
}

/// A Mermaid-safe node key: node ids may hold characters Mermaid reads as syntax.
fn key(id: &str) -> String {
    let mut out = String::from("n_");
    for c in id.chars() {
        out.push(if c.is_ascii_alphanumeric() { c } else { '_' });
    }
    out
}

/// The first line of a text, without Markdown marks, cut short, with every character
/// that could end a Mermaid label written as an entity.
fn label(text: &str) -> String {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let plain: String = first.chars().filter(|c| !matches!(c, '*' | '`')).collect();
    let mut cut: String = plain.chars().take(LABEL_CHARS).collect();
    if plain.chars().count() > LABEL_CHARS {
        cut.push('…');
    }
    let mut out = String::with_capacity(cut.len());
    for c in cut.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '|' => out.push_str("#124;"),
            c => out.push(c),
        }
    }
    out
}

fn condition(rule: &Rule) -> String {
    let fact = &rule.when.fact;
    match &rule.when.test {
        Test::Equals(v) => format!("{fact} = {v}"),
        Test::NotEquals(v) => format!("{fact} ≠ {v}"),
        Test::OneOf(vs) => format!("{fact} in {}", vs.join(", ")),
        Test::Below(n) => format!("{fact} < {n}"),
        Test::Above(n) => format!("{fact} > {n}"),
    }
}

fn no_word(lang: &str) -> &'static str {
    if lang == "de" {
        "hat nicht geholfen"
    } else {
        "did not help"
    }
}

fn otherwise_word(lang: &str) -> &'static str {
    if lang == "de" { "sonst" } else { "otherwise" }
}

fn escalate_word(lang: &str) -> &'static str {
    if lang == "de" {
        "Übergabe an"
    } else {
        "hand-off to"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cannot_break_out_of_their_quotes() {
        assert_eq!(
            label("say \"hi\" <b>#1|2"),
            "say #quot;hi#quot; #lt;b#gt;#35;1#124;2"
        );
        assert_eq!(label("\n\n**Bold** first\nsecond"), "Bold first");
        let long = "x".repeat(LABEL_CHARS + 5);
        assert_eq!(label(&long).chars().count(), LABEL_CHARS + 1);
        assert!(label(&long).ends_with('…'));
    }

    #[test]
    fn keys_are_plain_words() {
        assert_eq!(key("clear-queue.2"), "n_clear_queue_2");
    }
}
