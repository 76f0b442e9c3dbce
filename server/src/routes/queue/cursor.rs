//! The Queue's page cursor: the position of the last row of a page, opaque to clients
//! so the order's columns can change without breaking their code.
//!
//! A cursor names its order (`v1`: priority, then age; `a1`: age), so one made for
//! one order is refused with the other instead of starting a page at a wrong place.

use crate::error::Error;
use crate::store::queue::After;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The cursor of the page that starts after `after`.
pub fn encode(after: After) -> String {
    URL_SAFE_NO_PAD.encode(match after {
        After::Priority {
            priority,
            created_at,
            id,
        } => format!("v1.{priority}.{created_at}.{id}"),
        After::Age { created_at, id } => format!("a1.{created_at}.{id}"),
    })
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
    let tag = parts.next();
    let numbers = parts
        .map(|p| p.parse::<i64>().map_err(|_| invalid()))
        .collect::<Result<Vec<_>, _>>()?;
    match (tag, numbers.as_slice()) {
        (Some("v1"), &[priority, created_at, id]) => Ok(After::Priority {
            priority,
            created_at,
            id,
        }),
        (Some("a1"), &[created_at, id]) => Ok(After::Age { created_at, id }),
        _ => Err(invalid()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_forgeries_are_refused() {
        for after in [
            After::Priority {
                priority: 3,
                created_at: 1_760_000_000_123,
                id: 42,
            },
            After::Age {
                created_at: 1_760_000_000_123,
                id: 42,
            },
        ] {
            let cursor = encode(after);
            assert!(!cursor.contains('.'), "opaque: {cursor}");
            assert_eq!(decode(&cursor).unwrap(), after);
        }
        for bad in [
            "",
            "%%%",
            "djEuMy4x",
            &URL_SAFE_NO_PAD.encode("v2.1.2.3"),
            &URL_SAFE_NO_PAD.encode("v1.1.2.3.4"),
            &URL_SAFE_NO_PAD.encode("v1.1.2"),
            &URL_SAFE_NO_PAD.encode("v1.a.2.3"),
            &URL_SAFE_NO_PAD.encode("a1.1.2.3"),
            &URL_SAFE_NO_PAD.encode("a1.1"),
            &URL_SAFE_NO_PAD.encode("a1.1."),
        ] {
            assert!(decode(bad).is_err(), "{bad}");
        }
    }
}
