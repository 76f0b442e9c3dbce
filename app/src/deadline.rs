//! A time limit for a `fetch`: an `AbortSignal` that fires after a while.
//!
//! On a bad connection a request can hang for minutes; a person waiting in front of a
//! spinner deserves an answer ("cannot be reached, try again") long before that.

use leptos::prelude::{TimeoutHandle, set_timeout_with_handle};
use std::time::Duration;
use web_sys::{AbortController, AbortSignal};

/// Aborts its signal when the time is up; dropping it cancels the timer.
pub struct Deadline {
    controller: Option<AbortController>,
    timer: Option<TimeoutHandle>,
}

impl Deadline {
    pub fn after(limit: Duration) -> Deadline {
        let controller = AbortController::new().ok();
        let timer = controller
            .clone()
            .and_then(|c| set_timeout_with_handle(move || c.abort(), limit).ok());
        Deadline { controller, timer }
    }

    /// The signal to hand to the request; `None` where the browser has no
    /// `AbortController` (the request then has no limit).
    pub fn signal(&self) -> Option<AbortSignal> {
        self.controller.as_ref().map(AbortController::signal)
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
    }
}
