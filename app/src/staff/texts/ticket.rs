//! Texts of the staff workspace's ticket screen.

#[derive(Debug)]
pub struct TicketTexts {
    pub title: &'static str,
}

pub const EN: TicketTexts = TicketTexts { title: "Ticket" };

pub const DE: TicketTexts = TicketTexts { title: "Ticket" };
