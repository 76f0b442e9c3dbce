//! Small pieces the staff screens share: priority badge, SLA clock, status names,
//! durations, and a failure in words.

use super::api::Failure;
use super::texts::now;
use domain::ticket::{Priority, Status};
use leptos::prelude::*;

/// A priority as colour and text ("P1 critical"): never colour alone.
#[component]
pub fn PriorityBadge(priority: Priority) -> impl IntoView {
    let label = move || {
        let t = &now().queue;
        let name = match priority {
            1 => t.priority_1,
            2 => t.priority_2,
            3 => t.priority_3,
            4 => t.priority_4,
            _ => t.priority_5,
        };
        format!("P{priority} {name}")
    };
    view! { <span class=format!("priority priority-{priority}")>{label}</span> }
}

/// The name of a status in the current language.
pub fn status_name(status: Status) -> &'static str {
    let t = &now().queue;
    match status {
        Status::New => t.status_new,
        Status::Claimed => t.status_claimed,
        Status::WaitingForUser => t.status_waiting,
        Status::Resolved => t.status_resolved,
        Status::Closed => t.status_closed,
        Status::Returned => t.status_returned,
    }
}

/// A duration in ms as people read it at a glance: `45 s`, `12 min`, `3 h 5 min`,
/// `2 d 4 h`.
pub fn duration(ms: i64) -> String {
    let s = ms.unsigned_abs() / 1000;
    let (m, h, d) = (s / 60, s / 3600, s / 86_400);
    if s < 60 {
        format!("{s} s")
    } else if m < 60 {
        format!("{m} min")
    } else if h < 24 {
        let rest = m % 60;
        if rest == 0 {
            format!("{h} h")
        } else {
            format!("{h} h {rest} min")
        }
    } else {
        let rest = h % 24;
        if rest == 0 {
            format!("{d} d")
        } else {
            format!("{d} d {rest} h")
        }
    }
}

/// How an SLA stands at `now` for a ticket due at `due` (ms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaState {
    Ok,
    /// In the last stretch before the due time (see [`sla_state`]).
    DueSoon,
    Breached,
}

/// The SLA state: breached after `due`; due soon in the last fifth of the time from
/// `created` to `due`, or the last hour, whichever is longer.
pub fn sla_state(created: i64, due: i64, now: i64) -> SlaState {
    if now >= due {
        return SlaState::Breached;
    }
    let window = ((due - created) / 5).max(3_600_000);
    if due - now <= window {
        SlaState::DueSoon
    } else {
        SlaState::Ok
    }
}

/// A moment (ms since the epoch) as a local date and time in the app's language:
/// `27.11.2026, 14:05` or `11/27/2026, 2:05 PM`.
pub fn local_time(ms: i64) -> String {
    format_time(
        ms,
        super::texts::lang_code(),
        &[("dateStyle", "short"), ("timeStyle", "short")],
    )
}

/// A moment (ms since the epoch) as `Date.toLocaleString(locale, options)` writes it.
pub fn format_time(ms: i64, locale: &str, options: &[(&str, &str)]) -> String {
    let object = js_sys::Object::new();
    for (name, value) in options {
        let _ = js_sys::Reflect::set(&object, &(*name).into(), &(*value).into());
    }
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64))
        .to_locale_string(locale, &object)
        .into()
}

/// A failure in words for a notice.
pub fn failure_words(failure: &Failure) -> String {
    let t = &now().common;
    match failure {
        Failure::Unreachable => t.unreachable.to_owned(),
        Failure::Api { status: 403, error } if error.code == "forbidden" => t.forbidden.to_owned(),
        Failure::Api { error, .. } => format!("{} {}", t.failed, error.message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_at_a_glance() {
        assert_eq!(duration(45_000), "45 s");
        assert_eq!(duration(12 * 60_000), "12 min");
        assert_eq!(duration(3 * 3_600_000), "3 h");
        assert_eq!(duration(3 * 3_600_000 + 5 * 60_000), "3 h 5 min");
        assert_eq!(duration(2 * 86_400_000 + 4 * 3_600_000), "2 d 4 h");
        assert_eq!(duration(-90_000), "1 min");
    }

    #[test]
    fn sla_is_due_soon_in_the_last_fifth_or_hour_and_breached_after() {
        let h = 3_600_000;
        // 8 h target: the last 96 min are "due soon".
        assert_eq!(sla_state(0, 8 * h, 0), SlaState::Ok);
        assert_eq!(sla_state(0, 8 * h, 8 * h - 97 * 60_000), SlaState::Ok);
        assert_eq!(sla_state(0, 8 * h, 8 * h - 95 * 60_000), SlaState::DueSoon);
        assert_eq!(sla_state(0, 8 * h, 8 * h), SlaState::Breached);
        // 2 h target: the last hour.
        assert_eq!(sla_state(0, 2 * h, h - 1), SlaState::Ok);
        assert_eq!(sla_state(0, 2 * h, h + 1), SlaState::DueSoon);
    }
}
