//! What a login name and a display name must look like, for the admin API and for
//! `lotse create-admin` alike.
//!
//! Logins are stored in lower case and compared after trimming and lowering, so
//! `Alice ` and `alice` are one person: people type their login from memory.

use crate::error::Error;

/// Most characters of a login name.
pub const LOGIN_MAX_CHARS: usize = 64;
/// Most characters of a display name.
pub const NAME_MAX_CHARS: usize = 100;

/// The form a typed login is looked up in.
pub fn normalize_login(typed: &str) -> String {
    typed.trim().to_lowercase()
}

/// The login to store, or 422: letters a-z, digits, `.`, `-`, `_` and `@` (so an
/// e-mail address works), starting with a letter or digit.
pub fn login(field: &str, typed: &str) -> Result<String, Error> {
    let login = normalize_login(typed);
    if login.is_empty() {
        return Err(Error::invalid(field, "required", "a login is required"));
    }
    if login.chars().count() > LOGIN_MAX_CHARS {
        return Err(Error::invalid(
            field,
            "max_length",
            format!("a login may have at most {LOGIN_MAX_CHARS} characters"),
        ));
    }
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_@".contains(c);
    let starts_well = login
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    if !starts_well || !login.chars().all(allowed) {
        return Err(Error::invalid(
            field,
            "pattern",
            "a login has letters a-z, digits, `.`, `-`, `_` or `@`, and starts with a letter or digit",
        ));
    }
    Ok(login)
}

/// The display name to store (trimmed), or 422.
pub fn name(field: &str, typed: &str) -> Result<String, Error> {
    let name = typed.trim();
    if name.is_empty() {
        return Err(Error::invalid(field, "required", "a name is required"));
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(Error::invalid(
            field,
            "max_length",
            format!("a name may have at most {NAME_MAX_CHARS} characters"),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::invalid(
            field,
            "pattern",
            "a name may not contain control characters",
        ));
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(result: Result<String, Error>) -> String {
        match result {
            Err(Error::Invalid { rule, .. }) => rule,
            Ok(value) => format!("ok {value}"),
            Err(other) => format!("{other:?}"),
        }
    }

    #[test]
    fn logins_are_lowered_and_restricted() {
        assert_eq!(
            rule(login("login", " Alice.M@Example.org ")),
            "ok alice.m@example.org"
        );
        assert_eq!(rule(login("login", "  ")), "required");
        assert_eq!(rule(login("login", "-dash")), "pattern");
        assert_eq!(rule(login("login", "a b")), "pattern");
        assert_eq!(rule(login("login", "jürgen")), "pattern");
        assert_eq!(rule(login("login", &"a".repeat(65))), "max_length");
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(rule(name("name", "  Jürgen Weiß ")), "ok Jürgen Weiß");
        assert_eq!(rule(name("name", "")), "required");
        assert_eq!(rule(name("name", "a\u{0}b")), "pattern");
        assert_eq!(rule(name("name", &"n".repeat(101))), "max_length");
    }
}
