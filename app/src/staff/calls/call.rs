//! A call as plain data: who called, the topic, the moves made on the phone, the
//! agent's notes per step, and how it ended.
//!
//! Only the moves are the walk (the engine replays them against the tree, as the
//! server does), so the call survives a reload from the tab's session storage and
//! going back is "one move less". Notes are keyed by the number of moves made when
//! they were written ([`StepNote::step`]): going back and forth keeps them, and what
//! is sent are only the notes of steps the walk still has.

use domain::api::{CallTicket, Contact, HandoverStatus, MAX_NOTE_CHARS, MAX_NOTES, StepNote};
use domain::walk::Step;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The caller's details as typed on the new-call form (or in the dialog, for a caller
/// who came by handover code).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Caller {
    pub name: String,
    pub phone: String,
    pub email: String,
}

impl Caller {
    /// As the API takes it: trimmed, empty details left out.
    pub fn contact(&self) -> Contact {
        let some = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        Contact {
            name: self.name.trim().to_owned(),
            email: some(&self.email),
            phone: some(&self.phone),
        }
    }
}

/// A portal walk the agent took over by code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Linked {
    pub id: i64,
    /// The newest revision seen; moves are sent with it.
    pub revision: i64,
    pub status: HandoverStatus,
    /// Who ended it, when it ended: `true` the caller.
    pub ended_by_caller: bool,
    pub diagnostics: BTreeMap<String, String>,
}

/// How a call ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Outcome {
    /// A ticket for the 2nd level.
    Escalated(CallTicket),
    /// Solved on the call; with a closed ticket when one was kept for the record.
    Solved(Option<CallTicket>),
}

/// One call from "Start call" to "New call".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Call {
    pub caller: Caller,
    pub tree: String,
    pub transcript: Vec<Step>,
    /// Notes by the number of moves made when they were written.
    pub notes: BTreeMap<usize, String>,
    /// When the call started, ms since the epoch (the agent's clock).
    pub started_at: i64,
    /// The `Idempotency-Key` of this call's hand-off or solved record: made once, so
    /// a retry after a lost answer cannot make a second ticket.
    pub key: String,
    /// The caller's language, for the ticket's replies (`de`, `en`).
    pub language: String,
    #[serde(default)]
    pub handover: Option<Linked>,
    #[serde(default)]
    pub outcome: Option<Outcome>,
}

impl Call {
    pub fn new(caller: Caller, tree: String, language: &str, started_at: i64, key: String) -> Call {
        Call {
            caller,
            tree,
            transcript: Vec::new(),
            notes: BTreeMap::new(),
            started_at,
            key,
            language: language.to_owned(),
            handover: None,
            outcome: None,
        }
    }

    /// The note at the step where the walk stands now.
    pub fn note_here(&self) -> String {
        self.notes
            .get(&self.transcript.len())
            .cloned()
            .unwrap_or_default()
    }

    /// Writes the note at the step where the walk stands (an empty one is dropped).
    pub fn set_note_here(&mut self, text: String) {
        let step = self.transcript.len();
        if text.trim().is_empty() {
            self.notes.remove(&step);
        } else {
            self.notes.insert(step, text);
        }
    }

    /// The notes to send: those of steps the walk has (up to where it stands),
    /// trimmed, within the API's limits.
    pub fn notes_to_send(&self) -> Vec<StepNote> {
        self.notes
            .range(..=self.transcript.len())
            .filter_map(|(step, text)| {
                let text = text.trim();
                (!text.is_empty()).then(|| StepNote {
                    step: *step,
                    text: text.chars().take(MAX_NOTE_CHARS).collect(),
                })
            })
            .take(MAX_NOTES)
            .collect()
    }

    /// Whether the call still takes moves.
    pub fn is_open(&self) -> bool {
        self.outcome.is_none() && self.handover.as_ref().is_none_or(|h| h.status.is_live())
    }
}

/// A first summary for the hand-off from the notes: one line per step with a note,
/// `title: note`, in the order of the walk. The agent edits it before sending.
pub fn summary_from_notes(steps: &[(String, String)]) -> String {
    steps
        .iter()
        .filter(|(_, note)| !note.trim().is_empty())
        .map(|(title, note)| {
            let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
            // Step titles often end in a colon ("Clear the jam:").
            let title = title.trim().trim_end_matches(':').trim_end();
            if title.is_empty() {
                format!("- {note}")
            } else {
                format!("- {title}: {note}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// An `Idempotency-Key` from 16 random bytes.
pub fn key_from(random: [u8; 16]) -> String {
    let hex: String = random.iter().map(|b| format!("{b:02x}")).collect();
    format!("call-{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::walk::Move;

    fn step(node: &str) -> Step {
        Step {
            tree: "printer".into(),
            node: node.into(),
            at: 0,
            made: Move::Answer { index: 0 },
        }
    }

    fn call() -> Call {
        Call::new(Caller::default(), "printer".into(), "de", 0, "k".into())
    }

    #[test]
    fn notes_stay_with_their_step_when_going_back_and_forth() {
        let mut call = call();
        call.set_note_here("prints nothing".into());
        call.transcript.push(step("start"));
        call.set_note_here("  jam in tray 2 ".into());
        assert_eq!(call.note_here(), "  jam in tray 2 ");
        // Back one step: the first note shows again, the second is kept.
        call.transcript.pop();
        assert_eq!(call.note_here(), "prints nothing");
        assert_eq!(
            call.notes_to_send().len(),
            1,
            "a note past the walk is not sent"
        );
        call.transcript.push(step("start"));
        assert_eq!(
            call.notes_to_send(),
            [
                StepNote {
                    step: 0,
                    text: "prints nothing".into()
                },
                StepNote {
                    step: 1,
                    text: "jam in tray 2".into()
                },
            ]
        );
        // Emptying a note removes it.
        call.set_note_here("   ".into());
        assert_eq!(call.notes_to_send().len(), 1);
    }

    #[test]
    fn long_notes_are_cut_to_the_limit() {
        let mut call = call();
        call.set_note_here("x".repeat(MAX_NOTE_CHARS + 10));
        assert_eq!(call.notes_to_send()[0].text.chars().count(), MAX_NOTE_CHARS);
    }

    #[test]
    fn the_summary_lists_the_steps_with_notes() {
        let steps = [
            (
                "What happens?".to_owned(),
                "paper jam\n  in tray 2".to_owned(),
            ),
            ("Clear the jam:".to_owned(), "  ".to_owned()),
            ("Restart it:".to_owned(), "did not help".to_owned()),
            (String::new(), "caller in a hurry".to_owned()),
        ];
        assert_eq!(
            summary_from_notes(&steps),
            "- What happens?: paper jam in tray 2\n- Restart it: did not help\n- caller in a hurry"
        );
        assert_eq!(summary_from_notes(&[]), "");
    }

    #[test]
    fn the_contact_leaves_out_what_was_not_given() {
        let caller = Caller {
            name: " Erika ".into(),
            phone: " ".into(),
            email: "e@example.org".into(),
        };
        let contact = caller.contact();
        assert_eq!(contact.name, "Erika");
        assert_eq!(contact.phone, None);
        assert_eq!(contact.email.as_deref(), Some("e@example.org"));
    }

    #[test]
    fn keys_differ_and_read_as_text() {
        assert_eq!(key_from([0xab; 16]), format!("call-{}", "ab".repeat(16)));
        assert_ne!(key_from([1; 16]), key_from([2; 16]));
    }
}
