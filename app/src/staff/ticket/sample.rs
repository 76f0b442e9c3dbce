//! A ticket for unit tests: the shipped printer tree, walked to its paper-jam hand-off
//! by the engine itself, in a ticket detail as the server sends it.

use domain::api::TicketDetail;
use domain::walk::{Move, Step};
use domain::{Catalog, Walk};
use std::collections::BTreeMap;

/// The printer tree's walk to a hand-off: paper jam, clearing it did not help, the
/// printer's details; and the catalog it was walked on.
pub fn printer_ticket() -> (TicketDetail, Catalog) {
    let tree = domain::tree::parse(include_str!("../../../../trees/printer.toml")).unwrap();
    let catalog = Catalog::trusted([(tree, "v1".to_owned())]);
    let step = |node: &str, at: u64, made: Move| Step {
        tree: "printer".into(),
        node: node.into(),
        at,
        made,
    };
    let values: BTreeMap<String, String> = [
        ("printer_name", "HP LaserJet 2.OG"),
        ("location", "Building B"),
        ("affected_users", "1"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let transcript = vec![
        step("start", 1_000, Move::Answer { index: 2 }),
        step("device_message", 2_000, Move::Answer { index: 0 }),
        step("jam", 3_000, Move::Helped { helped: false }),
        step("details", 4_000, Move::Values { values }),
    ];
    let walk: Walk = domain::replay(&catalog, "printer", &transcript).unwrap();
    let json = serde_json::json!({
        "id": 7, "reference": "K7M4-QX9P", "status": "new", "priority": 4,
        "queue": "workplace", "tree": "printer", "escalated_at_node": "printer/escalate_single",
        "channel": "web", "contact_name": "Anna", "created_at": 0, "due_at": 1,
        "updated_at": 0, "revision": 1, "tree_version": "v1",
        "impact": "low", "urgency": "medium", "contact": { "name": "Anna" },
        "description": "Paper jam", "language": "de", "walk": walk,
        "diagnostics": {}, "attachments": [], "thread": [], "audit": [], "actions": []
    });
    (serde_json::from_value(json).unwrap(), catalog)
}
