//! Texts of a tree's versions screen: upload, draft, preview, diff, publish.

#[derive(Debug)]
pub struct AuthoringTexts {
    pub title: &'static str,
}

pub const EN: AuthoringTexts = AuthoringTexts {
    title: "Versions of {tree}",
};

pub const DE: AuthoringTexts = AuthoringTexts {
    title: "Versionen von {tree}",
};
