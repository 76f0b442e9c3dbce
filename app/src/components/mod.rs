//! Building blocks of the pages.
//!
//! - [`markdown`]: tree texts as elements (never HTML), code blocks with a copy button.
//! - [`prompt`]: a node's text as heading and body; the heading takes the focus.
//! - [`nodes`]: one screen per node kind, and the two ends of a walk.
//! - [`fields`]: the typed fields of input nodes and their messages.
//! - [`findings`]: results of automatic checks in plain words.
//! - [`handoff`]: the hand-off at an escalate node: form, outbox states, confirmation.
//! - [`transcript`]: the path of a walk, as passed on at an escalation.
//! - [`walk_view`]: a walk in progress: title, findings, the screen, back and start over.
//! - [`check_form`]: "check my ticket": reference and code, or a status link.
//! - [`lang_switch`], [`error_panel`]: the language switch and the load-failure message.

pub mod check_form;
pub mod error_panel;
pub mod fields;
pub mod findings;
pub mod handoff;
pub mod lang_switch;
pub mod markdown;
pub mod nodes;
pub mod prompt;
pub mod talk;
pub mod transcript;
pub mod walk_view;
