//! What an agent sends with a call, checked: the caller (named `caller.*`), the notes
//! per step, when the call started, and the hash a retried body is compared by. Each
//! refusal names the field and the rule (422).

use crate::error::Error;
use crate::intake;
use crate::routes::handoffs::hex;
use crate::store::now_ms;
use domain::api::{Contact, MAX_NOTE_CHARS, MAX_NOTES, StepNote};
use domain::tree::ContactNeeds;
use sha2::{Digest, Sha256};

/// How far back a call may have started.
const CALL_MAX_AGE_MS: i64 = 24 * 3_600_000;
/// How far ahead of the server's clock an agent's clock may be.
const CLOCK_SKEW_MS: i64 = 5 * 60_000;

/// The hash a key's body is compared by; the route is part of it, so a key reused
/// across routes is caught too.
pub fn body_hash(route: &str, bytes: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(route.as_bytes());
    hasher.update([0]);
    hasher.update(bytes);
    hex(&hasher.finalize())
}

/// The caller's details checked like a hand-off's contact, named `caller.*`.
pub fn caller(caller: &Contact, needs: ContactNeeds) -> Result<Contact, Error> {
    intake::contact(caller, needs).map_err(|e| match e {
        Error::Invalid {
            field,
            rule,
            message,
            details,
        } => Error::Invalid {
            field: field.replacen("contact", "caller", 1),
            rule,
            message,
            details,
        },
        other => other,
    })
}

/// The agent's notes: at most [`MAX_NOTES`], each at a step of the walk, not blank,
/// at most [`MAX_NOTE_CHARS`]; returned trimmed.
pub fn notes(notes: &[StepNote], steps: usize) -> Result<Vec<StepNote>, Error> {
    if notes.len() > MAX_NOTES {
        return Err(Error::invalid(
            "notes",
            "max_items",
            format!("a call has at most {MAX_NOTES} notes"),
        ));
    }
    notes
        .iter()
        .enumerate()
        .map(|(i, note)| {
            if note.step > steps {
                return Err(Error::invalid(
                    format!("notes[{i}].step"),
                    "maximum",
                    format!("the walk has {steps} moves; a note belongs to one of its steps"),
                ));
            }
            let text = note.text.trim();
            if text.is_empty() {
                return Err(Error::invalid(
                    format!("notes[{i}].text"),
                    "required",
                    "a note needs a text",
                ));
            }
            if text.chars().count() > MAX_NOTE_CHARS {
                return Err(Error::invalid(
                    format!("notes[{i}].text"),
                    "max_length",
                    format!("a note has at most {MAX_NOTE_CHARS} characters"),
                ));
            }
            Ok(StepNote {
                step: note.step,
                text: text.to_owned(),
            })
        })
        .collect()
}

/// When the call started: within the last 24 hours, and not ahead of the server's
/// clock by more than an agent's clock may be off (then it is taken as now).
pub fn started_at(at: Option<i64>) -> Result<Option<i64>, Error> {
    let Some(at) = at else { return Ok(None) };
    let now = now_ms();
    if at < now - CALL_MAX_AGE_MS || at > now + CLOCK_SKEW_MS {
        return Err(Error::invalid(
            "call_started_at",
            "range",
            "a call started within the last 24 hours and not in the future",
        ));
    }
    Ok(Some(at.min(now)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_name_the_note_and_field_they_break() {
        let note = |step, text: &str| StepNote {
            step,
            text: text.into(),
        };
        assert_eq!(
            notes(&[note(0, "  printer off "), note(3, "x")], 3).unwrap(),
            [note(0, "printer off"), note(3, "x")]
        );
        let field = |r: Result<Vec<StepNote>, Error>| match r {
            Err(Error::Invalid { field, rule, .. }) => format!("{field} {rule}"),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            field(notes(&[note(0, "a"), note(4, "b")], 3)),
            "notes[1].step maximum"
        );
        assert_eq!(
            field(notes(
                &[note(0, "a"), note(0, "b"), note(1, "c"), note(1, " ")],
                3
            )),
            "notes[3].text required"
        );
        let long = "x".repeat(MAX_NOTE_CHARS + 1);
        assert_eq!(
            field(notes(&[note(0, &long)], 3)),
            "notes[0].text max_length"
        );
        let many = vec![note(0, "a"); MAX_NOTES + 1];
        assert_eq!(field(notes(&many, 3)), "notes max_items");
    }

    #[test]
    fn a_call_started_within_a_day_and_not_ahead() {
        let now = now_ms();
        assert_eq!(started_at(None).unwrap(), None);
        assert_eq!(started_at(Some(now - 60_000)).unwrap(), Some(now - 60_000));
        assert!(started_at(Some(now + 10_000)).unwrap().unwrap() <= now_ms());
        assert!(started_at(Some(now - 25 * 3_600_000)).is_err());
        assert!(started_at(Some(now + 3_600_000)).is_err());
    }
}
