//! Texts of the trees screens: the list with figures and one tree's graph.

#[derive(Debug)]
pub struct TreesTexts {
    pub nav: &'static str,
    pub title: &'static str,
}

pub const EN: TreesTexts = TreesTexts {
    nav: "Trees",
    title: "Trees and their figures",
};

pub const DE: TreesTexts = TreesTexts {
    nav: "Bäume",
    title: "Bäume und ihre Zahlen",
};
