//! Time on the Queue: a clock that ticks every [`TICK`] while the screen is open, and
//! the SLA of a row in words, so "due soon" and "overdue" read as text, not only as
//! colour.

use crate::i18n::fill;
use crate::staff::texts::queue::QueueTexts;
use crate::staff::widgets::{SlaState, duration, sla_state};
use domain::ticket::Status;
use leptos::prelude::*;
use std::time::Duration;

/// How often ages and SLA countdowns move on: minutes are their finest unit.
pub const TICK: Duration = Duration::from_secs(30);

/// A signal with the time in ms, set every [`TICK`] until the calling component goes.
pub fn ticking() -> ArcRwSignal<i64> {
    let now = ArcRwSignal::new(js_sys::Date::now() as i64);
    let set = now.clone();
    if let Ok(timer) = set_interval_with_handle(move || set.set(js_sys::Date::now() as i64), TICK) {
        on_cleanup(move || timer.clear());
    }
    now
}

/// A row's SLA in words and its state; `None` once the clock stopped (resolved and
/// closed tickets).
pub fn sla_words(
    t: &QueueTexts,
    status: Status,
    created: i64,
    due: i64,
    now: i64,
) -> (Option<SlaState>, String) {
    if !status.is_open() {
        return (None, t.sla_stopped.to_owned());
    }
    let state = sla_state(created, due, now);
    let left = duration(due - now);
    let words = match state {
        SlaState::Ok => fill(t.sla_left, &[("time", &left)]),
        SlaState::DueSoon => fill(t.sla_due_soon, &[("time", &left)]),
        SlaState::Breached => fill(t.sla_breached, &[("time", &left)]),
    };
    (Some(state), words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::texts::queue::{DE, EN};

    const H: i64 = 3_600_000;

    #[test]
    fn the_sla_says_how_it_stands_in_words() {
        let at = |now| sla_words(&EN, Status::New, 0, 8 * H, now);
        assert_eq!(at(0), (Some(SlaState::Ok), "8 h left".to_owned()));
        assert_eq!(
            at(7 * H),
            (Some(SlaState::DueSoon), "Due soon: 1 h left".to_owned())
        );
        assert_eq!(
            at(9 * H + 5 * 60_000),
            (Some(SlaState::Breached), "Overdue by 1 h 5 min".to_owned())
        );
        assert_eq!(
            sla_words(&DE, Status::Claimed, 0, 8 * H, 9 * H).1,
            "Überfällig seit 1 h"
        );
    }

    #[test]
    fn a_done_ticket_has_no_running_clock() {
        assert_eq!(
            sla_words(&EN, Status::Resolved, 0, H, 2 * H),
            (None, "stopped".to_owned())
        );
    }
}
