//! A walk without the personal data people typed into it: what is left when a ticket's
//! personal data are erased (on request, or after the retention time).
//!
//! Kept: the path, the answers picked, whether steps helped, the checks' results and
//! every timestamp, so the tree's statistics and the "tree gaps" stay true. Taken out:
//! the values of input fields (names, device labels, addresses people typed) from the
//! transcript and from the facts they set.

use super::{Move, Walk};

impl Walk {
    /// This walk with every typed value blanked (see the module docs).
    pub fn erased(&self) -> Walk {
        let mut walk = self.clone();
        for step in &mut walk.transcript {
            if let Move::Values { values } = &mut step.made {
                for (field, value) in values.iter_mut() {
                    value.clear();
                    walk.facts.remove(field);
                }
            }
        }
        walk
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::walk::{Place, Step};
    use std::collections::BTreeMap;

    #[test]
    fn typed_values_go_and_everything_else_stays() {
        let step = |node: &str, made: Move| Step {
            tree: "printer".into(),
            node: node.into(),
            at: 7,
            made,
        };
        let walk = Walk {
            tree: "printer".into(),
            versions: BTreeMap::from([("printer".into(), "v1".into())]),
            transcript: vec![
                step("start", Move::Answer { index: 2 }),
                step(
                    "details",
                    Move::Values {
                        values: BTreeMap::from([
                            ("printer_name".into(), "HP of Jörg Müller".into()),
                            ("location".into(), "Room 4.12".into()),
                        ]),
                    },
                ),
                step(
                    "check",
                    Move::Checked {
                        outcome: "online".into(),
                        value: "true".into(),
                    },
                ),
            ],
            facts: BTreeMap::from([
                ("printer_name".into(), "HP of Jörg Müller".into()),
                ("os".into(), "linux".into()),
            ]),
            path: vec![Place {
                tree: "printer".into(),
                node: "start".into(),
            }],
            end: Some(crate::walk::End::Escalated),
        };
        let erased = walk.erased();
        let text = serde_json::to_string(&erased).unwrap();
        assert!(
            !text.contains("Müller") && !text.contains("Room 4.12"),
            "{text}"
        );
        assert_eq!(
            erased.facts,
            BTreeMap::from([("os".into(), "linux".into())])
        );
        assert_eq!(erased.transcript[0], walk.transcript[0]);
        assert_eq!(erased.transcript[2], walk.transcript[2]);
        assert_eq!(
            erased.transcript[1].made,
            Move::Values {
                values: BTreeMap::from([
                    ("location".into(), String::new()),
                    ("printer_name".into(), String::new()),
                ])
            }
        );
        assert_eq!((erased.path, erased.end), (walk.path, walk.end));
    }
}
