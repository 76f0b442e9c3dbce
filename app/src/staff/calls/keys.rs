//! Number keys on the call's walk: `1`–`9` pick the answer with that number (for a
//! step: `1` it helped, `2` it did not; for a check: the outcomes in order).
//!
//! Never while the agent types in a field (a note, a form, the dialog), never with
//! Ctrl, Alt or Meta held (those belong to the browser and the screen reader), and
//! never past the answers there are.

use crate::staff::key_target::KeyTarget;
use leptos::ev;
use leptos::prelude::*;

/// A key press as far as the walk cares.
#[derive(Debug, Clone, Copy, Default)]
pub struct Press<'a> {
    /// `KeyboardEvent.key`.
    pub key: &'a str,
    /// Ctrl, Alt or Meta held.
    pub modified: bool,
    /// The focus is in a field that takes text, or a dialog is open.
    pub typing: bool,
}

/// The answer (0-based) a key picks among `answers`, if it picks one.
pub fn pick(press: Press, answers: usize) -> Option<usize> {
    if press.typing || press.modified {
        return None;
    }
    let mut chars = press.key.chars();
    let (Some(digit), None) = (chars.next(), chars.next()) else {
        return None;
    };
    let n = digit.to_digit(10)? as usize;
    (1..=answers.min(9)).contains(&n).then(|| n - 1)
}

/// Calls `on_pick` with the answer a number key picks; `answers` says how many the
/// screen has now (0: none, e.g. a form).
pub fn listen(answers: impl Fn() -> usize + 'static, on_pick: impl Fn(usize) + 'static) {
    let handle = window_event_listener(ev::keydown, move |event| {
        if event.default_prevented() {
            return;
        }
        let target = KeyTarget::of(&event);
        let key = event.key();
        let press = Press {
            key: &key,
            modified: event.ctrl_key() || event.alt_key() || event.meta_key(),
            typing: target.typing() || target.in_dialog,
        };
        if let Some(index) = pick(press, answers()) {
            event.prevent_default();
            on_pick(index);
        }
    });
    on_cleanup(move || handle.remove());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: &str, answers: usize) -> Option<usize> {
        pick(
            Press {
                key,
                ..Press::default()
            },
            answers,
        )
    }

    #[test]
    fn digits_pick_the_answer_with_that_number() {
        assert_eq!(key("1", 3), Some(0));
        assert_eq!(key("3", 3), Some(2));
        assert_eq!(key("4", 3), None);
        assert_eq!(key("0", 3), None);
        assert_eq!(key("9", 12), Some(8));
        assert_eq!(key("2", 2), Some(1), "a step: 2 is 'did not help'");
        assert_eq!(key("1", 0), None, "a form has no numbered answers");
        assert_eq!(key("a", 3), None);
        assert_eq!(key("12", 20), None);
        assert_eq!(key("F1", 3), None);
    }

    #[test]
    fn never_while_typing_or_with_modifiers() {
        let typing = Press {
            key: "1",
            typing: true,
            ..Press::default()
        };
        assert_eq!(pick(typing, 3), None);
        let modified = Press {
            key: "1",
            modified: true,
            ..Press::default()
        };
        assert_eq!(pick(modified, 3), None);
    }
}
