//! What a person types into "check my ticket": a reference and a code, or a whole status
//! link, turned into the reference and the token that open the ticket.
//!
//! Pure, so every way people paste things is unit-tested: with or without the dash, in
//! lower case, with spaces, a link with the host or without.

use domain::ticket::normalize_reference;

/// Why the typed values cannot open a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// The reference is not 8 letters and digits of the reference alphabet.
    BadReference,
    /// The code is empty.
    CodeRequired,
    /// The pasted text is not a status link.
    BadLink,
}

/// The reference (normalised, `K7M4-QX9P`) and the token, from the fields of the form:
/// the link wins when one is pasted.
pub fn opening(reference: &str, code: &str, link: &str) -> Result<(String, String), Problem> {
    if !link.trim().is_empty() {
        return from_link(link).ok_or(Problem::BadLink);
    }
    let reference = normalize_reference(reference).ok_or(Problem::BadReference)?;
    let code = token(code).ok_or(Problem::CodeRequired)?;
    Ok((reference, code))
}

/// `…/status/K7M4-QX9P#token` → reference and token.
fn from_link(link: &str) -> Option<(String, String)> {
    let link = link.trim();
    let (_, rest) = link.split_once("/status/")?;
    let (path, fragment) = rest.split_once('#')?;
    let path = path.split(['?', '/']).next().unwrap_or("");
    Some((normalize_reference(path)?, token(fragment)?))
}

/// The token as the browser gives it in `location.hash` (with or without the `#`), or
/// as typed; `None` when empty.
pub fn token(raw: &str) -> Option<String> {
    let token = raw.trim().trim_start_matches('#').trim();
    (!token.is_empty()).then(|| token.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(reference: &str, token: &str) -> Result<(String, String), Problem> {
        Ok((reference.to_owned(), token.to_owned()))
    }

    #[test]
    fn a_reference_is_read_however_it_is_typed() {
        assert_eq!(opening("K7M4-QX9P", "abc", ""), ok("K7M4-QX9P", "abc"));
        assert_eq!(opening(" k7m4 qx9p ", " abc ", ""), ok("K7M4-QX9P", "abc"));
        assert_eq!(opening("k7m4qx9p", "abc", " "), ok("K7M4-QX9P", "abc"));
    }

    #[test]
    fn missing_or_broken_parts_are_named() {
        assert_eq!(opening("K7M4", "abc", ""), Err(Problem::BadReference));
        assert_eq!(opening("", "", ""), Err(Problem::BadReference));
        assert_eq!(opening("K7M4-QX9P", "  ", ""), Err(Problem::CodeRequired));
        assert_eq!(
            opening("", "", "https://help.example.org/walk/printer"),
            Err(Problem::BadLink)
        );
        assert_eq!(
            opening("", "", "https://help.example.org/status/K7M4-QX9P"),
            Err(Problem::BadLink),
            "a link without its code opens nothing"
        );
    }

    #[test]
    fn a_pasted_link_gives_reference_and_token() {
        assert_eq!(
            opening("", "", "https://help.example.org/status/K7M4-QX9P#tok_en-1"),
            ok("K7M4-QX9P", "tok_en-1")
        );
        assert_eq!(
            opening("ignored", "", " /status/k7m4-qx9p#tok "),
            ok("K7M4-QX9P", "tok")
        );
    }

    #[test]
    fn the_fragment_gives_the_token() {
        assert_eq!(token("#abc"), Some("abc".into()));
        assert_eq!(token("abc"), Some("abc".into()));
        assert_eq!(token("#"), None);
        assert_eq!(token(""), None);
    }
}
