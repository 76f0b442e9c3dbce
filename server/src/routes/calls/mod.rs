//! The 1st-level agent console's routes (issue 6), all for any signed-in staff role:
//! - [`handovers`]: take a caller's walk by code, follow and move it, end the session;
//! - [`tickets`]: a call escalated (a ticket, channel `phone`) or solved on the call;
//!   [`checks`]: what the agent sends with it, checked field by field;
//! - [`lookup`]: a caller's open tickets, and the tickets returned to the 1st level;
//! - [`attempts`]: the limits on code attempts and why codes cannot be guessed.

pub mod attempts;
pub mod checks;
pub mod handovers;
pub mod lookup;
pub mod tickets;

/// Largest body of a call's hand-off or solved call: notes may be long (up to
/// `MAX_NOTES` of `MAX_NOTE_CHARS` each), and there are no files.
pub const CALL_BODY_BYTES: usize = 1024 * 1024;
