//! Folding text for search: lower case in every script, common Latin accents and
//! umlauts to their base letter, `ß` to `ss`. `Müller`, `MÜLLER` and `muller` fold
//! alike, so do `Straße` and `strasse`.
//!
//! One function for the portal's topic search (in the browser) and the staff search (in
//! the database, which holds each ticket's folded text), so both agree on what matches.

/// `text` folded for comparison.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' | 'à' | 'á' | 'â' | 'ã' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'í' | 'ì' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø' => out.push('o'),
            'ü' | 'ú' | 'ù' | 'û' => out.push('u'),
            'ß' => out.push_str("ss"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn case_accents_and_sharp_s_fold_away() {
        assert_eq!(fold("Jörg MÜLLER"), "jorg muller");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("ÉCOLE Çà"), "ecole ca");
        // Beyond ASCII and Latin: Greek and Cyrillic capitals lower-case too.
        assert_eq!(fold("ΣΟΦΙΑ Иван"), "σοφια иван");
        assert_eq!(fold("AB-1234 x@y.org"), "ab-1234 x@y.org");
    }
}
