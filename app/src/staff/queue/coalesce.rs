//! When to read the Queue again after live events: soon after the first, and never
//! more than one read at a time however many events arrive.
//!
//! A burst of events (ten hand-offs in a second, a colleague working through tickets)
//! becomes one read shortly after the first event and, if more came in while it ran,
//! one more after it; the row a claim changed is patched at once from the event itself
//! (see `updates`), so the wait only delays rows entering or leaving the list.

use std::time::Duration;

/// Wait after the first event, so events of the same moment share one read.
pub const FIRST_WAIT: Duration = Duration::from_millis(50);
/// Wait after a read before the next one, when events came in during it.
pub const NEXT_WAIT: Duration = Duration::from_millis(600);

/// The bookkeeping; the caller owns the timer and the request.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Coalescer {
    /// A timer is set and will start a read.
    waiting: bool,
    /// A read is under way.
    reading: bool,
    /// Events arrived during the read.
    again: bool,
}

impl Coalescer {
    /// An event asks for a read: the wait to set a timer for, or `None` when a timer
    /// or a read will take care of it.
    pub fn wanted(&mut self) -> Option<Duration> {
        if self.waiting {
            None
        } else if self.reading {
            self.again = true;
            None
        } else {
            self.waiting = true;
            Some(FIRST_WAIT)
        }
    }

    /// The timer fired: start the read now.
    pub fn start(&mut self) {
        self.waiting = false;
        self.reading = true;
    }

    /// The read ended: the wait before the next one, if events came in meanwhile.
    pub fn done(&mut self) -> Option<Duration> {
        self.reading = false;
        if std::mem::take(&mut self.again) {
            self.waiting = true;
            Some(NEXT_WAIT)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_becomes_one_read() {
        let mut c = Coalescer::default();
        assert_eq!(c.wanted(), Some(FIRST_WAIT));
        for _ in 0..10 {
            assert_eq!(c.wanted(), None);
        }
        c.start();
        assert_eq!(c.done(), None);
        // Quiet again: the next event is read soon.
        assert_eq!(c.wanted(), Some(FIRST_WAIT));
    }

    #[test]
    fn events_during_a_read_make_one_more_read_after_it() {
        let mut c = Coalescer::default();
        assert_eq!(c.wanted(), Some(FIRST_WAIT));
        c.start();
        assert_eq!(c.wanted(), None);
        assert_eq!(c.wanted(), None);
        assert_eq!(c.done(), Some(NEXT_WAIT));
        // The timer of that read is set: new events wait for it.
        assert_eq!(c.wanted(), None);
        c.start();
        assert_eq!(c.done(), None);
    }
}
