//! Texts in several languages.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A text per language code (`de`, `en`, ...). Written in a tree file as
/// `text = { de = "…", en = "…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Localized(pub BTreeMap<String, String>);

impl Localized {
    /// The text in `lang`, else in English, else any text there is. Validation makes
    /// sure shipped trees have every declared language, so the fallbacks only matter
    /// for a browser language no tree declares.
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get("en"))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }

    /// Declared languages this text lacks (an empty text counts as missing).
    pub fn missing<'a>(&self, languages: &'a [String]) -> Vec<&'a str> {
        languages
            .iter()
            .filter(|l| self.0.get(*l).is_none_or(|t| t.trim().is_empty()))
            .map(String::as_str)
            .collect()
    }

    /// Builds a text from `(language, text)` pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Localized(
            pairs
                .into_iter()
                .map(|(l, t)| (l.to_owned(), t.to_owned()))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_english_then_any() {
        let t = Localized::from_pairs([("de", "Hallo"), ("en", "Hello")]);
        assert_eq!(t.get("de"), "Hallo");
        assert_eq!(t.get("fr"), "Hello");
        let only_de = Localized::from_pairs([("de", "Hallo")]);
        assert_eq!(only_de.get("en"), "Hallo");
    }

    #[test]
    fn blank_text_counts_as_missing() {
        let t = Localized::from_pairs([("de", "  "), ("en", "Hello")]);
        let langs = vec!["de".to_owned(), "en".to_owned(), "fr".to_owned()];
        assert_eq!(t.missing(&langs), vec!["de", "fr"]);
    }
}
