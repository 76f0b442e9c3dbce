//! Texts of the Queue screen, and the names of priorities and statuses every screen
//! uses.

#[derive(Debug)]
pub struct QueueTexts {
    pub title: &'static str,
    pub priority_1: &'static str,
    pub priority_2: &'static str,
    pub priority_3: &'static str,
    pub priority_4: &'static str,
    pub priority_5: &'static str,
    pub status_new: &'static str,
    pub status_claimed: &'static str,
    pub status_waiting: &'static str,
    pub status_resolved: &'static str,
    pub status_closed: &'static str,
    pub status_returned: &'static str,
}

pub const EN: QueueTexts = QueueTexts {
    title: "Queue",
    priority_1: "critical",
    priority_2: "high",
    priority_3: "medium",
    priority_4: "low",
    priority_5: "planning",
    status_new: "New",
    status_claimed: "In work",
    status_waiting: "Waiting for user",
    status_resolved: "Resolved",
    status_closed: "Closed",
    status_returned: "Returned to 1st level",
};

pub const DE: QueueTexts = QueueTexts {
    title: "Warteschlange",
    priority_1: "kritisch",
    priority_2: "hoch",
    priority_3: "mittel",
    priority_4: "niedrig",
    priority_5: "Planung",
    status_new: "Neu",
    status_claimed: "In Arbeit",
    status_waiting: "Wartet auf Rückmeldung",
    status_resolved: "Gelöst",
    status_closed: "Geschlossen",
    status_returned: "Zurück an 1st Level",
};
