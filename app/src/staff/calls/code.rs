//! The handover code as the agent types it, and the server's refusals in words.
//!
//! The agent types what the caller reads aloud: `482 193 5572`, `482-193-5572` or ten
//! digits in a row all work (`domain::api::normalize_handover_code`). A code that
//! cannot be one is refused here, before it costs one of the limited attempts.

use crate::i18n::fill;
use crate::staff::api::Failure;
use crate::staff::texts::calls::CallsTexts;

/// Why a code was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing typed.
    Empty,
    /// Not ten digits (here or at the server: 422).
    Format,
    /// No waiting session has this code (404 `code_unknown`).
    Unknown,
    /// The code's half hour is over (410 `code_expired`).
    Expired,
    /// Another agent took it (409 `code_taken`).
    Taken,
    /// Too many wrong codes: wait this many seconds (429).
    TooMany { seconds: u64 },
    /// The server cannot be reached.
    Unreachable,
    /// Anything else, with the server's message.
    Other(String),
}

/// The ten digits of what was typed, or why it cannot be a code.
pub fn read(input: &str) -> Result<String, Refusal> {
    if input.trim().is_empty() {
        return Err(Refusal::Empty);
    }
    domain::api::normalize_handover_code(input).ok_or(Refusal::Format)
}

/// The refusal a failed claim means.
pub fn refusal(failure: &Failure) -> Refusal {
    let Failure::Api { status, error } = failure else {
        return Refusal::Unreachable;
    };
    match (*status, error.code.as_str()) {
        (422, _) => Refusal::Format,
        (404, _) => Refusal::Unknown,
        (410, _) => Refusal::Expired,
        (409, _) => Refusal::Taken,
        (429, _) => Refusal::TooMany {
            seconds: error
                .details
                .as_ref()
                .and_then(|d| d.get("retry_after"))
                .and_then(serde_json::Value::as_u64)
                .unwrap_or(60),
        },
        _ => Refusal::Other(error.message.clone()),
    }
}

/// A refusal in the agent's words, saying what to do next.
pub fn words(t: &CallsTexts, refusal: &Refusal) -> String {
    match refusal {
        Refusal::Empty => t.code_empty.to_owned(),
        Refusal::Format => t.code_format.to_owned(),
        Refusal::Unknown => t.code_unknown.to_owned(),
        Refusal::Expired => t.code_expired.to_owned(),
        Refusal::Taken => t.code_taken.to_owned(),
        Refusal::TooMany { seconds } => {
            let minutes = seconds.div_ceil(60).max(1);
            if *seconds < 120 {
                fill(t.code_too_many_seconds, &[("n", &seconds.to_string())])
            } else {
                fill(t.code_too_many_minutes, &[("n", &minutes.to_string())])
            }
        }
        Refusal::Unreachable => t.unreachable.to_owned(),
        Refusal::Other(message) => fill(t.failed, &[("message", message)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::texts::calls::{DE, EN};
    use domain::api::ApiError;

    fn api(status: u16, code: &str, details: Option<serde_json::Value>) -> Failure {
        Failure::Api {
            status,
            error: ApiError {
                code: code.into(),
                message: "m".into(),
                field: Some("code".into()),
                rule: None,
                details,
            },
        }
    }

    #[test]
    fn codes_are_read_as_they_are_said() {
        assert_eq!(read("482 193 5572").as_deref(), Ok("4821935572"));
        assert_eq!(read("482-193-5572").as_deref(), Ok("4821935572"));
        assert_eq!(read("4821935572").as_deref(), Ok("4821935572"));
        assert_eq!(read("  "), Err(Refusal::Empty));
        assert_eq!(read("482 193"), Err(Refusal::Format));
        assert_eq!(read("482 193 557O"), Err(Refusal::Format));
    }

    #[test]
    fn each_refusal_has_its_own_words() {
        let cases = [
            (api(404, "code_unknown", None), Refusal::Unknown),
            (api(410, "code_expired", None), Refusal::Expired),
            (api(409, "code_taken", None), Refusal::Taken),
            (api(422, "invalid_field", None), Refusal::Format),
            (
                api(
                    429,
                    "too_many_attempts",
                    Some(serde_json::json!({ "retry_after": 300 })),
                ),
                Refusal::TooMany { seconds: 300 },
            ),
            (Failure::Unreachable, Refusal::Unreachable),
        ];
        let mut seen = Vec::new();
        for (failure, want) in cases {
            let got = refusal(&failure);
            assert_eq!(got, want);
            for t in [&EN, &DE] {
                let words = words(t, &got);
                assert!(!words.is_empty());
                assert!(!seen.contains(&words), "{words} said twice");
                seen.push(words);
            }
        }
        assert_eq!(
            words(&EN, &Refusal::TooMany { seconds: 300 }),
            "Too many wrong codes. Try again in 5 minutes."
        );
        assert_eq!(
            words(&DE, &Refusal::TooMany { seconds: 45 }),
            "Zu viele falsche Codes. Versuchen Sie es in 45 Sekunden wieder."
        );
    }
}
