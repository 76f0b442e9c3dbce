//! The call timer: how long the call runs, as `mm:ss` (`h:mm:ss` past an hour).
//!
//! It ticks every second but is no live region (`role="timer"` is read only when the
//! agent goes to it): a screen reader announcing every second would drown the call.

use crate::staff::texts::st;
use leptos::prelude::*;

/// `ms` of call time as the timer shows it.
pub fn format(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// The running timer of a call that started at `started_at` (ms since the epoch).
#[component]
pub fn CallTimer(started_at: i64) -> impl IntoView {
    let now = RwSignal::new(js_sys::Date::now() as i64);
    if let Ok(handle) = set_interval_with_handle(
        move || now.set(js_sys::Date::now() as i64),
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    view! {
        <p class="call-timer">
            <span class="call-timer-label">{st(|t| t.calls.timer)}</span>" "
            <span role="timer" data-testid="call-timer">{move || format(now.get() - started_at)}</span>
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn minutes_and_seconds_then_hours() {
        assert_eq!(format(0), "00:00");
        assert_eq!(format(999), "00:00");
        assert_eq!(format(61_000), "01:01");
        assert_eq!(format(59 * 60_000 + 59_000), "59:59");
        assert_eq!(format(3_600_000 + 5_000), "1:00:05");
        assert_eq!(
            format(-5_000),
            "00:00",
            "a clock set back shows no negative time"
        );
    }
}
