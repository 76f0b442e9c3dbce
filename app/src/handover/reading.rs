//! What the handover panel says, as pure functions: the code as shown and as read out
//! digit by digit, the minutes it is still valid, the phone number as a `tel:` link,
//! and which message a session's state calls for.

use super::wire::Shared;
use domain::api::{
    HANDOVER_CODE_MINUTES, HandoverStatus, Party, display_handover_code, normalize_handover_code,
};

/// The code as shown: `482 193 5572`.
pub fn shown(code: &str) -> String {
    normalize_handover_code(code).map_or_else(|| code.to_owned(), |d| display_handover_code(&d))
}

/// The code for screen readers, digit by digit in its groups: `4 8 2, 1 9 3, 5 5 7 2`
/// (a screen reader reads `4821935572` as one large number).
pub fn spoken(code: &str) -> String {
    shown(code)
        .split(' ')
        .map(|group| {
            group
                .chars()
                .map(String::from)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Minutes the code is still valid, to the nearest minute (the server's clock and this
/// one disagree by seconds anyway), never more than a code lasts; 0 is "less than a
/// minute" (or over).
pub fn minutes_left(expires_at: i64, now: i64) -> i64 {
    let left = (expires_at - now).max(0);
    ((left + 30_000) / 60_000).min(HANDOVER_CODE_MINUTES)
}

/// A `tel:` address for a phone number as configured (`+49 30 1234 5678`): the digits
/// and a leading plus only, which every dialler understands.
pub fn tel_href(phone: &str) -> String {
    let plus = if phone.trim_start().starts_with('+') {
        "+"
    } else {
        ""
    };
    format!("tel:{plus}{}", domain::api::phone_digits(phone))
}

/// What the panel shows for a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// The code waits for a call.
    Waiting,
    Connected,
    /// The agent opened a ticket: reference and the token of its status page.
    Escalated {
        reference: String,
        token: String,
    },
    Solved,
    EndedByCaller,
    EndedByAgent,
    /// Nobody took the code in time.
    Expired,
}

impl Phase {
    /// Whether the walk is still shared (moves go to the server).
    pub fn is_live(&self) -> bool {
        matches!(self, Phase::Waiting | Phase::Connected)
    }
}

/// The phase of a state read at `now`: a waiting code past its time is expired even
/// before the server says so.
pub fn phase(state: &Shared, now: i64) -> Phase {
    match state.status {
        HandoverStatus::Waiting if now >= state.expires_at => Phase::Expired,
        HandoverStatus::Waiting => Phase::Waiting,
        HandoverStatus::Connected => Phase::Connected,
        HandoverStatus::Escalated => match &state.ticket {
            Some(ticket) => Phase::Escalated {
                reference: ticket.reference.clone(),
                token: ticket.token.clone().unwrap_or_default(),
            },
            // A ticket the caller cannot open is still the agent's work done.
            None => Phase::EndedByAgent,
        },
        HandoverStatus::Solved => Phase::Solved,
        HandoverStatus::Ended => match state.ended_by {
            Some(Party::Caller) => Phase::EndedByCaller,
            _ => Phase::EndedByAgent,
        },
        HandoverStatus::Expired => Phase::Expired,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::api::HandoverTicket;

    fn state(status: HandoverStatus) -> Shared {
        Shared {
            id: 7,
            revision: 3,
            status,
            agent: Some("Kim".into()),
            transcript: Vec::new(),
            expires_at: 30 * 60_000,
            ended_by: None,
            ticket: None,
        }
    }

    #[test]
    fn the_code_is_read_digit_by_digit_in_its_groups() {
        assert_eq!(shown("4821935572"), "482 193 5572");
        assert_eq!(shown("482 193 5572"), "482 193 5572");
        assert_eq!(spoken("482 193 5572"), "4 8 2, 1 9 3, 5 5 7 2");
        assert_eq!(spoken("4821935572"), "4 8 2, 1 9 3, 5 5 7 2");
    }

    #[test]
    fn minutes_are_rounded_and_never_negative_nor_above_a_codes_life() {
        assert_eq!(minutes_left(30 * 60_000, 0), 30);
        assert_eq!(
            minutes_left(30 * 60_000 + 5_000, 0),
            30,
            "a clock a bit behind"
        );
        assert_eq!(minutes_left(30 * 60_000, 50_000), 29);
        assert_eq!(minutes_left(30 * 60_000, 20_000), 30);
        assert_eq!(minutes_left(60_000, 0), 1);
        assert_eq!(minutes_left(60_000, 35_000), 0);
        assert_eq!(minutes_left(60_000, 90_000), 0);
    }

    #[test]
    fn phone_numbers_become_tel_links() {
        assert_eq!(tel_href("+49 30 1234 5678"), "tel:+493012345678");
        assert_eq!(tel_href("030 / 1234-5"), "tel:03012345");
    }

    #[test]
    fn every_state_has_its_message() {
        assert_eq!(phase(&state(HandoverStatus::Waiting), 0), Phase::Waiting);
        assert_eq!(
            phase(&state(HandoverStatus::Waiting), 30 * 60_000),
            Phase::Expired,
            "a code past its time is expired before the server says so"
        );
        assert_eq!(phase(&state(HandoverStatus::Expired), 0), Phase::Expired);
        assert_eq!(
            phase(&state(HandoverStatus::Connected), 0),
            Phase::Connected
        );
        assert_eq!(
            phase(&state(HandoverStatus::Connected), 99 * 60_000),
            Phase::Connected,
            "a taken code's time no longer matters"
        );
        assert_eq!(phase(&state(HandoverStatus::Solved), 0), Phase::Solved);
        let mut ended = state(HandoverStatus::Ended);
        ended.ended_by = Some(Party::Caller);
        assert_eq!(phase(&ended, 0), Phase::EndedByCaller);
        ended.ended_by = Some(Party::Agent);
        assert_eq!(phase(&ended, 0), Phase::EndedByAgent);
        let mut escalated = state(HandoverStatus::Escalated);
        escalated.ticket = Some(HandoverTicket {
            reference: "K7M4-QX9P".into(),
            token: Some("tok".into()),
            id: None,
        });
        assert_eq!(
            phase(&escalated, 0),
            Phase::Escalated {
                reference: "K7M4-QX9P".into(),
                token: "tok".into()
            }
        );
        assert!(Phase::Waiting.is_live() && Phase::Connected.is_live());
        assert!(!Phase::Solved.is_live() && !Phase::Expired.is_live());
    }
}
