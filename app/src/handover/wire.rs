//! The handover state as this page reads it off the wire: only the parts it shows or
//! acts on, and the walk's moves as plain records.
//!
//! `domain::api::HandoverState` carries a whole `Walk`, whose `Step` is a flattened,
//! internally tagged enum; deserializing that (and the facts, path and diagnostics the
//! page never shows) cost the portal bundle about 35 KB of brotli. A flat record per
//! move, turned into a `Step` by hand, costs a fraction (`walk/saved.rs` does the same
//! for the kept walk). The test below reads the domain type's own JSON, so the two
//! cannot drift apart unnoticed.

use domain::api::{HandoverStatus, HandoverTicket, Party};
use domain::walk::{Move, Step};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A session as the caller's side reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    pub id: i64,
    pub revision: i64,
    pub status: HandoverStatus,
    pub agent: Option<String>,
    /// The walk's moves as the server replayed them.
    pub transcript: Vec<Step>,
    pub expires_at: i64,
    pub ended_by: Option<Party>,
    pub ticket: Option<HandoverTicket>,
}

/// `HandoverCreated`, read the same way.
#[derive(Debug, Clone, Deserialize)]
pub struct Created {
    pub id: i64,
    pub code: String,
    pub token: String,
    pub expires_at: i64,
    #[serde(default)]
    pub phone: Option<String>,
    pub state: Shared,
}

#[derive(Deserialize)]
struct SharedWire {
    id: i64,
    revision: i64,
    status: HandoverStatus,
    #[serde(default)]
    agent: Option<String>,
    walk: WalkWire,
    expires_at: i64,
    #[serde(default)]
    ended_by: Option<Party>,
    #[serde(default)]
    ticket: Option<HandoverTicket>,
}

#[derive(Deserialize)]
struct WalkWire {
    transcript: Vec<StepWire>,
}

/// A `Step` as JSON has it: `{tree, node, at, move, …the move's fields}`.
#[derive(Deserialize)]
struct StepWire {
    tree: String,
    node: String,
    at: u64,
    #[serde(rename = "move")]
    kind: String,
    #[serde(default)]
    index: Option<usize>,
    #[serde(default)]
    helped: Option<bool>,
    #[serde(default)]
    values: Option<BTreeMap<String, String>>,
    #[serde(default)]
    outcome: Option<String>,
    #[serde(default)]
    value: Option<String>,
}

impl StepWire {
    fn step(self) -> Result<Step, String> {
        let made = match self.kind.as_str() {
            "answer" => Move::Answer {
                index: self.index.ok_or("index")?,
            },
            "helped" => Move::Helped {
                helped: self.helped.ok_or("helped")?,
            },
            "values" => Move::Values {
                values: self.values.unwrap_or_default(),
            },
            "checked" => Move::Checked {
                outcome: self.outcome.ok_or("outcome")?,
                value: self.value.unwrap_or_default(),
            },
            other => return Err(format!("move {other}")),
        };
        Ok(Step {
            tree: self.tree,
            node: self.node,
            at: self.at,
            made,
        })
    }
}

impl<'de> Deserialize<'de> for Shared {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Shared, D::Error> {
        let wire = SharedWire::deserialize(d)?;
        let transcript = wire
            .walk
            .transcript
            .into_iter()
            .map(StepWire::step)
            .collect::<Result<_, _>>()
            .map_err(serde::de::Error::custom)?;
        Ok(Shared {
            id: wire.id,
            revision: wire.revision,
            status: wire.status,
            agent: wire.agent,
            transcript,
            expires_at: wire.expires_at,
            ended_by: wire.ended_by,
            ticket: wire.ticket,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::Walk;
    use domain::api::HandoverState;

    #[test]
    fn reads_the_domain_types_own_json() {
        let step = |node: &str, made| Step {
            tree: "printer".into(),
            node: node.into(),
            at: 1_700_000_000_000,
            made,
        };
        let transcript = vec![
            step("start", Move::Answer { index: 2 }),
            step("jam", Move::Helped { helped: false }),
            step(
                "details",
                Move::Values {
                    values: BTreeMap::from([("printer_name".into(), "HP".into())]),
                },
            ),
            step(
                "ping",
                Move::Checked {
                    outcome: "fast".into(),
                    value: "42".into(),
                },
            ),
        ];
        let state = HandoverState {
            id: 9,
            revision: 4,
            status: HandoverStatus::Escalated,
            agent: Some("Kim".into()),
            walk: Walk {
                tree: "printer".into(),
                versions: BTreeMap::from([("printer".into(), "v1".into())]),
                transcript: transcript.clone(),
                facts: Default::default(),
                path: Vec::new(),
                end: None,
            },
            diagnostics: BTreeMap::from([("browser.online".into(), "yes".into())]),
            language: "de".into(),
            created_at: 1,
            expires_at: 2,
            ended_by: Some(Party::Agent),
            ticket: Some(HandoverTicket {
                reference: "K7M4-QX9P".into(),
                token: Some("tok".into()),
                id: None,
            }),
        };
        let json = serde_json::to_string(&state).unwrap();
        let shared: Shared = serde_json::from_str(&json).unwrap();
        assert_eq!(
            shared,
            Shared {
                id: 9,
                revision: 4,
                status: HandoverStatus::Escalated,
                agent: Some("Kim".into()),
                transcript,
                expires_at: 2,
                ended_by: Some(Party::Agent),
                ticket: state.ticket.clone(),
            }
        );
    }
}
