//! Texts of the tree gaps screen.

#[derive(Debug)]
pub struct GapsTexts {
    pub nav: &'static str,
    pub title: &'static str,
}

pub const EN: GapsTexts = GapsTexts {
    nav: "Tree gaps",
    title: "Tree gaps",
};

pub const DE: GapsTexts = GapsTexts {
    nav: "Baumlücken",
    title: "Baumlücken",
};
