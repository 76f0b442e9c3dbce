//! Random secrets (session tokens, access tokens, CSRF tokens) and their hashes.
//!
//! Tokens carry 256 random bits, so a plain SHA-256 is enough to store them: unlike
//! passwords they cannot be guessed, and a fast hash keeps lookups cheap.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// `n` random bytes from the operating system.
pub fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // The OS generator failing means the machine is unusable for anything secure.
    getrandom::fill(&mut bytes).expect("the operating system's random generator works");
    bytes
}

/// A new unguessable token: 32 random bytes, URL-safe base64 (43 characters).
pub fn token() -> String {
    URL_SAFE_NO_PAD.encode(random::<32>())
}

/// The stored form of a token: hex SHA-256.
pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Compares two secrets in time independent of where they differ.
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let (a, b) = (token(), token());
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        assert_eq!(hash(&a).len(), 64);
        assert_ne!(hash(&a), a);
        assert!(same(&a, &a.clone()));
        assert!(!same(&a, &b));
        assert!(!same("short", "longer"));
    }
}
