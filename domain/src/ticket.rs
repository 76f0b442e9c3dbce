//! Tickets: the status workflow as an explicit state machine, ITIL priority from impact
//! and urgency, and the human-friendly reference format.
//!
//! Pure rules, shared by the server (which enforces them) and the staff screens (which
//! offer only the actions the state allows).

use crate::tree::Level;
use serde::{Deserialize, Serialize};

/// Where a ticket stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Handed off, nobody works on it yet.
    New,
    /// A specialist holds it.
    Claimed,
    /// The holder asked the user something.
    WaitingForUser,
    Resolved,
    Closed,
    /// Sent back to the 1st level with instructions.
    Returned,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::New,
        Status::Claimed,
        Status::WaitingForUser,
        Status::Resolved,
        Status::Closed,
        Status::Returned,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Claimed => "claimed",
            Status::WaitingForUser => "waiting_for_user",
            Status::Resolved => "resolved",
            Status::Closed => "closed",
            Status::Returned => "returned",
        }
    }

    pub fn parse(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Whether the case still needs work.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Resolved | Status::Closed)
    }
}

/// Something a person does to a ticket's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Claim,
    Release,
    Assign,
    WaitForUser,
    /// The user answered while the ticket waited for them.
    UserReplied,
    Resolve,
    /// The user marked it "solved myself".
    SolvedByUser,
    ReturnToFirstLevel,
    Close,
    Reopen,
}

impl Action {
    pub const ALL: [Action; 10] = [
        Action::Claim,
        Action::Release,
        Action::Assign,
        Action::WaitForUser,
        Action::UserReplied,
        Action::Resolve,
        Action::SolvedByUser,
        Action::ReturnToFirstLevel,
        Action::Close,
        Action::Reopen,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Action::Claim => "claim",
            Action::Release => "release",
            Action::Assign => "assign",
            Action::WaitForUser => "wait_for_user",
            Action::UserReplied => "user_replied",
            Action::Resolve => "resolve",
            Action::SolvedByUser => "solved_by_user",
            Action::ReturnToFirstLevel => "return_to_first_level",
            Action::Close => "close",
            Action::Reopen => "reopen",
        }
    }
}

/// The status an action leads to from `from`, or `None` if the action is not allowed
/// there. This table is the whole workflow.
pub fn transition(from: Status, action: Action) -> Option<Status> {
    use Action as A;
    use Status as S;
    match (from, action) {
        (S::New | S::Returned, A::Claim) => Some(S::Claimed),
        (S::Claimed | S::WaitingForUser, A::Release) => Some(S::New),
        (S::New | S::Claimed | S::WaitingForUser | S::Returned, A::Assign) => Some(S::Claimed),
        (S::Claimed, A::WaitForUser) => Some(S::WaitingForUser),
        (S::WaitingForUser, A::UserReplied) => Some(S::Claimed),
        (S::Claimed | S::WaitingForUser, A::Resolve) => Some(S::Resolved),
        (S::New | S::Claimed | S::WaitingForUser | S::Returned, A::SolvedByUser) => {
            Some(S::Resolved)
        }
        (S::Claimed | S::WaitingForUser, A::ReturnToFirstLevel) => Some(S::Returned),
        (S::New | S::Resolved | S::Returned, A::Close) => Some(S::Closed),
        (S::Resolved, A::Reopen) => Some(S::Claimed),
        _ => None,
    }
}

/// The actions allowed from `from`, for error messages and for the staff screens.
pub fn legal_actions(from: Status) -> Vec<Action> {
    Action::ALL
        .into_iter()
        .filter(|a| transition(from, *a).is_some())
        .collect()
}

/// Priority 1 (critical) to 5 (planning).
pub type Priority = u8;

/// Maps impact and urgency to a priority: rows are impact high, medium, low; columns
/// urgency high, medium, low.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PriorityMatrix(pub [[Priority; 3]; 3]);

impl Default for PriorityMatrix {
    /// The ITIL matrix most service desks start from.
    fn default() -> Self {
        PriorityMatrix([[1, 2, 3], [2, 3, 4], [3, 4, 5]])
    }
}

impl PriorityMatrix {
    pub fn priority(&self, impact: Level, urgency: Level) -> Priority {
        let index = |l: Level| match l {
            Level::High => 0,
            Level::Medium => 1,
            Level::Low => 2,
        };
        self.0[index(impact)][index(urgency)]
    }
}

/// Characters of references: no 0/O, 1/I/L, so a reference read over the phone cannot
/// be misheard as another.
pub const REFERENCE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// A reference from 8 random bytes: `XXXX-XXXX` (31^8, about 40 bits).
pub fn reference_from(random: [u8; 8]) -> String {
    let mut out = String::with_capacity(9);
    for (i, b) in random.iter().enumerate() {
        if i == 4 {
            out.push('-');
        }
        out.push(REFERENCE_ALPHABET[*b as usize % REFERENCE_ALPHABET.len()] as char);
    }
    out
}

/// Normalises what a person typed or said (`abcd efgh`, `ABCD-EFGH`, `abcdefgh`) to
/// the stored form, or `None` if it cannot be a reference.
pub fn normalize_reference(input: &str) -> Option<String> {
    let chars: Vec<char> = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if chars.len() != 8
        || !chars
            .iter()
            .all(|c| REFERENCE_ALPHABET.contains(&(*c as u8)))
    {
        return None;
    }
    let mut out: String = chars[..4].iter().collect();
    out.push('-');
    out.extend(&chars[4..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_allows_what_staff_need_and_nothing_else() {
        assert_eq!(
            transition(Status::New, Action::Claim),
            Some(Status::Claimed)
        );
        assert_eq!(
            transition(Status::Claimed, Action::Claim),
            None,
            "no double claim"
        );
        assert_eq!(
            transition(Status::Closed, Action::Reopen),
            None,
            "closed is final"
        );
        assert!(legal_actions(Status::Closed).is_empty());
        assert_eq!(
            legal_actions(Status::New),
            vec![
                Action::Claim,
                Action::Assign,
                Action::SolvedByUser,
                Action::Close
            ]
        );
        assert_eq!(
            transition(Status::WaitingForUser, Action::UserReplied),
            Some(Status::Claimed)
        );
    }

    #[test]
    fn itil_priorities() {
        let m = PriorityMatrix::default();
        assert_eq!(m.priority(Level::High, Level::High), 1);
        assert_eq!(m.priority(Level::Low, Level::Low), 5);
        assert_eq!(m.priority(Level::Medium, Level::High), 2);
        assert_eq!(m.priority(Level::High, Level::Low), 3);
    }

    #[test]
    fn references_are_readable_and_normalised() {
        let r = reference_from([0, 1, 2, 3, 30, 31, 200, 255]);
        assert_eq!(r.len(), 9);
        assert_eq!(&r[4..5], "-");
        assert!(
            r.chars()
                .all(|c| c == '-' || REFERENCE_ALPHABET.contains(&(c as u8)))
        );
        assert_eq!(
            normalize_reference(&r.to_lowercase().replace('-', " ")),
            Some(r.clone())
        );
        assert_eq!(
            normalize_reference("ABCD-EFG0"),
            None,
            "0 is not in the alphabet"
        );
        assert_eq!(normalize_reference("ABC"), None);
    }
}
