//! Texts of the staff workspace's admin screen.

#[derive(Debug)]
pub struct AdminTexts {
    pub title: &'static str,
}

pub const EN: AdminTexts = AdminTexts { title: "Admin" };

pub const DE: AdminTexts = AdminTexts { title: "Admin" };
