//! Finding topics by what people type: the rule behind the landing page's search box.
//!
//! A tree matches a query when every word of the query is the beginning of some word of
//! the tree's title, description or keywords, in *every* language the tree has: a German
//! user who types `printer` finds the printer tree as surely as one who types `Drucker`.
//!
//! Both sides are normalised the same way first:
//! - lower case, diacritics dropped: `ä` → `a` (not `ae`), `é` → `e`, `ß` → `ss`; the
//!   spellings people type (`Kennwort` and `Passwort`) come from the trees' keywords,
//!   not from guessing;
//! - separators inside a word removed: `Wi-Fi` → `wifi`, `E-Mail` → `email`; and the
//!   parts between separators count as words too, so `WLAN-Kennwort` is found by
//!   `wlankennwort`, `wlan` and `kennwort`.
//!
//! Prefix, not substring: `druck` finds `Drucker`, `rucker` finds nothing, which keeps a
//! short query from matching the middle of unrelated words.

use domain::api::TreeSummary;
use domain::fold::fold;
use domain::markdown::plain_text;

/// What a person typed, as the words search compares. Empty when nothing searchable
/// was typed (only spaces or punctuation): then there is no search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    pub fn parse(input: &str) -> Query {
        let words = fold(input)
            .split_whitespace()
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
            })
            .filter(|w| !w.is_empty())
            .collect();
        Query { words }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every word of the query begins some word of the tree, in any language.
    pub fn matches(&self, tree: &TreeSummary) -> bool {
        let words = tree_words(tree);
        self.words
            .iter()
            .all(|q| words.iter().any(|w| w.starts_with(q.as_str())))
    }
}

/// The words of a tree that search looks at, normalised.
fn tree_words(tree: &TreeSummary) -> Vec<String> {
    let mut words = Vec::new();
    for title in tree.title.0.values() {
        push_words(title, &mut words);
    }
    for description in tree.description.0.values() {
        push_words(&plain_text(description), &mut words);
    }
    for keyword in tree.keywords.values().flatten() {
        push_words(keyword, &mut words);
    }
    words
}

/// Each whitespace-separated word of `text` without its separators, and its parts.
fn push_words(text: &str, into: &mut Vec<String>) {
    for word in fold(text).split_whitespace() {
        let joined: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
        if joined.is_empty() {
            continue;
        }
        into.extend(
            word.split(|c: char| !c.is_alphanumeric())
                .filter(|p| !p.is_empty() && p.len() < joined.len())
                .map(str::to_owned),
        );
        into.push(joined);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped trees, as the server lists them.
    fn shipped() -> Vec<TreeSummary> {
        [
            include_str!("../../trees/email.toml"),
            include_str!("../../trees/no-internet.toml"),
            include_str!("../../trees/password.toml"),
            include_str!("../../trees/printer.toml"),
            include_str!("../../trees/slow-computer.toml"),
            include_str!("../../trees/vpn.toml"),
        ]
        .into_iter()
        .map(|text| {
            let tree = domain::tree::parse(text).expect("a shipped tree parses");
            TreeSummary {
                id: tree.id,
                version: String::new(),
                category: tree.category,
                languages: tree.languages,
                title: tree.title,
                description: tree.description,
                keywords: tree.keywords,
            }
        })
        .collect()
    }

    fn found(query: &str) -> Vec<String> {
        let query = Query::parse(query);
        shipped()
            .into_iter()
            .filter(|t| query.matches(t))
            .map(|t| t.id)
            .collect()
    }

    #[test]
    fn finds_the_right_tree_in_either_language() {
        for (query, tree) in [
            ("Drucker", "printer"),
            ("drucken", "printer"),
            ("printer", "printer"),
            ("PRINT", "printer"),
            ("Passwort", "password"),
            ("password", "password"),
            ("Kennwort", "password"),
            ("WLAN", "no-internet"),
            ("Wi-Fi", "no-internet"),
            ("wifi", "no-internet"),
            ("wi fi", "no-internet"),
            ("E-Mail", "email"),
            ("email", "email"),
            ("vpn", "vpn"),
            ("Computer langsam", "slow-computer"),
        ] {
            assert!(found(query).contains(&tree.to_owned()), "{query} → {tree}");
        }
        assert_eq!(found("Drucker"), ["printer"]);
        assert_eq!(found("printer"), ["printer"]);
        assert_eq!(found("drucken"), ["printer"]);
    }

    #[test]
    fn ignores_case_diacritics_and_separators() {
        assert_eq!(found("zurücksetzen"), ["password"]);
        assert_eq!(found("zurucksetzen"), ["password"]);
        assert_eq!(found("lädt"), found("ladt"));
        assert_eq!(found("  wlan-kennwort!  "), ["no-internet"]);
        assert_eq!(fold("Straße ÄÖÜ é"), "strasse aou e");
    }

    #[test]
    fn every_word_must_begin_a_word_of_the_tree() {
        assert_eq!(found("printer password"), Vec::<String>::new());
        assert_eq!(found("rucker"), Vec::<String>::new());
        assert_eq!(found("xyzzy"), Vec::<String>::new());
    }

    #[test]
    fn nothing_searchable_is_no_search() {
        assert!(Query::parse("").is_empty());
        assert!(Query::parse("  - / ").is_empty());
        assert!(!Query::parse("a").is_empty());
    }
}
