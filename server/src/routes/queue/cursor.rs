//! The Queue's page cursor: the position of the last row of a page, opaque to clients
//! so the order's columns can change without breaking their code.

use crate::error::Error;
use crate::store::queue::After;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The cursor of the page that starts after `after`.
pub fn encode(after: After) -> String {
    URL_SAFE_NO_PAD.encode(format!(
        "v1.{}.{}.{}",
        after.priority, after.created_at, after.id
    ))
}

/// The position a cursor made by [`encode`] stands for; anything else is 422.
pub fn decode(cursor: &str) -> Result<After, Error> {
    let invalid = || {
        Error::invalid(
            "cursor",
            "format",
            "not a cursor of this server; pass the `next` of the previous page, or none for the first page",
        )
    };
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let mut parts = text.split('.');
    if parts.next() != Some("v1") {
        return Err(invalid());
    }
    let mut number = || -> Result<i64, Error> {
        parts
            .next()
            .and_then(|p| p.parse().ok())
            .ok_or_else(invalid)
    };
    let after = After {
        priority: number()?,
        created_at: number()?,
        id: number()?,
    };
    if parts.next().is_some() {
        return Err(invalid());
    }
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_forgeries_are_refused() {
        let after = After {
            priority: 3,
            created_at: 1_760_000_000_123,
            id: 42,
        };
        let cursor = encode(after);
        assert!(!cursor.contains('.'), "opaque: {cursor}");
        assert_eq!(decode(&cursor).unwrap(), after);
        for bad in [
            "",
            "%%%",
            "djEuMy4x",
            &URL_SAFE_NO_PAD.encode("v2.1.2.3"),
            &URL_SAFE_NO_PAD.encode("v1.1.2.3.4"),
            &URL_SAFE_NO_PAD.encode("v1.a.2.3"),
        ] {
            assert!(decode(bad).is_err(), "{bad}");
        }
    }
}
