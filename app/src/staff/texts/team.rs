//! Texts of the staff workspace's team screen.

#[derive(Debug)]
pub struct TeamTexts {
    pub title: &'static str,
}

pub const EN: TeamTexts = TeamTexts { title: "Team" };

pub const DE: TeamTexts = TeamTexts { title: "Team" };
