//! "Talk to a person": the session handover by code, the caller's side.
//!
//! The walk stays in the browser until the person asks for a code; then it goes to
//! the server (`POST /api/v1/handovers`), and the page shows the code to read aloud,
//! the support phone number, and how long the code is valid. An agent who types the
//! code sees the walk and moves it with the caller; the page follows the session by
//! long-poll and sends the caller's own moves.
//!
//! - [`api`]: the four calls, with the session's bearer token.
//! - [`kept`]: the session kept in `localStorage` across a reload, and for how long.
//! - [`reading`]: pure words and numbers: the code read digit by digit, minutes left,
//!   which message a state calls for.
//! - [`session`]: the follow loop and the moves of both sides.
//! - [`wire`]: the session's state read off the wire, lean (why: see there).
//!
//! The panel is `components::talk`.

pub mod api;
pub mod kept;
pub mod reading;
pub mod session;
pub mod wire;
