//! The choices of the action dialogs, worked out from data: the tree nodes a
//! resolution can name as "should have helped" (the nodes the walk passed first, then
//! every other node of its trees, by title), and the colleagues a ticket can be
//! assigned to (the queue's people first; for admins, everyone else who works
//! tickets).

use crate::components::prompt::summary;
use domain::Catalog;
use domain::api::{Holder, QueueInfo, Role, StaffMember, TicketDetail};
use std::collections::BTreeSet;

/// Longest node title in the list; the rest is cut with an ellipsis.
const TITLE_MAX: usize = 90;

/// One node to choose: `tree/node` and its title.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// The nodes a gap can name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GapChoices {
    /// Nodes the walk passed, in its order.
    pub walked: Vec<Choice>,
    /// Every other node that shows something, per tree (its title), by label.
    pub others: Vec<(String, Vec<Choice>)>,
}

fn cut(text: String) -> String {
    if text.chars().count() <= TITLE_MAX {
        return text;
    }
    let cut: String = text.chars().take(TITLE_MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut} …")
}

/// The nodes of the walk's trees a resolution can name, in `lang`.
pub fn gap_choices(detail: &TicketDetail, catalog: Option<&Catalog>, lang: &str) -> GapChoices {
    let Some(catalog) = catalog else {
        return GapChoices::default();
    };
    let label = |tree: &str, node: &str| -> Option<String> {
        let text = catalog.tree(tree)?.node(node)?.prompt()?.text.get(lang);
        Some(cut(summary(text))).filter(|l| !l.is_empty())
    };
    let mut seen = BTreeSet::new();
    let walked: Vec<Choice> = detail
        .walk
        .path
        .iter()
        .filter_map(|p| {
            let value = format!("{}/{}", p.tree, p.node);
            let label = label(&p.tree, &p.node)?;
            seen.insert(value.clone())
                .then_some(Choice { value, label })
        })
        .collect();
    let others = detail
        .walk
        .versions
        .keys()
        .filter_map(|id| {
            let tree = catalog.tree(id)?;
            let mut list: Vec<Choice> = tree
                .nodes
                .keys()
                .filter_map(|node| {
                    let value = format!("{id}/{node}");
                    let label = label(id, node)?;
                    (!seen.contains(&value)).then_some(Choice { value, label })
                })
                .collect();
            list.sort_by(|a, b| a.label.cmp(&b.label));
            (!list.is_empty()).then(|| (tree.title.get(lang).to_owned(), list))
        })
        .collect();
    GapChoices { walked, others }
}

/// Colleagues a ticket can go to.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Candidates {
    /// Who works the ticket's queue.
    pub queue: Vec<Holder>,
    /// Every other active specialist and admin (only filled for admins).
    pub others: Vec<Holder>,
}

/// The people a ticket of `queue` held by `holder` can be assigned to: the queue's
/// (from `GET /queues`), and with `everyone` (`GET /staff`, admins only) all other
/// active specialists and admins; never its holder.
pub fn candidates(
    queues: &[QueueInfo],
    everyone: Option<&[StaffMember]>,
    queue: &str,
    holder: Option<i64>,
) -> Candidates {
    let mut ours: Vec<Holder> = queues
        .iter()
        .filter(|q| q.id == queue)
        .flat_map(|q| q.staff.iter().cloned())
        .filter(|h| Some(h.id) != holder)
        .collect();
    ours.sort_by(|a, b| a.name.cmp(&b.name));
    let mut others: Vec<Holder> = everyone
        .unwrap_or_default()
        .iter()
        .filter(|m| m.active && m.role >= Role::Specialist && Some(m.id) != holder)
        .filter(|m| !ours.iter().any(|h| h.id == m.id))
        .map(|m| Holder {
            id: m.id,
            name: m.name.clone(),
        })
        .collect();
    others.sort_by(|a, b| a.name.cmp(&b.name));
    Candidates {
        queue: ours,
        others,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::ticket::sample;
    use domain::tree::Localized;

    fn member(id: i64, name: &str, role: Role, active: bool) -> StaffMember {
        StaffMember {
            id,
            login: name.to_lowercase(),
            name: name.into(),
            role,
            queues: Vec::new(),
            active,
            must_change_password: false,
            last_seen_at: None,
        }
    }

    #[test]
    fn the_queues_people_come_first_and_the_holder_never() {
        let queues = vec![QueueInfo {
            id: "workplace".into(),
            name: Localized::default(),
            staff: vec![
                Holder {
                    id: 2,
                    name: "Sam".into(),
                },
                Holder {
                    id: 1,
                    name: "Kim".into(),
                },
            ],
        }];
        let plain = candidates(&queues, None, "workplace", Some(2));
        assert_eq!(
            plain.queue,
            vec![Holder {
                id: 1,
                name: "Kim".into()
            }]
        );
        assert!(plain.others.is_empty());
        let everyone = [
            member(1, "Kim", Role::Specialist, true),
            member(3, "Ada", Role::Admin, true),
            member(4, "Al", Role::Agent, true),
            member(5, "Old", Role::Specialist, false),
        ];
        let admin = candidates(&queues, Some(&everyone), "workplace", Some(2));
        assert_eq!(
            admin.others,
            vec![Holder {
                id: 3,
                name: "Ada".into()
            }]
        );
    }

    #[test]
    fn gap_nodes_are_the_walked_ones_first_then_the_rest_by_title() {
        let (detail, catalog) = sample::printer_ticket();
        let choices = gap_choices(&detail, Some(&catalog), "en");
        let walked: Vec<&str> = choices.walked.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(
            walked,
            [
                "printer/start",
                "printer/device_message",
                "printer/jam",
                "printer/details",
                "printer/escalate_single"
            ]
        );
        assert_eq!(choices.walked[2].label, "Clear the paper jam:");
        let (tree, others) = &choices.others[0];
        assert_eq!(tree, "Printer won’t print");
        assert!(others.iter().all(|c| !walked.contains(&c.value.as_str())));
        assert!(others.windows(2).all(|w| w[0].label <= w[1].label));
        assert_eq!(gap_choices(&detail, None, "en"), GapChoices::default());
    }
}
