//! Staff passwords: the rules a new one must meet, and argon2id hashes.
//!
//! Hashing uses argon2's default parameters (argon2id, 19 MiB, 2 passes: the OWASP
//! recommendation), the same in tests as in production. It is deliberately slow, so it
//! runs on the blocking pool, and at most one hash per core runs at once: a burst of
//! login attempts queues instead of taking every core and 19 MiB each.
//!
//! A login name that does not exist is checked against a dummy hash, so an answer takes
//! as long whether or not the account exists.
//!
//! Passwords never leave this module in any form but a hash; nothing here logs them.

use crate::error::Error;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::sync::LazyLock;
use tokio::sync::Semaphore;

/// Fewest characters of a new password.
pub const MIN_CHARS: usize = 12;
/// Most characters of a new password (long enough for any passphrase or manager).
pub const MAX_CHARS: usize = 256;

/// 422 unless `password` meets the rules; `field` names it in the error.
pub fn check(field: &str, password: &str) -> Result<(), Error> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(Error::invalid(
            field,
            "min_length",
            format!("a password needs at least {MIN_CHARS} characters"),
        ));
    }
    if chars > MAX_CHARS {
        return Err(Error::invalid(
            field,
            "max_length",
            format!("a password may have at most {MAX_CHARS} characters"),
        ));
    }
    Ok(())
}

/// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) to store. Blocks for
/// tens of milliseconds: use [`hash`] from async code.
pub fn hash_blocking(password: &str) -> Result<String, Error> {
    let salt = SaltString::encode_b64(&super::secret::random::<16>())
        .map_err(|e| Error::Internal(format!("password salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("password hash: {e}")))
}

/// [`hash_blocking`] on the blocking pool.
pub async fn hash(password: String) -> Result<String, Error> {
    on_blocking_pool(move || hash_blocking(&password)).await?
}

/// Whether `password` matches `stored`; with `None` (no such account) it checks against
/// a dummy hash and answers `false`, taking the same time.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, Error> {
    on_blocking_pool(move || {
        // Touched on every check, so the one-off cost of making it falls on the first
        // sign-in of any kind, not on the first with an unknown login.
        let dummy = DUMMY.as_str();
        let known = stored.is_some();
        let stored = stored.as_deref().unwrap_or(dummy);
        let matches = match PasswordHash::new(stored) {
            Ok(parsed) => Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok(),
            Err(e) => {
                // A corrupt stored hash locks the account out; say so, without the hash.
                tracing::error!(error = %e, "a stored password hash cannot be read");
                false
            }
        };
        known && matches
    })
    .await
}

/// A hash of a random password, to spend the time of a real check on unknown logins.
static DUMMY: LazyLock<String> = LazyLock::new(|| {
    // Only fails without a working random generator, like every token in this crate.
    hash_blocking(&super::secret::token()).expect("a random password can be hashed")
});

/// One permit per core: hashing is CPU-bound.
static HASHING: LazyLock<Semaphore> = LazyLock::new(|| {
    Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get))
});

async fn on_blocking_pool<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Error> {
    let _permit = HASHING
        .acquire()
        .await
        .map_err(|e| Error::Internal(format!("password hashing closed: {e}")))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Error::Internal(format!("password hashing failed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_name_the_field_and_rule() {
        let rule = |p: &str| match check("new", p) {
            Err(Error::Invalid { field, rule, .. }) => Some((field, rule)),
            _ => None,
        };
        assert_eq!(rule("short"), Some(("new".into(), "min_length".into())));
        assert_eq!(
            rule(&"x".repeat(257)),
            Some(("new".into(), "max_length".into()))
        );
        assert_eq!(rule("twelve chars"), None);
        // Characters, not bytes: twelve umlauts are enough, 256 are allowed.
        assert_eq!(rule(&"ä".repeat(12)), None);
        assert_eq!(rule(&"ä".repeat(256)), None);
    }

    #[tokio::test]
    async fn hashes_verify_and_unknown_accounts_never_match() {
        let stored = hash("correct horse battery".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(!stored.contains("correct"));
        assert!(
            verify("correct horse battery".into(), Some(stored.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify("wrong horse battery".into(), Some(stored))
                .await
                .unwrap()
        );
        assert!(!verify("anything at all".into(), None).await.unwrap());
        assert!(!verify("x".into(), Some("not a hash".into())).await.unwrap());
    }
}
